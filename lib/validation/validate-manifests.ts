import { ValidationProblem } from './problem';
import { checkCalicoCrossObjectRules, checkCalicoRules } from './rules';
import { CALICO_GROUP, CALICO_VERSION } from './schema/crd-loader';
import { CalicoSchemaSet, checkObjectMeta } from './schema/crd-schema-validator';
import { comparePaths } from './schema/field-path';
import { isKubernetesBuiltinKind, K8S_SCHEMA_RULE, validateKubernetesObject } from './schema/kubernetes-schema';
import { FieldIssue } from './schema/schema-errors';

/** Options of {@link validateManifests}. */
export interface ValidateManifestsOptions {
  /**
   * Where the projectcalico.org/v3 CRDs are: a directory of CRD YAML files, or already-parsed CRD objects.
   * @default - env CALICO_CRDS_DIR, else ../shared/calico-crds/v3 relative to the package root (found by walking up
   * from this module to the folder whose package.json is named cdk8s-calico), else an error is thrown when a Calico
   * object has to be validated
   */
  readonly crds?: string | any[];
  /**
   * Check Kubernetes built-in kinds against the Kubernetes OpenAPI schemas.
   * @default true
   */
  readonly kubernetes?: boolean;
}

/** Rule id of problems with the documents themselves (not an object, no kind, no apiVersion). */
export const DOCUMENT_RULE = 'schema.document';
/** Rule id of objects whose Calico kind and apiVersion do not fit (only projectcalico.org/v3 is accepted). */
export const API_VERSION_RULE = 'calico.api-version';
/** Rule id of projectcalico.org objects of a kind the CRDs do not define. */
export const KIND_RULE = 'schema.kind';
/** Rule id reported when a validation step failed internally on a document (a bug; the other documents go on). */
export const INTERNAL_RULE = 'schema.internal';

/** Kinds of the projectcalico.org/v3 API, used to recognise Calico objects written with a wrong apiVersion. */
const CALICO_KINDS = new Set([
  'BGPConfiguration',
  'BGPFilter',
  'BGPPeer',
  'BlockAffinity',
  'CalicoNodeStatus',
  'ClusterInformation',
  'FelixConfiguration',
  'GlobalNetworkPolicy',
  'GlobalNetworkSet',
  'HostEndpoint',
  'IPAMBlock',
  'IPAMConfiguration',
  'IPAMConfig',
  'IPAMHandle',
  'IPPool',
  'IPReservation',
  'KubeControllersConfiguration',
  'NetworkPolicy',
  'NetworkSet',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'StagedNetworkPolicy',
  'Tier',
  'Profile',
  'WorkloadEndpoint',
  'Node',
]);

/**
 * Validates Kubernetes manifests offline, as strictly as the API server would on create:
 *
 * 1. `projectcalico.org/v3` objects against their CRD's `openAPIV3Schema` (after the API server's null pruning
 *    and defaulting): types, formats, enums, required fields, limits, patterns and unknown fields (reported as
 *    `unknown field "spec.foo"`), the ObjectMeta basics, and the CRD's CEL rules (`x-kubernetes-validations`, rule
 *    id `cel`). Other Calico API versions (e.g. `crd.projectcalico.org/v1`) are reported (`calico.api-version`).
 * 2. Kubernetes built-in kinds against the Kubernetes OpenAPI schemas of the `kubernetes-models` package, unknown
 *    fields included (`k8s.schema`), unless `kubernetes: false`. Kinds neither Calico nor built-in (third-party
 *    CRDs) are not checked and not reported.
 * 3. Calico's own rules, {@link checkCalicoRules}, for every object, then the cross-object rules (the same object
 *    defined twice, overlapping IPPools).
 *
 * `List` documents (any kind ending in `List` with `items`) are expanded. Bad input (null, non-objects, missing
 * `kind` or `apiVersion`) is reported, never thrown. Problems come in document order, then field-path order.
 *
 * @param docs parsed manifest documents, e.g. `Yaml.load(file)` or `chart.toJson()`
 * @param options where the CRDs are, and whether to check built-in kinds
 * @returns every problem found; empty when all documents are valid
 * @throws Error only when a Calico object must be checked and the CRDs cannot be found or read
 */
