/** Eager validation of `Selector` builder arguments, with messages that say what to fix (`[Selector.eq] key: ...`). */
import { boundaryError, guardArray, rejectInput } from '../model/primitives/guard';
import { labelKeyProblem, MAX_LABEL_KEY_LENGTH, valueProblem } from './labels';

const KEY_RULE =
  `Calico selector label keys must be 1-${MAX_LABEL_KEY_LENGTH} characters from A-Z, a-z, 0-9, '_', '.', '/' and '-' ` +
  '(e.g. "app.kubernetes.io/name")';

/** Throws unless `key` is a valid selector label key. */
export function checkKey(fn: string, key: unknown): string {
  if (typeof key !== 'string')
    rejectInput(`Selector.${fn}`, 'key', 'a label key (a string)', key, `pass the label key as a string. ${KEY_RULE}`);
  const problem = labelKeyProblem(key);
  if (problem !== undefined) {
    throw boundaryError(
      `Selector.${fn}`,
      'key',
      `invalid label key ${JSON.stringify(key)}: ${problem}; fix: ${KEY_RULE}`,
    );
  }
  return key;
}

/** Throws unless `value` can be written as a selector string literal. */
export function checkValue(fn: string, key: string, value: unknown, field = 'value'): string {
  if (typeof value !== 'string') {
    rejectInput(
      `Selector.${fn}`,
      field,
      `a string (the value for label '${key}')`,
      value,
      'pass the label value as a string',
    );
  }
  const problem = valueProblem(value);
  if (problem !== undefined) {
    throw boundaryError(
      `Selector.${fn}`,
      field,
      `value ${JSON.stringify(value)} for label '${key}' cannot be written in a Calico selector: ${problem}; ` +
        'fix: use a value that contains only one kind of quote character ' +
        '(for example match a substring without the other quote with Selector.contains())',
    );
  }
  return value;
}

/** Throws unless `values` is an array of writable values (a string is refused, never split into characters). */
export function checkValues(fn: string, key: string, values: unknown): string[] {
  return guardArray(values, `Selector.${fn}`, 'values', (v, field) => checkValue(fn, key, v, field), {
    of: `strings (the values for label '${key}')`,
  });
}
