// The cluster state of docs/scenarios.md#002's scenario (three nodes from the example's inventory, the backing pods of
// svc-a and svc-b, in-cluster clients), and helpers to ask the reachability engine about the example's output.
import { App, Testing } from 'cdk8s';
import { EvaluateResult, NetworkModel } from '../../lib';
import { buildExample, ExposedClusterIpChart, SEED_002, SEED_002_NODES } from '../../examples/exposed-cluster-ip/main';
import { ExternalTrafficPolicy } from '../../lib/services';

export const NODE_NAMES = SEED_002_NODES.nodes.map((n) => n.name);

const pod = (
  name: string,
  node: string,
  ip: string,
  labels: Record<string, string>,
  ports: Array<{ name: string; containerPort: number; protocol?: string }> = [],
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: SEED_002.namespace, labels },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'x', ports }] },
  status: { podIP: ip },
});

/** Backends of svc-a on node-1 and node-2, of svc-b on node-2 and node-3, and three ordinary pods. */
export function clusterState(nodes: any[] = SEED_002_NODES.toNodeManifests()): any[] {
  const a = { 'k8s-svc': SEED_002.a.name };
  const b = { 'k8s-svc': SEED_002.b.name };
  return [
    ...nodes,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SEED_002.namespace } },
    pod('a-1', 'node-1', '192.168.1.10', a),
    pod('a-2', 'node-2', '192.168.2.10', a),
    pod('b-1', 'node-2', '192.168.2.20', b),
    pod('b-2', 'node-3', '192.168.3.20', b),
    pod('tool', 'node-1', '192.168.1.30', { app: 'tool' }),
    pod('frontend', 'node-3', '192.168.3.40', { app: 'frontend' }),
    pod('db', 'node-3', '192.168.3.50', { app: 'db' }),
  ];
}

/** The example synthesized in `mode` (every object validated by the jest setup). */
export function synthExample(mode: ExternalTrafficPolicy = ExternalTrafficPolicy.CLUSTER): {
  app: App;
  chart: ExposedClusterIpChart;
  docs: any[];
} {
  const app = Testing.app();
  const chart = buildExample(app, mode);
  return { app, chart, docs: app.charts.flatMap((c) => Testing.synth(c)) };
}

/** The engine over `docs` plus the cluster state (and `extra`). */
export function modelOf(docs: any[], extra: any[] = [], nodes?: any[]): NetworkModel {
  return NetworkModel.fromManifests([...docs, ...clusterState(nodes), ...extra]);
}

/** A client outside the cluster to a service, once per receiving node (`via`), or once when `via` is not used. */
export function fromOutside(
  m: NetworkModel,
  from: string,
  service: string,
  port: number,
  protocol = 'TCP',
  vias: Array<string | undefined> = NODE_NAMES,
): EvaluateResult[] {
  return vias.map((via) => m.evaluate({ from, to: `svc/${SEED_002.namespace}/${service}`, port, protocol, via }));
}

/** Every backend reachable through every receiving node. */
export const everyBackend = (rs: EvaluateResult[]) =>
  rs.every((r) => r.backends!.length > 0 && r.backends!.every((b) => b.allowed));
/** No backend reachable through any receiving node. */
export const noBackend = (rs: EvaluateResult[]) => rs.every((r) => !r.allowed);

/** Drops the Deny rules of the preDNAT fences: the upstream guide's Allow-only step 1. */
export function withoutFenceDenies(docs: any[]): any[] {
  return docs.map((d) =>
    d.kind === 'GlobalNetworkPolicy' && d.spec.preDNAT && d.metadata.name.startsWith('expose-')
      ? { ...d, spec: { ...d.spec, ingress: d.spec.ingress.filter((r: any) => r.action !== 'Deny') } }
      : d,
  );
}

/**
 * kube-proxy in IPVS mode binds every cluster IP to kube-ipvs0 on every node, so a packet to a cluster IP on a port
 * no Service defines is not DNATed but delivered to the host (Calico issue 7049). Modelled as the node owning the
 * address (and the Service not claiming it).
 */
export function ipvsHostOwnsClusterIp(docs: any[], clusterIp: string, node = 'node-1'): { docs: any[]; nodes: any[] } {
  const nodes = SEED_002_NODES.toNodeManifests().map((n: any) =>
    n.metadata.name === node
      ? { ...n, status: { addresses: [...n.status.addresses, { type: 'InternalIP', address: clusterIp }] } }
      : n,
  );
  return { docs: docs.filter((d) => !(d.kind === 'Service' && d.spec.clusterIP === clusterIp)), nodes };
}

/**
 * FelixConfiguration default with SSH failsafe restricted to an admin network (Felix's default opens tcp:22 to all).
 */
export const FELIX_SSH_FROM_ADMIN = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'FelixConfiguration',
  metadata: { name: 'default' },
  spec: {
    failsafeInboundHostPorts: [
      { protocol: 'TCP', port: 22, net: '10.99.0.0/16' },
      { protocol: 'TCP', port: 179 },
      { protocol: 'TCP', port: 6443 },
    ],
  },
};
