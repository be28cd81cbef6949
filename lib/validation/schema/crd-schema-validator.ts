/**
 * Validation of `projectcalico.org/v3` objects against their CustomResourceDefinitions, in the order and manner of
 * kube-apiserver: prune non-nullable nulls and apply defaults, then the OpenAPI schema (ajv, strict field
 * validation), the ObjectMeta basics, and the CEL rules.
 */
import * as path from 'path';
import Ajv, { _, Name, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CelSchemaValidator } from './cel-rules';
import { CALICO_GROUP, CALICO_VERSION, lazyCrdDirectory, loadCalicoCrds, resolveCrdsDir } from './crd-loader';
import { applyPruningAndDefaults } from './defaulting';
import { isCidrString } from './generated-validators';
import { validateObjectMetaSchema } from './kubernetes-schema';
import { describeAjvErrors, FieldIssue, schemaRuleNamer, show } from './schema-errors';
import { precompiledValidator, RUNTIME_NAME } from './precompiled-validators';
import { LIST_MAP_KEYS_KEYWORD, re2ToRegExp, toAjvSchema } from './structural-schema';

/** Rule id of ObjectMeta problems of Calico objects (name missing, wrong field types, unknown fields). */
export const METADATA_RULE = 'schema.metadata';

/** One Calico kind: its CRD and the validators compiled from it (lazily, once). */
export class CalicoKindSchema {
  /** The kind, e.g. `GlobalNetworkPolicy`. */
  public readonly kind: string;
  /** Whether objects of the kind live in a namespace. */
  public readonly namespaced: boolean;
  /** The `openAPIV3Schema` of the served v3 version. */
  public readonly schema: any;
  private compiled?: ValidateFunction;
  private cel?: CelSchemaValidator;

  /** @internal */
  public constructor(
    kind: string,
    namespaced: boolean,
    schema: any,
    private readonly ajv: Ajv,
  ) {
    this.kind = kind;
    this.namespaced = namespaced;
    this.schema = schema;
  }

  /**
   * Validates one object of this kind (schema, ObjectMeta basics, CEL rules).
   * @param doc the object as written (not modified)
   * @param metadataChecked the metadata was built and checked by a construct: skip the ObjectMeta basics
   */
  public validate(doc: Record<string, unknown>, metadataChecked = false): FieldIssue[] {
    const normalized = applyPruningAndDefaults(doc, this.schema) as Record<string, unknown>;
    const issues: FieldIssue[] = [];
    const validate = this.validator();
    if (!validate(normalized) && validate.errors) {
      for (const issue of describeAjvErrors(validate.errors, normalized, schemaRuleNamer)) issues.push(issue);
    }
    const meta = normalized.metadata;
    if (!metadataChecked && meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
      // (a missing or non-object metadata is reported by the schema)
      for (const issue of checkObjectMeta(meta)) issues.push(issue);
    }
    const forCel = withServerAssignedName(normalized);
    if (forCel) {
      this.cel = this.cel ?? CelSchemaValidator.forSchema(this.schema);
      for (const issue of this.cel.validate(forCel)) issues.push(issue);
    }
    return issues;
  }

  /** The compiled ajv validator of the translated schema. */
  public validator(): ValidateFunction {
    if (!this.compiled) {
      const schema = toAjvSchema(this.schema);
      const runtime = { re2ToRegExp, formats: this.ajv.formats, listMapKeys };
      this.compiled = precompiledValidator(schema, runtime) ?? this.ajv.compile(schema);
    }
    return this.compiled;
  }
}

/**
 * The object as CEL rules see it on the API server, where `metadata.name` is always set (from `generateName` if
 * need be); `undefined` when the object has no name at all, which is reported on its own and would only make rules
 * that read the name fail to evaluate.
 */
function withServerAssignedName(doc: Record<string, unknown>): Record<string, unknown> | undefined {
  const meta = doc.metadata as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    return undefined;
  }
  if (typeof meta.name === 'string' && meta.name) {
    return doc;
  }
  if (typeof meta.generateName === 'string' && meta.generateName) {
    return { ...doc, metadata: { ...meta, name: `${meta.generateName}x7k2q` } };
  }
  return undefined;
}

/**
 * Validates the basics of an object's `metadata` as kube-apiserver's ObjectMeta handling does: an object with a
 * `name` (or `generateName`), and the ObjectMeta schema (field types, unknown fields). Name syntax, label and
 * annotation syntax and namespace scoping are left to the Calico rules (`checkCalicoRules`), which check them the
 * way Calico's validator does.
 * @param metadata the object's metadata
 * @param rule rule id to report under
 */
export function checkObjectMeta(metadata: unknown, rule: string = METADATA_RULE): FieldIssue[] {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return [{ path: 'metadata', message: `Invalid value: ${show(metadata)}: must be of type object`, rule }];
  }
  const meta = metadata as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  if ((meta.name === undefined || meta.name === '') && (typeof meta.generateName !== 'string' || !meta.generateName)) {
    issues.push({ path: 'metadata.name', message: 'Required value: name or generateName is required', rule });
  }
  for (const i of validateObjectMetaSchema(meta, 'metadata')) {
    issues.push({ ...i, rule });
  }
  return issues;
}

const dirSets = new Map<string, CalicoSchemaSet>();
const docSets = new WeakMap<object, CalicoSchemaSet>();

