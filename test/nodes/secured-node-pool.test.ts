import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { GlobalNetworkPolicy, NetworkModel, Peer, Port, Protocol, Selector, Tier, TierDefaultAction } from '../../lib';
import {
  IpipTunnelEndpoints,
  NODE_ADDRESS_CIDRS,
  NodeFlow,
  NodeHostEndpoints,
  NodeInventory,
  NodeTrafficDefault,
  PodEncapsulation,
  SecuredNodePool,
  TunnelDevice,
} from '../../lib/nodes';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
      ipipTunnelAddress: '192.168.1.0',
    },
    { name: 'worker-1', labels: { environment: 'dev' }, internalIps: ['10.0.0.2'], ipipTunnelAddress: '192.168.2.0' },
    { name: 'worker-2', labels: { environment: 'prod' }, internalIps: ['10.0.0.3'], ipipTunnelAddress: '192.168.3.0' },
  ]);

const explicitPool = (chart: Chart, extra: Partial<ConstructorParameters<typeof SecuredNodePool>[2]> = {}) =>
  new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inventory(),
    hostEndpointLabels: { 'kubernetes-host': '' },
    ...extra,
  });

const synthAll = (app: App) => app.charts.flatMap((c) => Testing.synth(c));

/**
 * The inventory's nodes carry IPIP tunnel addresses, so node → remote pod traffic leaves from tunl0
 * (docs/scenarios.md#001): a healthy explicit pool has tunnel endpoints too.
 */
const tunnelledPool = (chart: Chart, extra: Partial<ConstructorParameters<typeof SecuredNodePool>[2]> = {}) => {
  const pool = explicitPool(chart, extra);
  new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
  return pool;
};

