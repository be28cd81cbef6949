/**
 * Issue 11, item 7: `validate`, `check` and `lint` read large inputs through the fast YAML path, stream them (each
 * document validated and projected as it is read, then dropped) and lint the projections. On the benchmark's own
 * corpus (bench/large-input.ts, all its document kinds) with mistakes of every family mixed in, each command must
 * answer exactly what the plain path answers: the `yaml` package's documents given whole to validateManifests and
 * lintManifests. Same problems and findings, same order, same document positions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { largeInputDocument } from '../../bench/large-input';
import { lintFiles, lintRead, workerRuleSets } from '../../lib/cli/lint-read';
import { readOnce } from '../../lib/cli/read-once';
import { validateFiles } from '../../lib/cli/validate-command';
import { yamlDocuments } from '../../lib/model/documents/yaml-file';
import { lintManifests } from '../../lib/lint/lint-manifests';
import { LINT_RULE_SETS } from '../../lib/lint/lint-registry';
import { lintNodeAccess } from '../../lib/nodes/node-access-proof';
import { resolveCrdsDir, validateManifests } from '../../lib/validation';

const options = { crds: resolveCrdsDir()!, kubernetes: true };

/** Documents each rule family catches (and validation refuses), placed among the corpus's tidy ones. */
const MISTAKES: readonly string[] = [
  // A Service port kube-apiserver refuses, and a Pod whose name is no DNS-1123 subdomain.
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-port\n  namespace: ns-1\nspec:\n  ports:\n    - port: 70000',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n  namespace: ns-2\nspec:\n  containers:\n    - name: main\n      image: x',
  // A Calico policy with a rule port but no protocol, and one whose selector matches no endpoint.
  'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: no-proto\n  namespace: ns-3\nspec:\n' +
    '  selector: app == "app-3"\n  ingress:\n    - action: Allow\n      destination:\n        ports: [80]',
  'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: selects-nothing\n  namespace: ns-4\nspec:\n' +
    '  selector: app == "nobody"\n  types: [Ingress]',
  // A Kubernetes NetworkPolicy without policyTypes and with a port without protocol.
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: knp-loose\n  namespace: ns-5\nspec:\n' +
    '  podSelector: {}\n  ingress:\n    - ports: [{port: 53}]',
  // The same object twice (a cross-object problem), an RBAC wildcard, and a kubectl List of a restricted namespace
  // with a pod that fails it (a privileged one follows it).
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-15\n  namespace: ns-0\nspec:\n  selector: {app: app-0}\n  ports:\n    - port: 81',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: everything\nrules:\n' +
    '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]',
  'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: ns-7\n' +
    '      labels:\n        pod-security.kubernetes.io/enforce: restricted\n  - apiVersion: v1\n    kind: Pod\n' +
    '    metadata:\n      name: in-list\n      namespace: ns-7\n    spec:\n      containers:\n        - name: main\n' +
    '          image: x',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: ns-7\nspec:\n  containers:\n    - name: main\n      image: x\n' +
    '      securityContext:\n        privileged: true',
];

/** `n` documents of the benchmark's corpus with the mistakes above spread through it. */
function corpusText(n: number): string {
  const docs: string[] = [];
  const every = Math.floor(n / MISTAKES.length);
  for (let i = 0; i < n; i++) {
    docs.push(largeInputDocument(i));
    if (i % every === every - 1 && MISTAKES[Math.floor(i / every)]) docs.push(MISTAKES[Math.floor(i / every)]);
  }
  return docs.join('\n---\n') + '\n';
}

/** The `yaml` package's reading of the text (the plain path), null documents dropped as the CLI drops them. */
function plainDocuments(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJSON())
    .filter((d) => d !== null && d !== undefined);
}

/** A problem or finding without the reader's place in the file (the plain path has none). */
function withoutPlace<T extends object>(x: T): Omit<T, 'file' | 'offset' | 'item' | 'document'> {
  type Placed = T & { file?: unknown; offset?: unknown; item?: unknown; document?: unknown };
  const { file: _f, offset: _o, item: _i, document: _d, ...rest } = x as Placed;
  return rest;
}

