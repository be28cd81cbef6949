/** Plain objects for the lint tests, shaped as `kubectl get -o json` or synthesized manifests show them. */
const CALICO = 'projectcalico.org/v3';

export function namespace(name: string, labels: Record<string, string> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

export function pod(
  ns: string,
  name: string,
  o: { ip?: string; labels?: Record<string, string>; node?: string; hostNetwork?: boolean } = {},
): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: o.labels ?? {} },
    spec: { nodeName: o.node ?? 'node-a', hostNetwork: o.hostNetwork, containers: [{ name: 'c', image: 'x' }] },
    status: o.ip ? { phase: 'Running', podIP: o.ip } : { phase: 'Running' },
  };
}

export function deployment(ns: string, name: string, labels: Record<string, string>): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x' }] } },
    },
  };
}

export function node(name: string, ip: string, labels: Record<string, string> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

export function gnp(name: string, spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'GlobalNetworkPolicy', metadata: { name }, spec };
}

export function np(ns: string, name: string, spec: Record<string, unknown>): any {
  return { apiVersion: CALICO, kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function knp(ns: string, name: string, spec: Record<string, unknown>): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function hep(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): any {
  return { apiVersion: CALICO, kind: 'HostEndpoint', metadata: { name, labels }, spec };
}

export function tier(name: string, order: number, defaultAction: 'Deny' | 'Pass'): any {
  return { apiVersion: CALICO, kind: 'Tier', metadata: { name }, spec: { order, defaultAction } };
}

export function autoHeps(): any {
  return {
    apiVersion: CALICO,
    kind: 'KubeControllersConfiguration',
    metadata: { name: 'default' },
    spec: { controllers: { node: { hostEndpoint: { autoCreate: 'Enabled' } } } },
  };
}

/** The Kubernetes docs' "default deny all ingress/egress" policy (concepts/services-networking/network-policies). */
export function denyAll(
  ns: string,
  types: Array<'Ingress' | 'Egress'>,
  name = `default-deny-${types.join('-').toLowerCase()}`,
): any {
  return knp(ns, name, { podSelector: {}, policyTypes: types });
}

/** The usual DNS allowance: egress to kube-dns in kube-system on 53/UDP and 53/TCP. */
export function allowDns(
  ns: string,
  ports: any[] = [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
): any {
  return knp(ns, 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports,
      },
    ],
  });
}

/** `Kind/ns/name path rule` for each finding of `rule`, to compare whole lists. */
export function hits(
  findings: ReadonlyArray<{ kind: string; namespace?: string; name: string; path: string; rule: string }>,
  rule: string,
): string[] {
  return findings
    .filter((f) => f.rule === rule)
    .map((f) => `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name} ${f.path}`);
}