describe('SecuredNodePool: explicit host endpoints', () => {
  test('one HostEndpoint per node and interface, node labels plus pool labels, never the created-by label', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'apps' });
    tunnelledPool(chart, { hostEndpoints: NodeHostEndpoints.explicit({ interfaces: ['eth0', 'eth1'] }) });
    const docs = synthAll(app);
    const heps = docs.filter((d) => d.kind === 'HostEndpoint' && !d.metadata.name.endsWith('-tunl0'));
    expect(heps.map((h) => h.metadata.name)).toEqual([
      'cp-1-eth0',
      'cp-1-eth1',
      'worker-1-eth0',
      'worker-1-eth1',
      'worker-2-eth0',
      'worker-2-eth1',
    ]);
    expect(heps[2]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'HostEndpoint',
      metadata: { name: 'worker-1-eth0', labels: { 'environment': 'dev', 'kubernetes-host': '' } },
      spec: { node: 'worker-1', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'] },
    });
    for (const d of docs) {
      expect(d.metadata.namespace).toBeUndefined();
      expect(d.metadata.labels?.['projectcalico.org/created-by']).toBeUndefined();
    }
  });

  test('policies (and their tier) are emitted before the host endpoints they protect, including ones added later', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = explicitPool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
    pool.allowIngress(Peer.nets('10.1.0.0/16'), Port.tcp(9100), { description: 'metrics' });
    pool.subset('Dev', Selector.eq('environment', 'dev')).denyIngress(Peer.nets('10.66.0.0/16'));
    const order = synthAll(app).map((d) => `${d.kind}/${d.metadata.name}`);
    const firstHep = order.findIndex((o) => o.startsWith('HostEndpoint/'));
    expect(firstHep).toBeGreaterThan(0);
    for (const p of [
      'Tier/nodes',
      'GlobalNetworkPolicy/nodes-policy',
      'GlobalNetworkPolicy/nodes-dev-deny',
      'GlobalNetworkPolicy/nodes-default',
    ]) {
      expect(order.indexOf(p)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(p)).toBeLessThan(firstHep);
    }
    expect(order.filter((o) => o.endsWith('-tunl0'))).toHaveLength(3);
  });

  test('policy methods make readable GlobalNetworkPolicies in the pool tier; subsets AND their selector', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = tunnelledPool(chart, { policyName: 'all-nodes-policy' });
    pool.allowIngress(Peer.nets('10.1.0.0/16'), Port.tcp(9100), { description: 'metrics' });
    pool.denyEgress(Peer.nets('169.254.169.254/32'), Port.tcp(80), { description: 'no instance metadata' });
    const dev = pool.subset('Dev', Selector.eq('environment', 'dev'));
    dev.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767));
    const docs = synthAll(app);
    const byName = (n: string) => docs.find((d) => d.metadata.name === n);
    expect(byName('all-nodes-policy').spec).toMatchObject({
      tier: 'nodes',
      order: 200,
      selector: 'has(kubernetes-host)',
      types: ['Ingress'],
    });
    expect(byName('all-nodes-policy-deny').spec).toMatchObject({
      order: 50,
      types: ['Egress'],
      egress: [{ action: 'Deny', protocol: 'TCP', destination: { nets: ['169.254.169.254/32'], ports: [80] } }],
    });
    expect(byName('nodes-dev').spec).toMatchObject({
      order: 190,
      selector: '(has(kubernetes-host) && environment == "dev")',
    });
    expect(byName('nodes').kind).toBe('Tier');
    expect(byName('nodes').spec).toEqual({ defaultAction: 'Pass', order: 100 });
    expect(byName('nodes-default').spec).toMatchObject({
      order: 1000,
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Deny' }],
      egress: [{ action: 'Allow' }],
    });
  });

  test('the baseline can be switched off piece by piece; the network mode picks the CNI ports', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    explicitPool(chart, {
      baseline: {
        dns: false,
        icmp: false,
        hostLocal: false,
        nodeToPod: false,
        nodePortsFrom: Peer.nets('10.0.0.0/8'),
        sshFrom: ['192.168.10.0/24', 'fd00:10::/64'],
      },
      network: { encapsulation: PodEncapsulation.VXLAN, wireguard: true },
      defaultEgress: NodeTrafficDefault.PASS,
      // Switched off and allowed nowhere else: blocked on purpose, so acknowledged by name (issue 12).
      // (DNS stays open: udp:53 is an outbound failsafe port; without nodeToPod a node still reaches pods that admit
      // host endpoints, which is what the guard proves, so only ICMP is blocked)
      acknowledgeBlockedFlows: [NodeFlow.ICMP],
    });
    const docs = synthAll(app);
    const names = docs.filter((d) => d.kind === 'GlobalNetworkPolicy').map((d) => d.metadata.name);
    expect(names).toEqual([
      'nodes-kubernetes',
      'nodes-control-plane',
      'nodes-calico',
      'nodes-ssh',
      'nodes-node-ports',
      'nodes-default',
    ]);
    const calico = docs.find((d) => d.metadata.name === 'nodes-calico');
    expect(calico.spec.ingress.map((r: any) => `${r.protocol}/${r.destination?.ports ?? ''}`)).toEqual([
      'UDP/4789',
      'UDP/51820:51821',
      'TCP/5473',
    ]);
    expect(docs.find((d) => d.metadata.name === 'nodes-ssh').spec.ingress).toHaveLength(2);
    expect(docs.find((d) => d.metadata.name === 'nodes-default').spec.types).toEqual(['Ingress']);
  });

  test('explicit mode needs an inventory, and nodes in the pool', () => {
    expect(() => new SecuredNodePool(Testing.chart(), 'P', { hostEndpoints: NodeHostEndpoints.explicit() })).toThrow(
      /inventory: explicit host endpoints are made from the nodes of an inventory/,
    );
    expect(
      () =>
        new SecuredNodePool(Testing.chart(), 'P', {
          hostEndpoints: NodeHostEndpoints.explicit(),
          inventory: inventory(),
        }),
    ).toThrow(/no node of the inventory matches has\(kubernetes-host\)/);
    expect(() =>
      explicitPool(Testing.chart(), {
        hostEndpointLabels: { 'projectcalico.org/created-by': 'calico-kube-controllers' },
      }),
    ).toThrow(/created-by marks objects kube-controllers owns/);
  });
});

