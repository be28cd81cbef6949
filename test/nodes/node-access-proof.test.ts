// Issue 12 item 2: the lockout guard cannot be switched off by accident. A switched-off baseline piece or a user deny
// that blocks an essential flow fails synth unless the flow is allowed another way or acknowledged by name (recorded
// on the pool's tier); `check` / `lint` run the same proof over manifests (proveNodeAccess).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { lintManifests, Peer, Port, Selector } from '../../lib';
import { main } from '../../lib/cli/main';
import {
  IpipTunnelEndpoints,
  NodeFlow,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  proveNodeAccess,
  SecuredNodePool,
} from '../../lib/nodes';
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
const build = (extra: PoolProps = {}, more?: (p: SecuredNodePool, c: Chart) => void) => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const pool = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inventory(),
    ...extra,
  });
  more?.(pool, chart);
  return app;
};

describe('switching a baseline piece off no longer switches its proof off', () => {
  test('kubernetes: false blocks the control plane from the kubelet: synth fails naming the flow and both fixes', () => {
    const msg = synthError(build({ baseline: { kubernetes: false } }));
    expect(msg).toMatch(
      /lockout guard: control plane → kubelet \(TCP 10250\) is blocked: node\/cp-1 → node\/worker-1 TCP 10250/,
    );
    expect(msg).toMatch(
      /fix: change the policy that blocks it, or allow the flow another way \(the baseline piece `baseline\.kubernetes`.*or acknowledge this exact flow with `acknowledgeBlockedFlows: \[NodeFlow\.CONTROL_PLANE_TO_KUBELET\]` on the pool/,
    );
  });

  test("allowed another way (the pool's own allow), it passes", () => {
    const app = build({ baseline: { kubernetes: false } }, (p) => {
      p.allowIngress(Peer.selector(Selector.has('node-role.kubernetes.io/control-plane')), Port.tcp(10250), {
        description: 'kubelet, my way',
      });
      p.allowEgress(Peer.any(), Port.tcp(10250));
    });
    const msg = synthError(app);
    expect(msg).not.toMatch(/control plane → kubelet/);
  });

  test('acknowledged by name: synth passes, the tier records it, and a stale acknowledgement fails', () => {
    // Only the kubelet is blocked: the API server (6443) and etcd (2380) stay open as failsafe ports, and eth0
    // endpoints never police lo (the API server calling its own kubelet). Acknowledging those too is stale.
    const app = build({
      baseline: { kubernetes: false },
      acknowledgeBlockedFlows: [NodeFlow.CONTROL_PLANE_TO_KUBELET],
    });
    expect(synthError(app)).toBe('');
    const tier = Testing.synth(app.charts[0]).find((d) => d.kind === 'Tier');
    expect(tier.metadata.annotations['cdk8s-calico.io/acknowledged-risks']).toBe('node-flow:control-plane-to-kubelet');
    const extra = synthError(
      build({
        baseline: { kubernetes: false },
        acknowledgeBlockedFlows: [NodeFlow.CONTROL_PLANE_TO_KUBELET, NodeFlow.ETCD_PEERS],
      }),
    );
    expect(extra).toMatch(/acknowledgeBlockedFlows names NodeFlow\.ETCD_PEERS, but that flow is not blocked/);
    const stale = synthError(build({ acknowledgeBlockedFlows: [NodeFlow.CONTROL_PLANE_TO_KUBELET] }));
    expect(stale).toMatch(
      /acknowledgeBlockedFlows names NodeFlow\.CONTROL_PLANE_TO_KUBELET, but that flow is not blocked; fix: remove it/,
    );
  });

  test('a user deny that blocks an essential flow fails the same way', () => {
    const msg = synthError(build({}, (p) => p.denyEgress(Peer.any(), Port.tcp(10250))));
    expect(msg).toMatch(
      /control plane → kubelet \(TCP 10250\) is blocked: .*nodes-policy-deny in tier nodes, rule 0.*NodeFlow\.CONTROL_PLANE_TO_KUBELET/,
    );
  });

  test('seed 001: nodes with IPIP tunnel addresses and eth0 endpoints only: the error says to add IpipTunnelEndpoints', () => {
    const tunnelled = () =>
      NodeInventory.fromNodes([
        {
          name: 'cp-1',
          labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
          internalIps: ['10.0.0.1'],
          ipipTunnelAddress: '192.168.1.0',
        },
        {
          name: 'worker-1',
          labels: { 'kubernetes-host': '' },
          internalIps: ['10.0.0.2'],
          ipipTunnelAddress: '192.168.2.0',
        },
      ]);
    const make = (tunnels: boolean) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      const pool = new SecuredNodePool(chart, 'Nodes', {
        hostEndpoints: NodeHostEndpoints.explicit(),
        inventory: tunnelled(),
        network: { encapsulation: PodEncapsulation.IPIP },
      });
      if (tunnels) new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
      return app;
    };
    expect(synthError(make(false))).toMatch(
      /node → pod on another node \(an isolated pod\) is blocked: node\/cp-1 → .*fix: add IpipTunnelEndpoints: the node sends to pods on other nodes from its tunl0 address 192\.168\.1\.0, which no host endpoint lists/,
    );
    expect(synthError(make(true))).toBe('');
  });
});

