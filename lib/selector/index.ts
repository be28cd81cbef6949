/**
 * Calico's selector language (v3.32 semantics): parsing, building, matching and canonical rendering.
 * @packageDocumentation
 */
export { Selector, MAX_SELECTOR_DEPTH } from './selector';
export { SelectorSyntaxError } from './errors';
export { MAX_LABEL_KEY_LENGTH } from './labels';
export { MAX_PAREN_DEPTH } from './parser';