describe('SecuredNodePool: automatic host endpoints', () => {
  test('emits KubeControllersConfiguration default with autoCreate, templates, and optional RBAC without namespaces', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'apps' });
    new SecuredNodePool(chart, 'Nodes', {
      inventory: NodeInventory.fromNodes([
        { name: 'n1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.1'] },
      ]),
      hostEndpoints: NodeHostEndpoints.automatic({
        templates: [
          { generateName: 'internal', interfaceCidrs: ['10.0.0.0/8'], nodeSelector: Selector.has('kubernetes-host') },
        ],
        rbac: true,
      }),
      baseline: { kubernetes: false },
    });
    const docs = synthAll(app);
    const kcc = docs.find((d) => d.kind === 'KubeControllersConfiguration');
    expect(kcc.metadata).toEqual({ name: 'default' });
    // No "*" endpoint (it would police lo): every node's address endpoint from the pool's template, then the user's.
    expect(kcc.spec).toEqual({
      controllers: {
        node: {
          hostEndpoint: {
            autoCreate: 'Enabled',
            createDefaultHostEndpoint: 'Disabled',
            templates: [
              { generateName: 'addresses', interfaceCIDRs: [...NODE_ADDRESS_CIDRS] },
              { generateName: 'internal', interfaceCIDRs: ['10.0.0.0/8'], nodeSelector: 'has(kubernetes-host)' },
            ],
          },
        },
      },
    });
    const role = docs.find((d) => d.kind === 'ClusterRole');
    expect(role.metadata).toEqual({ name: 'calico-kube-controllers-host-endpoints' });
    expect(role.rules[1]).toEqual({
      apiGroups: ['projectcalico.org', 'crd.projectcalico.org'],
      resources: ['hostendpoints'],
      verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'],
    });
    const binding = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'calico-kube-controllers', namespace: 'kube-system' },
    ]);
    const order = docs.map((d) => d.kind);
    expect(order.lastIndexOf('GlobalNetworkPolicy')).toBeLessThan(order.indexOf('KubeControllersConfiguration'));
  });

  test('Argo CD sync waves when asked', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    tunnelledPool(chart, { argoCdSyncWaves: true });
    const docs = synthAll(app);
    const wave = (kind: string) =>
      docs.find((d) => d.kind === kind).metadata.annotations['argocd.argoproj.io/sync-wave'];
    expect([wave('Tier'), wave('GlobalNetworkPolicy'), wave('HostEndpoint')]).toEqual(['-2', '-1', '0']);
  });
});

