// The SecuredNodePool's decisions as pure functions (lib/nodes/secured-node-pool-plan.ts), and the composition that
// replaced `SecuredNodePool extends NodePolicyScope`.
import { Chart, Testing } from 'cdk8s';
import { Peer, PolicyType, Port, Selector } from '../../lib';
import {
  NodeHostEndpoints,
  NodeInventory,
  NodePolicyScope,
  NodeTrafficDefault,
  SecuredNodePool,
} from '../../lib/nodes';
import {
  defaultPolicyPlan,
  explicitEndpointSpecs,
  lockoutPrecondition,
  poolNames,
  selfReachNodes,
  withSkipHint,
  wordLockoutProblems,
} from '../../lib/nodes/secured-node-pool-plan';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
      bgpIpv4Address: '10.8.0.1/16',
    },
    { name: 'worker-1', labels: { env: 'dev' }, internalIps: ['10.0.0.2'] },
  ]);

describe('poolNames', () => {
  test('everything from the id when nothing is given', () => {
    const n = poolNames('EdgeNodes', {});
    expect([n.name, n.policyName, n.tierName, n.tierOrder, n.selector.toString()]).toEqual([
      'edge-nodes',
      'edge-nodes-policy',
      'edge-nodes',
      100,
      'has(kubernetes-host)',
    ]);
  });

  test('a given name feeds the policy and tier names; given ones win', () => {
    expect(poolNames('X', { name: 'edge' })).toMatchObject({
      name: 'edge',
      policyName: 'edge-policy',
      tierName: 'edge',
    });
    const n = poolNames('X', {
      name: 'edge',
      policyName: 'p',
      tierName: 't',
      tierOrder: 5,
      selector: Selector.has('a'),
    });
    expect([n.policyName, n.tierName, n.tierOrder, n.selector.toString()]).toEqual(['p', 't', 5, 'has(a)']);
  });
});

describe('defaultPolicyPlan', () => {
  const plan = (i: NodeTrafficDefault, e: NodeTrafficDefault) => {
    const p = defaultPolicyPlan(i, e);
    return (
      p && { types: p.types, rules: p.rules.map((r) => `${r.direction}:${r.deny ? 'deny' : 'allow'}:${r.description}`) }
    );
  };

  test.each([
    [
      NodeTrafficDefault.DENY,
      NodeTrafficDefault.ALLOW,
      [PolicyType.INGRESS, PolicyType.EGRESS],
      ['Ingress:deny:node ingress nothing above allowed', 'Egress:allow:node egress nothing above denied'],
    ],
    [
      NodeTrafficDefault.ALLOW,
      NodeTrafficDefault.DENY,
      [PolicyType.INGRESS, PolicyType.EGRESS],
      ['Ingress:allow:node ingress nothing above denied', 'Egress:deny:node egress nothing above allowed'],
    ],
    [
      NodeTrafficDefault.PASS,
      NodeTrafficDefault.DENY,
      [PolicyType.EGRESS],
      ['Egress:deny:node egress nothing above allowed'],
    ],
    [
      NodeTrafficDefault.DENY,
      NodeTrafficDefault.PASS,
      [PolicyType.INGRESS],
      ['Ingress:deny:node ingress nothing above allowed'],
    ],
  ])('ingress %s, egress %s', (i, e, types, rules) => {
    expect(plan(i, e)).toEqual({ types, rules });
  });

  test('no policy when both directions pass (later tiers decide)', () => {
    expect(defaultPolicyPlan(NodeTrafficDefault.PASS, NodeTrafficDefault.PASS)).toBeUndefined();
  });
});

describe('selfReachNodes', () => {
  const nodes = inventory().nodes;

  test('only all-interfaces endpoints police lo, so only they need per-node self rules', () => {
    expect(selfReachNodes(undefined, nodes)).toEqual([]);
    expect(selfReachNodes({ interfaces: ['eth0', 'tunl0'] }, nodes)).toEqual([]);
    expect(selfReachNodes({}, nodes)).toEqual([]);
    expect(selfReachNodes({ interfaces: ['eth0', '*'] }, nodes)).toEqual([
      { name: 'cp-1', ips: ['10.0.0.1', '10.8.0.1'] },
      { name: 'worker-1', ips: ['10.0.0.2'] },
    ]);
  });
});

