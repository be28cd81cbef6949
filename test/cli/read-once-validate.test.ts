// `validate` of large inputs cuts the files' documents in blocks that two threads take in turn, and merges them back
// (lib/cli/read-once.ts). The blocks, read here in-process with the functions the worker runs and packed as it posts
// them, must give exactly what reading in one go gives: the same problems in the same order, the same cross-object
// problems, the same first error.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError } from '../../lib/cli/args';
import { manifestDocuments } from '../../lib/cli/manifest-files';
import { readOnce } from '../../lib/cli/read-once';
import { validateFiles, validateSourced } from '../../lib/cli/validate-command';
import { yamlDocuments } from '../../lib/model/documents/yaml-file';
import { resolveCrdsDir } from '../../lib/validation';

const options = { crds: resolveCrdsDir()!, kubernetes: true };

/** The one-thread outcome, or the error it throws. */
function sequential(files: string[]): unknown {
  try {
    return validateSourced(manifestDocuments(files), options);
  } catch (e) {
    return { error: (e as Error).message, input: e instanceof InputError };
  }
}

/** The outcome of reading the files in blocks of about `blockBytes` bytes, each packed as the worker posts it. */
function inBlocks(files: string[], blockBytes: number): unknown {
  try {
    const { problems, objects } = readOnce(files, { validate: options, lint: false }, { blockBytes, asPosted: true });
    return { problems, objects };
  } catch (e) {
    return { error: (e as Error).message, input: e instanceof InputError };
  }
}

const GOOD = (i: number): string =>
  [
    'apiVersion: projectcalico.org/v3',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: np-${i}`,
    '  namespace: shop',
    'spec:',
    '  selector: app == "web"',
    '  ingress:',
    '    - action: Allow',
    '      protocol: TCP',
    '      destination:',
    '        ports: [80]',
  ].join('\n');
const BAD = [
  'apiVersion: projectcalico.org/v3',
  'kind: GlobalNetworkPolicy',
  'metadata:',
  '  name: Bad_Name',
  'spec:',
  '  bogus: 1',
  '  ingress:',
  '    - action: Deny',
  '      http: {methods: [GET]}',
].join('\n');
const POOL = (name: string, cidr: string): string =>
  `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n  cidr: ${cidr}`;
const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n    - port: 99999';

describe('validate in shares', () => {
  let dir: string;
  const file = (name: string, docs: string[]): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, docs.join('\n---\n') + '\n');
    return f;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-once-validate-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('problems, duplicates across shares and files, and overlaps come out as in one thread', () => {
    const a = file('a.yaml', [
      GOOD(1),
      BAD,
      POOL('p1', '10.0.0.0/16'),
      SERVICE,
      GOOD(2),
      'null',
      '- a list',
      GOOD(1),
      BAD,
      SERVICE,
    ]);
    const b = file('b.yaml', [
      POOL('p2', '10.0.1.0/24'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: 5',
      GOOD(2),
      `apiVersion: v1\nkind: List\nitems:\n  - ${GOOD(3).split('\n').join('\n    ')}`,
      BAD,
    ]);
    const c = path.join(dir, 'c.json');
    fs.writeFileSync(
      c,
      JSON.stringify([
        {
          apiVersion: 'projectcalico.org/v3',
          kind: 'NetworkPolicy',
          metadata: { name: 'np-1', namespace: 'shop' },
          spec: {},
        },
      ]),
    );
    const files = [a, b, c];
    const expected = sequential(files) as { problems: unknown[] };
    expect(expected.problems.length).toBeGreaterThan(10);
    for (const bytes of [40, 150, 400, 1000, 1 << 20]) expect(inBlocks(files, bytes)).toEqual(expected);
    expect(validateFiles(files, options)).toEqual(expected); // small input: one thread
  });

  test('the first parse error wins, whichever share meets it', () => {
    const a = file('pa.yaml', [GOOD(1), BAD, GOOD(2), 'a: [unclosed', GOOD(3), GOOD(4)]);
    const b = file('pb.yaml', [GOOD(5), 'b: {x', GOOD(6)]);
    const early = file('pc.yaml', ['c: [', GOOD(7), GOOD(8), GOOD(9)]);
    const late = file('pd.yaml', [GOOD(7), GOOD(8), GOOD(9), 'd: {']);
    for (const files of [
      [a, b],
      [b, a],
      [late, early],
      [early, late],
      [late, b],
    ]) {
      const expected = sequential(files) as { error: string };
      expect(expected.error).toMatch(/cannot parse/);
      for (const bytes of [40, 150, 400, 1 << 20]) expect(inBlocks(files, bytes)).toEqual(expected);
    }
  });

  test('yamlDocuments shares cover every document once, in order', () => {
    const text = Array.from({ length: 23 }, (_, i) => `a: ${i}`).join('\n---\n');
    const all = [...yamlDocuments(text)];
    for (const cuts of [[0.5], [0.1, 0.2, 0.9], [0.99]]) {
      const bounds = [0, ...cuts, 1];
      const joined = bounds.slice(0, -1).flatMap((from, i) => [...yamlDocuments(text, { from, to: bounds[i + 1] })]);
      expect(joined).toEqual(all);
    }
    // A stream with directives is read whole, by the first share.
    const stream = `%YAML 1.1\n---\na: 1\n---\nb: 2\n`;
    expect([...yamlDocuments(stream, { from: 0, to: 0.5 })]).toEqual([{ a: 1 }, { b: 2 }]);
    expect([...yamlDocuments(stream, { from: 0.5, to: 1 })]).toEqual([]);
  });
});