describe('lockout guard', () => {
  test('a pool deny that blocks the kubelet fails synth with the flow and the blocking policy and rule', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = explicitPool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
    pool.denyIngress(Peer.any(), Port.tcp(10250), { description: 'oops: no kubelet' });
    expect(() => app.synthYaml()).toThrow(
      /lockout guard: control plane → kubelet \(TCP 10250\) is blocked: node\/cp-1 → node\/worker-1 TCP 10250: .*\(blocked by GlobalNetworkPolicy nodes-policy-deny in tier nodes, rule 0\) \(and 1 more flow like it\).*dangerouslySkipLockoutGuard/s,
    );
  });

  test('a policy in an earlier tier that denies the kubelet fails synth too; the loudly named opt-out skips the guard', () => {
    const build = (skip: boolean) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      const pool = explicitPool(chart, { dangerouslySkipLockoutGuard: skip });
      new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
      const early = new Tier(chart, 'Security', { order: 50, defaultAction: TierDefaultAction.PASS });
      const p = new GlobalNetworkPolicy(chart, 'NoKubelet', {
        tier: early,
        selector: Selector.has('kubernetes-host'),
        order: 1,
      });
      p.denyIngress(Peer.any(), Port.tcp(10250));
      return app;
    };
    expect(() => build(false).synthYaml()).toThrow(
      /lockout guard: control plane → kubelet \(TCP 10250\) is blocked: .*no-kubelet in tier security, rule 0/,
    );
    expect(() => build(true).synthYaml()).not.toThrow();
  });

  test('seed 001: explicit eth0 endpoints alone leave nodes unable to reach isolated pods over IPIP', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    explicitPool(chart, { network: { encapsulation: PodEncapsulation.IPIP } });
    expect(() => app.synthYaml()).toThrow(
      /lockout guard: node → pod on another node \(an isolated pod\) is blocked: node\/cp-1 → cdk8s-calico-lockout-probe\/isolated-pod/,
    );
  });

  test('an inventory none of whose nodes is in the pool proves nothing, and the guard says so', () => {
    const app = Testing.app();
    new SecuredNodePool(new Chart(app, 'c'), 'Nodes', {
      hostEndpoints: NodeHostEndpoints.automatic(),
      inventory: inventory(),
    });
    expect(() => app.synthYaml()).toThrow(
      /lockout guard: no node of the inventory is in the pool \(has\(kubernetes-host\)\)/,
    );
  });

  test('without an inventory the guard cannot prove anything and says so', () => {
    const app = Testing.app();
    new SecuredNodePool(new Chart(app, 'c'), 'Nodes');
    expect(() => app.synthYaml()).toThrow(/lockout guard: no inventory.*dangerouslySkipLockoutGuard/s);
  });

  test('the guard verdict follows the app: a clean app synthesizes, then a locking rule added later fails', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = tunnelledPool(chart);
    expect(() => app.synthYaml()).not.toThrow();
    pool.denyEgress(Peer.nets('198.18.0.0/15'), Port.allTcp());
    expect(() => app.synthYaml()).toThrow(
      /node → pod on another node \(an isolated pod\) is blocked: .*nodes-policy-deny in tier nodes, rule 0/,
    );
  });

  test('automatic endpoints: a node reaches its own address over lo with no per-node rule, never another node', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = new SecuredNodePool(chart, 'Nodes', {
      hostEndpoints: NodeHostEndpoints.automatic(),
      inventory: inventory(),
      selector: Selector.all(),
    });
    const docs = synthAll(app);
    expect(docs.map((d) => d.metadata.name)).not.toContain('nodes-host-self');
    const model = NetworkModel.fromManifests([...docs, ...pool.inventory!.toNodeManifests()]);
    const self = model.evaluate({ from: 'node/worker-1', to: 'node/worker-1', port: 10256 });
    expect(self.allowed).toBe(true);
    expect(self.reason).toMatch(/no host endpoint \(not policed\)/);
    expect(model.evaluate({ from: 'node/worker-1', to: 'node/worker-2', port: 10256 }).allowed).toBe(false);
  });

  test('automatic with createDefaultHostEndpoint: true ("*" polices lo): the guard fails on the self flow and names the way out', () => {
    const app = Testing.app();
    new SecuredNodePool(new Chart(app, 'c'), 'Nodes', {
      hostEndpoints: NodeHostEndpoints.automatic({ createDefaultHostEndpoint: true }),
      inventory: inventory(),
      selector: Selector.all(),
    });
    expect(() => app.synthYaml()).toThrow(
      /a node reaching its own address over lo .* is blocked: .*createDefaultHostEndpoint: true makes "\*" endpoints, which police lo; leave it unset/,
    );
  });

  test('the guard also covers hostNetwork probes over the node address, ICMP and NodePorts', () => {
    const locked = (lock: (pool: SecuredNodePool) => void) => {
      const app = Testing.app();
      // Explicit "*" endpoints police lo, so they carry the per-node self rules a deny can block.
      const chart = new Chart(app, 'c');
      const pool = explicitPool(chart, {
        hostEndpoints: NodeHostEndpoints.explicit({ interfaces: ['*'] }),
        baseline: { nodePortsFrom: Peer.nets('10.0.0.0/8') },
      });
      new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
      lock(pool);
      try {
        app.synthYaml();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(locked(() => undefined)).toBe('');
    expect(locked((p) => p.denyIngress(Peer.any(), Port.tcp(10256)))).toMatch(
      /a node reaching its own address over lo .* is blocked: node\/cp-1 → node\/cp-1 TCP 10256/,
    );
    expect(locked((p) => p.denyIngress(Peer.any(), Port.protocol(Protocol.icmp())))).toMatch(
      /ICMP between nodes is blocked/,
    );
    expect(locked((p) => p.denyIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767)))).toMatch(
      /NodePorts from 10.0.0.0\/8 \(TCP 30000\) is blocked: 10.0.0.4 → node\/cp-1/,
    );
  });

  test('checkLockout lists nothing for a healthy pool and the engine agrees on the essential flows', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = tunnelledPool(chart);
    expect(pool.checkLockout()).toEqual([]);
    const model = NetworkModel.fromManifests([...synthAll(app), ...pool.inventory!.toNodeManifests()]);
    expect(model.evaluate({ from: 'node/cp-1', to: 'node/worker-2', port: 10250 }).allowed).toBe(true);
    expect(model.evaluate({ from: 'node/worker-1', to: 'node/worker-2', port: 10250 }).allowed).toBe(false);
  });
});

