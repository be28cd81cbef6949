// A seeded generator of clusters with realistic variety (issue 17, item 1): 20 namespaces with team and environment
// labels, 40 apps, pods with 2 to 4 labels spread over 50 nodes (unique pod IPs from per-node /22 blocks, numeric and
// named container ports), Kubernetes NetworkPolicies mixing podSelector, namespaceSelector and combined peers,
// matchExpressions (In, NotIn, Exists, DoesNotExist), external ipBlocks with `except`, single ports, port ranges
// (endPort) and all-port rules, default denies and DNS egress allowances. With `calico: true` the policies also include
// Calico NetworkPolicies and GlobalNetworkPolicies (Allow, Deny, Pass; two user tiers), host endpoints and
// ClusterNetworkPolicies (Admin and Baseline).
// Plain manifest objects (no library import): a test or another benchmark can use it without building a model, and the
// same options always give the same documents (deep-equal), whatever else ran before.
import { seededRandom } from '../test/support/seeded-random';

/** Options of {@link diverseCluster}. */
export interface DiverseClusterOptions {
  /** Number of pods (at most 51,000: 50 nodes × a /22 block each). */
  readonly pods: number;
  /**
   * Number of policies (Kubernetes, Calico and ClusterNetworkPolicies together; tiers and host endpoints are extra).
   * @default Math.round(pods / 2)
   */
  readonly policies?: number;
  /**
   * Seed of the pseudo-random choices.
   * @default 17
   */
  readonly seed?: number;
  /**
   * Mix in Calico policies (tiers `security` and `platform`), host endpoints and ClusterNetworkPolicies.
   * @default false
   */
  readonly calico?: boolean;
}

/** The ports the issue-17 figures are measured over (for `parsePortList`). */
export const DIVERSE_PORTS = '80/TCP,443/TCP,53/UDP';

export const DIVERSE_NAMESPACES = 20;
export const DIVERSE_APPS = 40;
export const DIVERSE_NODES = 50;
const PODS_PER_NODE = 1020; // a /22 per node, .0 and .1 of the block left out

type Rand = () => number;
type Doc = Record<string, any>;

/** Seeded (mulberry32), so a figure or a failing cell can be replayed from its seed. */
const random = (seed: number): Rand => seededRandom(seed);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number): boolean => r() < p;

const TEAMS = ['payments', 'search', 'identity', 'data', 'platform'];
const ENVS = ['dev', 'staging', 'prod'];
const ROLES = ['frontend', 'backend', 'db', 'cache', 'worker'];
const VERSIONS = ['v1', 'v2', 'v3'];
const TRACKS = ['stable', 'canary'];
const EXTERNAL = ['0.0.0.0/0', '203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '100.64.0.0/10'];
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Namespace names: kube-system (cluster DNS) and 19 application namespaces. */
const namespaceName = (n: number): string => (n === 0 ? 'kube-system' : `${ENVS[n % 3]}-${TEAMS[n % 5]}-${n}`);

/** An app lives in its home namespace and, for a third of the apps, in a second one. */
interface App {
  readonly name: string;
  readonly namespaces: readonly number[];
  readonly role: string;
}

function apps(): App[] {
  const out: App[] = [{ name: 'coredns', namespaces: [0], role: 'dns' }];
  for (let a = 1; a < DIVERSE_APPS; a++) {
    const home = 1 + (a % (DIVERSE_NAMESPACES - 1));
    const namespaces = a % 3 === 0 ? [home, 1 + ((a * 7) % (DIVERSE_NAMESPACES - 1))] : [home];
    out.push({ name: `app-${a}`, namespaces: [...new Set(namespaces)], role: ROLES[a % ROLES.length] });
  }
  return out;
}

/** Container ports by role; `http` is 80 on some apps and 8080 on others, so named-port rules split pods. */
function containerPorts(app: App, a: number): Doc[] {
  if (app.role === 'dns') {
    return [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ];
  }
  const http = a % 2 === 0 ? 80 : 8080;
  switch (app.role) {
    case 'frontend':
      return [
        { name: 'http', containerPort: http, protocol: 'TCP' },
        { name: 'https', containerPort: 443, protocol: 'TCP' },
      ];
    case 'backend':
      return [
        { name: 'http', containerPort: http, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
      ];
    case 'db':
      return [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }];
    case 'cache':
      return [{ name: 'redis', containerPort: 6379 }];
    default:
      return [{ containerPort: 443, protocol: 'TCP' }]; // an unnamed port
  }
}

function namespaces(): Doc[] {
  return Array.from({ length: DIVERSE_NAMESPACES }, (_, n) => {
    const name = namespaceName(n);
    const labels: Record<string, string> =
      n === 0
        ? { 'kubernetes.io/metadata.name': name, team: 'platform', environment: 'prod', system: 'true' }
        : { 'kubernetes.io/metadata.name': name, team: TEAMS[n % 5], environment: ENVS[n % 3] };
    if (n % 4 === 1) labels.compliance = 'pci';
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  });
}

const nodeName = (i: number): string => `node-${i}`;
const nodeIp = (i: number): string => `10.0.${i >> 8}.${(i & 255) + 10}`;

function nodes(): Doc[] {
  return Array.from({ length: DIVERSE_NODES }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName(i),
      labels: { 'kubernetes.io/hostname': nodeName(i), 'topology.kubernetes.io/zone': `zone-${i % 3}` },
    },
    spec: { podCIDR: `10.244.${i * 4}.0/22` },
    status: { addresses: [{ type: 'InternalIP', address: nodeIp(i) }] },
  }));
}