export function validateManifests(docs: any[], options: ValidateManifestsOptions = {}): ValidationProblem[] {
  const ctx: Context = { options, schemas: undefined, out: [] };
  if (!Array.isArray(docs)) {
    ctx.out.push(problem(undefined, '', `expected an array of documents, got ${describeType(docs)}`, DOCUMENT_RULE));
    return ctx.out;
  }
  const objects: unknown[] = [];
  for (let i = 0; i < docs.length; i++) {
    validateDocument(docs[i], `document ${i}`, ctx, objects);
  }
  ctx.out.push(...checkCalicoCrossObjectRules(objects));
  return ctx.out;
}

interface Context {
  readonly options: ValidateManifestsOptions;
  schemas: CalicoSchemaSet | undefined;
  readonly out: ValidationProblem[];
}

function validateDocument(doc: unknown, where: string, ctx: Context, objects: unknown[]): void {
  if (doc === null || doc === undefined || typeof doc !== 'object' || Array.isArray(doc)) {
    ctx.out.push(problem(undefined, '', `${where} is ${describeType(doc)}; expected a Kubernetes object`, DOCUMENT_RULE));
    return;
  }
  const obj = doc as Record<string, unknown>;
  const kind = obj.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach((item, j) => validateDocument(item, `${where} items[${j}]`, ctx, objects));
    return;
  }

  objects.push(obj);
  const issues: FieldIssue[] = [];
  if (typeof kind !== 'string' || !kind) {
    issues.push({ path: 'kind', message: kind === undefined ? 'Required value: every object needs a kind' : `Invalid value: ${JSON.stringify(kind)}: kind must be a non-empty string`, rule: DOCUMENT_RULE });
  }
  const apiVersion = obj.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion) {
    issues.push({
      path: 'apiVersion',
      message: apiVersion === undefined ? 'Required value: every object needs an apiVersion' : `Invalid value: ${JSON.stringify(apiVersion)}: apiVersion must be a non-empty string`,
      rule: DOCUMENT_RULE,
    });
  }
  if (kind === 'List') {
    issues.push({ path: 'items', message: 'Required value: a List needs an items array', rule: DOCUMENT_RULE });
  }
  if (issues.length === 0 && typeof kind === 'string' && typeof apiVersion === 'string') {
    try {
      issues.push(...validateTyped(obj, apiVersion, kind, ctx));
    } catch (e) {
      if (e instanceof CrdsUnavailableError) {
        throw e.original;
      }
      issues.push({ path: '', message: `internal error while validating: ${(e as Error).message}`, rule: INTERNAL_RULE });
    }
  }
  try {
    for (const p of checkCalicoRules(obj)) {
      issues.push(p);
    }
  } catch (e) {
    issues.push({ path: '', message: `internal error in the Calico rules: ${(e as Error).message}`, rule: INTERNAL_RULE });
  }
  const sorted = issues.map((issue, index) => ({ issue, index })).sort((a, b) => comparePaths(a.issue.path, b.issue.path) || a.index - b.index);
  for (const { issue } of sorted) {
    ctx.out.push(isProblem(issue) ? issue : problem(obj, issue.path, issue.message, issue.rule));
  }
}

class CrdsUnavailableError extends Error {
  public constructor(public readonly original: Error) {
    super(original.message);
  }
}

