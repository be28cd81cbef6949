// selectorTree reads the tree a Selector evaluates without parsing its text again (the lint's endpoint index): it
// must be the tree that parsing the selector's canonical text gives, for parsed and built selectors alike.
import { Selector } from '../../lib';
import { parseSelector } from '../../lib/selector/parser';
import { selectorTree } from '../../lib/selector/selector-tree';

const SELECTORS: Selector[] = [
  Selector.parse('app == "web"'),
  Selector.parse('has(kubernetes-host) && rack == "r1"'),
  Selector.parse('!(a in {"x", "y"}) || b contains "z"'),
  Selector.parse('all()'),
  Selector.parse('global()'),
  Selector.all(),
  Selector.eq('app', 'web').and(Selector.notIn('tier', ['db']), Selector.has('x')),
  Selector.parse('a == "1"').or(Selector.parse('b == "2"')).not(),
];

test.each(SELECTORS.map((s) => [s.toString(), s]))('%s: the tree of its canonical text', (_text, sel) => {
  const tree = selectorTree(sel);
  expect(tree).toBeDefined();
  expect(tree).toEqual(parseSelector(sel.toString()));
});
