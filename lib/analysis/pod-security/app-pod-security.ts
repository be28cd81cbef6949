// Pod Security over a whole set of manifests: every workload's pod template against the level its namespace's
// `pod-security.kubernetes.io/<mode>` labels set (from the Namespace objects in the same manifests), or against one
// level for all. A namespace without a Namespace object or without the label is privileged (PSA's default): nothing
// to check.
import { objectIdentity, ValidationProblem } from '../../validation/problem';
import { guardArray, guardEnum, guardErrorDetail, guardKnownKeys, guardObject } from '../../model/primitives/guard';
import { checkPodSecurity, podTemplateOf, PodSecurityResult } from './check-pod-security';
import { podShapeErrors } from './checks/pod-shape';
import { obj, str } from './checks/pod-view';
import { parsePodSecurityLevel, parsePodSecurityVersion } from './levels';
import {
  formatLevelVersion,
  namespacePodSecurityPolicy,
  NamespacePodSecurityPolicy,
  PodSecurityLevelVersion,
  PodSecurityMode,
} from './namespace-policy';

/** Options of {@link evaluateAppPodSecurity} and {@link podSecurityProblems}. */
export interface AppPodSecurityOptions {
  /**
   * Check every workload against this level instead of its namespace's labels.
   * @default - each namespace's label for `mode`
   */
  readonly level?: string;
  /**
   * Policy version used with `level`: `latest` or `v1.N`.
   * @default 'latest'
   */
  readonly version?: string;
  /**
   * Which namespace label to follow when `level` is not given: `enforce` (pods are rejected), `warn` or `audit`.
   * @default 'enforce'
   */
  readonly mode?: PodSecurityMode;
}

/** One workload and its verdict. */
export interface WorkloadPodSecurity {
  /** The workload's kind. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
  /** Its namespace (`default` when it sets none). */
  readonly namespace: string;
  /** The policy applied, e.g. `restricted:latest`. */
  readonly policy: string;
  /** The verdict; field paths are relative to the workload object. */
  readonly result: PodSecurityResult;
}

/** Rule ID prefix of Pod Security problems: `psa.<checkId>`. */
export const POD_SECURITY_RULE_PREFIX = 'psa.';

/**
 * Rule ID of a workload field whose type the API server would refuse (`privileged: "true"`): reported as a problem by
 * {@link podSecurityProblems} (no check runs on that workload), thrown by {@link checkPodSecurity}.
 */
export const POD_SECURITY_INVALID_FIELD_RULE = 'psa.invalid-field';

/** Rule ID of a namespace label the API server would not accept. */
export const POD_SECURITY_LABEL_RULE = 'psa.invalid-label';

/** Documents, with `List` kinds (`kubectl get -o json`) flattened into their items. */
function flatten(docs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  // Indexed loops over the documents here: a for-of allocates per step until optimised (300,000 documents).
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    const o = obj(d);
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) out.push(...flatten(o.items));
    else out.push(d);
  }
  return out;
}

/** Every Namespace object's resolved policy, by name. */
function namespacePolicies(
  docs: readonly unknown[],
): Map<string, { doc: unknown; policy: NamespacePodSecurityPolicy }> {
  const out = new Map<string, { doc: unknown; policy: NamespacePodSecurityPolicy }>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    const o = obj(d);
    if (o.kind !== 'Namespace') continue; // (checked first: most documents are not Namespaces)
    const name = str(obj(o.metadata).name);
    if (name) out.set(name, { doc: d, policy: namespacePodSecurityPolicy(obj(o.metadata).labels) });
  }
  return out;
}

function fixedPolicy(options: AppPodSecurityOptions): PodSecurityLevelVersion | undefined {
  if (options.level === undefined) return undefined;
  const where = 'Pod Security check of the app';
  return {
    level: parsePodSecurityLevel(options.level, where, 'options.level'),
    version: parsePodSecurityVersion(options.version ?? 'latest', where, 'options.version'),
  };
}

/**
 * Evaluates every workload with a pod template in `docs` (Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets,
 * ReplicationControllers, Jobs, CronJobs, PodTemplates), in document order. Workloads whose namespace is privileged
 * are included, with an allowed result.
 * @throws Error when `options.level` or `options.version` is invalid, or when a workload has a field of the wrong type
 * (see {@link checkPodSecurity})
 */
export function evaluateAppPodSecurity(
  docs: readonly unknown[],
  options: AppPodSecurityOptions = {},
): WorkloadPodSecurity[] {
  return evaluateWorkloads(docs, options);
}

/**
 * Evaluates every workload; a workload of the wrong shape goes to `onInvalid` when given, else throws.
 * @param violationsOnly leave out workloads that cannot violate anything: those checked at the privileged level
 * (no check runs there, see activeChecks) whose fields have the right types (else checkPodSecurity refuses them)
 */
