// Issue 11 item 7: the lockout guard's model holds only what its flows can involve (lib/nodes/guard-model-docs.ts):
// pods, namespaced policies and Services the flows cannot meet are left out. The findings must be exactly those of
// the full model (every document): compared on generated clusters with pods, DNS pods, Services, namespaced
// policies in many namespaces (the probe's among them), pods and Services holding addresses the flows use, rules
// matching on `services`, and broken policies.
import { NetworkModel } from '../../lib/analysis/network/network-model';
import { guardModelDocs, setFullGuardModel } from '../../lib/nodes/guard-model-docs';
import { PROBE_NAMESPACE } from '../../lib/nodes/lockout-guard';
import { lintNodeAccess, proveNodeAccess } from '../../lib/nodes/node-access-proof';
import { seededRandom as random } from '../support/seeded-random';

const SELECTORS = [
  'role == "admin"',
  'role == "other"',
  'has(role)',
  'has(kubernetes-host)',
  'rack == "r1"',
  'rack != "r1"',
  'all()',
  '!has(gpu)',
  'app == "web"',
  'k8s-app == "kube-dns"',
  'has(kubernetes-host) && zone == "a"',
  'app == "lockout-probe"',
  'projectcalico.org/namespace == "kube-system"',
];
const NETS = [
  '10.0.0.0/8',
  '10.0.1.0/24',
  '10.0.2.7/32',
  '0.0.0.0/0',
  '192.168.5.0/24',
  '198.51.100.0/24',
  '198.18.0.0/16',
];
const NAMESPACES = ['default', 'kube-system', 'ns-a', 'ns-b', PROBE_NAMESPACE];

interface Options {
  /** Add a rule matching on `services` to one global policy. */
  readonly services?: boolean;
}

/** A cluster of `n` nodes with Node objects, host endpoints, pods, Services and `p` policies. */
function cluster(seed: number, n: number, p: number, options: Options = {}): any[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const docs: any[] = [];
  const nodeIps: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `node-${i}`;
    const ip = `10.0.${i % 4}.${Math.floor(i / 4) + 1}`;
    nodeIps.push(ip);
    const labels: Record<string, string> = { 'kubernetes-host': '', 'rack': `r${Math.floor(r() * 3)}` };
    if (r() < 0.5) labels.zone = pick(['a', 'b']);
    if (r() < 0.2) labels.gpu = '';
    if (i < 2) labels['node-role.kubernetes.io/control-plane'] = '';
    const annotations: Record<string, string> =
      r() < 0.5 ? { 'projectcalico.org/IPv4IPIPTunnelAddr': `192.168.${i % 5}.${i + 1}` } : {};
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels, annotations },
      status: { addresses: [{ type: 'InternalIP', address: ip }] },
    });
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'HostEndpoint',
      metadata: { name: `${name}-eth0`, labels },
      spec: { node: name, interfaceName: pick(['eth0', '*']), expectedIPs: [ip] },
    });
  }
  for (const ns of NAMESPACES)
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: ns } } });
  let podIp = 1;
  for (let i = 0; i < 4 * n; i++) {
    const ns = pick(NAMESPACES);
    const dns = ns === 'kube-system' && r() < 0.5;
    // Some pods hold an address the flows use (an admin client address, the outside resolver): they are kept.
    const ip =
      r() < 0.04
        ? pick(['10.0.1.1', '198.51.100.53', '192.168.5.1'])
        : `172.16.${Math.floor(podIp / 250)}.${(podIp++ % 250) + 1}`;
    if (docs.some((d) => d.kind === 'Pod' && d.status?.podIP === ip)) continue;
    if (nodeIps.includes(ip)) continue;
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: dns ? `coredns-${i}` : `pod-${i}`,
        namespace: ns,
        labels: dns ? { 'k8s-app': 'kube-dns' } : { app: pick(['web', 'db']) },
      },
      spec: {
        nodeName: `node-${i % n}`,
        containers: [
          { name: 'c', image: 'i', ports: [{ containerPort: dns ? 53 : 8080, protocol: dns ? 'UDP' : 'TCP' }] },
        ],
      },
      status: { podIP: ip },
    });
  }
  docs.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system' },
    spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }] },
  });
  for (let i = 0; i < n; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: pick(NAMESPACES) },
      spec: {
        clusterIP: i === 3 ? '192.168.5.9' : `10.96.1.${i + 1}`,
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    });
  }
  // Network sets: some hold addresses the flows use (admin clients, nodes, the resolver), most hold others.
  for (let i = 0; i < 3 * n; i++) {
    const global = r() < 0.4;
    const nets =
      r() < 0.15
        ? [pick(['10.0.1.0/28', '10.0.0.0/16', '198.51.100.0/24', '192.168.5.0/24', '10.0.2.1/32'])]
        : [`172.20.${i % 250}.0/24`, ...(r() < 0.3 ? [`fd10::${i.toString(16)}/128`] : [])];
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: global ? 'GlobalNetworkSet' : 'NetworkSet',
      metadata: {
        name: `set-${i}`,
        ...(global ? {} : { namespace: pick(NAMESPACES) }),
        labels: { role: pick(['admin', 'other']) },
      },
      spec: { nets },
    });
  }
  const rule = () => ({
    action: pick(['Allow', 'Deny', 'Pass', 'Allow']),
    protocol: pick(['TCP', 'UDP', 'ICMP']),
    ...(r() < 0.5 ? { source: r() < 0.5 ? { nets: [pick(NETS)] } : { selector: pick(SELECTORS) } } : {}),
    ...(r() < 0.4 ? { destination: r() < 0.5 ? { selector: pick(SELECTORS) } : { nets: [pick(NETS)] } } : {}),
  });
  for (let i = 0; i < p; i++) {
    const kind = pick([
      'GlobalNetworkPolicy',
      'StagedGlobalNetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
      'StagedNetworkPolicy',
      'k8s',
    ]);
    if (kind === 'k8s') {
      docs.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `k8s-${i}`, namespace: pick(NAMESPACES) },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      });
      continue;
    }
    const namespaced = !kind.includes('Global');
    const metadata = { name: `pol-${i}`, ...(namespaced ? { namespace: pick(NAMESPACES) } : {}) };
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind,
      metadata,
      spec: {
        order: Math.floor(r() * 50),
        selector: pick(SELECTORS),
        types: ['Ingress', 'Egress'],
        ingress: Array.from({ length: 1 + Math.floor(r() * 2) }, rule),
        egress: Array.from({ length: 1 + Math.floor(r() * 2) }, rule),
      },
    });
  }
  if (options.services) {
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'to-web-service' },
      spec: {
        order: 1,
        selector: 'has(kubernetes-host)',
        types: ['Egress'],
        egress: [{ action: 'Deny', protocol: 'TCP', destination: { services: { name: 'svc-1', namespace: 'ns-a' } } }],
      },
    });
  }
  return docs;
}

