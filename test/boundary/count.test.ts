// Adds up every bad-input table (tables/*.ts, each exporting ROWS) per outcome: the suite must hold at least 500
// mistakes across the public entry points, and each table's rows are run by its own runner test.
import * as fs from 'fs';
import * as path from 'path';
import { BadInput, Outcome } from './harness';

const dir = path.join(__dirname, 'tables');
const tables = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

test('every table has a runner and unique names', () => {
  for (const file of tables) {
    const { ROWS } = require(path.join(dir, file)) as { ROWS: BadInput[] };
    expect(Array.isArray(ROWS)).toBe(true);
    const names = ROWS.map((r) => `${r.outcome}: ${r.name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const runners = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'));
    expect(runners.some((text) => text.includes(`./tables/${file.replace(/\.ts$/, '')}'`))).toBe(true);
  }
});

test('at least 500 bad inputs across the public entry points', () => {
  const counts: Record<string, number> = {};
  let total = 0;
  for (const file of tables) {
    const { ROWS } = require(path.join(dir, file)) as { ROWS: BadInput[] };
    for (const row of ROWS) {
      counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
      total++;
    }
    counts[`table ${file}`] = ROWS.length;
  }
  // Printed so the closing note can quote the counts per outcome.
  process.stdout.write(
    `bad inputs: ${total} (${Object.values(Outcome)
      .map((o) => `${o} ${counts[o] ?? 0}`)
      .join(', ')})\n`,
  );
  process.stdout.write(
    `per table: ${tables.map((f) => `${f.replace(/\.ts$/, '')} ${counts[`table ${f}`]}`).join(', ')}\n`,
  );
  expect(total).toBeGreaterThanOrEqual(500);
});