/** Pods: app chosen with a skew (some apps are big), 1 to 3 labels besides `app`, a random node, a unique IP. */
function pods(r: Rand, count: number, appList: readonly App[]): Doc[] {
  const perNode = new Array<number>(DIVERSE_NODES).fill(0);
  const out: Doc[] = [];
  for (let i = 0; i < count; i++) {
    // a = 0 (coredns) gets about 1 % of pods; the rest skewed towards low app numbers
    const a = chance(r, 0.01) ? 0 : 1 + Math.floor(Math.pow(r(), 1.6) * (DIVERSE_APPS - 1));
    const app = appList[a];
    const ns = namespaceName(pick(r, app.namespaces));
    const labels: Record<string, string> = a === 0 ? { 'k8s-app': 'kube-dns', app: app.name } : { app: app.name };
    // 2 to 4 labels in all: `app` (and coredns's `k8s-app`) plus a random choice of the optional ones
    const optional: [string, () => string][] = [
      ['role', () => app.role],
      ['version', () => pick(r, VERSIONS)],
      ['track', () => pick(r, TRACKS)],
      ['pci', () => 'true'],
    ];
    const extras = int(r, 2, 4) - Object.keys(labels).length;
    for (let k = 0; k < extras; k++) {
      const [key, value] = optional.splice(Math.floor(r() * optional.length), 1)[0];
      labels[key] = value();
    }
    let node = Math.floor(r() * DIVERSE_NODES);
    while (perNode[node] >= PODS_PER_NODE) node = (node + 1) % DIVERSE_NODES;
    const k = 2 + perNode[node]++;
    const ip = `10.244.${node * 4 + (k >> 8)}.${k & 255}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${app.name}-${i}`, namespace: ns, labels },
      spec: {
        nodeName: nodeName(node),
        containers: [{ name: 'main', image: `registry.example/${app.name}:1`, ports: containerPorts(app, a) }],
      },
      status: { phase: 'Running', hostIP: nodeIp(node), podIP: ip, podIPs: [{ ip }] },
    });
  }
  return out;
}

// ---- Kubernetes NetworkPolicy pieces