/** Where a schema set gets the CRD of a kind from. */
interface CrdProvider {
  crdsFor(kind: string): readonly any[];
  kinds(): string[];
}

/** The Calico kinds of one set of CRDs, with one ajv instance for all of them; kinds are prepared on first use. */
export class CalicoSchemaSet {
  /**
   * The schema set for a CRD source, cached per absolute directory (or per array of parsed CRDs).
   * @param crds a directory of CRD files or parsed CRDs; defaults to {@link resolveCrdsDir}
   * @throws Error when no CRDs can be found or read
   */
  public static of(crds?: string | any[]): CalicoSchemaSet {
    if (Array.isArray(crds)) {
      let set = docSets.get(crds);
      if (!set) {
        const all = loadCalicoCrds(crds);
        set = new CalicoSchemaSet({
          crdsFor: (kind) => all.filter((c) => c?.spec?.names?.kind === kind),
          kinds: () =>
            [...new Set(all.map((c) => c?.spec?.names?.kind).filter((k): k is string => typeof k === 'string'))].sort(),
        });
        docSets.set(crds, set);
      }
      return set;
    }
    const dir = crds ?? resolveCrdsDir();
    if (!dir) {
      loadCalicoCrds(); // throws the explanatory error
    }
    const key = path.resolve(dir!);
    let set = dirSets.get(key);
    if (!set) {
      set = new CalicoSchemaSet(lazyCrdDirectory(key));
      dirSets.set(key, set);
    }
    return set;
  }

  private readonly kinds = new Map<string, CalicoKindSchema | null>();
  private ajvInstance?: Ajv;

  private constructor(private readonly provider: CrdProvider) {}

  /** The kind's schema, or `undefined` when the CRDs have no served v3 version of that kind. */
  public find(kind: string): CalicoKindSchema | undefined {
    let k = this.kinds.get(kind);
    if (k === undefined) {
      k = null;
      for (const crd of this.provider.crdsFor(kind)) {
        if (crd?.spec?.group !== CALICO_GROUP) {
          continue;
        }
        const version = (crd.spec.versions ?? []).find(
          (v: any) => v && v.name === CALICO_VERSION && v.served !== false,
        );
        const schema = version?.schema?.openAPIV3Schema;
        if (schema) {
          this.ajvInstance = this.ajvInstance ?? createAjv();
          k = new CalicoKindSchema(kind, crd.spec.scope === 'Namespaced', schema, this.ajvInstance);
          break;
        }
      }
      this.kinds.set(kind, k);
    }
    return k ?? undefined;
  }

  /** All kinds, sorted. */
  public kindNames(): string[] {
    return this.provider.kinds().filter((k) => this.find(k) !== undefined);
  }
}

/**
 * The ajv instance of a schema set. With `source` it keeps the generated code and names the run-time values
 * generated code needs as `runtime.*` (precompiled-validators.ts); the validators are the same.
 * @internal
 */
export function createAjv(options: { source?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: true,
    // ajv caches compiled schemas by serialization; each kind is compiled once anyway.
    addUsedSchema: false,
    code: {
      regExp: Object.assign((pattern: string, flags: string) => re2ToRegExp(pattern, flags), {
        code: `${RUNTIME_NAME}.re2ToRegExp`,
      }),
      ...(options.source ? { source: true, formats: _`${new Name(RUNTIME_NAME)}.formats` } : {}),
    },
  });
  // No int32/int64/float/double: kube-apiserver never range-checks numeric formats (see KUBERNETES_FORMATS).
  addFormats(ajv, [
    'date-time',
    'date',
    'duration',
    'uri',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'uuid',
    'byte',
    'password',
  ]);
  ajv.addFormat('datetime', ajv.formats['date-time'] as any);
  ajv.addFormat('cidr', { type: 'string', validate: isCidrString });
  ajv.addFormat(
    'mac',
    /^(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\2){6}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/,
  );
  ajv.addFormat('bsonobjectid', /^[0-9a-fA-F]{24}$/);
  ajv.addFormat('hexcolor', /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/);
  ajv.addFormat('rgbcolor', /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/);
  for (const v of ['uuid3', 'uuid4', 'uuid5']) {
    ajv.addFormat(v, /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i);
  }
  ajv.addKeyword({
    keyword: LIST_MAP_KEYS_KEYWORD,
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: listMapKeys,
  });
  // Annotation keywords of structural schemas: known to ajv, so strict mode accepts them if they reach it.
  for (const k of [
    'x-kubernetes-int-or-string',
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-list-type',
    'x-kubernetes-map-type',
    'x-kubernetes-validations',
    'nullable',
  ]) {
    if (!ajv.getKeyword(k)) {
      ajv.addKeyword({ keyword: k });
    }
  }
  return ajv;
}

/** The `x-kubernetes-list-map-keys` keyword: entries of a map-type list are unique by their keys. @internal */
export function listMapKeys(keys: string[], data: unknown[]): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    if (!item || typeof item !== 'object') {
      continue;
    }
    const key: Record<string, unknown> = {};
    for (const k of keys) {
      key[k] = (item as Record<string, unknown>)[k];
    }
    const text = JSON.stringify(key);
    if (seen.has(text)) {
      (listMapKeys as any).errors = [
        { keyword: LIST_MAP_KEYS_KEYWORD, params: { index: i, key }, message: 'duplicate entry' },
      ];
      return false;
    }
    seen.add(text);
  }
  return true;
}
