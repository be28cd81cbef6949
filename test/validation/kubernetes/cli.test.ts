// `cdk8s-calico validate` exits 1 (not 0) on built-in objects kube-apiserver refuses: the examples of issue 11.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../lib/cli/main';
import { clusterRole, ingressPort, namespace, pod, RULE, service } from './fixtures';

function validate(docs: unknown[], flags: string[] = []): { code: number; out: string; err: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-validate-'));
  try {
    const file = path.join(dir, 'objects.yaml');
    fs.writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
    let out = '';
    let err = '';
    const code = main(
      ['validate', ...flags, file],
      (s) => {
        out += s;
      },
      (s) => {
        err += s;
      },
    );
    return { code, out, err };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('cdk8s-calico validate on built-in kinds', () => {
  test.each([
    ['a Pod named Bad_Name', [pod({}, { name: 'Bad_Name' })], 'metadata.name: Invalid value: "Bad_Name"'],
    [
      'a Service port 70000',
      [service({ ports: [{ port: 70000 }] })],
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'a Service clusterIP: nope',
      [service({ clusterIP: 'nope' })],
      'spec.clusterIP: Invalid value: "nope": must be a valid IP address',
    ],
    [
      'a NetworkPolicy endPort below port',
      [ingressPort({ port: 8080, endPort: 80 })],
      'spec.ingress[0].ports[0].endPort: Invalid value: 80',
    ],
    ['a ClusterRole with verbs: []', [clusterRole([{ ...RULE, verbs: [] }])], 'rules[0].verbs: Required value'],
    ['the same Namespace twice', [namespace(), namespace()], 'metadata.name: Duplicate value: "shop"'],
  ])('%s exits 1 and names the field', (_name, docs, expected) => {
    const r = validate(docs);
    expect(r.err).toBe('');
    expect(r.out).toContain(expected);
    expect(r.out).toMatch(/; fix: \S/);
    expect(r.code).toBe(1);
  });

  test('the valid objects exit 0', () => {
    const r = validate([namespace(), pod(), service(), clusterRole()]);
    expect(r.out).toContain('0 problem(s)');
    expect(r.code).toBe(0);
  });

  test('--no-kubernetes skips the per-object checks', () => {
    expect(validate([pod({}, { name: 'Bad_Name' })], ['--no-kubernetes']).code).toBe(0);
  });
});