/** A pod label selector: matchLabels, matchExpressions (all four operators) or both; `{}` now and then. */
function kubePodSelector(r: Rand, apps: readonly App[], ns?: number): Doc {
  const local = ns === undefined ? apps : apps.filter((a) => a.namespaces.includes(ns));
  const app = (local.length ? pick(r, local) : pick(r, apps)).name;
  const k = r();
  if (k < 0.08) return {};
  if (k < 0.45) return { matchLabels: { app } };
  if (k < 0.6) return { matchLabels: { role: pick(r, ROLES) } };
  if (k < 0.7) return { matchExpressions: [{ key: 'app', operator: 'In', values: [app, pick(r, apps).name] }] };
  if (k < 0.8) {
    return {
      matchLabels: { app },
      matchExpressions: [{ key: 'version', operator: 'NotIn', values: [pick(r, VERSIONS)] }],
    };
  }
  if (k < 0.9) return { matchExpressions: [{ key: 'pci', operator: 'Exists' }] };
  return {
    matchExpressions: [
      { key: 'role', operator: 'In', values: [pick(r, ROLES), pick(r, ROLES)].filter((v, i, a) => a.indexOf(v) === i) },
      { key: 'track', operator: 'DoesNotExist' },
    ],
  };
}

function kubeNamespaceSelector(r: Rand): Doc {
  const k = r();
  if (k < 0.1) return {};
  if (k < 0.35) return { matchLabels: { team: pick(r, TEAMS) } };
  if (k < 0.55) return { matchLabels: { environment: pick(r, ENVS) } };
  if (k < 0.7)
    return { matchLabels: { 'kubernetes.io/metadata.name': namespaceName(int(r, 1, DIVERSE_NAMESPACES - 1)) } };
  if (k < 0.8) return { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['prod'] }] };
  if (k < 0.9) return { matchExpressions: [{ key: 'compliance', operator: 'DoesNotExist' }] };
  return {
    matchLabels: { team: pick(r, TEAMS) },
    matchExpressions: [{ key: 'environment', operator: 'In', values: ['staging', 'prod'] }],
  };
}

/** An ipBlock: mostly external ranges with private `except`s; sometimes a slice of the pod range (a node's block). */
function ipBlock(r: Rand): Doc {
  const k = r();
  if (k < 0.45) return { ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE.slice(0, int(r, 1, 3)) } };
  if (k < 0.7) return { ipBlock: { cidr: pick(r, EXTERNAL.slice(1)) } };
  if (k < 0.85) {
    const node = int(r, 0, DIVERSE_NODES - 1);
    return { ipBlock: { cidr: '10.244.0.0/16', except: [`10.244.${node * 4}.0/22`] } };
  }
  return { ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16', '10.96.0.0/12'] } };
}

function kubePeer(r: Rand, apps: readonly App[], ns: number, egress: boolean): Doc {
  const k = r();
  if (k < (egress ? 0.2 : 0.1)) return ipBlock(r);
  if (k < 0.5) return { podSelector: kubePodSelector(r, apps, ns) };
  if (k < 0.7) return { namespaceSelector: kubeNamespaceSelector(r) };
  return { namespaceSelector: kubeNamespaceSelector(r), podSelector: kubePodSelector(r, apps) };
}

/** Ports: a number, a named port, a range (endPort), UDP/53, or several; undefined = all ports. */
function kubePorts(r: Rand): Doc[] | undefined {
  const k = r();
  if (k < 0.2) return undefined;
  if (k < 0.4) return [{ protocol: 'TCP', port: pick(r, [80, 443, 8080, 5432, 6379]) }];
  if (k < 0.55) return [{ port: pick(r, ['http', 'https', 'metrics', 'postgres', 'dns']) }];
  if (k < 0.7) return [{ protocol: 'TCP', port: pick(r, [1, 80, 440, 8000]), endPort: pick(r, [443, 1024, 9000]) }];
  if (k < 0.8) return [{ protocol: 'UDP', port: 53 }];
  if (k < 0.9) return [{ protocol: 'TCP', port: 443 }, { protocol: 'UDP', port: 53 }, { port: 'http' }];
  return [{ protocol: 'SCTP', port: 9000 }]; // a port none of the measured ones match
}

