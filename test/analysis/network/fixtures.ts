/** Small builders for the analysis tests: plain Kubernetes / Calico objects. */
const CALICO = 'projectcalico.org/v3';

export function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface PodOptions {
  ip?: string;
  ips?: string[];
  node?: string;
  labels?: Record<string, string>;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  serviceAccount?: string;
  hostNetwork?: boolean;
}

export function pod(ns: string, name: string, o: PodOptions = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: o.labels ?? {} },
    spec: {
      nodeName: o.node ?? 'node-a',
      serviceAccountName: o.serviceAccount,
      hostNetwork: o.hostNetwork,
      containers: [{ name: 'c', image: 'x', ports: o.ports ?? [] }],
    },
    status: { phase: 'Running', podIP: o.ip, podIPs: o.ips?.map((ip) => ({ ip })) },
  };
}

export function node(
  name: string,
  ip: string,
  o: { labels?: Record<string, string>; annotations?: Record<string, string>; external?: string } = {},
): any {
  const addresses = [
    { type: 'InternalIP', address: ip },
    { type: 'Hostname', address: name },
  ];
  if (o.external) addresses.push({ type: 'ExternalIP', address: o.external });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: o.labels ?? {}, annotations: o.annotations ?? {} },
    status: { addresses },
  };
}

export function gnp(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): any {
  return { apiVersion: CALICO, kind: 'GlobalNetworkPolicy', metadata: { name, labels }, spec };
}

export function sgnp(name: string, spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'StagedGlobalNetworkPolicy', metadata: { name }, spec };
}

export function np(ns: string, name: string, spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function snp(ns: string, name: string, spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'StagedNetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function knp(ns: string, name: string, spec: Record<string, unknown>): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

/** A ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2). */
export function cnp(name: string, spec: Record<string, unknown>): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec };
}

export function tier(name: string, order?: number, defaultAction?: 'Deny' | 'Pass'): any {
  return { apiVersion: CALICO, kind: 'Tier', metadata: { name }, spec: { order, defaultAction } };
}

export function hep(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): any {
  return { apiVersion: CALICO, kind: 'HostEndpoint', metadata: { name, labels }, spec };
}

export function gns(name: string, nets: string[], labels: Record<string, string> = {}): any {
  return { apiVersion: CALICO, kind: 'GlobalNetworkSet', metadata: { name, labels }, spec: { nets } };
}

export function netset(ns: string, name: string, nets: string[], labels: Record<string, string> = {}): any {
  return { apiVersion: CALICO, kind: 'NetworkSet', metadata: { name, namespace: ns, labels }, spec: { nets } };
}

export function felix(spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'FelixConfiguration', metadata: { name: 'default' }, spec };
}

export function autoHeps(extra: Record<string, unknown> = {}): any {
  return {
    apiVersion: CALICO,
    kind: 'KubeControllersConfiguration',
    metadata: { name: 'default' },
    spec: { controllers: { node: { hostEndpoint: { autoCreate: 'Enabled', ...extra } } } },
  };
}

export function service(
  ns: string,
  name: string,
  o: {
    clusterIP: string;
    selector: Record<string, string>;
    ports: any[];
    externalTrafficPolicy?: string;
    type?: string;
  },
): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: {
      clusterIP: o.clusterIP,
      selector: o.selector,
      ports: o.ports,
      externalTrafficPolicy: o.externalTrafficPolicy,
      type: o.type,
    },
  };
}

export function serviceAccount(ns: string, name: string, labels: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels } };
}

/** A two-node cluster: nodes a (10.0.0.1) and b (10.0.0.2); namespaces prod/dev; pods on both nodes. */
export function baseCluster(): any[] {
  return [
    node('node-a', '10.0.0.1', { labels: { role: 'worker', 'kubernetes.io/hostname': 'node-a' } }),
    node('node-b', '10.0.0.2', { labels: { role: 'worker', 'kubernetes.io/hostname': 'node-b' } }),
    namespace('prod', { env: 'prod' }),
    namespace('dev', { env: 'dev' }),
    pod('prod', 'web', {
      ip: '192.168.1.10',
      node: 'node-a',
      labels: { app: 'web' },
      ports: [{ name: 'http', containerPort: 8080 }],
    }),
    pod('prod', 'db', {
      ip: '192.168.2.20',
      node: 'node-b',
      labels: { app: 'db' },
      ports: [{ name: 'pg', containerPort: 5432 }],
    }),
    pod('prod', 'api', { ip: '192.168.1.11', node: 'node-a', labels: { app: 'api' }, serviceAccount: 'api-sa' }),
    pod('dev', 'tool', { ip: '192.168.2.30', node: 'node-b', labels: { app: 'tool' } }),
  ];
}
