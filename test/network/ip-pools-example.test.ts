// examples/ip-pools: what the example promises, checked on its synthesized output.
import { App, Testing } from 'cdk8s';
import { lintNetworkManifests, NetworkModel, validateManifests } from '../../lib';
import type { EvaluateResult } from '../../lib';
import { failsafeLintFindings } from '../../lib/lint/failsafe-lint';
import { cidrsOverlap, parseCidr } from '../../lib/model/primitives/cidr';
import { ADMIN_NET, buildExample, SHOP } from '../../examples/ip-pools/main';
import { namespace, node, pod } from '../analysis/network/fixtures';

function synth(): Record<string, any[]> {
  const app: App = Testing.app();
  buildExample(app);
  return Object.fromEntries(app.charts.map((c) => [c.node.id, Testing.synth(c)]));
}

const charts = synth();
const all = Object.values(charts).flat();
const pools = charts.pools.filter((d) => d.kind === 'IPPool');

test('three charts; everything validates and lints clean', () => {
  expect(Object.keys(charts)).toEqual(['pools', 'logging', 'canal']);
  expect(validateManifests(all)).toEqual([]);
  expect(failsafeLintFindings(all)).toEqual([]);
  expect(lintNetworkManifests(charts.pools)).toEqual([]);
});

test('the pools are the handbook modes side by side, and do not overlap', () => {
  const modes = Object.fromEntries(
    pools.map((p) => [
      p.metadata.name,
      [p.spec.ipipMode, p.spec.vxlanMode, p.spec.allowedUses.join('+'), p.spec.nodeSelector],
    ]),
  );
  expect(modes).toEqual({
    'default-ipv4-ippool': ['Never', 'Never', 'Workload+Tunnel', 'all()'],
    'cloud': ['CrossSubnet', 'Never', 'Workload+Tunnel', 'topology.kubernetes.io/region == "cloud"'],
    'edge': ['Never', 'Always', 'Workload+Tunnel', 'zone == "edge"'],
    'default-ipv6-ippool': ['Never', 'Always', 'Workload+Tunnel', 'all()'],
    'load-balancers': ['Never', 'Never', 'LoadBalancer', 'all()'],
  });
  expect(pools.filter((p) => p.spec.natOutgoing).map((p) => p.metadata.name)).toEqual([
    'default-ipv4-ippool',
    'cloud',
    'edge',
    'default-ipv6-ippool',
  ]);
  const cidrs = pools.map((p) => parseCidr(p.spec.cidr)!);
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++)
      expect([pools[i].spec.cidr, pools[j].spec.cidr, cidrsOverlap(cidrs[i], cidrs[j])]).toEqual([
        pools[i].spec.cidr,
        pools[j].spec.cidr,
        false,
      ]);
  }
});

test('the FelixConfiguration keeps every failsafe port, SSH narrowed to the admin network', () => {
  const felix = charts.pools.find((d) => d.kind === 'FelixConfiguration');
  expect(felix.spec.failsafeInboundHostPorts).toContainEqual({ protocol: 'TCP', port: 22, net: ADMIN_NET });
  expect(felix.spec.failsafeInboundHostPorts).toHaveLength(9);
  expect(felix.spec.failsafeOutboundHostPorts).toHaveLength(9);
  expect(felix.metadata.annotations).toBeUndefined();
});

test('the Canal chart is flannel in VXLAN DirectRouting mode on the pod network', () => {
  const [cm] = charts.canal;
  expect(cm.metadata).toEqual({ name: 'canal-config', namespace: 'kube-system' });
  expect(JSON.parse(cm.data['net-conf.json'])).toEqual({
    Network: '10.244.0.0/16',
    Backend: { Type: 'vxlan', DirectRouting: true },
  });
});

describe('DenyLogging in the example changes no verdict', () => {
  const cluster = [
    node('node-a', '10.0.0.1'),
    namespace(SHOP),
    namespace('other'),
    pod(SHOP, 'frontend', { ip: '10.244.1.10', labels: { app: 'frontend' } }),
    pod(SHOP, 'backend', { ip: '10.244.1.11', labels: { app: 'backend' } }),
    pod('other', 'web', { ip: '10.244.2.10', labels: { app: 'web' } }),
    pod('other', 'client', { ip: '10.244.2.11', labels: { app: 'client' } }),
  ];
  const logNames = ['log-denied-ingress', 'log-denied-egress'];
  const withLogging = NetworkModel.fromManifests([...charts.logging, ...cluster]);
  const without = NetworkModel.fromManifests([
    ...charts.logging.filter((d) => !logNames.includes(d.metadata.name)),
    ...cluster,
  ]);

  const flows = (m: NetworkModel) => {
    const ids = m.endpoints().map((e) => e.id);
    const out = new Map<string, EvaluateResult>();
    for (const from of [...ids, '10.66.0.5', '203.0.113.9']) {
      for (const to of ids) {
        if (from === to) continue;
        for (const q of [{ port: 8080 }, { port: 80 }, { port: 53, protocol: 'UDP' }])
          out.set(`${from} -> ${to} ${q.protocol ?? 'TCP'}/${q.port}`, m.evaluate({ from, to, ...q }));
      }
    }
    return out;
  };

  test('same verdicts; denied-at-end-of-tier flows logged, allowed ones not', () => {
    expect(charts.logging.filter((d) => logNames.includes(d.metadata.name))).toHaveLength(2);
    const before = flows(without);
    const after = flows(withLogging);
    let logged = 0;
    let allowed = 0;
    for (const [flow, b] of before) {
      const a = after.get(flow)!;
      expect([flow, a.allowed, a.reason]).toEqual([flow, b.allowed, b.reason]);
      const hits = a.steps.flatMap((s) => (s.logs ?? []).filter((l) => logNames.includes(l.policy)));
      if (a.allowed) {
        allowed++;
        expect([flow, hits]).toEqual([flow, []]);
      } else if (a.steps.at(-1)!.decision.default === 'end-of-tier deny') {
        logged++;
        expect([flow, hits.length]).toEqual([flow, 1]);
      }
    }
    expect(allowed).toBeGreaterThan(10);
    expect(logged).toBeGreaterThan(10);
    // The seed's point: the other namespace, which no policy governs, stays open.
    expect(after.get('other/client -> other/web TCP/80')!.allowed).toBe(true);
    expect(after.get(`other/client -> ${SHOP}/backend TCP/8080`)!.steps.at(-1)!.logs).toEqual([
      { tier: 'default', policy: 'log-denied-ingress', ruleIndex: 0 },
    ]);
    expect(after.get(`10.66.0.5 -> ${SHOP}/backend TCP/8080`)!.steps.at(-1)!.decision).toMatchObject({
      action: 'Deny',
      policy: `${SHOP}/quarantine`,
    });
  });
});