function kubeRule(r: Rand, apps: readonly App[], ns: number, egress: boolean): Doc {
  const side = egress ? 'to' : 'from';
  const rule: Doc = {};
  // an empty peer list = every peer (ports only); otherwise 1 to 3 peers
  if (!chance(r, 0.12)) rule[side] = Array.from({ length: int(r, 1, 3) }, () => kubePeer(r, apps, ns, egress));
  const ports = kubePorts(r);
  if (ports) {
    // endPort needs a numeric port no larger than it (ValidateNetworkPolicyPort)
    for (const p of ports) if (p.endPort !== undefined && p.endPort < p.port) p.endPort = p.port;
    rule.ports = ports;
  }
  return rule;
}

const kubePolicy = (name: string, ns: number, spec: Doc): Doc => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: namespaceName(ns) },
  spec,
});

/** The namespace-wide policies: default denies and, where egress is denied, the DNS allowance. */
function namespaceBaselines(r: Rand): Doc[] {
  const out: Doc[] = [];
  for (let n = 1; n < DIVERSE_NAMESPACES; n++) {
    const k = r();
    if (k < 0.3) continue;
    const types = k < 0.65 ? ['Ingress'] : k < 0.8 ? ['Egress'] : ['Ingress', 'Egress'];
    out.push(kubePolicy('default-deny', n, { podSelector: {}, policyTypes: types }));
    if (types.includes('Egress')) {
      out.push(
        kubePolicy('allow-dns', n, {
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
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        }),
      );
    }
  }
  return out;
}

/** One application policy: a selector in one of the app's namespaces, 0 to 3 ingress and 0 to 2 egress rules. */
function appKubePolicy(r: Rand, apps: readonly App[], i: number): Doc {
  const app = pick(r, apps.slice(1));
  const ns = pick(r, app.namespaces);
  const podSelector = chance(r, 0.7) ? { matchLabels: { app: app.name } } : kubePodSelector(r, apps, ns);
  const ingress = Array.from({ length: int(r, 0, 3) }, () => kubeRule(r, apps, ns, false));
  const egress = chance(r, 0.4) ? Array.from({ length: int(r, 0, 2) }, () => kubeRule(r, apps, ns, true)) : [];
  const types = egress.length || chance(r, 0.1) ? ['Ingress', 'Egress'] : ['Ingress'];
  return kubePolicy(`${app.name}-np-${i}`, ns, {
    podSelector,
    policyTypes: types,
    ...(ingress.length ? { ingress } : {}),
    ...(types.includes('Egress') && egress.length ? { egress } : {}),
  });
}

// ---- Calico pieces

const CALICO = 'projectcalico.org/v3';

function tiers(): Doc[] {
  return [
    { apiVersion: CALICO, kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100 } },
    { apiVersion: CALICO, kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 500, defaultAction: 'Pass' } },
  ];
}

/** One host endpoint per node (interface eth0, the node IP), labelled for host policies. */
function hostEndpoints(): Doc[] {
  return Array.from({ length: DIVERSE_NODES }, (_, i) => ({
    apiVersion: CALICO,
    kind: 'HostEndpoint',
    metadata: {
      name: `${nodeName(i)}-eth0`,
      labels: { 'host-endpoint': 'true', 'node-role': i < 3 ? 'control-plane' : 'worker', zone: `zone-${i % 3}` },
    },
    spec: {
      node: nodeName(i),
      interfaceName: 'eth0',
      expectedIPs: [nodeIp(i)],
      ports: [{ name: 'kubelet', port: 10250, protocol: 'TCP' }],
    },
  }));
}

/** A Calico selector on pod labels, with the operators Calico adds (`in`, `has`, `!has`, `!=`, `&&`, `||`). */
function calicoSelector(r: Rand, apps: readonly App[]): string {
  const app = pick(r, apps).name;
  switch (int(r, 0, 6)) {
    case 0:
      return `app == "${app}"`;
    case 1:
      return `role in {"${pick(r, ROLES)}", "${pick(r, ROLES)}"}`;
    case 2:
      return `app == "${app}" && has(version)`;
    case 3:
      return `!has(pci) && role != "${pick(r, ROLES)}"`;
    case 4:
      return `track == "canary" || version == "${pick(r, VERSIONS)}"`;
    case 5:
      return 'all()';
    default:
      return `has(pci)`;
  }
}

