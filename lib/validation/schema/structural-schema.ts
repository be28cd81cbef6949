/**
 * Translation of a Kubernetes structural schema (a CRD's `openAPIV3Schema`, OpenAPI v3.0 flavoured JSON Schema with
 * `x-kubernetes-*` extensions) into a draft-07 JSON Schema that ajv validates the way kube-apiserver does:
 *
 * - `x-kubernetes-int-or-string: true` becomes `type: [integer, string]` (its `anyOf` of the two types is dropped);
 * - `nullable: true` adds `null` to `type` (and to `enum`);
 * - objects that are neither `x-kubernetes-preserve-unknown-fields` nor maps get `additionalProperties: false`, so
 *   fields the API server would prune are reported (strict field validation); the root and
 *   `x-kubernetes-embedded-resource` objects always allow `apiVersion`, `kind` and `metadata`;
 * - `x-kubernetes-list-type: set` becomes `uniqueItems`, `map` checks that the `x-kubernetes-list-map-keys` are
 *   unique;
 * - OpenAPI v3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become the draft-07 numeric form;
 * - formats kube-apiserver does not know are dropped (the API server ignores them), and so are the numeric formats
 *   `int32`, `int64`, `float` and `double`: the API server keeps them in the schema but never checks a value against
 *   them (see {@link KUBERNETES_FORMATS}); patterns are RE2: a leading
 *   inline flag group such as `(?i)` becomes a RegExp flag (see {@link re2ToRegExp}), and patterns JavaScript still
 *   cannot compile are dropped;
 * - value validations inside `allOf`/`anyOf`/`oneOf`/`not` are kept, but never add structure
 *   (`additionalProperties: false`) there;
 * - `default`, `description`, `x-kubernetes-validations` (CEL, see `cel-rules.ts`) and the other annotations are
 *   not part of the result.
 */

/**
 * Formats kube-apiserver validates on CRD fields: the string formats of apiextensions-apiserver
 * `pkg/apiserver/validation/formats.go` (`supportedVersionedFormats`, checked by kube-openapi strfmt).
 *
 * The numeric formats are deliberately absent. `StripUnsupportedFormatsPostProcessorForVersion` keeps `int32`/`int64`
 * on integers and `float`/`double` on numbers, but kube-openapi `validate/type.go` (`typeValidator.Validate`) only
 * compares the value's JSON type with the schema type and its format validator applies to strings only, so no range is
 * enforced: `asNumber: 4200000000` (format int32) and Felix's default `iptablesMarkMask: 4294901760` are stored as
 * written. Range rules that really exist live in the schema's `minimum`/`maximum` or in Calico's validator
 * (lib/validation/rules).
 */
export const KUBERNETES_FORMATS: ReadonlySet<string> = new Set([
  'bsonobjectid',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'uuid',
  'uuid3',
  'uuid4',
  'uuid5',
  'hexcolor',
  'rgbcolor',
  'byte',
  'password',
  'date',
  'duration',
  'date-time',
  'datetime',
]);

/** Custom ajv keyword that checks the uniqueness of `x-kubernetes-list-type: map` entries by their keys. */
export const LIST_MAP_KEYS_KEYWORD = 'x-kubernetes-list-map-keys';

/** A translated schema: plain JSON Schema for ajv. */
export type AjvSchema = Record<string, unknown>;

interface Context {
  /** Whether this schema node defines structure (false inside allOf/anyOf/oneOf/not). */
  readonly structural: boolean;
}

/**
 * Translates a CRD version's `openAPIV3Schema` into a JSON Schema for ajv.
 * @param schema the structural schema (not modified)
 */
export function toAjvSchema(schema: any): AjvSchema {
  const out = convert(schema ?? {}, { structural: true });
  allowTypeMeta(out, true);
  return out;
}