describe('explicitEndpointSpecs', () => {
  const all = Selector.all();

  test('one spec per selected node and interface, pool labels over node labels', () => {
    const specs = explicitEndpointSpecs(
      'app/Nodes',
      inventory(),
      Selector.has('kubernetes-host'),
      { 'kubernetes-host': '' },
      { interfaces: ['eth0', 'eth1'] },
    );
    expect(specs.map((s) => s.name)).toEqual(['cp-1-eth0', 'cp-1-eth1', 'worker-1-eth0', 'worker-1-eth1']);
    expect(specs[2].labels).toEqual({ 'env': 'dev', 'kubernetes-host': '' });
  });

  test('why there are none: no inventory, an empty one, no node selected', () => {
    expect(() => explicitEndpointSpecs('app/Nodes', undefined, all, {}, {})).toThrow(
      /^\[app\/Nodes\] inventory: explicit host endpoints are made from the nodes of an inventory; fix: /,
    );
    expect(() => explicitEndpointSpecs('app/Nodes', NodeInventory.fromNodes([]), all, {}, {})).toThrow(
      /^\[app\/Nodes\] inventory: /,
    );
    expect(() => explicitEndpointSpecs('app/Nodes', inventory(), Selector.has('gpu'), {}, {})).toThrow(
      '[app/Nodes] selector: no node of the inventory matches has(gpu) (with hostEndpointLabels added); fix: label the nodes or change the selector',
    );
  });
});

describe('lockout guard wording', () => {
  test('preconditions: no inventory, empty inventory, no node in the pool; none when there are nodes', () => {
    expect(lockoutPrecondition(undefined, 0, Selector.all())).toMatch(
      /^lockout guard: no inventory, .*dangerouslySkipLockoutGuard: true`$/,
    );
    expect(lockoutPrecondition(NodeInventory.fromNodes([]), 0, Selector.all())).toMatch(/^lockout guard: /);
    expect(lockoutPrecondition(inventory(), 0, Selector.has('x'))).toMatch(
      /^lockout guard: no node of the inventory is in the pool \(has\(x\)\)/,
    );
    expect(lockoutPrecondition(inventory(), 2, Selector.has('x'))).toBeUndefined();
  });

  test('a flow blocked over lo names createDefaultHostEndpoint only when the pool made "*" endpoints', () => {
    const problems = ['lockout guard: API server → kubelet over lo is blocked: x', 'lockout guard: DNS is blocked: y'];
    expect(wordLockoutProblems(problems, { allInterfaceEndpoints: false, clusterSuffix: '' })).toEqual(problems);
    const star = wordLockoutProblems(problems, { allInterfaceEndpoints: true, clusterSuffix: '' });
    expect(star[0]).toMatch(/is blocked: x \(createDefaultHostEndpoint: true makes "\*" endpoints/);
    expect(star[1]).toBe(problems[1]);
  });

  test('a pool inside a Cluster names it; the skip hint only follows blocked flows', () => {
    const worded = wordLockoutProblems(['lockout guard: DNS is blocked: y', 'other'], {
      allInterfaceEndpoints: false,
      clusterSuffix: ' in cluster prod',
    });
    expect(worded).toEqual(['lockout guard in cluster prod: DNS is blocked: y', 'other']);
    expect(withSkipHint(worded)).toEqual([
      'lockout guard in cluster prod: DNS is blocked: y, or skip the whole guard with `dangerouslySkipLockoutGuard: true` if you are sure',
      'other',
    ]);
  });
});

describe('pool and subsets hold their rules (composition)', () => {
  const pool = (chart: Chart) =>
    new SecuredNodePool(chart, 'Nodes', {
      hostEndpoints: NodeHostEndpoints.explicit(),
      inventory: inventory(),
      hostEndpointLabels: { 'kubernetes-host': '' },
    });

  test('the pool is no longer a NodePolicyScope, its rules land in <name>-policy / -deny under Policies', () => {
    const chart = Testing.chart();
    const p = pool(chart);
    expect(p).not.toBeInstanceOf(NodePolicyScope);
    expect(p.policies).toEqual([]);
    p.allowIngress(Peer.nets('10.1.0.0/16'), Port.tcp(9100));
    p.denyIngress(Peer.nets('192.0.2.0/24'));
    expect(p.policies.map((x) => [x.name, x.node.path])).toEqual([
      ['nodes-policy-deny', 'test/Nodes/Policies/PoolDeny'],
      ['nodes-policy', 'test/Nodes/Policies/PoolAllow'],
    ]);
  });

  test('a subset creates its policies under itself, in the pool tier, and bad calls name the subset', () => {
    const chart = Testing.chart();
    const s = pool(chart).subset('Dev', Selector.eq('env', 'dev'));
    s.denyEgress(Peer.nets('198.51.100.0/24'));
    expect(s.policies.map((x) => [x.name, x.node.path])).toEqual([['nodes-dev-deny', 'test/Nodes/Policies/Dev/Deny']]);
    expect(() => s.allowIngress('10.0.0.0/8' as any)).toThrow(/^\[test\/Nodes\/Policies\/Dev\] /);
    expect(s.policies).toHaveLength(1); // a bad call leaves nothing behind
  });
});
