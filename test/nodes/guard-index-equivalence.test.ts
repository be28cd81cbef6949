// Issue 11 item 7: `lint.node-access-blocked` groups nodes by a cheap signature (CIDR numbers looked up by prefix,
// selector verdicts memoised per label set) and the engine looks policies up by selector bucket. Both must give
// exactly what the plain way gives (every CIDR and selector tested per node, every policy per endpoint): the
// findings, the chosen nodes and every flow's verdict are compared on generated clusters of many nodes and varied
// policies, so the fast paths can never drift from the reference.
import { lintManifests } from '../../lib';
import { NetworkModel } from '../../lib/analysis/network/network-model';
import { setPolicyBucketLookups } from '../../lib/analysis/network/policy/policy-index';
import { representativeNodes, setPlainGuardSignatures } from '../../lib/nodes/guard-groups';
import { lintNodeAccess, proveNodeAccess } from '../../lib/nodes/node-access-proof';
import { NodeInventory } from '../../lib/nodes/node-inventory';
import { seededRandom as random } from '../support/seeded-random';

const SELECTORS = [
  'has(kubernetes-host)',
  'rack == "r1"',
  'rack != "r1"',
  'rack in {"r0", "r2"}',
  'rack not in {"r3"}',
  '!has(gpu)',
  'has(gpu) || zone == "b"',
  'all()',
  'has(kubernetes-host) && zone == "a"',
  'zone starts with "a"',
  'gpu == ""',
  'has(kubernetes-host) && !(rack == "r2")',
  'role == "edge" && zone contains "b"',
];
const NETS = [
  '10.0.0.0/8',
  '10.0.1.0/24',
  '10.0.2.7/32',
  '10.0.3.0/26',
  '0.0.0.0/0',
  '192.168.5.0/24',
  'fd00::/64',
  'fd00:0:0:1::/64',
];

/** A cluster of `n` nodes with varied labels, addresses and host endpoints, and `p` varied policies. */
function cluster(seed: number, n: number, p: number, withNodeObjects: boolean): any[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const docs: any[] = [];
  for (let i = 0; i < n; i++) {
    const name = `node-${i}`;
    const v6 = r() < 0.15;
    const ip = v6 ? `fd00:0:0:${i % 3}::${i + 1}` : `10.0.${i % 6}.${Math.floor(i / 6) + 1}`;
    const labels: Record<string, string> = { 'kubernetes-host': '', 'rack': `r${Math.floor(r() * 4)}` };
    if (r() < 0.5) labels.zone = pick(['a', 'b', 'ab']);
    if (r() < 0.2) labels.gpu = pick(['', 'a100']);
    if (r() < 0.1) labels.role = 'edge';
    if (i < 2 || r() < 0.03) labels['node-role.kubernetes.io/control-plane'] = '';
    if (withNodeObjects) {
      const tunnel = `192.168.${i % 7}.${i % 200}`;
      const annotations: Record<string, string> = r() < 0.6 ? { 'projectcalico.org/IPv4IPIPTunnelAddr': tunnel } : {};
      docs.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels, annotations },
        status: { addresses: [{ type: 'InternalIP', address: ip }] },
      });
    }
    const heps = r() < 0.9 ? (r() < 0.2 ? 2 : 1) : 0; // some nodes have no endpoint, some two
    for (let h = 0; h < heps; h++) {
      docs.push({
        apiVersion: 'projectcalico.org/v3',
        kind: 'HostEndpoint',
        metadata: { name: `${name}-${h}`, labels: h === 0 ? labels : { ...labels, extra: 'x' } },
        spec: {
          node: name,
          interfaceName: h === 0 ? pick(['eth0', '*']) : 'eth1',
          expectedIPs: r() < 0.9 ? [ip] : [],
          ...(r() < 0.1 ? { profiles: ['projectcalico-default-allow'] } : {}),
        },
      });
    }
  }
  for (let i = 0; i < p; i++) {
    const rule = () => {
      const v6 = r() < 0.2;
      const nets = NETS.filter((x) => x.includes(':') === v6);
      return {
        action: pick(['Allow', 'Deny', 'Pass', 'Log']),
        protocol: pick(v6 ? ['TCP', 'UDP'] : ['TCP', 'UDP', 'ICMP']),
        ...(r() < 0.5 ? { source: r() < 0.5 ? { nets: [pick(nets)] } : { selector: pick(SELECTORS) } } : {}),
        ...(r() < 0.5
          ? {
              destination: {
                ...(r() < 0.5 ? { selector: pick(SELECTORS) } : {}),
                ...(r() < 0.7 ? {} : { notNets: [pick(nets.filter((x) => !x.endsWith('/0')))] }),
              },
            }
          : {}),
      };
    };
    const namespaced = r() < 0.2;
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: namespaced
        ? 'NetworkPolicy'
        : pick(['GlobalNetworkPolicy', 'GlobalNetworkPolicy', 'StagedGlobalNetworkPolicy']),
      metadata: { name: `pol-${i}`, ...(namespaced ? { namespace: `ns-${i % 3}` } : {}) },
      spec: {
        order: Math.floor(r() * 50),
        selector: pick(SELECTORS),
        types: ['Ingress', 'Egress'],
        ...(!namespaced && r() < 0.15 ? { applyOnForward: true } : {}),
        ingress: Array.from({ length: 1 + Math.floor(r() * 2) }, rule),
        egress: Array.from({ length: 1 + Math.floor(r() * 2) }, rule),
      },
    });
  }
  docs.push({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'mapped' },
    spec: {
      order: 7,
      selector: 'zone == "b"',
      types: ['Ingress'],
      ingress: [{ action: 'Deny', protocol: 'TCP', source: { nets: ['::ffff:10.0.4.0/120'] } }],
    },
  });
  docs.push({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkSet',
    metadata: { name: 'admins', labels: { role: 'edge' } },
    spec: { nets: ['10.0.1.0/28', '192.168.5.0/24'] },
  });
  docs.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'ns-0', labels: { zone: 'a' } },
    spec: { nodeName: 'node-3', containers: [{ name: 'c', image: 'i' }] },
    status: { podIP: '172.16.0.5' },
  });
  return docs;
}

