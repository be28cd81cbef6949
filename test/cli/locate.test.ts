// Finding places (lib/cli/output/locate.ts): field paths walked to their YAML node in the document the reader
// recorded, parsed again alone; a missing field points at its deepest existing parent, nothing at the document start.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { manifestDocuments } from '../../lib/cli/manifest-files';
import { nodeOffset, pathSegments, SourceLocator } from '../../lib/cli/output/locate';

const TEXT = [
  '# leading comment',
  '---',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: a',
  '  labels:',
  '    app.kubernetes.io/name: web',
  '    "odd key": x',
  '--- # second',
  'kind: Pod',
  'metadata: {name: p}',
  'spec:',
  '  containers:',
  '    - name: c',
  '      ports:',
  '        - containerPort: 80',
  '        - containerPort: 81',
  '...',
  '%YAML 1.1',
  '---',
  'kind: Late',
  'metadata:',
  '  name: &n late',
  'other: *n',
  '',
].join('\n');

/** 1-based line and column of the first `needle` in TEXT at or after `line`. */
function at(needle: string, line = 1): { line: number; column: number } {
  const lines = TEXT.split('\n');
  for (let i = line - 1; i < lines.length; i++)
    if (lines[i].includes(needle)) return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
  throw new Error(needle);
}

describe('locate', () => {
  let file: string;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locate-'));
    file = path.join(dir, 'm.yaml');
    fs.writeFileSync(file, TEXT);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('paths split as field.Path writes them', () => {
    expect(pathSegments('spec.ingress[0].destination.ports')).toEqual([
      { text: 'spec', dotted: true },
      { text: 'ingress', dotted: true },
      { text: '0', dotted: false },
      { text: 'destination', dotted: true },
      { text: 'ports', dotted: true },
    ]);
    expect(pathSegments('metadata.labels[app.kubernetes.io/name]').map((s) => s.text)).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
    expect(pathSegments('')).toEqual([]);
  });

  test('each document of a stream (directives, ... and --- comments included) is found again by its recorded place', () => {
    const docs = [...manifestDocuments([file])];
    expect(docs.map((d) => d.doc.kind)).toEqual(['Namespace', 'Pod', 'Late']);
    const locator = new SourceLocator();
    const place = (i: number) => ({ file, offset: docs[i].offset!, item: docs[i].item! });
    expect(locator.locate(place(0), 'metadata.name')).toEqual({ file, ...at('name: a') });
    // A key with dots, written dotted (lint) or bracketed (validation), and a key needing brackets.
    expect(locator.locate(place(0), 'metadata.labels.app.kubernetes.io/name')).toEqual({
      file,
      ...at('app.kubernetes.io/name'),
    });
    expect(locator.locate(place(0), 'metadata.labels[app.kubernetes.io/name]')).toEqual({
      file,
      ...at('app.kubernetes.io/name'),
    });
    expect(locator.locate(place(0), 'metadata.labels[odd key]')).toEqual({ file, ...at('"odd key"') });
    // Sequence items, a flow mapping, a missing field (its parent), and no path (the document's first line).
    expect(locator.locate(place(1), 'spec.containers[0].ports[1].containerPort')).toEqual({
      file,
      ...at('containerPort: 81'),
    });
    expect(locator.locate(place(1), 'metadata.name')).toEqual({ file, ...at('name: p}') });
    expect(locator.locate(place(1), 'spec.containers[0].securityContext.runAsNonRoot')).toEqual({
      file,
      ...at('name: c'),
    });
    expect(locator.locate(place(1), '')).toEqual({ file, ...at('kind: Pod') });
    expect(locator.locate(place(2), 'metadata.name')).toEqual({ file, ...at('name: &n late') });
  });

  test('places asked for in any order (line starts are found only as far as needed) give the same lines', () => {
    const docs = [...manifestDocuments([file])];
    const place = (i: number) => ({ file, offset: docs[i].offset!, item: docs[i].item! });
    const later = new SourceLocator();
    // The last document first, then back to the first: the starts found for the last serve the first.
    expect(later.locate(place(2), 'metadata.name')).toEqual({ file, ...at('name: &n late') });
    expect(later.locate(place(0), 'metadata.name')).toEqual({ file, ...at('name: a') });
    expect(later.locate(place(1), 'spec.containers[0].ports[1].containerPort')).toEqual({
      file,
      ...at('containerPort: 81'),
    });
  });

  test('nodeOffset: map entries point at their key, items at the item, nothing resolved at the root', () => {
    const doc = parseDocument('a:\n  b: [1, {c: 2}]\n');
    expect(nodeOffset(doc.contents as any, 'a.b[1].c')).toBe('a:\n  b: [1, {'.length);
    expect(nodeOffset(doc.contents as any, 'a.b[0]')).toBe('a:\n  b: ['.length);
    expect(nodeOffset(doc.contents as any, 'x.y')).toBe(0);
    expect(nodeOffset(doc.contents as any, 'a.b[7]')).toBe('a:\n  '.length);
  });

  test('a JSON array file: the item, then the path inside it', () => {
    const json = path.join(dir, 'l.json');
    const text = JSON.stringify(
      [
        { kind: 'A', metadata: { name: 'x' } },
        { kind: 'B', metadata: { name: 'y' } },
      ],
      null,
      2,
    );
    fs.writeFileSync(json, text);
    const docs = [...manifestDocuments([json])];
    expect(docs.map((d) => d.item)).toEqual([0, 1]);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"y"')) + 1;
    expect(new SourceLocator().locate({ file: json, offset: docs[1].offset!, item: 1 }, 'metadata.name')).toEqual({
      file: json,
      line,
      column: lines[line - 1].indexOf('"name"') + 1,
    });
  });

  test("past its budget of parsed documents the locator points at each document's first line without parsing", () => {
    const docs = [...manifestDocuments([file])];
    const locator = new SourceLocator(1);
    expect(locator.locate({ file, offset: docs[0].offset!, item: -1 }, 'metadata.name')).toEqual({
      file,
      ...at('name: a'),
    });
    expect(locator.locate({ file, offset: docs[1].offset!, item: -1 }, 'metadata.name')).toEqual({
      file,
      ...at('kind: Pod'),
    });
  });
});