describe('proveNodeAccess over manifests (check and lint)', () => {
  const node = (name: string, ip: string, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  });
  const hep = (n: string, ip: string) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'HostEndpoint',
    metadata: { name: `${n}-eth0`, labels: { 'kubernetes-host': '' } },
    spec: { node: n, interfaceName: 'eth0', expectedIPs: [ip], profiles: ['projectcalico-default-allow'] },
  });
  const denyAll = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'host-deny-all' },
    spec: {
      selector: 'has(kubernetes-host)',
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Deny' }],
      egress: [{ action: 'Deny' }],
    },
  };
  const cluster = [
    node('cp-1', '10.0.0.1', { 'node-role.kubernetes.io/control-plane': '' }),
    node('worker-1', '10.0.0.2'),
    hep('cp-1', '10.0.0.1'),
    hep('worker-1', '10.0.0.2'),
  ];

  test('a hand-written host deny-all is caught, each kind of flow once, with the blocking policy', () => {
    const problems = proveNodeAccess([...cluster, denyAll]);
    expect(problems.map((p) => p.flow)).toEqual(
      expect.arrayContaining([NodeFlow.CONTROL_PLANE_TO_KUBELET, NodeFlow.ICMP, NodeFlow.NODE_TO_POD]),
    );
    expect(problems.find((p) => p.flow === NodeFlow.CONTROL_PLANE_TO_KUBELET)!.message).toMatch(
      /control plane → kubelet \(TCP 10250\) is blocked: node\/cp-1 → node\/worker-1 TCP 10250: .*host-deny-all.*acknowledged-risks annotation/,
    );
    expect(proveNodeAccess(cluster)).toEqual([]);
    expect(proveNodeAccess([denyAll])).toEqual([]); // no host endpoint: nothing polices nodes
  });

  test('without Node objects the nodes come from the host endpoints; without a control-plane label the control-plane flows are not proven', () => {
    // As in the synth guard: a managed control plane's address is not in the manifests, and an invented stand-in
    // would be denied by a correct allow of the real one (guard-proof-agree.test.ts holds both to one answer).
    const flows = proveNodeAccess([hep('cp-1', '10.0.0.1'), hep('worker-1', '10.0.0.2'), denyAll]).map((p) => p.flow);
    expect(flows).toEqual(expect.arrayContaining([NodeFlow.ICMP, NodeFlow.NODE_TO_POD]));
    expect(flows).not.toContain(NodeFlow.CONTROL_PLANE_TO_KUBELET);
    const labelled = {
      ...hep('cp-1', '10.0.0.1'),
      metadata: { name: 'cp-1-eth0', labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' } },
    };
    expect(proveNodeAccess([labelled, hep('worker-1', '10.0.0.2'), denyAll]).map((p) => p.flow)).toContain(
      NodeFlow.CONTROL_PLANE_TO_KUBELET,
    );
  });

  test('an acknowledgement in the manifests (or the options) leaves that flow out', () => {
    const acked = {
      ...denyAll,
      metadata: { name: 'host-deny-all', annotations: { 'cdk8s-calico.io/acknowledged-risks': 'node-flow:icmp' } },
    };
    expect(proveNodeAccess([...cluster, acked]).map((p) => p.flow)).not.toContain(NodeFlow.ICMP);
    expect(proveNodeAccess([...cluster, denyAll], { acknowledged: [NodeFlow.ICMP] }).map((p) => p.flow)).not.toContain(
      NodeFlow.ICMP,
    );
  });

  test('the same proof as the synth guard: a pool app that synthesizes proves clean over its manifests', () => {
    const app = build();
    const docs = [...app.charts.flatMap((c) => Testing.synth(c)), ...inventory().toNodeManifests()];
    expect(proveNodeAccess(docs)).toEqual([]);
  });

  test('lint reports lint.node-access-blocked (error) on the blocking policy; check fails on the file', () => {
    const found = lintManifests([...cluster, denyAll]).filter((f) => f.rule === 'lint.node-access-blocked');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ kind: 'GlobalNetworkPolicy', name: 'host-deny-all', severity: 'error' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-access-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'all.json'),
        JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...cluster, denyAll] }),
      );
      let out = '';
      const code = main(
        ['check', dir],
        (s) => {
          out += s;
        },
        () => undefined,
      );
      expect(code).toBe(1);
      expect(out).toMatch(
        /lint: GlobalNetworkPolicy\/host-deny-all: .*control plane → kubelet .* is blocked: .*\[lint\.node-access-blocked\] \(error\)/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad options name the field and the fix', () => {
    expect(() => proveNodeAccess([], { acknowledged: ['dns' as any, 'nope' as any] })).toThrow(
      /\[proveNodeAccess\] options\.acknowledged\[1\]: .*NodeFlow/,
    );
    expect(() => proveNodeAccess([], { sshFrom: ['10.0.0.1/8'] })).toThrow(/\[proveNodeAccess\] options\.sshFrom\[0\]/);
    expect(() => proveNodeAccess('x' as any)).toThrow(/\[proveNodeAccess\] docs: expected/);
  });
});
