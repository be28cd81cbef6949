// docs/scenarios.md#002, "policy for cluster IPs exposed outside the cluster over BGP", as constructs, in both modes:
//   prerequisite: advertise the service cluster IPs over BGP
//     -> BgpServiceAdvertisement: the BGPConfiguration `default` with serviceClusterIPs (apply it server-side:
//        kubectl apply --server-side --field-manager=cdk8s-calico -f
//        dist/exposed-cluster-ip/exposed-cluster-ip.k8s.yaml)
//   the document's scenario: 50.60.0.0/16 may reach cluster IP A (10.20.30.40), 70.80.90.0/24 may reach cluster
//   IP B (10.20.30.41), pod CIDR 192.168.0.0/16, host endpoints labelled k8s-role: node.
//   - cluster mode (externalTrafficPolicy Cluster, the default): per Service a preDNAT fence on the nodes (the
//     allowed network to its cluster IP and ports, then Deny everything else to that IP) and a policy on its pods
//     admitting the nodes; shared once: host endpoints, the pod-CIDR allowance, host traffic except NodePorts.
//   - local mode (externalTrafficPolicy Local, NodePort Services): a NetworkPolicy on each Service's pods admitting
//     the allowed network; the same fence on the nodes keeps host services off the cluster IPs (Calico issue 7049).
// `npm run synth` writes cluster mode to dist/exposed-cluster-ip/ and local mode to
// dist/exposed-cluster-ip/local-mode/.
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Peer, Selector } from '../../lib';
import { NodeInventory } from '../../lib/nodes';
import {
  BgpServiceAdvertisement,
  ExposedClusterIpService,
  ExternalTrafficPolicy,
  ServiceExposureFoundation,
} from '../../lib/services';

/** The cluster's nodes (what `kubectl get nodes -o json` would give). */
export const SEED_002_NODES = NodeInventory.fromNodes(
  [1, 2, 3].map((i) => ({
    name: `node-${i}`,
    labels: { 'kubernetes.io/hostname': `node-${i}` },
    internalIps: [`10.0.0.${10 + i}`],
    bgpIpv4Address: `10.0.0.${10 + i}/24`,
  })),
);

/** The document's addresses. */
export const SEED_002 = {
  namespace: 'shop',
  serviceCidr: '10.20.0.0/16',
  podCidr: '192.168.0.0/16',
  a: { name: 'svc-a', clusterIp: '10.20.30.40', clients: '50.60.0.0/16' },
  b: { name: 'svc-b', clusterIp: '10.20.30.41', clients: '70.80.90.0/24' },
} as const;

/** Props of {@link ExposedClusterIpChart}. */
export interface ExposedClusterIpChartProps {
  /**
   * How the Services route external traffic.
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly mode?: ExternalTrafficPolicy;
}

export class ExposedClusterIpChart extends Chart {
  public readonly foundation: ServiceExposureFoundation;
  public readonly a: ExposedClusterIpService;
  public readonly b: ExposedClusterIpService;

  constructor(scope: Construct, id: string, props: ExposedClusterIpChartProps = {}) {
    super(scope, id, { namespace: SEED_002.namespace });
    const mode = props.mode ?? ExternalTrafficPolicy.CLUSTER;
    // Local mode needs Services Kubernetes lets carry externalTrafficPolicy: NodePort.
    const type = mode === ExternalTrafficPolicy.LOCAL ? kplus.ServiceType.NODE_PORT : kplus.ServiceType.CLUSTER_IP;

    new BgpServiceAdvertisement(this, 'ServiceAdvertisement', { clusterIpCidrs: [SEED_002.serviceCidr] });
    // Step 5 (host endpoints labelled k8s-role: node) and the shared steps 2 and 3, once for the app.
    this.foundation = new ServiceExposureFoundation(this, 'Exposure', {
      podCidrs: [SEED_002.podCidr],
      inventory: SEED_002_NODES,
    });

    // Step 1 of the document: the Services name their cluster IPs explicitly.
    const svcA = new kplus.Service(this, 'SvcA', {
      metadata: { name: SEED_002.a.name },
      type,
      clusterIP: SEED_002.a.clusterIp,
      selector: kplus.Pods.select(this, 'SvcAPods', { labels: { 'k8s-svc': SEED_002.a.name } }),
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 8443 },
      ],
    });
    const svcB = new kplus.Service(this, 'SvcB', {
      metadata: { name: SEED_002.b.name },
      type,
      clusterIP: SEED_002.b.clusterIp,
      selector: kplus.Pods.select(this, 'SvcBPods', { labels: { 'k8s-svc': SEED_002.b.name } }),
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'dns', port: 53, targetPort: 5353, protocol: kplus.Protocol.UDP },
      ],
    });

    this.a = new ExposedClusterIpService(this, 'ExposeA', {
      service: svcA,
      externalTrafficPolicy: mode,
      allowFrom: [Peer.nets(SEED_002.a.clients)],
      // Step 4 of the document, optional: the in-cluster clients of svc-a.
      allowInCluster: [Peer.selector(Selector.eq('app', 'frontend'))],
    });
    this.b = new ExposedClusterIpService(this, 'ExposeB', {
      service: svcB,
      externalTrafficPolicy: mode,
      allowFrom: [Peer.nets(SEED_002.b.clients)],
    });
  }
}

/** Adds this example's chart to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(
  app: App,
  mode: ExternalTrafficPolicy = ExternalTrafficPolicy.CLUSTER,
): ExposedClusterIpChart {
  return new ExposedClusterIpChart(
    app,
    mode === ExternalTrafficPolicy.CLUSTER ? 'exposed-cluster-ip' : 'exposed-cluster-ip-local',
    { mode },
  );
}

if (require.main === module) {
  const outdir = process.env.CDK8S_OUTDIR ?? path.join('dist', 'exposed-cluster-ip');
  const cluster = new App({ outdir });
  buildExample(cluster, ExternalTrafficPolicy.CLUSTER);
  cluster.synth();
  const local = new App({ outdir: path.join(outdir, 'local-mode') });
  buildExample(local, ExternalTrafficPolicy.LOCAL);
  local.synth();
}
