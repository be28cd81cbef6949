/**
 * Internal syntax tree of a selector, mirroring upstream `parser/ast.go` node types.
 * Nodes are immutable plain objects; build them with the constructors below.
 */
import { sortedUnique } from './order';

/** Binary comparison operators between a label and a string literal. */
export type CompareOp = 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith';

/** Set-membership operators. */
export type SetOp = 'in' | 'notIn';

/** `all()`: matches everything. */
export interface AllNode {
  readonly kind: 'all';
}

/** `global()`: matches everything when evaluated (see `Selector.global`). */
export interface GlobalNode {
  readonly kind: 'global';
}

/** `has(key)`. */
export interface HasNode {
  readonly kind: 'has';
  readonly key: string;
}

/** `key <op> "value"`. */
export interface CompareNode {
  readonly kind: CompareOp;
  readonly key: string;
  readonly value: string;
}

/** `key in {...}` / `key not in {...}`; `values` is sorted (Go order) and de-duplicated. */
export interface SetNode {
  readonly kind: SetOp;
  readonly key: string;
  readonly values: readonly string[];
  readonly lookup: ReadonlySet<string>;
}

/** `!operand`. */
export interface NotNode {
  readonly kind: 'not';
  readonly operand: SelectorNode;
}

/** `(a && b && ...)` or `(a || b || ...)`; always at least two operands. */
export interface GroupNode {
  readonly kind: 'and' | 'or';
  readonly operands: readonly SelectorNode[];
}

/** Any selector syntax-tree node. */
export type SelectorNode = AllNode | GlobalNode | HasNode | CompareNode | SetNode | NotNode | GroupNode;

/** The single `all()` node. */
export const ALL_NODE: AllNode = Object.freeze({ kind: 'all' });

/** The single `global()` node. */
export const GLOBAL_NODE: GlobalNode = Object.freeze({ kind: 'global' });

/** Creates a `has(key)` node. */
export function hasNode(key: string): HasNode {
  return { kind: 'has', key };
}

/** Creates a comparison node. */
export function compareNode(op: CompareOp, key: string, value: string): CompareNode {
  return { kind: op, key, value };
}

/** Creates a set node; the values are sorted and de-duplicated as upstream does. */
export function setNode(op: SetOp, key: string, values: readonly string[]): SetNode {
  const sorted = sortedUnique(values);
  return { kind: op, key, values: sorted, lookup: new Set(sorted) };
}

/** Creates a `!operand` node (no simplification: the parser keeps `!(!x)` as two negations). */
export function notNode(operand: SelectorNode): NotNode {
  return { kind: 'not', operand };
}

/** Creates an AND/OR group; callers ensure there are at least two operands. */
export function groupNode(kind: 'and' | 'or', operands: readonly SelectorNode[]): GroupNode {
  return { kind, operands };
}
