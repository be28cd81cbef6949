// Issue 12 item 1: a pool that restricts a Felix failsafe port really restricts it (the failsafe entry is narrowed
// to the declared networks), merges with the app's FelixConfiguration, or fails synth naming the port and both ways
// out; the lint reports rules a failsafe port makes a no-op.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  FelixConfiguration,
  GlobalNetworkPolicy,
  lintManifests,
  NetworkModel,
  Peer,
  Port,
  Protocol,
  Selector,
} from '../../lib';
import { main } from '../../lib/cli/main';
import { failsafeLintFindings } from '../../lib/lint/failsafe-lint';
import { failsafeShadowedRules, narrowFailsafeList } from '../../lib/network/failsafe-rules';
import { FailsafeDirection, NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';
import { synthError } from '../support/synth-error';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
    },
    { name: 'worker-1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.2'] },
  ]);

type PoolProps = NonNullable<ConstructorParameters<typeof SecuredNodePool>[2]>;
const pool = (chart: Chart, extra: PoolProps = {}) =>
  new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inventory(),
    ...extra,
  });
const synthAll = (app: App) => app.charts.flatMap((c) => Testing.synth(c));
const modelOf = (app: App) => NetworkModel.fromManifests([...synthAll(app), ...inventory().toNodeManifests()]);

describe('sshFrom narrows the TCP 22 failsafe', () => {
  test('before: the failsafe admits anyone; after: 203.0.113.9 is DENIED and the admin network ALLOWED, on every node', () => {
    const app = Testing.app();
    pool(new Chart(app, 'c'), { baseline: { sshFrom: ['192.168.10.0/24'] } });
    const docs = synthAll(app);
    const felix = docs.find((d) => d.kind === 'FelixConfiguration');
    expect(felix.metadata.name).toBe('default');
    const inbound = felix.spec.failsafeInboundHostPorts;
    expect(inbound.filter((e: any) => e.port === 22)).toEqual([{ protocol: 'TCP', port: 22, net: '192.168.10.0/24' }]);
    // Every other default stays as Calico has it.
    expect(inbound.filter((e: any) => e.port !== 22).map((e: any) => `${e.protocol}:${e.port}`)).toEqual([
      'UDP:68',
      'TCP:179',
      'TCP:2379',
      'TCP:2380',
      'TCP:5473',
      'TCP:6443',
      'TCP:6666',
      'TCP:6667',
    ]);
    expect(felix.spec.failsafeOutboundHostPorts).toBeUndefined();

    const model = modelOf(app);
    for (const node of ['node/cp-1', 'node/worker-1']) {
      const outside = model.evaluate({ from: '203.0.113.9', to: node, protocol: 'TCP', port: 22 });
      expect(outside.allowed).toBe(false);
      expect(outside.reason).not.toMatch(/failsafe/);
      const admin = model.evaluate({ from: '192.168.10.5', to: node, protocol: 'TCP', port: 22 });
      expect(admin.allowed).toBe(true);
    }
    // Without the FelixConfiguration (what the pool emitted before issue 12) the failsafe lets everyone in.
    const before = NetworkModel.fromManifests([
      ...docs.filter((d) => d.kind !== 'FelixConfiguration'),
      ...inventory().toNodeManifests(),
    ]);
    const open = before.evaluate({ from: '203.0.113.9', to: 'node/cp-1', protocol: 'TCP', port: 22 });
    expect(open.allowed).toBe(true);
    expect(open.reason).toMatch(/failsafe port tcp:22/);
  });

  test('the CLI explain agrees: exit 1 (DENIED) from outside, 0 (ALLOWED) from the admin network', () => {
    const app = Testing.app();
    pool(new Chart(app, 'c'), { baseline: { sshFrom: ['192.168.10.0/24'] } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failsafe-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'app.json'),
        JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...synthAll(app), ...inventory().toNodeManifests()] }),
      );
      const run = (from: string) => {
        let out = '';
        const code = main(
          ['explain', '--from', from, '--to', 'node/worker-1', '--port', '22/TCP', dir],
          (s) => {
            out += s;
          },
          () => undefined,
        );
        return { code, out };
      };
      const outside = run('203.0.113.9');
      expect(outside.code).toBe(1);
      expect(outside.out).toMatch(/DENIED/);
      const admin = run('192.168.10.5');
      expect(admin.code).toBe(0);
      expect(admin.out).toMatch(/ALLOWED/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("merges into the app's FelixConfiguration default (made first, in another chart): one object, the user's fields kept", () => {
    const app = Testing.app();
    new FelixConfiguration(new Chart(app, 'felix'), 'Felix', {
      failsafeInboundHostPorts: [...FelixConfiguration.defaultFailsafeInboundPorts(), { port: 10022 }],
      extraSpec: { logSeverityScreen: 'Warning' },
    });
    const p = pool(new Chart(app, 'nodes'), { baseline: { sshFrom: ['192.168.10.0/24', '192.168.20.0/24'] } });
    const felixes = synthAll(app).filter((d) => d.kind === 'FelixConfiguration');
    expect(felixes).toHaveLength(1);
    expect(p.felixConfiguration?.node.path).toBe('felix/Felix');
    expect(felixes[0].spec.logSeverityScreen).toBe('Warning');
    expect(felixes[0].spec.failsafeInboundHostPorts.filter((e: any) => e.port === 22 || e.port === 10022)).toEqual([
      { protocol: 'TCP', port: 22, net: '192.168.10.0/24' },
      { protocol: 'TCP', port: 22, net: '192.168.20.0/24' },
      { protocol: 'TCP', port: 10022 },
    ]);
  });

  test('a FelixConfiguration default made after the pool fails with a clear message, never a second object', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    pool(chart, { baseline: { sshFrom: ['192.168.10.0/24'] } });
    expect(() => new FelixConfiguration(chart, 'Felix')).toThrow(
      /\[c\/Felix\] name: FelixConfiguration default is already defined by \[c\/Nodes\/HostEndpoints\/FelixConfiguration\] \(made by SecuredNodePool \[c\/Nodes\].*fix: set these fields on that one, or create yours before the pool/,
    );
  });

  test('two pools of one cluster narrowing TCP 22 share one FelixConfiguration that admits both admin networks', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    pool(chart, { baseline: { sshFrom: ['192.168.10.0/24'] } });
    new SecuredNodePool(chart, 'Edge', {
      name: 'edge',
      selector: Selector.has('edge'),
      dangerouslySkipLockoutGuard: true,
      baseline: { sshFrom: ['172.30.0.0/16'] },
    });
    const felixes = synthAll(app).filter((d) => d.kind === 'FelixConfiguration');
    expect(felixes).toHaveLength(1);
    expect(felixes[0].spec.failsafeInboundHostPorts.filter((e: any) => e.port === 22).map((e: any) => e.net)).toEqual([
      '192.168.10.0/24',
      '172.30.0.0/16',
    ]);
  });

  test("a port the app's FelixConfiguration already narrowed or removed is left as its author set it", () => {
    const list = [
      { protocol: 'TCP', port: 22, net: '10.9.0.0/16' },
      { protocol: 'UDP', port: 68 },
    ];
    expect(
      narrowFailsafeList(list, [{ direction: 'inbound', protocol: 6, port: 22, nets: ['192.168.10.0/24'] }]),
    ).toEqual(list);
    expect(
      narrowFailsafeList(
        [{ protocol: 'UDP', port: 68 }],
        [{ direction: 'inbound', protocol: 6, port: 22, nets: ['192.168.10.0/24'] }],
      ),
    ).toEqual([{ protocol: 'UDP', port: 68 }]);
  });
});