function validateTyped(obj: Record<string, unknown>, apiVersion: string, kind: string, ctx: Context): FieldIssue[] {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);

  if (group === CALICO_GROUP) {
    if (version !== CALICO_VERSION) {
      return [
        {
          path: 'apiVersion',
          message: `Unsupported value: ${JSON.stringify(apiVersion)}: only ${CALICO_GROUP}/${CALICO_VERSION} is emitted and accepted; fix: set apiVersion: ${CALICO_GROUP}/${CALICO_VERSION}`,
          rule: API_VERSION_RULE,
        },
      ];
    }
    const schema = schemasOf(ctx).find(kind);
    if (!schema) {
      return [
        {
          path: 'kind',
          message: `Unsupported value: ${JSON.stringify(kind)}: not a ${CALICO_GROUP}/${CALICO_VERSION} kind; supported values: ${schemasOf(ctx)
            .kindNames()
            .map((k) => JSON.stringify(k))
            .join(', ')}`,
          rule: KIND_RULE,
        },
      ];
    }
    return schema.validate(obj);
  }

  if (group === 'crd.projectcalico.org') {
    return [
      {
        path: 'apiVersion',
        message:
          `Unsupported value: ${JSON.stringify(apiVersion)}: crd.projectcalico.org is Calico's internal storage API; only ${CALICO_GROUP}/${CALICO_VERSION} ` +
          `is emitted and accepted; fix: set apiVersion: ${CALICO_GROUP}/${CALICO_VERSION}`,
        rule: API_VERSION_RULE,
      },
    ];
  }

  const builtin = isKubernetesBuiltinKind(apiVersion, kind);
  if (!builtin && CALICO_KINDS.has(kind) && isKubernetesGroup(group)) {
    return [
      {
        path: 'apiVersion',
        message: `Invalid value: ${JSON.stringify(apiVersion)}: ${kind} is a Calico kind, not a ${apiVersion} kind; fix: set apiVersion: ${CALICO_GROUP}/${CALICO_VERSION}`,
        rule: API_VERSION_RULE,
      },
    ];
  }
  if (!builtin || ctx.options.kubernetes === false) {
    return [];
  }
  const issues = validateKubernetesObject(obj) ?? [];
  if (obj.metadata === undefined) {
    issues.push({ path: 'metadata', message: 'Required value', rule: K8S_SCHEMA_RULE });
  } else if (obj.metadata !== null && typeof obj.metadata === 'object' && !Array.isArray(obj.metadata)) {
    // Types and unknown fields of the metadata come with the object's schema; only the name is added here.
    issues.push(...checkObjectMeta(obj.metadata, K8S_SCHEMA_RULE).filter((i) => i.path === 'metadata.name'));
  }
  return issues;
}

function schemasOf(ctx: Context): CalicoSchemaSet {
  if (!ctx.schemas) {
    try {
      ctx.schemas = CalicoSchemaSet.of(ctx.options.crds);
    } catch (e) {
      throw new CrdsUnavailableError(e as Error);
    }
  }
  return ctx.schemas;
}

/** Core (`v1`), `*.k8s.io` and the other built-in API groups. */
function isKubernetesGroup(group: string): boolean {
  return group === '' || group.endsWith('.k8s.io') || ['apps', 'batch', 'policy', 'autoscaling', 'extensions'].includes(group);
}

function isProblem(i: FieldIssue | ValidationProblem): i is ValidationProblem {
  return typeof (i as ValidationProblem).kind === 'string' && typeof (i as ValidationProblem).name === 'string';
}

function problem(obj: Record<string, unknown> | undefined, path: string, message: string, rule: string): ValidationProblem {
  const kind = obj && typeof obj.kind === 'string' && obj.kind ? obj.kind : '<unknown>';
  const meta = obj && obj.metadata && typeof obj.metadata === 'object' ? (obj.metadata as Record<string, unknown>) : undefined;
  const name = meta && typeof meta.name === 'string' && meta.name ? meta.name : '<unnamed>';
  const namespace = meta && typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : undefined;
  return namespace === undefined ? { kind, name, path, message, rule } : { kind, name, namespace, path, message, rule };
}

function describeType(v: unknown): string {
  if (v === null) {
    return 'null';
  }
  if (v === undefined) {
    return 'undefined';
  }
  if (Array.isArray(v)) {
    return 'an array';
  }
  return `a ${typeof v}`;
}
