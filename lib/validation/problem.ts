/**
 * One thing wrong with one Kubernetes object, as found by `validateManifests` or by a construct's
 * synth-time validation.
 */
export interface ValidationProblem {
  /** The object's `kind` (or `<unknown>` when it has none). */
  readonly kind: string;
  /** The object's `metadata.name` (or `<unnamed>`). */
  readonly name: string;
  /**
   * The object's `metadata.namespace`, when it has one.
   * @default - cluster-scoped or not set
   */
  readonly namespace?: string;
  /** Field path in the object, dotted with indexes: `spec.ingress[0].destination.ports`. Empty for the whole object. */
  readonly path: string;
  /** What is wrong and, where there is one, the fix: `problem; fix: ...`. */
  readonly message: string;
  /**
   * Stable identifier of the rule that fired, e.g. `calico.rule.ports-need-protocol`, `schema.required`,
   * `cel`, `k8s.schema`.
   */
  readonly rule: string;
  /**
   * Index (0-based) of the input document the problem is about, in the order the documents were read.
   * Lets the CLI point at the file, line and column the document came from.
   * @default - not known (problems from synth-time validation)
   */
  readonly document?: number;
  /**
   * Where in the input the problem is: the YAML node of `path` when it resolves, else the document start. Filled by the
   * CLI. `line` and `column` are 1-based.
   * @default - not known
   */
  readonly source?: ProblemSource;
}

/**
 * One lint finding: valid YAML that is probably not what its author meant (the lint rules, the RBAC risk analysis,
 * the node-access proof). Same shape as a validation problem (`kind`, `name`, `namespace?`, `path`, `message` with
 * its fix, `rule`), so tools print both alike. Named here, below the engines and the lint, so both import it from
 * validation (lib/lint/lint-finding.ts re-exports it).
 */
export type LintFinding = ValidationProblem;

/** A place in an input file: the file as given on the command line (`-` for stdin) and a 1-based line and column. */
export interface ProblemSource {
  /** The file as given on the command line, or `-` for stdin. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Renders a problem the way construct validations and the CLI print it: `path: message`. */
export function formatProblem(p: ValidationProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** A message in the house form `problem; fix: ...` split in two (`fix` empty when the message has none). */
export function splitFix(message: string): { problem: string; fix: string } {
  const at = message.indexOf('; fix: ');
  return at < 0
    ? { problem: message, fix: '' }
    : { problem: message.slice(0, at), fix: message.slice(at + '; fix: '.length) };
}

/** The identity a problem carries (`kind`, `metadata.name`, `metadata.namespace`), tolerant of malformed input. */
export function objectIdentity(doc: unknown): { kind: string; name: string; namespace?: string } {
  const d = (doc !== null && typeof doc === 'object' ? doc : {}) as { kind?: unknown; metadata?: unknown };
  const kind = typeof d.kind === 'string' && d.kind ? d.kind : '<unknown>';
  const meta = (
    d.metadata !== null && typeof d.metadata === 'object' && !Array.isArray(d.metadata) ? d.metadata : {}
  ) as { name?: unknown; namespace?: unknown };
  const name = typeof meta.name === 'string' && meta.name ? meta.name : '<unnamed>';
  const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : undefined;
  return namespace === undefined ? { kind, name } : { kind, name, namespace };
}