describe('deny rules on open failsafe ports', () => {
  test('pool.denyIngress(Peer.any(), Port.tcp(22)) without sshFrom fails synth naming the port and both ways out', () => {
    const app = Testing.app();
    pool(new Chart(app, 'c')).denyIngress(Peer.any(), Port.tcp(22));
    const msg = synthError(app);
    expect(msg).toMatch(/\[c\/Nodes\] nodes-policy-deny ingress rule 0 denies tcp:22 \(SSH\), a Felix failsafe port/);
    expect(msg).toMatch(
      /fix: narrow the failsafe .*failsafe: \{ narrow: \[\{ port: 22, nets: \['<CIDR>'\] \}\] \}.*baseline\.sshFrom.*or acknowledge that it stays open \(`failsafe: \{ keepOpen: \[\{ port: 22 \}\] \}`\)/,
    );
  });

  test('with sshFrom the same deny really denies: nobody but the admin network gets SSH', () => {
    const app = Testing.app();
    pool(new Chart(app, 'c'), { baseline: { sshFrom: ['192.168.10.0/24'] } }).denyIngress(Peer.any(), Port.tcp(22));
    const model = modelOf(app);
    expect(model.evaluate({ from: '203.0.113.9', to: 'node/cp-1', protocol: 'TCP', port: 22 }).allowed).toBe(false);
    expect(model.evaluate({ from: '192.168.10.5', to: 'node/cp-1', protocol: 'TCP', port: 22 }).allowed).toBe(true);
  });

  test('the lockout guard proves the admin network still gets in: through the narrowed failsafe, or it fails', () => {
    const build = (felixFirst: boolean) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      // The app's own FelixConfiguration already narrowed TCP 22 to another network: the pool leaves it as written.
      if (felixFirst) {
        new FelixConfiguration(chart, 'Felix', {
          failsafeInboundHostPorts: FelixConfiguration.defaultFailsafeInboundPorts().map((f) =>
            f.port === 22 ? { ...f, net: '10.9.0.0/16' } : f,
          ),
        });
      }
      pool(chart, { baseline: { sshFrom: ['192.168.10.0/24'] } }).denyIngress(Peer.any(), Port.tcp(22));
      return app;
    };
    expect(synthError(build(false))).toBe('');
    expect(synthError(build(true))).toMatch(
      /lockout guard: SSH from the admin network 192\.168\.10\.0\/24 \(TCP 22\) is blocked: 192\.168\.10\.\d+ → node\/cp-1 TCP 22: .*nodes-policy-deny/,
    );
  });

  test('failsafe.narrow narrows any failsafe port; failsafe.keepOpen acknowledges, recorded on the policy, and lint stays quiet', () => {
    const app = Testing.app();
    const p = pool(new Chart(app, 'c'), {
      failsafe: {
        narrow: [{ port: 179, nets: ['10.0.0.0/24'] }],
        keepOpen: [{ port: 6443 }, { port: 53, protocol: Protocol.udp(), direction: FailsafeDirection.OUTBOUND }],
      },
    });
    p.denyIngress(Peer.nets('203.0.113.0/24'), Port.tcp(179));
    p.denyIngress(Peer.nets('203.0.113.0/24'), Port.tcp(6443));
    p.denyEgress(Peer.nets('203.0.113.0/24'), Port.udp(53));
    const docs = synthAll(app);
    const felix = docs.find((d) => d.kind === 'FelixConfiguration');
    expect(felix.spec.failsafeInboundHostPorts.filter((e: any) => e.port === 179)).toEqual([
      { protocol: 'TCP', port: 179, net: '10.0.0.0/24' },
    ]);
    const deny = docs.find((d) => d.metadata.name === 'nodes-policy-deny');
    expect(deny.metadata.annotations['cdk8s-calico.io/acknowledged-risks']).toBe(
      'failsafe-open:inbound:tcp:6443,failsafe-open:outbound:udp:53',
    );
    expect(lintManifests(docs).filter((f) => f.rule === 'lint.failsafe-shadows-rule')).toEqual([]);
    // BGP from outside the node network now meets the deny.
    expect(
      modelOf(app).evaluate({ from: '203.0.113.7', to: 'node/worker-1', protocol: 'TCP', port: 179 }).allowed,
    ).toBe(false);
  });

  test('stale or meaningless failsafe props fail synth with the fix', () => {
    const app = Testing.app();
    pool(new Chart(app, 'c'), {
      failsafe: { narrow: [{ port: 8080, nets: ['10.0.0.0/8'] }], keepOpen: [{ port: 22 }] },
    });
    const msg = synthError(app);
    expect(msg).toMatch(
      /failsafe\.narrow\[0\]: tcp:8080 is not an inbound failsafe port, so there is nothing to narrow/,
    );
    expect(msg).toMatch(/failsafe\.keepOpen\[0\]: no deny rule of the pool names inbound tcp:22 .*fix: remove it/);
  });

  test('catch-all denies (no port) and denies outside the failsafe networks are not reported', () => {
    const gnp = (ingress: any[]) => ({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'p' },
      spec: { selector: 'all()', ingress },
    });
    expect(failsafeShadowedRules([gnp([{ action: 'Deny' }])])).toEqual([]);
    expect(failsafeShadowedRules([gnp([{ action: 'Deny', protocol: 'TCP', destination: { ports: [80] } }])])).toEqual(
      [],
    );
    const felix = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: { failsafeInboundHostPorts: [{ protocol: 'TCP', port: 22, net: '10.0.0.0/8' }] },
    };
    expect(
      failsafeShadowedRules([felix, gnp([{ action: 'Deny', protocol: 'TCP', destination: { ports: [22] } }])]),
    ).toEqual([]);
    const inside = failsafeShadowedRules([
      felix,
      gnp([{ action: 'Deny', protocol: 'TCP', source: { nets: ['10.1.0.0/16'] }, destination: { ports: ['20:30'] } }]),
    ]);
    expect(inside.map((s) => s.port)).toEqual(['tcp:22']);
  });
});

