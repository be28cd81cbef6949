// What recording each document's place costs the reader (issue 13, item 5): the reader over 300,000 documents
// without a cursor (the baseline) and with one (an offset per document), alternating in one process, then the lazy
// file:line:column of findings on a few documents and on many. Ratios against the baseline of the same run.
// Usage: npm run build && node build/bench/reader-places.js [DOCS]      (default 300000)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { manifestDocuments, newReadCursor, manifestFileDocuments } from '../lib/cli/manifest-files';
import { SourceLocator } from '../lib/cli/output/locate';
import { yamlDocuments } from '../lib/model/documents/yaml-file';
import { writeLargeInput } from './large-input';

function time(fn: () => number): { ms: number; n: number } {
  const t = process.hrtime.bigint();
  const n = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, n };
}

function best(runs: Array<{ ms: number }>): number {
  return Math.min(...runs.map((r) => r.ms));
}

const n = Number(process.argv[2] ?? 300_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-places-'));
const file = path.join(dir, 'large.yaml');
try {
  writeLargeInput(file, n);
  const text = fs.readFileSync(file, 'utf8');
  const plain: Array<{ ms: number }> = [];
  const placed: Array<{ ms: number }> = [];
  const sourced: Array<{ ms: number }> = [];
  for (let round = 0; round < 3; round++) {
    plain.push(
      time(() => {
        let k = 0;
        for (const _ of yamlDocuments(text)) k++;
        return k;
      }),
    );
    placed.push(
      time(() => {
        const at = newReadCursor();
        let k = 0;
        let sum = 0;
        for (const _ of yamlDocuments(text, undefined, at)) {
          k++;
          sum += at.offset & 1;
        }
        return k + sum * 0;
      }),
    );
    sourced.push(
      time(() => {
        let k = 0;
        for (const d of manifestDocuments([file])) k += d.offset === undefined ? 0 : 1;
        return k;
      }),
    );
  }
  // Places of findings: every 3,000th document (100 findings) and every 10th (30,000), field-level.
  const places: Array<{ offset: number; item: number }> = [];
  const at = newReadCursor();
  for (const _ of manifestFileDocuments(file, undefined, at)) places.push({ offset: at.offset, item: at.item });
  const locate = (every: number) =>
    time(() => {
      const locator = new SourceLocator();
      let k = 0;
      for (let i = 0; i < places.length; i += every)
        k += locator.locate({ file, ...places[i] }, 'metadata.name').line > 0 ? 1 : 0;
      return k;
    });
  const few = locate(3000);
  const many = locate(10);
  const base = best(plain);
  console.log(
    `cdk8s-calico reader-places benchmark: ${n} documents, ${(text.length / 1048576).toFixed(1)} MB (best of 3, alternating)`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('what | ms | x reader without places');
  console.log(`reader, no places (yamlDocuments) | ${base.toFixed(0)} | 1.00`);
  console.log(
    `reader with a cursor (offset per document) | ${best(placed).toFixed(0)} | ${(best(placed) / base).toFixed(2)}`,
  );
  console.log(
    `manifestDocuments (file, doc, offset, item per document) | ${best(sourced).toFixed(0)} | ${(best(sourced) / base).toFixed(2)}`,
  );
  console.log(
    `file:line:column of ${few.n} findings (field level) | ${few.ms.toFixed(0)} | ${(few.ms / base).toFixed(2)}`,
  );
  console.log(
    `file:line:column of ${many.n} findings (field level up to 2,000 documents, then document lines) | ${many.ms.toFixed(0)} | ${(many.ms / base).toFixed(2)}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
