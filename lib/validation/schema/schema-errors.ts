import type { ErrorObject } from 'ajv';
import { childPath, indexPath, pointerToPath } from './field-path';
import { LIST_MAP_KEYS_KEYWORD } from './structural-schema';

/** One problem at a field of one object, before the object's kind/name are attached. */
export interface FieldIssue {
  /** Field path (`spec.ingress[0].action`), empty for the whole object. */
  readonly path: string;
  /** What is wrong, in the API server's words where possible. */
  readonly message: string;
  /** Rule id, e.g. `schema.enum`, `cel`, `k8s.schema`. */
  readonly rule: string;
}

/** Picks the rule id for a JSON Schema keyword (`required`, `enum`, `unknown-field`, ...). */
export type RuleNamer = (keyword: string) => string;

/** Rule ids `schema.<keyword>` in kebab case: `schema.max-items`, `schema.unknown-field`. */
export const schemaRuleNamer: RuleNamer = (keyword) =>
  `schema.${keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Turns ajv errors into field issues worded like kube-apiserver's (`Required value`, `Unsupported value: "x":
 * supported values: ...`, `unknown field "spec.foo"`, ...). Errors of the branches of a failed `anyOf`/`oneOf` are
 * folded into one issue; `enum`s of an `allOf` at one field are intersected; duplicates are dropped.
 *
 * @param errors ajv's `errors` (with `allErrors`)
 * @param data the validated value, used to render paths and offending values
 * @param ruleFor rule id for a keyword
 */
export function describeAjvErrors(errors: readonly ErrorObject[], data: unknown, ruleFor: RuleNamer): FieldIssue[] {
  // Fold anyOf/oneOf branch errors at the same instance path.
  const junctions = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      junctions.set(e.instancePath, e);
    }
  }
  // When the value has the type of one branch and fails that branch otherwise (an int-or-string or quantity
  // given a malformed string), the branch's own error says more than "must match one of": keep it instead.
  const specific = new Set<string>();
  for (const e of errors) {
    const j = junctions.get(e.instancePath);
    if (j && e !== j && e.keyword !== 'type' && (e.keyword === 'format' || isBranchOf(e, j))) {
      specific.add(e.instancePath);
    }
  }
  const branchTypes = new Map<string, string[]>();
  const enums = new Map<string, unknown[]>();
  const kept: ErrorObject[] = [];
  for (const e of errors) {
    const j = junctions.get(e.instancePath);
    if (
      j &&
      (e === j ? specific.has(e.instancePath) : e.keyword === 'type' || e.keyword === 'format' || isBranchOf(e, j))
    ) {
      if (e.keyword === 'type') {
        const list = branchTypes.get(e.instancePath) ?? [];
        list.push(String(e.params.type));
        branchTypes.set(e.instancePath, list);
      } else if (e !== j && specific.has(e.instancePath)) {
        kept.push(e);
      }
      continue;
    }
    if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      const prev = enums.get(e.instancePath);
      if (prev) {
        enums.set(
          e.instancePath,
          prev.filter((v) => allowed.some((a) => a === v)),
        );
        continue;
      }
      enums.set(e.instancePath, [...allowed]);
    }
    kept.push(e);
  }

  // A value of the wrong type fails its enum, format, pattern and limits too: report the type only.
  const typeErrors = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    if (e.keyword !== 'type' && typeErrors.has(e.instancePath) && CONSEQUENCES_OF_TYPE.has(e.keyword)) {
      continue;
    }
    const issue = describe(e, data, ruleFor, branchTypes, enums);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

const CONSEQUENCES_OF_TYPE = new Set([
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'multipleOf',
]);

function isBranchOf(e: ErrorObject, junction: ErrorObject): boolean {
  return e.schemaPath.startsWith(`${junction.schemaPath}/`);
}

function describe(
  e: ErrorObject,
  data: unknown,
  ruleFor: RuleNamer,
  branchTypes: Map<string, string[]>,
  enums: Map<string, unknown[]>,
): FieldIssue {
  const path = pointerToPath(e.instancePath, data);
  const value = valueAt(data, e.instancePath);
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required': {
      return { path: childPath(path, String(p.missingProperty)), message: 'Required value', rule: ruleFor('required') };
    }
    case 'additionalProperties': {
      const field = childPath(path, String(p.additionalProperty));
      return { path: field, message: `unknown field "${field}"`, rule: ruleFor('unknownField') };
    }
    case 'type':
      return {
        path,
        message: `Invalid value: ${show(value)}: must be of type ${typeList(p.type)}`,
        rule: ruleFor('type'),
      };
    case 'anyOf':
    case 'oneOf': {
      const types = branchTypes.get(e.instancePath);
      const what =
        types && types.length
          ? `must be of type ${typeList(types)}`
          : `must match ${e.keyword === 'oneOf' ? 'exactly one' : 'at least one'} of the allowed schemas`;
      return {
        path,
        message: `Invalid value: ${show(value)}: ${what}`,
        rule: ruleFor(types && types.length ? 'type' : e.keyword),
      };
    }
    case 'enum': {
      const allowed = enums.get(e.instancePath) ?? p.allowedValues ?? [];
      return {
        path,
        message: `Unsupported value: ${show(value)}: supported values: ${allowed.map((v: unknown) => JSON.stringify(v)).join(', ')}`,
        rule: ruleFor('enum'),
      };
    }
    case 'const':
      return {
        path,
        message: `Unsupported value: ${show(value)}: supported values: ${JSON.stringify(p.allowedValue)}`,
        rule: ruleFor('enum'),
      };
    case 'format':
      return { path, message: `Invalid value: ${show(value)}: must be of format ${p.format}`, rule: ruleFor('format') };
    case 'pattern':
      return { path, message: `Invalid value: ${show(value)}: should match '${p.pattern}'`, rule: ruleFor('pattern') };
    case 'maxLength':
      return { path, message: `Too long: may not be longer than ${p.limit}`, rule: ruleFor('maxLength') };
    case 'minLength':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be at least ${p.limit} chars long`,
        rule: ruleFor('minLength'),
      };
    case 'maxItems':
      return {
        path,
        message: `Too many: ${Array.isArray(value) ? value.length : '?'}: must have at most ${p.limit} items`,
        rule: ruleFor('maxItems'),
      };
    case 'minItems':
      return {
        path,
        message: `Invalid value: ${Array.isArray(value) ? value.length : '?'}: should have at least ${p.limit} items`,
        rule: ruleFor('minItems'),
      };
    case 'maxProperties':
      return {
        path,
        message: `Too many: ${countKeys(value)}: must have at most ${p.limit} items`,
        rule: ruleFor('maxProperties'),
      };
    case 'minProperties':
      return {
        path,
        message: `Invalid value: ${countKeys(value)}: should have at least ${p.limit} properties`,
        rule: ruleFor('minProperties'),
      };
    case 'maximum':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be less than or equal to ${p.limit}`,
        rule: ruleFor('maximum'),
      };
    case 'minimum':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be greater than or equal to ${p.limit}`,
        rule: ruleFor('minimum'),
      };
    case 'exclusiveMaximum':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be less than ${p.limit}`,
        rule: ruleFor('maximum'),
      };
    case 'exclusiveMinimum':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be greater than ${p.limit}`,
        rule: ruleFor('minimum'),
      };
    case 'multipleOf':
      return {
        path,
        message: `Invalid value: ${show(value)}: should be a multiple of ${p.multipleOf}`,
        rule: ruleFor('multipleOf'),
      };
    case 'uniqueItems': {
      const i = Math.max(Number(p.i), Number(p.j));
      const item = Array.isArray(value) ? value[i] : undefined;
      return {
        path: indexPath(path, i),
        message: `Duplicate value: ${JSON.stringify(item)}`,
        rule: ruleFor('duplicate'),
      };
    }
    case LIST_MAP_KEYS_KEYWORD:
      return {
        path: indexPath(path, Number(p.index)),
        message: `Duplicate value: ${JSON.stringify(p.key)}`,
        rule: ruleFor('duplicate'),
      };
    case 'not':
      return {
        path,
        message: `Invalid value: ${show(value)}: must not validate the schema (not)`,
        rule: ruleFor('not'),
      };
    default:
      return { path, message: `Invalid value: ${show(value)}: ${e.message ?? e.keyword}`, rule: ruleFor(e.keyword) };
  }
}

/** Renders a value as kube-apiserver does in `Invalid value: ...`: scalars as JSON, objects and arrays by type. */
export function show(value: unknown): string {
  if (value === undefined) {
    return '"undefined"';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return '"array"';
  }
  if (typeof value === 'object') {
    return '"object"';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 256 ? `${value.slice(0, 256)}...` : value);
  }
  return String(value);
}

function typeList(t: unknown): string {
  const list = (Array.isArray(t) ? t : String(t).split(',')).map(String).filter((x) => x !== 'null');
  return list.join(' or ');
}

function countKeys(v: unknown): number | string {
  return v && typeof v === 'object' ? Object.keys(v).length : '?';
}

function valueAt(data: unknown, pointer: string): unknown {
  if (!pointer) {
    return data;
  }
  let node: any = data;
  const segments = pointer.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    node = node[segments[i].replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
