/**
 * Calico's selector language (v3.32 semantics): parsing, building, matching and canonical rendering.
 * @packageDocumentation
 */
export { Selector } from './selector';
export { SelectorSyntaxError } from './errors';
export { MAX_LABEL_KEY_LENGTH } from './labels';