function evaluateWorkloads(
  docs: readonly unknown[],
  options: AppPodSecurityOptions,
  onInvalid?: (doc: unknown, err: Error) => void,
  violationsOnly = false,
  read?: AppDocuments,
): WorkloadPodSecurity[] {
  checkAppArguments(docs, options);
  const { all, namespaces } = read ?? readApp(docs);
  const fixed = fixedPolicy(options);
  const mode = options.mode ?? 'enforce';
  const out: WorkloadPodSecurity[] = [];
  let privileged: PodSecurityLevelVersion | undefined;
  for (let i = 0; i < all.length; i++) {
    const d = all[i];
    const o = obj(d);
    if (o.kind === undefined) continue;
    const template = podTemplateOf(d);
    if (!template) continue;
    const id = objectIdentity(d);
    const namespace = id.namespace ?? 'default';
    const lv =
      fixed ??
      namespaces.get(namespace)?.policy[mode] ??
      (privileged ??= { level: 'privileged', version: parsePodSecurityVersion('latest', 'psa') });
    if (violationsOnly && lv.level === 'privileged' && podShapeErrors(template.metadata, template.spec).length === 0)
      continue;
    let result: PodSecurityResult;
    try {
      result = checkPodSecurity(d, lv.level, { version: lv.version.label });
    } catch (e) {
      if (!onInvalid || !guardErrorDetail(e)) throw e;
      onInvalid(d, e as Error);
      continue;
    }
    out.push({ kind: id.kind, name: id.name, namespace, policy: formatLevelVersion(lv), result });
  }
  return out;
}

/** The documents flattened, and the Namespace objects' policies: read once per call (300,000 documents). */
interface AppDocuments {
  readonly all: readonly unknown[];
  readonly namespaces: ReturnType<typeof namespacePolicies>;
}

function readApp(docs: readonly unknown[]): AppDocuments {
  const all = flatten(docs);
  return { all, namespaces: namespacePolicies(all) };
}

/** Namespace labels the API server would reject, as problems on the Namespace objects (for the given mode only). */
function labelProblems(read: AppDocuments, mode: PodSecurityMode): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  for (const [, { doc, policy }] of read.namespaces) {
    for (const e of policy.labelErrors) {
      if (e.mode !== mode) continue;
      out.push({
        ...objectIdentity(doc),
        path: `metadata.labels[${e.label}]`,
        rule: POD_SECURITY_LABEL_RULE,
        message: `${e.label}: ${e.message}; fix: use privileged, baseline or restricted for the level and "latest" or "v1.N" for the version`,
      });
    }
  }
  return out;
}

/**
 * Pod Security violations as validation problems, one per offending field: rule `psa.<checkId>`, path relative to the
 * workload, message `violates Pod Security "restricted:latest" (check runAsNonRoot): ...; fix: ...`. Without
 * `options.level` each workload is checked against its namespace's `enforce` label (or `options.mode`'s), and bad
 * labels of that mode are reported on their Namespace objects. A workload with a field of the wrong type gets one
 * `psa.invalid-field` problem at that field instead of its checks.
 * @throws Error when `options.level` or `options.version` is invalid
 */
export function podSecurityProblems(
  docs: readonly unknown[],
  options: AppPodSecurityOptions = {},
): ValidationProblem[] {
  checkAppArguments(docs, options);
  const read = readApp(docs);
  const out: ValidationProblem[] = options.level === undefined ? labelProblems(read, options.mode ?? 'enforce') : [];
  const modeNote =
    options.level === undefined && (options.mode ?? 'enforce') !== 'enforce' ? ` in ${options.mode} mode` : '';
  const invalid = (doc: unknown, err: Error): void => {
    const detail = guardErrorDetail(err)!;
    out.push({
      ...objectIdentity(doc),
      path: detail.field,
      rule: POD_SECURITY_INVALID_FIELD_RULE,
      message: detail.detail,
    });
  };
  for (const w of evaluateWorkloads(docs, options, invalid, true, read)) {
    for (const v of w.result.violations) {
      out.push({
        kind: w.kind,
        name: w.name,
        namespace: w.namespace,
        path: v.fieldPath,
        rule: POD_SECURITY_RULE_PREFIX + v.check,
        message: `violates Pod Security "${w.policy}"${modeNote} (check ${v.check}): ${v.message}; fix: ${v.fix}`,
      });
    }
  }
  return out;
}

/** The documents are a list; the options are known, typed and spelt as the API names them. */
function checkAppArguments(docs: unknown, options: unknown): void {
  const where = 'Pod Security check of the app';
  // guardArray refuses a non-array; an array passes whatever it holds (not copied: 300,000 documents).
  if (!Array.isArray(docs))
    guardArray(docs, where, 'docs', (d) => d, {
      of: 'Kubernetes objects',
      fix: 'pass the parsed documents as a list, e.g. chart.toJson()',
    });
  const o = guardObject(options, where, 'options', { expected: 'an options object { level?, version?, mode? }' });
  guardKnownKeys(o, ['level', 'version', 'mode'], where, 'options');
  if (o.mode !== undefined) guardEnum(o.mode, ['enforce', 'warn', 'audit'], where, 'options.mode');
}
