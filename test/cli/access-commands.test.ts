// can-i / who-can over manifest files: output formats and the exit codes CI relies on (0 yes / anyone,
// 1 no / nobody, 2 usage). main.ts is wired by the lead, so this runs the commands the way main does.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs, UsageError } from '../../lib/cli/args';
import { CAN_I_ARGS, runCanI, runWhoCan, WHO_CAN_ARGS } from '../../lib/cli/access-commands';
import { podsViewerCluster, RBAC_V1, wangInDev } from '../analysis/access/rbac-fixtures';

function run(command: 'can-i' | 'who-can', argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  const [spec, fn] = command === 'can-i' ? [CAN_I_ARGS, runCanI] : [WHO_CAN_ARGS, runWhoCan];
  try {
    const code = fn(parseArgs(argv, spec), (s) => {
      out += s;
    });
    return { code, out, err: '' };
  } catch (e) {
    return { code: 2, out, err: `${e instanceof UsageError ? 'usage: ' : ''}${(e as Error).message}` };
  }
}

describe('access commands', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-access-'));
    file = path.join(dir, 'rbac.json');
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'workload', namespace: 'dev' } };
    const saBinding = {
      apiVersion: RBAC_V1,
      kind: 'RoleBinding',
      metadata: { name: 'workload-viewer', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer-cluster' },
      subjects: [{ kind: 'ServiceAccount', name: 'workload' }],
    };
    const groupBinding = {
      apiVersion: RBAC_V1,
      kind: 'RoleBinding',
      metadata: { name: 'team-viewer', namespace: 'staging' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer-cluster' },
      subjects: [{ kind: 'Group', name: 'dev-team', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    fs.writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [podsViewerCluster, wangInDev, sa, saBinding, groupBinding],
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('can-i: yes with the reason, exit 0; no with the reason, exit 1', () => {
    const yes = run('can-i', ['--verb', 'list', '--resource', 'pods', '--namespace', 'dev', '--as', 'wang', file]);
    expect(yes).toEqual({
      code: 0,
      err: '',
      out: 'yes\nreason: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject User "wang"\n',
    });
    const no = run('can-i', ['--verb', 'list', '--resource', 'nodes', '--as', 'wang', file]);
    expect(no.code).toBe(1);
    expect(no.out).toBe(
      'no\nreason: no binding of user "wang" (groups system:authenticated) grants list nodes (cluster-scoped)\n',
    );
  });

  test('can-i: groups as a comma list, ServiceAccounts, subresources, folders', () => {
    expect(
      run('can-i', [
        '--verb',
        'get',
        '--resource',
        'deployments.apps',
        '--namespace',
        'staging',
        '--as',
        'li',
        '--as-group',
        'qa, dev-team',
        dir,
      ]).code,
    ).toBe(0);
    expect(
      run('can-i', ['--verb', 'get', '--resource', 'pods', '--namespace', 'dev', '--as-sa', 'dev/workload', file]).code,
    ).toBe(0);
    expect(
      run('can-i', ['--verb', 'get', '--resource', 'pods', '--namespace', 'staging', '--as-sa', 'dev/workload', file])
        .code,
    ).toBe(1);
    expect(
      run('can-i', [
        '--verb',
        'get',
        '--resource',
        'pods',
        '--subresource',
        'log',
        '--name',
        'web',
        '--namespace',
        'dev',
        '--as',
        'wang',
        file,
      ]).code,
    ).toBe(1);
    // every authenticated user may get /healthz through the bootstrap system:discovery binding (issue 12); not without
    // it
    expect(run('can-i', ['--verb', 'get', '--non-resource-url', '/healthz', '--as', 'wang', file]).code).toBe(0);
    expect(
      run('can-i', ['--verb', 'get', '--non-resource-url', '/healthz', '--as', 'wang', '--no-bootstrap', file]).code,
    ).toBe(1);
    expect(
      run('can-i', [
        '--verb',
        'list',
        '--resource',
        'events.events.k8s.io',
        '--namespace',
        'dev',
        '--as',
        'wang',
        '--kubernetes-version',
        '1.35',
        file,
      ]).code,
    ).toBe(1);
    expect(
      run('can-i', ['--verb', 'get', '--resource', 'pods', '--as', 'a', '--kubernetes-version', 'v1.27', file]),
    ).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^usage: --kubernetes-version must be one of 1.27, 1.35, got "v1.27"; fix: /),
    });
  });

  test('can-i --format json and md', () => {
    const json = JSON.parse(
      run('can-i', [
        '--verb',
        'list',
        '--resource',
        'pods',
        '--namespace',
        'staging',
        '--as',
        'wang',
        '--format',
        'json',
        file,
      ]).out,
    );
    expect(json).toMatchObject({
      query: { user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' },
      allowed: false,
      request: { verb: 'list', resource: 'pods', namespace: 'staging', apiGroup: '' },
      user: { name: 'wang', groups: ['system:authenticated'] },
    });
    expect(json.notes).toEqual([
      'near miss: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster allows it in namespace dev only',
    ]);
    const md = run('can-i', [
      '--verb',
      'list',
      '--resource',
      'pods',
      '--namespace',
      'dev',
      '--as',
      'wang',
      '--format',
      'md',
      file,
    ]);
    expect(md.code).toBe(0);
    expect(md.out.split('\n').slice(0, 3)).toEqual([
      '| question | answer |',
      '| --- | --- |',
      '| wang (groups system:authenticated) may list pods in namespace dev | ✅ yes |',
    ]);
  });

  test('who-can: lists subjects with the bindings, exit 0; nobody, exit 1', () => {
    const r = run('who-can', ['--verb', 'list', '--resource', 'pods', '--namespace', 'dev', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'who can list pods in namespace dev: 2 subject(s) from bindings',
        '  ServiceAccount dev/workload',
        '    via RoleBinding dev/workload-viewer -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject ServiceAccount "dev/workload"',
        '  User wang',
        '    via RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject User "wang"',
        '  Group system:masters (always: bypasses RBAC)',
        '',
      ].join('\n'),
    );
    const nobody = run('who-can', ['--verb', 'get', '--resource', 'secrets', '--namespace', 'dev', file]);
    expect(nobody.code).toBe(1);
    expect(nobody.out).toMatch(/^who can get secrets in namespace dev: 0 subject\(s\) from bindings\n/);
    const json = JSON.parse(
      run('who-can', ['--verb', 'list', '--resource', 'pods', '--namespace', 'staging', '--format', 'json', file]).out,
    );
    expect(json.subjects.map((s: any) => `${s.kind}:${s.name}`)).toEqual(['Group:dev-team']);
    const md = run('who-can', [
      '--verb',
      'list',
      '--resource',
      'pods',
      '--namespace',
      'staging',
      '--format',
      'md',
      file,
    ]).out;
    expect(md).toContain(
      '| Group dev-team | RoleBinding staging/team-viewer -> ClusterRole pods-viewer-cluster rule 0',
    );
  });

  test('usage errors: exit 2', () => {
    expect(run('can-i', ['--resource', 'pods', '--as', 'wang', file])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^usage: can-i needs --verb, e.g. --verb list; fix: /),
    });
    expect(run('can-i', ['--verb', 'get', '--resource', 'pods', file]).err).toMatch(/^usage: can-i needs an identity/);
    expect(
      run('can-i', ['--verb', 'get', '--resource', 'pods', '--non-resource-url', '/x', '--as', 'a', file]).err,
    ).toMatch(/^usage: can-i needs exactly one of --resource/);
    expect(run('can-i', ['--verb', 'get', '--resource', 'pods', '--as', 'a']).err).toMatch(
      /^usage: no files given; fix: /,
    );
    expect(run('can-i', ['--verb', 'get', '--resource', 'pods', '--as', 'a', '--format', 'yaml', file]).err).toMatch(
      /^usage: --format must be one of text, json, md/,
    );
    expect(run('who-can', ['--verb', 'get', file]).code).toBe(2);
    expect(run('can-i', ['--verb', 'get', '--resource', 'pods', '--as-sa', 'nope', file])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/serviceAccount: "nope" is not namespace\/name/),
    });
  });
});
