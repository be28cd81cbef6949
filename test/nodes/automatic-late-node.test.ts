// Automatic mode stays automatic: the manifests synthesized from an inventory of three nodes, applied to a cluster
// where a fourth node joined later, let that node do everything the lockout guard proves for the others. Proven
// with the engine (every essential flow of the baseline, for every node including the late one), and shown to fail
// with the all-interfaces ("*") endpoints automatic mode used to rely on.
import { Chart, Testing } from 'cdk8s';
import { NetworkModel } from '../../lib';
import {
  NodeHostEndpoints,
  NodeInventory,
  NodeTrafficDefault,
  PodEncapsulation,
  SecuredNodePool,
} from '../../lib/nodes';
import { findBlockedFlows, formatBlockedFlows } from '../../lib/nodes/lockout-guard';
import { resolveBaseline } from '../../lib/nodes/node-baseline';

const node = (name: string, ip: string, tunnel: string, extra: Record<string, string> = {}) => ({
  name,
  labels: { 'kubernetes-host': '', ...extra },
  internalIps: [ip],
  bgpIpv4Address: `${ip}/24`,
  ipipTunnelAddress: tunnel,
});
const known = [
  node('cp-1', '10.0.0.1', '192.168.1.0', { 'node-role.kubernetes.io/control-plane': '' }),
  node('worker-1', '10.0.0.2', '192.168.2.0'),
  node('worker-2', '10.0.0.3', '192.168.3.0'),
];
/** Joins after synth; a second control-plane node too, so the API server calling its own kubelet is covered. */
const late = [
  node('worker-9', '10.0.0.9', '192.168.9.0'),
  node('cp-2', '10.0.0.10', '192.168.10.0', { 'node-role.kubernetes.io/control-plane': '' }),
];
const atSynth = NodeInventory.fromNodes(known);
const now = NodeInventory.fromNodes([...known, ...late]);

const network = { encapsulation: PodEncapsulation.IPIP };
const baselineProps = { sshFrom: ['192.168.100.0/24'] };

function synth(automatic: NodeHostEndpoints, skipGuard = false): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: automatic,
    inventory: atSynth,
    network,
    baseline: baselineProps,
    defaultIngress: NodeTrafficDefault.DENY,
    dangerouslySkipLockoutGuard: skipGuard,
  });
  return Testing.synth(chart);
}

/** The guard's essential flows over `docs`, for every node of the cluster as it is now: the blocked ones. */
function blockedFlowsNow(docs: any[]) {
  return findBlockedFlows({
    manifests: docs,
    inventory: now,
    nodes: now.nodes,
    labelsOf: (n) => n.labels,
    baseline: resolveBaseline(baselineProps, network),
  });
}
const blockedNow = (docs: any[]) => formatBlockedFlows(blockedFlowsNow(docs));

describe('automatic host endpoints and nodes that join after synth', () => {
  test('the manifests name no node: no host endpoint, no per-node rule', () => {
    const docs = synth(NodeHostEndpoints.automatic());
    expect(docs.filter((d) => d.kind === 'HostEndpoint')).toEqual([]);
    expect(docs.map((d) => d.metadata.name)).not.toContain('nodes-host-self');
    expect(JSON.stringify(docs)).not.toMatch(/10\.0\.0\.\d+\/32/);
  });

  test('every essential flow holds for the late nodes too (kubelet, API server over lo, own address, node to pod, every node)', () => {
    const docs = synth(NodeHostEndpoints.automatic());
    expect(blockedNow(docs)).toEqual([]);
  });

  test('the late worker probes its own hostNetwork pods and is protected like the others', () => {
    const docs = synth(NodeHostEndpoints.automatic());
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'exporter', namespace: 'monitoring' },
      spec: { nodeName: 'worker-9', hostNetwork: true, containers: [{ name: 'x', image: 'x' }] },
      status: { podIP: '10.0.0.9' },
    };
    const m = NetworkModel.fromManifests([
      ...docs,
      ...now.toNodeManifests(),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
      pod,
    ]);
    const probe = m.evaluate({ from: 'node/worker-9', to: 'monitoring/exporter', port: 9100 });
    expect(probe.allowed).toBe(true);
    expect(probe.reason).toMatch(/no host endpoint \(not policed\)/);
    // The late control-plane node: its API server calls its own kubelet over lo, and it manages the late worker.
    expect(m.evaluate({ from: 'node/cp-2', to: 'node/cp-2', port: 10250 }).allowed).toBe(true);
    expect(m.evaluate({ from: 'node/cp-2', to: 'node/worker-9', port: 10250 }).allowed).toBe(true);
    expect(m.evaluate({ from: 'node/worker-9', to: 'node/cp-2', port: 6443 }).allowed).toBe(true);
    const outside = m.evaluate({ from: '203.0.113.9', to: 'node/worker-9', port: 9100 });
    expect(outside.allowed).toBe(false);
    expect(outside.steps[outside.steps.length - 1].endpoint).toBe('hep:worker-9-addresses-auto-hep');
  });

  test('with all-interfaces ("*") endpoints, as automatic mode was, the late nodes are locked out of themselves', () => {
    const docs = synth(NodeHostEndpoints.automatic({ createDefaultHostEndpoint: true }), true);
    const m = NetworkModel.fromManifests([...docs, ...now.toNodeManifests()]);
    const self = m.evaluate({ from: 'node/worker-9', to: 'node/worker-9', port: 10256 });
    expect(self.allowed).toBe(false);
    expect(self.steps.map((s) => s.endpoint)).toContain('hep:worker-9-auto-hep');
    expect(blockedNow(docs).join('\n')).toMatch(/a node reaching its own address over lo .* is blocked/);
    // The same flow under the address endpoints of automatic mode now:
    const fixed = NetworkModel.fromManifests([...synth(NodeHostEndpoints.automatic()), ...now.toNodeManifests()]);
    expect(fixed.evaluate({ from: 'node/worker-9', to: 'node/worker-9', port: 10256 }).allowed).toBe(true);
  });
});