/** `f` run the plain way (every CIDR, selector and policy tested), then restored. */
function plain<T>(f: () => T): T {
  const signatures = setPlainGuardSignatures(true);
  const buckets = setPolicyBucketLookups(false);
  try {
    return f();
  } finally {
    setPlainGuardSignatures(signatures);
    setPolicyBucketLookups(buckets);
  }
}

const CASES: Array<[string, number, number, number, boolean]> = [
  ['Node objects, 150 nodes, 40 policies', 1, 150, 40, true],
  ['Node objects, 300 nodes, 80 policies', 2, 300, 80, true],
  ['host endpoints only, 200 nodes, 60 policies', 3, 200, 60, false],
  ['host endpoints only, 120 nodes, 25 policies', 4, 120, 25, false],
];

describe.each(CASES)('indexed and plain agree: %s', (_name, seed, n, p, withNodes) => {
  const docs = cluster(seed, n, p, withNodes);

  test('the same representative nodes, fewer than all', () => {
    const nodes = withNodes
      ? NodeInventory.fromKubectlObjects(docs.filter((d) => d.kind === 'Node')).nodes
      : NodeInventory.fromNodes(
          [...new Set(docs.filter((d) => d.kind === 'HostEndpoint').map((d) => d.spec.node))].map((name, i) => ({
            name,
            labels: { rack: `r${i % 4}` },
            internalIps: [`10.0.${i % 6}.${Math.floor(i / 6) + 1}`],
          })),
        ).nodes;
    const keep = {
      keep: (x: { labels: Record<string, string> }) => 'node-role.kubernetes.io/control-plane' in x.labels,
    };
    const fast = representativeNodes(nodes, (x) => x.labels, docs, keep).map((x) => x.name);
    const reference = plain(() => representativeNodes(nodes, (x) => x.labels, docs, keep).map((x) => x.name));
    expect(fast).toEqual(reference);
    expect(fast.length).toBeGreaterThan(2);
    expect(fast.length).toBeLessThan(nodes.length);
  });

  test('the same lint findings and proof problems (with SSH proven)', () => {
    NetworkModel.fromManifests(docs); // valid input: lintNodeAccess would find nothing in a model it cannot build
    const fast = lintNodeAccess(docs);
    expect(fast).toEqual(plain(() => lintNodeAccess(docs)));
    expect(fast.length).toBeGreaterThan(0); // the generated policies block something: the comparison is not vacuous
    const options = { sshFrom: ['10.0.1.0/24', 'fd00::/64'] };
    expect(proveNodeAccess(docs, options)).toEqual(plain(() => proveNodeAccess(docs, options)));
  });
});

// Without Node objects the engine lists few endpoints: the flows are compared on the clusters with Node objects.
describe.each(CASES.filter((c) => c[4]))('every flow agrees: %s', (_name, seed, n, p) => {
  const docs = cluster(seed, n, p, true);

  test('the same verdict, steps and reason for every flow between endpoints', () => {
    const flows = (m: NetworkModel) => {
      const ids = m
        .endpoints()
        .map((e) => e.id)
        .filter((_, i) => i % 3 === 0)
        .slice(0, 40);
      const out: unknown[] = [];
      for (const from of ids) {
        for (const to of ids) {
          for (const [protocol, port] of [
            ['TCP', 22],
            ['UDP', 53],
          ] as const)
            out.push(m.evaluate({ from, to, protocol, port }));
        }
      }
      return out;
    };
    const fast = flows(NetworkModel.fromManifests(docs));
    expect(fast.length).toBeGreaterThan(100);
    expect(fast).toEqual(plain(() => flows(NetworkModel.fromManifests(docs))));
  });
});

test('the whole lint agrees on a cluster (every rule set, the node proof among them)', () => {
  const docs = cluster(5, 180, 50, true);
  expect(lintManifests(docs)).toEqual(plain(() => lintManifests(docs)));
});