describe('IpipTunnelEndpoints', () => {
  test('one endpoint per node for the device, tunnel address in expectedIPs, labelled like the pool', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = explicitPool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
    const heps = synthAll(app).filter((d) => d.kind === 'HostEndpoint' && d.spec.interfaceName === 'tunl0');
    expect(heps[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'HostEndpoint',
      metadata: { name: 'cp-1-tunl0', labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' } },
      spec: { node: 'cp-1', interfaceName: 'tunl0', expectedIPs: ['192.168.1.0'] },
    });
  });

  test('VXLAN and WireGuard devices; a node without the address is an error naming it', () => {
    const inv = NodeInventory.fromNodes([
      {
        name: 'a',
        labels: { wg: '' },
        internalIps: ['10.0.0.1'],
        vxlanTunnelAddress: '192.168.9.1',
        wireguardAddress: '192.168.10.1',
      },
      { name: 'b', internalIps: ['10.0.0.2'], vxlanTunnelAddress: '192.168.9.2' },
    ]);
    const chart = Testing.chart();
    const vx = new IpipTunnelEndpoints(chart, 'Vx', {
      inventory: inv,
      device: TunnelDevice.VXLAN,
      labels: { 'kubernetes-host': '' },
    });
    expect(vx.hostEndpoints.map((h) => h.hostEndpointName)).toEqual(['a-vxlan.calico', 'b-vxlan.calico']);
    expect(() => new IpipTunnelEndpoints(chart, 'Wg', { inventory: inv, device: TunnelDevice.WIREGUARD })).toThrow(
      /node "b" has no WireGuard tunnel address \(annotation projectcalico.org\/IPv4WireguardInterfaceAddr\)/,
    );
    const wg = new IpipTunnelEndpoints(chart, 'Wg2', {
      inventory: inv,
      device: TunnelDevice.WIREGUARD,
      selector: Selector.has('wg'),
    });
    expect(wg.hostEndpoints.map((h) => h.hostEndpointName)).toEqual(['a-wireguard.cali']);
  });

  test('combined with automatic host endpoints: a clear error explaining the redundancy', () => {
    const chart = Testing.chart();
    const pool = new SecuredNodePool(chart, 'Nodes', { inventory: inventory() });
    expect(() => new IpipTunnelEndpoints(chart, 'Tunnels', { pool })).toThrow(
      /uses automatic host endpoints: kube-controllers' "addresses" template .* the tunnel address included, so Felix already polices tunl0 through it; per-node tunl0 endpoints would be redundant/,
    );
  });
});