function calicoNamespaceSelector(r: Rand): string {
  switch (int(r, 0, 3)) {
    case 0:
      return `team == "${pick(r, TEAMS)}"`;
    case 1:
      return `environment in {"dev", "staging"}`;
    case 2:
      return '!has(compliance)';
    default:
      return `projectcalico.org/name == "${namespaceName(int(r, 1, DIVERSE_NAMESPACES - 1))}"`;
  }
}

/** A Calico entity rule side: selector, namespaceSelector, nets / notNets, or empty (any). */
function calicoEntity(r: Rand, apps: readonly App[], external: boolean): Doc {
  const k = r();
  if (external && k < 0.3) return chance(r, 0.5) ? { nets: [pick(r, EXTERNAL)] } : { notNets: PRIVATE };
  if (k < 0.45) return { selector: calicoSelector(r, apps) };
  if (k < 0.65) return { namespaceSelector: calicoNamespaceSelector(r) };
  if (k < 0.85) return { namespaceSelector: calicoNamespaceSelector(r), selector: calicoSelector(r, apps) };
  return {};
}

/** A Calico rule: Allow, Deny, Pass (Log is left out: it does not decide), with ports, ranges, named ports or none. */
function calicoRule(r: Rand, apps: readonly App[], egress: boolean, actions: readonly string[]): Doc {
  const action = pick(r, actions);
  const peer = calicoEntity(r, apps, egress);
  const k = r();
  const rule: Doc = { action };
  let dest: Doc = {};
  if (k < 0.3) rule.protocol = 'TCP';
  else if (k < 0.78) {
    const [protocol, ports] = pick(r, [
      ['TCP', { ports: [pick(r, [80, 443, 8080])] }],
      ['TCP', { ports: [pick(r, ['80:443', '8000:9000', '1:1024'])] }],
      ['UDP', { ports: [53] }],
      ['TCP', { ports: ['http', 443] }],
      ['TCP', { notPorts: [22, '6000:7000'] }],
    ] as [string, Doc][]);
    rule.protocol = protocol;
    dest = ports;
  }
  if (egress) rule.destination = { ...peer, ...dest };
  else {
    rule.source = peer;
    if (Object.keys(dest).length) rule.destination = dest;
  }
  return rule;
}

/** A namespaced Calico NetworkPolicy in `default` or `platform`. */
function calicoNetworkPolicy(r: Rand, apps: readonly App[], i: number): Doc {
  const app = pick(r, apps.slice(1));
  const ns = pick(r, app.namespaces);
  const tier = chance(r, 0.4) ? 'platform' : 'default';
  const actions = tier === 'platform' ? ['Allow', 'Deny', 'Pass', 'Pass'] : ['Allow', 'Allow', 'Deny'];
  const ingress = Array.from({ length: int(r, 1, 3) }, () => calicoRule(r, apps, false, actions));
  const egress = chance(r, 0.4) ? Array.from({ length: int(r, 1, 2) }, () => calicoRule(r, apps, true, actions)) : [];
  return {
    apiVersion: CALICO,
    kind: 'NetworkPolicy',
    metadata: { name: `${tier === 'default' ? '' : `${tier}.`}cnp-${i}`, namespace: namespaceName(ns) },
    spec: {
      tier,
      order: int(r, 0, 20) * 50,
      selector: chance(r, 0.6) ? `app == "${app.name}"` : calicoSelector(r, apps),
      types: egress.length ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress,
      ...(egress.length ? { egress } : {}),
    },
  };
}

