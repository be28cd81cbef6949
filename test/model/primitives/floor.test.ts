// The primitives are the ground floor: they import each other and the boundary guard (lib/model/primitives/guard.ts,
// bound for this floor) and nothing else of the library, so every folder above may read them without a cycle. One
// package: the guard's `guardScope` recognises a scope with `constructs`' own `Construct.isConstruct`.
import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, '../../../lib/model/primitives');
const ALLOWED_OUTSIDE = new Set([path.join(__dirname, '../../../lib/model/primitives/guard')]);

test.each(
  fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f]),
)('%s imports only the floor', (file) => {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const specs = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  const bad = specs.filter((s) => {
    if (!s.startsWith('.')) return !(file === 'guard.ts' && s === 'constructs'); // no other package
    const target = path.resolve(DIR, s);
    return path.dirname(target) !== DIR && !ALLOWED_OUTSIDE.has(target);
  });
  expect(bad).toEqual([]);
});