describe('SecuredNodePool: policies come out before every host endpoint, however the app is laid out', () => {
  const positions = (docs: any[]) => {
    const kinds = docs.map((d) => d.kind);
    return { lastPolicy: kinds.lastIndexOf('GlobalNetworkPolicy'), firstHep: kinds.indexOf('HostEndpoint') };
  };
  test('policies added after construction still precede the endpoints', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = explicitPool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool, device: TunnelDevice.IPIP });
    pool.subset('Late', Selector.eq('environment', 'dev')).allowIngress(Peer.nets('10.9.0.0/16'), Port.tcp(8443));
    const p = positions(synthAll(app));
    expect(p.firstHep).toBeGreaterThan(p.lastPolicy);
  });
  test('tunnel endpoints placed earlier in the tree than the pool are ordered by dependencies', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const early = new Construct(chart, 'EarlyGroup');
    const pool = explicitPool(chart);
    new IpipTunnelEndpoints(early, 'Tunnels', { pool, device: TunnelDevice.IPIP });
    const docs = app.charts.flatMap((c) => c.toJson());
    const p = positions(docs);
    expect(p.firstHep).toBeGreaterThan(p.lastPolicy);
  });
  test('tunnel endpoints in another chart make that chart depend on the pool chart', () => {
    const app = Testing.app();
    const tunnelsChart = new Chart(app, 'tunnels');
    const poolChart = new Chart(app, 'pool');
    const pool = explicitPool(poolChart);
    new IpipTunnelEndpoints(tunnelsChart, 'Tunnels', { pool, device: TunnelDevice.IPIP });
    expect(app.charts.map((c) => c.node.id)).toEqual(['pool', 'tunnels']);
  });
});

describe('the guarded boundary (issue 11)', () => {
  test('a bad rule argument is refused before the lazily created policy exists, so nothing is left behind', () => {
    const pool = new SecuredNodePool(Testing.chart(), 'Pool', { dangerouslySkipLockoutGuard: true });
    expect(() => pool.allowIngress(undefined as unknown as Peer, Port.tcp(22))).toThrow(
      /^\[test\/Pool\] peer: expected a peer .*got undefined; fix: pass Peer\.any\(\)/,
    );
    expect(() => pool.denyEgress(null as unknown as Peer)).toThrow(/^\[test\/Pool\] peer: .*got null/);
    expect(pool.policies).toEqual([]);
  });

  test('admin networks are checked one by one under baseline.sshFrom[i] (Peer.nets re-homed), never split into characters', () => {
    const make = (sshFrom: unknown) => () =>
      new SecuredNodePool(Testing.chart(), 'P', { baseline: { sshFrom: sshFrom as string[] } });
    expect(make('10.0.0.0/8')).toThrow(
      /^\[test\/P\] baseline\.sshFrom: expected an array of CIDRs, got the string "10\.0\.0\.0\/8"; fix: wrap it in a list/,
    );
    expect(make(['10.0.0.0/8', '2001:db8::/32', '10.1.2.3'])).toThrow(
      /^\[test\/P\] baseline\.sshFrom\[2\]: .*fix: did you mean "10\.1\.2\.3\/32"\?/,
    );
    // Both families together stay allowed here: the pool writes one rule per family.
    const pool = new SecuredNodePool(Testing.chart(), 'Ok', {
      baseline: { sshFrom: ['10.0.0.0/8', '2001:db8::/32'] },
      dangerouslySkipLockoutGuard: true,
    });
    expect(pool.baselinePolicies.map((p) => p.name)).toContain('ok-ssh');
  });

  test('a mistyped encapsulation is refused with did-you-mean, not read as no encapsulation', () => {
    expect(
      () => new SecuredNodePool(Testing.chart(), 'P', { network: { encapsulation: 'ipip' as PodEncapsulation } }),
    ).toThrow(
      '[test/P] network.encapsulation: expected one of "None", "IPIP", "VXLAN", "FlannelVXLAN", got the string "ipip"; fix: did you mean PodEncapsulation.IPIP "IPIP"? values are case-sensitive',
    );
  });
});
