/** One lint finding: valid YAML that is probably not what its author meant. */
export interface LintFinding {
  /** The object's kind. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Field path the finding is about (may be empty). */
  readonly path: string;
  /** What is wrong and the fix: `problem; fix: ...`. */
  readonly message: string;
  /** Stable id, e.g. `lint.prednat-without-deny`. */
  readonly rule: string;
}

/** Identity fields of a manifest, tolerant of malformed input. */
export function identityOf(doc: any): { kind: string; name: string; namespace?: string } {
  const kind = typeof doc?.kind === 'string' ? doc.kind : '<unknown>';
  const name = typeof doc?.metadata?.name === 'string' ? doc.metadata.name : '<unnamed>';
  const namespace = typeof doc?.metadata?.namespace === 'string' ? doc.metadata.namespace : undefined;
  return namespace ? { kind, name, namespace } : { kind, name };
}
