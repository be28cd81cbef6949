/** Eager validation of `Selector` builder arguments, with messages that say what to fix. */
import { labelKeyProblem, MAX_LABEL_KEY_LENGTH, valueProblem } from './labels';

const KEY_RULE =
  `Calico selector label keys must be 1-${MAX_LABEL_KEY_LENGTH} characters from A-Z, a-z, 0-9, '_', '.', '/' and '-' ` +
  '(e.g. "app.kubernetes.io/name")';

/** Throws unless `key` is a valid selector label key. */
export function checkKey(fn: string, key: unknown): string {
  if (typeof key !== 'string') {
    throw new TypeError(`Selector.${fn}(): the label key must be a string, got ${typeof key}`);
  }
  const problem = labelKeyProblem(key);
  if (problem !== undefined) {
    throw new Error(`Selector.${fn}(): invalid label key ${JSON.stringify(key)}: ${problem}. ${KEY_RULE}.`);
  }
  return key;
}

/** Throws unless `value` can be written as a selector string literal. */
export function checkValue(fn: string, key: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`Selector.${fn}(): the value for label '${key}' must be a string, got ${typeof value}`);
  }
  const problem = valueProblem(value);
  if (problem !== undefined) {
    throw new Error(
      `Selector.${fn}(): value ${JSON.stringify(value)} for label '${key}' cannot be written in a Calico selector: ` +
        `${problem}. Use a value that contains only one kind of quote character ` +
        "(for example match a substring without the other quote with Selector.contains()).",
    );
  }
  return value;
}

/** Throws unless `values` is an array of writable values. */
export function checkValues(fn: string, key: string, values: unknown): string[] {
  if (!Array.isArray(values)) {
    throw new TypeError(`Selector.${fn}(): the values for label '${key}' must be an array of strings`);
  }
  return values.map((v) => checkValue(fn, key, v));
}
