/**
 * The parsed tree of a {@link Selector}, for the library's own readers (the lint's endpoint index narrows candidates
 * by it). Not exported from the package: the tree's shape is internal (ast.ts). A Selector keeps its tree in the
 * private `root` it was built from, so reading it here costs no parse of `toString()` again.
 */
import type { SelectorNode } from './ast';
import type { Selector } from './selector';

/** The tree `sel` evaluates. */
export function selectorTree(sel: Selector): SelectorNode {
  return (sel as unknown as { readonly root: SelectorNode }).root;
}