describe('the benchmark corpus: the streamed commands answer what the plain path answers', () => {
  let dir: string;
  let file: string;
  let plain: unknown[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'large-input-equality-'));
    file = path.join(dir, 'corpus.yaml');
    const text = corpusText(2000);
    fs.writeFileSync(file, text);
    plain = plainDocuments(text);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the fast reader gives the yaml package's documents, one for one", () => {
    const fast = [...yamlDocuments(fs.readFileSync(file, 'utf8'))];
    expect(fast.length).toBe(2000 + MISTAKES.length);
    expect(fast).toEqual(plain);
  });

  test('validate: the same problems in the same order, cross-object ones last', () => {
    const streamed = validateFiles([file], options);
    const expected = validateManifests(plain, options);
    expect(expected.length).toBeGreaterThanOrEqual(4); // the mistakes are found at all
    expect(expected.some((p) => p.rule.includes('duplicate'))).toBe(true);
    expect(streamed.objects).toBe(plain.length);
    expect(streamed.problems.map(withoutPlace)).toEqual(expected.map(withoutPlace));
  });

  test('lint: the same findings, order and documents as lintManifests over the whole documents', () => {
    const streamed = lintFiles([file], []).findings;
    const expected = lintManifests(plain);
    const rules = new Set(expected.map((f) => f.rule));
    for (const r of ['lint.selector-matches-nothing', 'lint.k8s-policy-types-missing', 'lint.rbac-wildcard'])
      expect(rules).toContain(r);
    expect(expected.some((f) => f.rule.startsWith('psa.'))).toBe(true);
    expect(streamed.map((f) => f.document)).toEqual(expected.map((f) => f.document));
    expect(streamed.map(withoutPlace)).toEqual(expected.map(withoutPlace));
  });

  test('cut in blocks and packed as the worker posts them: the same problems, findings, order and places', () => {
    // About 25 blocks of 16 KB, each packed, cloned as a message is, and unpacked (read-once.ts ReadTuning). The
    // corpus with mistakes has a Pod the engine refuses, so its lint reads the documents again whole; the tidy one
    // is linted over the projections with the model summary made while reading.
    const tidy = path.join(dir, 'tidy.yaml');
    fs.writeFileSync(tidy, Array.from({ length: 2000 }, (_, i) => largeInputDocument(i)).join('\n---\n') + '\n');
    const tuning = { blockBytes: 16 << 10, asPosted: true };
    for (const [input, summarized] of [
      [file, false],
      [tidy, true],
    ] as const) {
      const whole = readOnce([input], { validate: options });
      const cut = readOnce([input], { validate: options }, tuning);
      expect(cut.objects).toBe(whole.objects);
      expect(cut.problems).toEqual(whole.problems);
      expect(cut.sourced().map((d) => [d.offset, d.item])).toEqual(whole.sourced().map((d) => [d.offset, d.item]));
      expect(cut.lint?.summary !== undefined).toBe(summarized);
      expect(cut.lint?.summary).toEqual(whole.lint?.summary);
      expect(lintRead([input], cut, [])).toEqual(lintRead([input], whole, []));
      expect(lintRead([input], cut, []).length).toBeGreaterThan(0);
    }
  });

  test('blocks a worker took and never gave back are read again in order: the same answer', () => {
    const whole = readOnce([file], { validate: options });
    const lost = readOnce([file], { validate: options }, { blockBytes: 16 << 10, lose: (b) => b % 3 === 1 });
    expect(lost.objects).toBe(whole.objects);
    expect(lost.problems).toEqual(whole.problems);
    expect(lost.sourced().map((d) => [d.offset, d.item])).toEqual(whole.sourced().map((d) => [d.offset, d.item]));
    expect(lintRead([file], lost, [])).toEqual(lintRead([file], whole, []));
  });

  test("the worker's rule sets over its blocks and the others as posted: the same findings as one thread's", () => {
    // The lockout proof runs where the worker runs it (read-once.ts lintOnWorker): over the projections of the blocks
    // it read (here: the even ones) and of the others as this thread posts them (JSON text, cloned as a message
    // is), its findings cloned as a message is.
    const tidy = path.join(dir, 'tidy-worker.yaml');
    fs.writeFileSync(tidy, Array.from({ length: 2000 }, (_, i) => largeInputDocument(i)).join('\n---\n') + '\n');
    const onWorker = workerRuleSets([]);
    const proofAt = LINT_RULE_SETS.indexOf(lintNodeAccess);
    expect(onWorker).toContain(proofAt);
    const whole = readOnce([tidy], { validate: options });
    const split = readOnce(
      [tidy],
      { validate: options, lintOnWorker: onWorker },
      { blockBytes: 16 << 10, lintHere: true },
    );
    const fromWorker = split.workerLint();
    expect([...(fromWorker?.keys() ?? [])]).toEqual(onWorker);
    const proof = fromWorker?.get(proofAt) ?? [];
    expect(proof.length).toBeGreaterThan(0); // the corpus's policies block node flows: the proof has findings
    expect(proof.every((f) => f.rule === 'lint.node-access-blocked')).toBe(true);
    const expected = lintRead([tidy], whole, []);
    expect(expected.some((f) => f.rule === 'lint.node-access-blocked')).toBe(true);
    expect(lintRead([tidy], split, [])).toEqual(expected);
    // Disabled, the proof is left to nobody (the other rule sets are always run: their findings are filtered).
    expect(workerRuleSets(['lint.node-access-blocked'])).not.toContain(proofAt);
  });

  test('cut in blocks, a document that does not parse stops the read with the error one read meets first', () => {
    const broken = path.join(dir, 'broken.yaml');
    const text = fs.readFileSync(file, 'utf8');
    // Two bad documents, in the third and the last fifth: the first one is the error.
    const at = (f: number) => text.indexOf('\n---\n', Math.floor(text.length * f)) + 5;
    const bad = (line: string) => `${line}\nkind: [unclosed\n---\n`;
    fs.writeFileSync(
      broken,
      text.slice(0, at(0.4)) + bad('# first') + text.slice(at(0.4), at(0.9)) + bad('# second') + text.slice(at(0.9)),
    );
    const one = (): unknown => readOnce([broken]);
    const blocks = (): unknown => readOnce([broken], {}, { blockBytes: 16 << 10, asPosted: true });
    expect(one).toThrow(/cannot parse/);
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message(blocks)).toBe(message(one));
    // Also when the blocks before it, or the block holding it, were lost by a worker and read again.
    for (const lose of [(b: number) => b % 2 === 0, () => true]) {
      expect(message(() => readOnce([broken], {}, { blockBytes: 16 << 10, lose }))).toBe(message(one));
    }
    // The first bad document's line, not the second's.
    const reported = Number(/at line (\d+)/.exec(message(one))?.[1]);
    const first = text.slice(0, at(0.4)).split('\n').length;
    expect(reported).toBeGreaterThanOrEqual(first);
    expect(reported).toBeLessThan(first + 3);
  });

  test('check: one read gives both answers', () => {
    const read = readOnce([file], { validate: options });
    expect(read.objects).toBe(plain.length);
    expect(read.problems.map(withoutPlace)).toEqual(validateManifests(plain, options).map(withoutPlace));
  });
});