/** A GlobalNetworkPolicy in `security`: guardrails on pods (namespaceSelector + selector) or on host endpoints. */
function globalNetworkPolicy(r: Rand, apps: readonly App[], i: number): Doc {
  const host = chance(r, 0.2);
  const actions = ['Allow', 'Deny', 'Deny', 'Pass', 'Pass'];
  const spec: Doc = { tier: 'security', order: int(r, 0, 20) * 10 };
  if (host) {
    spec.selector = pick(r, ['has(host-endpoint)', 'node-role == "worker"', 'zone == "zone-1"']);
    spec.types = ['Ingress', 'Egress'];
    spec.ingress = [
      { action: 'Allow', protocol: 'TCP', source: { nets: ['10.0.0.0/16'] }, destination: { ports: [22, 10250] } },
      calicoRule(r, apps, false, actions),
    ];
    spec.egress = [{ action: 'Allow' }];
  } else {
    spec.namespaceSelector = calicoNamespaceSelector(r);
    if (chance(r, 0.6)) spec.selector = calicoSelector(r, apps);
    const egress = chance(r, 0.5);
    const rules = Array.from({ length: int(r, 1, 3) }, () => calicoRule(r, apps, egress, actions));
    spec.types = [egress ? 'Egress' : 'Ingress'];
    spec[egress ? 'egress' : 'ingress'] = rules;
  }
  return { apiVersion: CALICO, kind: 'GlobalNetworkPolicy', metadata: { name: `security.gnp-${i}` }, spec };
}

// ---- ClusterNetworkPolicy pieces (policy.networking.k8s.io/v1alpha2, converted by Calico into kube-admin/-baseline)

function cnpNamespaces(r: Rand): Doc {
  const k = r();
  if (k < 0.4) return { matchLabels: { team: pick(r, TEAMS) } };
  if (k < 0.7) return { matchLabels: { environment: pick(r, ENVS) } };
  if (k < 0.85) return { matchExpressions: [{ key: 'compliance', operator: 'Exists' }] };
  return { matchLabels: { 'kubernetes.io/metadata.name': namespaceName(int(r, 0, DIVERSE_NAMESPACES - 1)) } };
}

function cnpPeer(r: Rand, apps: readonly App[], egress: boolean): Doc {
  const k = r();
  if (egress && k < 0.2) return { networks: [pick(r, [...EXTERNAL, ...PRIVATE])] };
  if (k < 0.55) return { namespaces: cnpNamespaces(r) };
  return { pods: { namespaceSelector: cnpNamespaces(r), podSelector: kubePodSelector(r, apps) } };
}

function cnpProtocols(r: Rand): Doc[] | undefined {
  const k = r();
  if (k < 0.3) return undefined;
  if (k < 0.5) return [{ tcp: { destinationPort: { number: pick(r, [80, 443]) } } }];
  if (k < 0.65) return [{ udp: { destinationPort: { number: 53 } } }];
  if (k < 0.8) return [{ tcp: { destinationPort: { range: { start: 80, end: pick(r, [443, 1024, 8080]) } } } }];
  return [{ destinationNamedPort: pick(r, ['http', 'https', 'dns']) }];
}

function clusterNetworkPolicy(r: Rand, apps: readonly App[], i: number): Doc {
  const tier = chance(r, 0.7) ? 'Admin' : 'Baseline';
  const actions = tier === 'Admin' ? ['Accept', 'Deny', 'Pass'] : ['Accept', 'Deny'];
  const rules = (egress: boolean): Doc[] =>
    Array.from({ length: int(r, 0, 3) }, (_, j) => {
      const action = pick(r, actions);
      const protocols = cnpProtocols(r);
      return {
        name: `${egress ? 'to' : 'from'}-${j}`,
        action,
        [egress ? 'to' : 'from']: Array.from({ length: int(r, 1, 2) }, () => cnpPeer(r, apps, egress)),
        ...(protocols ? { protocols } : {}),
      };
    });
  const ingress = rules(false);
  const egress = rules(true);
  if (ingress.length + egress.length === 0)
    ingress.push({ name: 'from-all', action: 'Deny', from: [{ namespaces: {} }] });
  const subject = chance(r, 0.5)
    ? { namespaces: cnpNamespaces(r) }
    : { pods: { namespaceSelector: cnpNamespaces(r), podSelector: kubePodSelector(r, apps) } };
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: `${tier.toLowerCase()}-cnp-${i}` },
    spec: {
      tier,
      priority: int(r, 0, 99) * 10,
      subject,
      ...(ingress.length ? { ingress } : {}),
      ...(egress.length ? { egress } : {}),
    },
  };
}

