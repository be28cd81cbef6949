// lint.explicit-host-endpoints: per-node host endpoints (and per-node self rules) remind users to re-synth when nodes
// change; automatic host endpoints, which kube-controllers keeps current, do not.
import { Chart, Testing } from 'cdk8s';
import { lintExplicitHostEndpoints, lintManifests, lintRuleInfo } from '../../lib';
import { NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
    },
    { name: 'worker-1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.2'] },
  ]);

function docsOf(hostEndpoints: NodeHostEndpoints): any[] {
  const chart = new Chart(Testing.app(), 'c');
  new SecuredNodePool(chart, 'Nodes', { hostEndpoints, inventory: inventory() });
  return Testing.synth(chart);
}

describe('lint.explicit-host-endpoints', () => {
  test('explicit eth0 endpoints: one info finding naming the nodes and the two ways out', () => {
    const found = lintExplicitHostEndpoints(docsOf(NodeHostEndpoints.explicit()));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'HostEndpoint',
      name: 'cp-1-eth0',
      path: 'spec.node',
      rule: 'lint.explicit-host-endpoints',
    });
    expect(found[0].message).toMatch(
      /^2 host endpoints written per node \(2 nodes: cp-1, worker-1\): a node that joins later gets no host endpoint/,
    );
    expect(found[0].message).toMatch(
      /; fix: re-synthesize whenever nodes join or leave .* or use NodeHostEndpoints.automatic\(\)/,
    );
    expect(lintRuleInfo('lint.explicit-host-endpoints')?.severity).toBe('info');
  });

  test('explicit "*" endpoints also count the per-node self rules', () => {
    const found = lintExplicitHostEndpoints(docsOf(NodeHostEndpoints.explicit({ interfaces: ['*'] })));
    expect(found[0].message).toMatch(/\(2 nodes: cp-1, worker-1\) and 2 rules naming a node's own addresses: /);
  });

  test('automatic endpoints: nothing to remind, and lintManifests runs the rule', () => {
    expect(lintExplicitHostEndpoints(docsOf(NodeHostEndpoints.automatic()))).toEqual([]);
    expect(
      lintManifests(docsOf(NodeHostEndpoints.automatic())).filter((f) => f.rule === 'lint.explicit-host-endpoints'),
    ).toEqual([]);
    expect(
      lintManifests(docsOf(NodeHostEndpoints.explicit())).filter((f) => f.rule === 'lint.explicit-host-endpoints'),
    ).toHaveLength(1);
  });

  test('refuses what is not a list of documents', () => {
    expect(() => lintExplicitHostEndpoints('kind: HostEndpoint' as any)).toThrow(
      /\[lintExplicitHostEndpoints\] docs: expected an array/,
    );
  });
});
