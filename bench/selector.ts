// Selector benchmark: parse time against input size (linear growth expected) and match throughput.
// Usage: npm run build && node build/bench/selector.js
import { Selector } from '../lib/selector';

function timeNs(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0);
}

const make = (n: number): string =>
  Array.from({ length: n }, (_, i) => `k${i} in {"a", "b"} || !has(h${i})`).join(' && ');

function main(): void {
  timeNs(() => Selector.parse(make(2000) + ' ')); // warm up
  console.log('selector benchmark');
  console.log('terms | parse ms | ns/term');
  let base = 0;
  for (const n of [1000, 5000, 10000, 40000]) {
    const text = make(n);
    // A trailing space defeats the parse cache, so every run really parses.
    const ms = Math.min(...[1, 2, 3].map((k) => timeNs(() => Selector.parse(text + ' '.repeat(k))))) / 1e6;
    if (n === 5000) base = ms / n;
    console.log(`${n} | ${ms.toFixed(2)} | ${((ms * 1e6) / n).toFixed(0)}`);
  }
  const last =
    Math.min(...[1, 2, 3].map((k) => timeNs(() => Selector.parse(make(40000) + ' '.repeat(k + 5))))) / 1e6 / 40000;
  console.log(`linearity: ns/term at 40k / at 5k = ${(last / base).toFixed(2)} (1.0 is linear; quadratic would be 8)`);

  const sel = Selector.and(...Array.from({ length: 2000 }, (_, i) => Selector.notEq(`k${i}`, 'x')));
  const labels = { k1: 'y', k2: 'z' };
  const runs = 2000;
  const ns = timeNs(() => {
    for (let i = 0; i < runs; i++) sel.matches(labels);
  });
  console.log(`match: 2000-term selector ${(ns / runs / 1000).toFixed(1)} µs per match`);
  const small = Selector.parse('app == "web" && has(tier) && env in {"prod", "staging"}');
  const smallLabels = { app: 'web', tier: 'fe', env: 'prod' };
  const smallRuns = 1_000_000;
  const sns = timeNs(() => {
    for (let i = 0; i < smallRuns; i++) small.matches(smallLabels);
  });
  console.log(`match: 3-term selector ${(sns / smallRuns).toFixed(0)} ns per match`);
}

main();