/** `f` with the full model (every document), then restored. */
function full<T>(f: () => T): T {
  const before = setFullGuardModel(true);
  try {
    return f();
  } finally {
    setFullGuardModel(before);
  }
}

const SSH = { sshFrom: ['10.0.1.0/24', '192.168.5.0/24'] };

const CASES = [
  [1, 30, 40],
  [2, 60, 80],
  [3, 12, 30],
  [4, 45, 60],
];

describe.each(CASES)('reduced and full model agree: seed %d, %d nodes, %d policies', (seed, n, p) => {
  const docs = cluster(seed, n, p);

  test('the same lint findings and proof problems, with pods, Services and namespaced policies left out', () => {
    NetworkModel.fromManifests(docs); // valid input: the comparison is not of two refusals
    const reduced = lintNodeAccess(docs);
    expect(reduced).toEqual(full(() => lintNodeAccess(docs)));
    expect(reduced.length).toBeGreaterThan(0); // the generated policies block something: the comparison is not vacuous
    expect(proveNodeAccess(docs, SSH)).toEqual(full(() => proveNodeAccess(docs, SSH)));
  });

  test('the reduction leaves pods, namespaced policies and Services out, keeps what the flows meet', () => {
    const kept = guardModelDocs(docs, ['10.0.1.1', '198.51.100.53'], PROBE_NAMESPACE);
    const count = (list: any[], kind: string) => list.filter((d) => d.kind === kind).length;
    expect(count(kept, 'Pod')).toBeLessThan(count(docs, 'Pod'));
    expect(count(kept, 'NetworkPolicy')).toBeLessThan(count(docs, 'NetworkPolicy'));
    expect(count(kept, 'Service')).toBeLessThan(count(docs, 'Service'));
    expect(count(kept, 'GlobalNetworkPolicy')).toBe(count(docs, 'GlobalNetworkPolicy'));
    const sets = (list: any[]) => count(list, 'NetworkSet') + count(list, 'GlobalNetworkSet');
    expect(sets(kept)).toBeLessThan(sets(docs));
    // A network set holding a flow address stays.
    for (const set of docs.filter(
      (d) => /NetworkSet$/.test(d.kind) && ['10.0.1.0/28', '198.51.100.0/24'].includes(d.spec.nets[0]),
    )) {
      expect(kept).toContain(set);
    }
    // A pod holding a flow address, and the policies of its namespace, stay.
    for (const pod of docs.filter((d) => d.kind === 'Pod' && ['10.0.1.1', '198.51.100.53'].includes(d.status.podIP))) {
      expect(kept).toContain(pod);
      const same = docs.filter((d) => d.kind === 'NetworkPolicy' && d.metadata.namespace === pod.metadata.namespace);
      for (const pol of same) expect(kept).toContain(pol);
    }
    const probes = docs.filter((d) => /NetworkPolicy$/.test(d.kind) && d.metadata.namespace === PROBE_NAMESPACE);
    for (const pol of probes) expect(kept).toContain(pol);
  });
});