function convert(s: any, ctx: Context): AjvSchema {
  const out: AjvSchema = {};
  if (!s || typeof s !== 'object') {
    return out;
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserveUnknown = s['x-kubernetes-preserve-unknown-fields'] === true;
  const nullable = s.nullable === true;

  let types: string[] | undefined;
  if (intOrString) {
    types = ['integer', 'string'];
  } else if (typeof s.type === 'string' && s.type) {
    types = [s.type];
  }
  if (types) {
    if (nullable) {
      types.push('null');
    }
    out.type = types.length === 1 ? types[0] : types;
  }

  if (Array.isArray(s.enum)) {
    out.enum = nullable && !s.enum.includes(null) ? [...s.enum, null] : [...s.enum];
  }
  if (typeof s.format === 'string' && KUBERNETES_FORMATS.has(s.format)) {
    out.format = s.format === 'datetime' ? 'date-time' : s.format;
  }
  if (typeof s.pattern === 'string' && isJsRegExp(s.pattern)) {
    out.pattern = s.pattern;
  }
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf']) {
    if (typeof s[k] === 'number') {
      out[k] = s[k];
    }
  }
  if (typeof s.minimum === 'number') {
    if (s.exclusiveMinimum === true) {
      out.exclusiveMinimum = s.minimum;
    } else {
      out.minimum = s.minimum;
    }
  }
  if (typeof s.maximum === 'number') {
    if (s.exclusiveMaximum === true) {
      out.exclusiveMaximum = s.maximum;
    } else {
      out.maximum = s.maximum;
    }
  }
  if (s.uniqueItems === true || s['x-kubernetes-list-type'] === 'set') {
    out.uniqueItems = true;
  }
  if (s['x-kubernetes-list-type'] === 'map' && Array.isArray(s['x-kubernetes-list-map-keys'])) {
    out[LIST_MAP_KEYS_KEYWORD] = [...s['x-kubernetes-list-map-keys']];
  }
  if (Array.isArray(s.required) && s.required.length > 0) {
    out.required = [...s.required];
  }

  if (s.properties && typeof s.properties === 'object') {
    const props: Record<string, AjvSchema> = {};
    for (const [name, child] of Object.entries(s.properties)) {
      props[name] = convert(child, ctx);
    }
    out.properties = props;
  }
  if (s.additionalProperties !== undefined) {
    if (typeof s.additionalProperties === 'boolean') {
      out.additionalProperties = s.additionalProperties;
    } else {
      out.additionalProperties = convert(s.additionalProperties, ctx);
    }
  } else if (ctx.structural && !preserveUnknown && (s.type === 'object' || s.properties)) {
    // kube-apiserver prunes (and strict field validation reports) fields not in the schema.
    out.additionalProperties = false;
  }
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    out.items = convert(s.items, ctx);
  }

  const junctorCtx: Context = { structural: false };
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (!Array.isArray(s[k])) {
      continue;
    }
    if (k === 'anyOf' && intOrString && isIntOrStringAnyOf(s[k])) {
      continue;
    }
    out[k] = s[k].map((c: any) => convert(c, junctorCtx));
  }
  if (s.not && typeof s.not === 'object') {
    out.not = convert(s.not, junctorCtx);
  }

  if (s['x-kubernetes-embedded-resource'] === true) {
    allowTypeMeta(out, false);
  }
  return out;
}

/** Root objects and embedded resources always carry apiVersion, kind and metadata (ObjectMeta is checked apart). */
function allowTypeMeta(out: AjvSchema, root: boolean): void {
  if (out.additionalProperties !== false) {
    return;
  }
  const props = { ...((out.properties as Record<string, AjvSchema> | undefined) ?? {}) };
  props.apiVersion = props.apiVersion ?? { type: 'string' };
  props.kind = props.kind ?? { type: 'string' };
  // metadata is validated as ObjectMeta by the caller; here it only has to be an object.
  props.metadata = root ? { type: 'object' } : (props.metadata ?? { type: 'object' });
  out.properties = props;
}

function isIntOrStringAnyOf(list: any[]): boolean {
  return (
    list.length === 2 &&
    list.every((c) => c && typeof c === 'object' && Object.keys(c).length === 1) &&
    new Set(list.map((c) => c.type)).size === 2 &&
    list.some((c) => c.type === 'integer') &&
    list.some((c) => c.type === 'string')
  );
}

function isJsRegExp(pattern: string): boolean {
  try {
    re2ToRegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles a Kubernetes (Go RE2) pattern as a JavaScript RegExp. RE2's inline flag group at the start (`(?i)abc`,
 * also after a leading `^`: `^(?i)(Info|Debug)$`) becomes a RegExp flag; everything else is taken as is.
 * @throws SyntaxError when JavaScript cannot compile the pattern
 */
export function re2ToRegExp(pattern: string, flags = ''): RegExp {
  const m = /^(\^?)\(\?([imsU]+)\)/.exec(pattern);
  if (m) {
    let f = flags;
    for (const c of m[2]) {
      if (c !== 'U' && !f.includes(c)) {
        f += c;
      }
    }
    return new RegExp(m[1] + pattern.slice(m[0].length), f);
  }
  return new RegExp(pattern, flags);
}
