// How the CLI reads manifests (issue 11, items 5 and 7): each real file once, folders walked once even through
// links, UTF-8 only, documents streamed. The bad-input rows (exit 2 with a message) are in test/boundary/reading.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expandManifestPaths, manifestDocuments, readManifestText } from '../../lib/cli/manifest-files';
import { runCli as run } from '../support/run-cli';

const NS = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('reading manifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reading-'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'a.yaml'), NS('a'));
    fs.writeFileSync(path.join(dir, 'dist', 'b.yml'), NS('b'));
    fs.writeFileSync(path.join(dir, 'dist', 'README.md'), '# not a manifest\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const p = (...names: string[]) => path.join(dir, ...names);

  test('a file named twice is read once: no duplicate-object problem for an object defined once', () => {
    const r = run(['validate', p('dist', 'a.yaml'), p('dist', 'a.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 object(s) in 1 file(s): 0 problem(s)');
  });

  test("a file reached through its folder and by name is read once, in the folder's turn", () => {
    expect(expandManifestPaths([p('dist'), p('dist', 'b.yml')])).toEqual([p('dist', 'a.yaml'), p('dist', 'b.yml')]);
    expect(run(['validate', p('dist'), p('dist', 'a.yaml')]).out).toContain('2 object(s) in 2 file(s): 0 problem(s)');
  });

  test('a file reached through a symbolic link and by its real path is read once', () => {
    fs.symlinkSync(p('dist', 'a.yaml'), p('link.yaml'));
    expect(expandManifestPaths([p('link.yaml'), p('dist', 'a.yaml')])).toEqual([p('link.yaml')]);
  });

  test('the same object in two different files is still a duplicate', () => {
    fs.writeFileSync(p('copy.yaml'), NS('a'));
    const r = run(['validate', p('dist', 'a.yaml'), p('copy.yaml')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/copy\.yaml:4:3: Namespace\/a: metadata\.name: .*already defined by document #0/);
  });

  test('a folder link back to a folder being walked is walked once (no endless walk)', () => {
    fs.symlinkSync(p('dist'), p('dist', 'again'));
    fs.mkdirSync(p('dist', 'sub'));
    fs.symlinkSync(p('dist'), p('dist', 'sub', 'up'));
    expect(expandManifestPaths([p('dist')])).toEqual([p('dist', 'a.yaml'), p('dist', 'b.yml')]);
  });

  test('files named on the command line are read whatever their extension; folders only give manifests', () => {
    fs.writeFileSync(p('dump.txt'), NS('c'));
    expect(expandManifestPaths([p('dump.txt'), p('dist')])).toEqual([
      p('dump.txt'),
      p('dist', 'a.yaml'),
      p('dist', 'b.yml'),
    ]);
  });

  test('a UTF-8 byte order mark is dropped, in YAML and in JSON', () => {
    fs.writeFileSync(p('bom.yaml'), `\ufeff${NS('bom')}`);
    fs.writeFileSync(
      p('bom.json'),
      `\ufeff${JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bomj' } })}`,
    );
    expect(readManifestText(p('bom.yaml')).startsWith('apiVersion')).toBe(true);
    const r = run(['validate', p('bom.yaml'), p('bom.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 object(s) in 2 file(s): 0 problem(s)');
  });

  test("documents stream: the second file is not read before the first one's documents are taken", () => {
    const files = expandManifestPaths([p('dist')]);
    const docs = manifestDocuments(files);
    expect(docs.next().value).toMatchObject({ file: p('dist', 'a.yaml'), doc: { metadata: { name: 'a' } } });
    fs.writeFileSync(p('dist', 'b.yml'), NS('changed'));
    expect(docs.next().value).toMatchObject({ file: p('dist', 'b.yml'), doc: { metadata: { name: 'changed' } } });
  });

  test('a long line that never closes is reported in one short line, without echoing the line', () => {
    fs.writeFileSync(p('long.yaml'), `items: [${'"x", '.repeat(20000)}\n`);
    const r = run(['validate', p('long.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.err.length).toBeLessThan(600);
  });

  test('YAML errors name the line of the whole file, in any document', () => {
    fs.writeFileSync(p('many.yaml'), `${NS('x')}---\n${NS('y')}---\nkind: Namespace\nkind: Pod\n`);
    expect(run(['lint', p('many.yaml')]).err).toMatch(
      /many\.yaml: not valid YAML: Map keys must be unique at line 12, column 1; fix: /,
    );
  });

  test('validate, check and lint count objects and files the same way', () => {
    for (const cmd of ['validate', 'check', 'lint']) {
      expect(run([cmd, p('dist'), p('dist', 'a.yaml')]).out).toContain('2 object(s) in 2 file(s)');
    }
  });
});