test('a rule matching on services keeps every document (its backends decide)', () => {
  const docs = cluster(5, 20, 20, { services: true });
  expect(guardModelDocs(docs, [], PROBE_NAMESPACE)).toEqual(docs);
  expect(lintNodeAccess(docs)).toEqual(full(() => lintNodeAccess(docs)));
});

const BACKENDS: Array<[Record<string, string> | undefined]> = [[undefined], [{ 'k8s-app': 'kube-dns' }]];

test.each(BACKENDS)('a Service at a flow address (the resolver, backends %j) keeps every document', (selector) => {
  // The DNS flow is DNATed to the Service's backends (DNS pods in kube-system, with their namespace's policies).
  const docs = cluster(6, 20, 30).filter((d) => d.status?.podIP !== '198.51.100.53');
  docs.push({
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name: 'dns-closed', namespace: 'kube-system' },
    spec: { selector: 'k8s-app == "kube-dns"', types: ['Ingress'] },
  });
  docs.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'resolver', namespace: 'ns-b' },
    spec: { clusterIP: '198.51.100.53', ...(selector ? { selector } : {}), ports: [{ port: 53, protocol: 'UDP' }] },
  });
  expect(guardModelDocs(docs, ['198.51.100.53'], PROBE_NAMESPACE)).toEqual(docs);
  expect(lintNodeAccess(docs)).toEqual(full(() => lintNodeAccess(docs)));
  expect(proveNodeAccess(docs, SSH)).toEqual(full(() => proveNodeAccess(docs, SSH)));
});

describe('broken input', () => {
  const broken = (namespace: string) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name: 'bad', namespace },
    spec: { selector: 'app ==', types: ['Ingress'] },
  });

  test('a broken policy the flows can meet (a global one, or in the probe namespace) still makes the guard refuse', () => {
    const docs = cluster(7, 20, 30);
    for (const bad of [
      broken(PROBE_NAMESPACE),
      { ...broken('x'), kind: 'GlobalNetworkPolicy', metadata: { name: 'bad' } },
    ]) {
      const withBad = [...docs, bad];
      expect(() => NetworkModel.fromManifests(withBad)).toThrow(/bad/);
      expect(lintNodeAccess(withBad)).toEqual([]);
      expect(full(() => lintNodeAccess(withBad))).toEqual([]);
    }
  });

  test('a broken pod holding a flow address, or with an unreadable address, is kept and refused', () => {
    const docs = cluster(8, 20, 30);
    const twice = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dup', namespace: 'ns-a' },
      spec: {},
      status: { podIP: '10.0.0.1' },
    };
    const unreadable = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'odd', namespace: 'ns-a' },
      spec: {},
      status: { podIP: 'nope' },
    };
    for (const bad of [twice, unreadable]) {
      expect(guardModelDocs([...docs, bad], [], PROBE_NAMESPACE)).toContain(bad);
      expect(lintNodeAccess([...docs, bad])).toEqual([]);
    }
  });

  test('a broken policy in a namespace the flows never meet: validation reports it, the guard still proves the flows', () => {
    // Before the reduction, one bad policy in any namespace silenced the rule; now the findings are those of the
    // input without it (the full model refuses the whole input).
    const docs = cluster(9, 30, 40);
    const withBad = [...docs, broken('ns-unrelated')];
    expect(() => NetworkModel.fromManifests(withBad)).toThrow(/bad/);
    expect(full(() => lintNodeAccess(withBad))).toEqual([]);
    const expected = full(() => lintNodeAccess(docs));
    expect(expected.length).toBeGreaterThan(0);
    expect(lintNodeAccess(withBad)).toEqual(expected);
  });
});
