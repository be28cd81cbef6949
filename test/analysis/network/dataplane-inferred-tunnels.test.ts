// IPIP / VXLAN inferred from the nodes' tunnel addresses when the manifests hold no IPPool (issue 12, item 5).
// calico-node assigns projectcalico.org/IPv4IPIPTunnelAddr (IPv4VXLANTunnelAddr) only while an enabled IPPool uses
// that encapsulation and removes it otherwise (node/pkg/allocateip/allocateip.go reconcileTunnelAddrs), and a node's
// traffic to a remote pod leaves the tunnel device with that address (docs/scenarios.md#001: tunl0).
import { NetworkModel } from '../../../lib/analysis';
import { autoHeps, gnp, hep, namespace, node, pod } from './fixtures';

const IPIP = 'projectcalico.org/IPv4IPIPTunnelAddr';
const VXLAN = 'projectcalico.org/IPv4VXLANTunnelAddr';

/** docs/scenarios.md#001's shape: an isolated namespace whose pods admit only the nodes' tunnel addresses. */
const cluster = (annotations: (i: number) => Record<string, string>) => [
  node('node-1', '10.39.0.113', { labels: { 'kubernetes-host': '' }, annotations: annotations(1) }),
  node('node-2', '10.39.0.115', { labels: { 'kubernetes-host': '' }, annotations: annotations(2) }),
  namespace('isolated'),
  pod('isolated', 'web', { ip: '192.168.2.7', node: 'node-2', labels: { app: 'web' } }),
  gnp('isolated-from-tunnels', {
    selector: "projectcalico.org/namespace == 'isolated'",
    types: ['Ingress'],
    ingress: [{ action: 'Allow', source: { nets: ['192.168.0.0/16'] } }],
  }),
];
const ipipNodes = cluster((i) => ({ [IPIP]: `192.168.${i}.0` }));
const pool = (spec: Record<string, unknown>) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'IPPool',
  metadata: { name: 'default-ipv4-ippool' },
  spec: { cidr: '192.168.0.0/16', ...spec },
});

describe('encapsulation inferred from node tunnel addresses', () => {
  test('IPIP tunnel addresses and no IPPool: IPIP, node → remote pod from tunl0, and the trace says it was inferred', () => {
    const m = NetworkModel.fromManifests(ipipNodes);
    expect(m.encapsulation).toBe('IPIP');
    expect(m.encapsulationReason).toBe(
      'encapsulation IPIP inferred from node tunnel addresses ' +
        '(node-1 has projectcalico.org/IPv4IPIPTunnelAddr; no IPPool in the manifests)',
    );
    const r = m.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 });
    expect(r.allowed).toBe(true); // was denied: the model used 10.39.0.113, outside the pod's allowed nets
    expect(r.steps[0].point).toBe('route');
    expect(r.steps[0].text).toMatch(
      /source 192\.168\.1\.0, the address of tunl0; encapsulation IPIP inferred from node tunnel addresses/,
    );
    expect(r.steps[r.steps.length - 1].packet.src).toBe('192.168.1.0');
  });

  test('the inferred tunnel decides which host endpoint governs: a tunl0 HEP, not eth0', () => {
    const eth0 = hep(
      'node-1-eth0',
      { node: 'node-1', interfaceName: 'eth0', expectedIPs: ['10.39.0.113'] },
      { 'kubernetes-host': '' },
    );
    const tunl0 = hep(
      'node-1-tunl0',
      { node: 'node-1', interfaceName: 'tunl0', expectedIPs: ['192.168.1.0'] },
      { tunnel: '' },
    );
    const denyTunnelEgress = gnp('tunnel-egress', {
      selector: 'has(tunnel)',
      types: ['Egress'],
      egress: [{ action: 'Deny' }],
    });
    const r = NetworkModel.fromManifests([...ipipNodes, eth0, tunl0, denyTunnelEgress]).evaluate({
      from: 'node/node-1',
      to: 'isolated/web',
      port: 80,
    });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1]).toMatchObject({
      point: 'source-host-endpoint-egress',
      endpoint: 'hep:node-1-tunl0',
    });
  });

  test('VXLAN tunnel addresses: VXLAN, the source is the VXLAN address even when an IPIP address is also annotated', () => {
    const both = cluster((i) => ({ [IPIP]: `192.168.${i}.1`, [VXLAN]: `192.168.${i}.64` }));
    const m = NetworkModel.fromManifests(both);
    expect(m.encapsulation).toBe('VXLAN');
    const r = m.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 });
    expect(r.steps[r.steps.length - 1].packet.src).toBe('192.168.1.64');
    expect(r.steps[0].text).toContain('the address of vxlan.calico');
  });

  test('an IPPool in the manifests decides: Never means no encapsulation, whatever the annotations say', () => {
    const never = NetworkModel.fromManifests([...ipipNodes, pool({ ipipMode: 'Never', vxlanMode: 'Never' })]);
    expect(never.encapsulation).toBe('None');
    expect(never.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 }).allowed).toBe(false);
    const always = NetworkModel.fromManifests([...ipipNodes, pool({ ipipMode: 'Always' })]);
    expect(always.encapsulationReason).toBe('encapsulation IPIP (IPPool default-ipv4-ippool ipipMode Always)');
    const r = always.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps.some((s) => s.point === 'route')).toBe(false); // not inferred: the packet's source says it all
  });

  test('no tunnel address anywhere: no encapsulation; a node missing its address sends from its main interface', () => {
    const plain = NetworkModel.fromManifests(cluster(() => ({})));
    expect(plain.encapsulation).toBe('None');
    expect(plain.encapsulationReason).toMatch(/^no encapsulation/);
    const partial = NetworkModel.fromManifests(
      cluster((i): Record<string, string> => (i === 2 ? { [IPIP]: '192.168.2.0' } : {})),
    );
    expect(partial.encapsulation).toBe('IPIP');
    const r = partial.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 });
    expect(r.allowed).toBe(false);
    expect(r.steps[0].text).toContain('source 10.39.0.113 (the main interface: node-1 has no tunnel address for it)');
  });

  test('automatic host endpoints list the tunnel address, so selector rules admit node traffic under the inferred IPIP', () => {
    const bySelector = gnp('isolated-from-hosts', {
      selector: "projectcalico.org/namespace == 'isolated'",
      types: ['Ingress'],
      order: 10,
      ingress: [{ action: 'Allow', source: { selector: 'has(kubernetes-host)' } }, { action: 'Deny' }],
    });
    const m = NetworkModel.fromManifests([
      ...ipipNodes.filter((d) => d.kind !== 'GlobalNetworkPolicy'),
      bySelector,
      autoHeps(),
    ]);
    expect(m.evaluate({ from: 'node/node-1', to: 'isolated/web', port: 80 }).allowed).toBe(true);
    expect(m.evaluate({ from: '10.39.0.50', to: 'isolated/web', port: 80 }).allowed).toBe(false);
  });

  test('the fast matrix agrees with evaluate under the inferred encapsulation', () => {
    const m = NetworkModel.fromManifests(ipipNodes);
    const ids = m
      .endpoints()
      .filter((e) => e.kind !== 'service')
      .map((e) => e.id);
    const n = ids.length;
    const grid = m.matrix({ ports: [{ port: 80, protocol: 'TCP' }] });
    const verdict = (a: string, b: string) => (m.evaluate({ from: a, to: b, port: 80 }).allowed ? 1 : 0);
    const bad = ids.flatMap((a, i) => ids.filter((b, j) => i !== j && grid.allowed[0][i * n + j] !== verdict(a, b)));
    expect(bad).toEqual([]);
  });
});