/**
 * A cluster with realistic variety, as plain manifests: namespaces, nodes, pods, then the policies (and, with
 * `calico`, tiers, host endpoints, Calico policies and ClusterNetworkPolicies). Deterministic in its options.
 */
export function diverseCluster(options: DiverseClusterOptions): Doc[] {
  const count = options.pods;
  if (!Number.isInteger(count) || count < 0 || count > DIVERSE_NODES * PODS_PER_NODE) {
    throw new Error(
      `[diverseCluster] pods: expected an integer from 0 to ${DIVERSE_NODES * PODS_PER_NODE}, got ${count}; ` +
        'fix: pass a whole number of pods in that range',
    );
  }
  const policies = options.policies ?? Math.round(count / 2);
  const calico = options.calico ?? false;
  const r = random(options.seed ?? 17);
  const appList = apps();
  const docs: Doc[] = [...namespaces(), ...nodes(), ...pods(r, count, appList)];
  if (calico) docs.push(...tiers(), ...hostEndpoints());
  const baselines = namespaceBaselines(r).slice(0, policies);
  docs.push(...baselines);
  for (let i = 0; i < policies - baselines.length; i++) {
    const k = calico ? r() : 1;
    if (k < 0.15) docs.push(calicoNetworkPolicy(r, appList, i));
    else if (k < 0.23) docs.push(globalNetworkPolicy(r, appList, i));
    else if (k < 0.3) docs.push(clusterNetworkPolicy(r, appList, i));
    else docs.push(appKubePolicy(r, appList, i));
  }
  return docs;
}

/** Counts of the features a generated cluster exercises (for the test and the benchmark header). */
export function diverseClusterFeatures(docs: readonly Doc[]): Record<string, number> {
  const c: Record<string, number> = {};
  const add = (k: string, n = 1): void => void (c[k] = (c[k] ?? 0) + n);
  const json = (x: unknown): string => JSON.stringify(x) ?? '';
  for (const d of docs) {
    add(`kind:${d.kind}`);
    const text = json(d.spec);
    if (d.kind === 'Pod') {
      add(`pod-labels:${Object.keys(d.metadata.labels).length}`);
      if (text.includes('"name"')) add('pod-named-ports');
    }
    if (d.kind === 'NetworkPolicy' && d.apiVersion === 'networking.k8s.io/v1') {
      const spec = d.spec;
      if (json(spec.podSelector) === '{}' && !spec.ingress && !spec.egress) add('default-deny');
      if (d.metadata.name === 'allow-dns') add('dns-egress');
      for (const op of ['In', 'NotIn', 'Exists', 'DoesNotExist'])
        if (text.includes(`"operator":"${op}"`)) add(`op:${op}`);
      for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
        if (!rule.ports) add('all-ports-rule');
        if (json(rule.ports).includes('endPort')) add('port-range');
        if (!rule.from && !rule.to) add('any-peer-rule');
        for (const p of [...(rule.from ?? []), ...(rule.to ?? [])]) {
          if (p.ipBlock?.except) add('ipblock-except');
          if (p.podSelector && p.namespaceSelector) add('combined-peer');
          else if (p.podSelector) add('pod-peer');
          else if (p.namespaceSelector) add('namespace-peer');
        }
      }
    }
    if (d.apiVersion === CALICO)
      for (const a of ['Allow', 'Deny', 'Pass']) if (text.includes(`"action":"${a}"`)) add(`calico:${a}`);
    if (d.kind === 'ClusterNetworkPolicy') add(`cnp:${d.spec.tier}`);
  }
  return c;
}