describe('lint.failsafe-shadows-rule', () => {
  test('a hand-written deny of SSH is reported with the fix; narrowing the failsafe silences it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const p = new GlobalNetworkPolicy(chart, 'NoSsh', { selector: Selector.has('kubernetes-host') });
    p.denyIngress(Peer.any(), Port.tcp(22));
    const docs = Testing.synth(chart);
    const found = failsafeLintFindings(docs).filter((f) => f.rule === 'lint.failsafe-shadows-rule');
    expect(found).toEqual([
      expect.objectContaining({ kind: 'GlobalNetworkPolicy', name: 'no-ssh', path: 'spec.ingress[0]' }),
    ]);
    expect(found[0].message).toMatch(
      /denies tcp:22 \(SSH\), a Felix failsafe port .*fix: narrow the failsafe entry .*failsafeInboundHostPorts: \{ protocol: TCP, port: 22, net: <CIDR> \}/,
    );
    expect(lintManifests(docs).find((f) => f.rule === 'lint.failsafe-shadows-rule')?.severity).toBe('warning');
    const narrowed = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: { failsafeInboundHostPorts: [{ protocol: 'TCP', port: 22, net: '192.168.10.0/24' }] },
    };
    expect(failsafeLintFindings([...docs, narrowed]).filter((f) => f.rule === 'lint.failsafe-shadows-rule')).toEqual(
      [],
    );
  });
});
