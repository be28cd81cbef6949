import { describeValue } from '../model/primitives/guard';
import { isKubeList } from '../model/documents/kube-list';
import {
  clusterNetworkPolicyIssues,
  ClusterNetworkPolicyChannel,
  isNetworkPolicyApiKind,
  networkPolicyApiVersionIssue,
} from './cluster-network-policy';
import { withDerivedFix } from './problem-fix';
import { ValidationProblem } from './problem';
import { checkKubernetesObject } from './kubernetes';
import { checkCalicoCrossObjectRules, checkCalicoRules } from './rules';
import { CALICO_GROUP, CALICO_VERSION } from './schema/crd-loader';
import { CalicoSchemaSet, checkObjectMeta } from './schema/crd-schema-validator';
import { comparePaths } from './schema/field-path';
import { isKubernetesBuiltinKind, K8S_SCHEMA_RULE, validateKubernetesObject } from './schema/kubernetes-schema';
import { clusterNetworkPolicySchema } from './schema/network-policy-api-crds';
import { FieldIssue } from './schema/schema-errors';
import { guardValidateOptions } from './validate-options';

/** Options of {@link validateManifests}. */
export interface ValidateManifestsOptions {
  /**
   * Where the projectcalico.org/v3 CRDs are: a directory of CRD YAML files, or already-parsed CRD objects.
   * @default - env CALICO_CRDS_DIR, else the Calico 3.32.1 CRDs vendored in the package: crds/calico/v3 of the
   * package root (found by walking up from this module to the folder whose package.json is named cdk8s-calico)
   */
  readonly crds?: string | any[];
  /**
   * Check Kubernetes built-in kinds against the Kubernetes OpenAPI schemas and kube-apiserver's object validation.
   * @default true
   */
  readonly kubernetes?: boolean;
  /**
   * Which channel of the ClusterNetworkPolicy CRD (network-policy-api v0.2.0) `policy.networking.k8s.io/v1alpha2`
   * ClusterNetworkPolicy objects are validated against. With the standard channel, the one Calico 3.32.1 installs,
   * `nodes` and `domainNames` peers are unknown fields; with the experimental one they pass the CRD and are reported
   * as rules Calico cannot convert (it fails them closed).
   * @default ClusterNetworkPolicyChannel.STANDARD
   */
  readonly clusterNetworkPolicyChannel?: ClusterNetworkPolicyChannel;
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
 *    fields included (`k8s.schema`), and kube-apiserver's object validation (`k8s.validation`: names per kind,
 *    labels, Service ports and clusterIP, NetworkPolicy ports and ipBlocks, RBAC rules...), unless `kubernetes: false`.
 *    Kinds neither Calico nor built-in (third-party CRDs) are not checked and not reported.
 * 3. `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy objects against the vendored CRD (schema and CEL, the
 *    standard channel unless `clusterNetworkPolicyChannel` says otherwise) and what Calico 3.32.1 cannot convert
 *    (`cnp.calico.*`: rules it fails closed, selectors it widens); a ClusterNetworkPolicy of another apiVersion
 *    (`cnp.api-version`) and the retired AdminNetworkPolicy/BaselineAdminNetworkPolicy (`cnp.retired-kind`) are errors.
 * 4. Calico's own rules, {@link checkCalicoRules}, for every object, then the cross-object rules (the same object
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
  options = guardValidateOptions(options);
  const ctx: Context = { options, schemas: undefined, out: [], skipCalicoSchema: false, metadataChecked: false };
  if (!Array.isArray(docs)) {
    ctx.out.push(
      problem(
        undefined,
        '',
        `expected an array of documents, got ${describeValue(docs)}; fix: pass the parsed documents as an array (wrap a single object: [doc])`,
        DOCUMENT_RULE,
      ),
    );
    return ctx.out;
  }
  const objects: unknown[] = [];
  for (let i = 0; i < docs.length; i++) {
    validateDocument(docs[i], `document ${i}`, ctx, objects);
  }
  ctx.out.push(...checkCalicoCrossObjectRules(objects));
  return ctx.out;
}

/**
 * {@link validateManifests} one document at a time, for the CLI's streaming `validate`: the options are checked and
 * the CRDs found once for the whole run, not once per document (resolving the CRD directory walks the file system).
 * Only the per-object checks run here; the caller runs the cross-object rules. @internal
 */
export class DocumentValidator {
  private readonly options: ValidateManifestsOptions;
  private schemas: CalicoSchemaSet | undefined;

  public constructor(options: ValidateManifestsOptions = {}) {
    this.options = guardValidateOptions(options);
  }

  /**
   * The problems of one document (a `List` expanded), exactly as `validateManifests([doc], options)` reports them
   * before its cross-object rules.
   * @throws Error only when a Calico object must be checked and the CRDs cannot be found or read
   */
  public validate(doc: unknown): ValidationProblem[] {
    const ctx: Context = {
      options: this.options,
      schemas: this.schemas,
      out: [],
      skipCalicoSchema: false,
      metadataChecked: false,
    };
    try {
      validateDocument(doc, 'document 0', ctx, []);
    } finally {
      this.schemas = ctx.schemas;
    }
    return ctx.out;
  }
}

/**
 * The checks of one object, the single home of every per-object rule: `validateManifests` runs it on each
 * document (after expanding `List`s) and adds the cross-object rules; construct synthesis runs it on each
 * construct's own output (`lib/validation/synth-validation.ts`), so `cdk8s synth`, `validateManifests` and the CLI
 * apply the same rules. For one object it runs:
 *
 * 1. `projectcalico.org/v3` kinds: the CRD's structural schema (after null pruning and defaulting) and its CEL rules;
 *    other Calico API versions are reported (`calico.api-version`);
 * 2. Kubernetes built-in kinds: the Kubernetes OpenAPI schema and kube-apiserver's object validation, unless
 *    `kubernetes: false`;
 * 3. Calico's own rules, {@link checkCalicoRules}.
 *
 * A `List` is not expanded here (use {@link validateManifests}). Bad input is reported, never thrown.
 *
 * @param obj one Kubernetes object, e.g. `ApiObject.toJson()`
 * @param options where the CRDs are, and whether to check built-in kinds
 * @returns the object's problems in field-path order; empty when it is valid
 * @throws Error only when a Calico object must be checked and the CRDs cannot be found or read
 */
export function validateObject(obj: unknown, options: ValidateManifestsOptions = {}): ValidationProblem[] {
  options = guardValidateOptions(options);
  return validateObjectWith(obj, {
    options,
    schemas: undefined,
    out: [],
    skipCalicoSchema: false,
    metadataChecked: false,
  });
}

/** How synthesis calls {@link validateObject}. @internal */
export interface ObjectCheckContext {
  /** The CRDs, loaded once per process; `null` when they cannot be found (the CRD schema and CEL are skipped). */
  readonly schemas: CalicoSchemaSet | null;
  /** The metadata was built and checked by the construct (its ObjectMeta and Calico name checks are skipped). */
  readonly metadataChecked: boolean;
}

/** {@link validateObject} with preloaded CRDs, as synthesis runs it. @internal */
export function validateObjectIn(obj: unknown, check: ObjectCheckContext): ValidationProblem[] {
  return validateObjectWith(obj, {
    options: {},
    schemas: check.schemas ?? undefined,
    out: [],
    skipCalicoSchema: check.schemas === null,
    metadataChecked: check.metadataChecked,
  });
}

function validateObjectWith(obj: unknown, ctx: Context): ValidationProblem[] {
  if (obj === null || obj === undefined || typeof obj !== 'object' || Array.isArray(obj)) {
    return [
      problem(
        undefined,
        '',
        `the object is ${describeType(obj)}; expected a Kubernetes object; fix: pass one object with apiVersion, kind and metadata`,
        DOCUMENT_RULE,
      ),
    ];
  }
  validateOne(obj as Record<string, unknown>, ctx);
  return ctx.out;
}

interface Context {
  readonly options: ValidateManifestsOptions;
  schemas: CalicoSchemaSet | undefined;
  readonly out: ValidationProblem[];
  /** No CRDs at synth: the CRD schema and CEL are skipped (validateManifests never sets this). */
  readonly skipCalicoSchema: boolean;
  /** The construct checked the metadata already (synth only). */
  readonly metadataChecked: boolean;
}

function validateDocument(doc: unknown, where: string, ctx: Context, objects: unknown[]): void {
  if (doc === null || doc === undefined || typeof doc !== 'object' || Array.isArray(doc)) {
    ctx.out.push(
      problem(
        undefined,
        '',
        `${where} is ${describeType(doc)}; expected a Kubernetes object; fix: remove the empty or scalar document, or give it apiVersion, kind and metadata`,
        DOCUMENT_RULE,
      ),
    );
    return;
  }
  if (isKubeList(doc)) {
    doc.items.forEach((item, j) => validateDocument(item, `${where} items[${j}]`, ctx, objects));
    return;
  }
  const obj = doc as Record<string, unknown>;
  objects.push(obj);
  validateOne(obj, ctx);
}

/** Every per-object check of one object (not a List), its problems appended to `ctx.out` in field-path order. */
function validateOne(obj: Record<string, unknown>, ctx: Context): void {
  const kind = obj.kind;
  const issues: FieldIssue[] = [];
  if (typeof kind !== 'string' || !kind) {
    issues.push({
      path: 'kind',
      message:
        kind === undefined
          ? 'Required value: every object needs a kind'
          : `Invalid value: ${JSON.stringify(kind)}: kind must be a non-empty string`,
      rule: DOCUMENT_RULE,
    });
  }
  const apiVersion = obj.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion) {
    issues.push({
      path: 'apiVersion',
      message:
        apiVersion === undefined
          ? 'Required value: every object needs an apiVersion'
          : `Invalid value: ${JSON.stringify(apiVersion)}: apiVersion must be a non-empty string`,
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
      issues.push({
        path: '',
        message: `internal error while validating: ${(e as Error).message}`,
        rule: INTERNAL_RULE,
      });
    }
  }
  try {
    for (const p of checkCalicoRules(obj, ctx.metadataChecked ? { metadataChecked: true } : undefined)) {
      issues.push(p);
    }
  } catch (e) {
    issues.push({
      path: '',
      message: `internal error in the Calico rules: ${(e as Error).message}`,
      rule: INTERNAL_RULE,
    });
  }
  if (issues.length === 0) return; // the common case: no sorting, no allocation
  const sorted =
    issues.length === 1
      ? issues
      : issues
          .map((issue, index) => ({ issue, index }))
          .sort((a, b) => comparePaths(a.issue.path, b.issue.path) || a.index - b.index)
          .map((x) => x.issue);
  for (const issue of sorted) {
    const message = withDerivedFix(
      issue.message,
      issue.rule,
      issue.path,
      typeof kind === 'string' ? kind : 'object',
      schemaRootFor(obj, ctx),
    );
    const found = isProblem(issue) ? issue : problem(obj, issue.path, issue.message, issue.rule);
    ctx.out.push(message === found.message ? found : { ...found, message });
  }
}

/** The structural schema of a Calico object's kind, for "did you mean" on unknown fields; undefined otherwise. */
function schemaRootFor(obj: Record<string, unknown>, ctx: Context): unknown {
  if (
    obj.kind === 'ClusterNetworkPolicy' &&
    networkPolicyApiVersionIssue(String(obj.apiVersion), obj.kind) === undefined
  )
    return clusterNetworkPolicySchema(channelOf(ctx)).schema;
  if (typeof obj.kind !== 'string' || obj.apiVersion !== `${CALICO_GROUP}/${CALICO_VERSION}` || !ctx.schemas)
    return undefined;
  return ctx.schemas.find(obj.kind)?.schema;
}

function channelOf(ctx: Context): ClusterNetworkPolicyChannel {
  return ctx.options.clusterNetworkPolicyChannel ?? ClusterNetworkPolicyChannel.STANDARD;
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

  // ClusterNetworkPolicy (any group: a wrong apiVersion is reported) and the retired v1alpha1 kinds.
  if (isNetworkPolicyApiKind(group, kind)) {
    const wrong = networkPolicyApiVersionIssue(apiVersion, kind);
    if (wrong) return [wrong];
    return clusterNetworkPolicyIssues(obj, { channel: channelOf(ctx), metadataChecked: ctx.metadataChecked });
  }

  if (group === CALICO_GROUP) {
    if (ctx.skipCalicoSchema && version === CALICO_VERSION) {
      return [];
    }
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
          message: `Unsupported value: ${JSON.stringify(kind)}: not a ${CALICO_GROUP}/${CALICO_VERSION} kind; supported values: ${schemasOf(
            ctx,
          )
            .kindNames()
            .map((k) => JSON.stringify(k))
            .join(', ')}`,
          rule: KIND_RULE,
        },
      ];
    }
    return schema.validate(obj, ctx.metadataChecked);
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
  } else if (
    obj.metadata !== null &&
    typeof obj.metadata === 'object' &&
    !Array.isArray(obj.metadata) &&
    !hasName(obj.metadata)
  ) {
    // Types and unknown fields of the metadata come with the object's schema; only the name is added here (a
    // non-empty string name has nothing to add: skipping the ObjectMeta pass keeps synth cheap).
    issues.push(...checkObjectMeta(obj.metadata, K8S_SCHEMA_RULE).filter((i) => i.path === 'metadata.name'));
  }
  issues.push(...checkKubernetesObject(obj, issues)); // kube-apiserver's object validation (lib/validation/kubernetes)
  return issues;
}

function hasName(metadata: object): boolean {
  const name = (metadata as { name?: unknown }).name;
  return typeof name === 'string' && name !== '';
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
  return (
    group === '' ||
    group.endsWith('.k8s.io') ||
    ['apps', 'batch', 'policy', 'autoscaling', 'extensions'].includes(group)
  );
}

function isProblem(i: FieldIssue | ValidationProblem): i is ValidationProblem {
  return typeof (i as ValidationProblem).kind === 'string' && typeof (i as ValidationProblem).name === 'string';
}

function problem(
  obj: Record<string, unknown> | undefined,
  path: string,
  message: string,
  rule: string,
): ValidationProblem {
  const kind = obj && typeof obj.kind === 'string' && obj.kind ? obj.kind : '<unknown>';
  const meta =
    obj && obj.metadata && typeof obj.metadata === 'object' ? (obj.metadata as Record<string, unknown>) : undefined;
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
