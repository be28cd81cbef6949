/**
 * What kube-apiserver does to a custom resource between decoding and validation: it prunes `null` values of fields
 * that are neither `nullable` nor defaulted (k8s.io/apiextensions-apiserver `PruneNonNullableNullsWithoutDefaults`),
 * then applies the schema's `default`s to missing fields (and to non-nullable nulls). Validation (OpenAPI and CEL)
 * then sees the defaulted object, e.g. a Tier without `spec.defaultAction` is checked as `Deny`.
 *
 * The input is never modified: objects on the way to a change are copied (copy-on-write), everything else is shared,
 * so an object that needs nothing comes back as the same reference.
 */

/**
 * Returns `value` as the API server would validate it under `schema` (nulls pruned, defaults applied).
 * @param value any JSON value
 * @param schema the structural schema for `value` (a CRD's `openAPIV3Schema` or a node of it)
 */
export function applyPruningAndDefaults(value: unknown, schema: any): unknown {
  if (!schema || typeof schema !== 'object' || value === null || typeof value !== 'object') {
    return value;
  }
  // Only a null or a default changes anything: a value with no null under a schema with no default below is
  // returned as is, found by a plain scan instead of the schema-guided walk (most policy rules, metadata).
  if (!hasDefaultsBelow(schema) && !containsNull(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items || typeof items !== 'object') {
      return value;
    }
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = applyPruningAndDefaults(value[i], items);
      if (v !== value[i]) {
        out = out ?? value.slice();
        out[i] = v;
      }
    }
    return out ?? value;
  }
  const obj = value as Record<string, unknown>;
  const props = schema.properties as Record<string, any> | undefined;
  const additional =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? schema.additionalProperties
      : undefined;
  let out: Record<string, unknown> | undefined;
  for (const key in obj) {
    const child = (props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined) ?? additional;
    if (!child) {
      continue;
    }
    const v = obj[key];
    if (v === null) {
      if (child.nullable === true) {
        continue;
      }
      out = out ?? { ...obj };
      if (child.default !== undefined) {
        out[key] = cloneJson(child.default);
      } else {
        delete out[key];
      }
      continue;
    }
    const nv = applyPruningAndDefaults(v, child);
    if (nv !== v) {
      out = out ?? { ...obj };
      out[key] = nv;
    }
  }
  if (props) {
    for (const key of defaultedKeys(schema, props)) {
      if (obj[key] === undefined) {
        out = out ?? { ...obj };
        out[key] = cloneJson(props[key].default);
      }
    }
  }
  return out ?? obj;
}

const defaultsBelowCache = new WeakMap<object, boolean>();

/** Whether a property, item or map value anywhere below `schema` declares a `default`. */
function hasDefaultsBelow(schema: any): boolean {
  let has = defaultsBelowCache.get(schema);
  if (has === undefined) {
    has = false;
    const props =
      schema.properties && typeof schema.properties === 'object' ? (schema.properties as Record<string, any>) : {};
    for (const k of Object.keys(props)) {
      const p = props[k];
      if (p && typeof p === 'object' && (p.default !== undefined || hasDefaultsBelow(p))) has = true;
    }
    for (const child of [schema.items, schema.additionalProperties]) {
      if (child && typeof child === 'object' && (child.default !== undefined || hasDefaultsBelow(child))) has = true;
    }
    defaultsBelowCache.set(schema, has);
  }
  return has;
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const v of value) if (containsNull(v)) return true;
    return false;
  }
  for (const k in value as object) if (containsNull((value as Record<string, unknown>)[k])) return true;
  return false;
}

const defaultedKeysCache = new WeakMap<object, readonly string[]>();

function defaultedKeys(schema: object, props: Record<string, any>): readonly string[] {
  let keys = defaultedKeysCache.get(schema);
  if (!keys) {
    keys = Object.keys(props).filter((k) => props[k] && typeof props[k] === 'object' && props[k].default !== undefined);
    defaultedKeysCache.set(schema, keys);
  }
  return keys;
}

function cloneJson<T>(v: T): T {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}
