import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeInventory, TunnelDevice } from '../../lib/nodes';

const kubectlNode = (
  name: string,
  extra: { annotations?: Record<string, unknown>; addresses?: unknown[]; labels?: Record<string, string> } = {},
) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: extra.labels ?? { 'kubernetes.io/hostname': name }, annotations: extra.annotations ?? {} },
  status: {
    addresses: extra.addresses ?? [
      { type: 'InternalIP', address: '10.0.0.1' },
      { type: 'Hostname', address: name },
    ],
  },
});

describe('NodeInventory', () => {
  test('reads names, labels, InternalIPs (v4 and v6) and every Calico address annotation from a kubectl List', () => {
    const inv = NodeInventory.fromKubectlObjects({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        kubectlNode('n1', {
          labels: { 'kubernetes-host': '', 'environment': 'dev' },
          addresses: [
            { type: 'InternalIP', address: 'fd00:0:0::11' },
            { type: 'InternalIP', address: '10.0.0.11' },
            { type: 'ExternalIP', address: '203.0.113.1' },
          ],
          annotations: {
            'projectcalico.org/IPv4Address': '10.0.0.11/24',
            'projectcalico.org/IPv6Address': 'fd00::11/64',
            'projectcalico.org/IPv4IPIPTunnelAddr': '192.168.1.0',
            'projectcalico.org/IPv4VXLANTunnelAddr': '192.168.1.1',
            'projectcalico.org/IPv6VXLANTunnelAddr': 'fd10::1',
            'projectcalico.org/IPv4WireguardInterfaceAddr': '192.168.1.2',
            'projectcalico.org/IPv6WireguardInterfaceAddr': 'fd10::2',
          },
        }),
      ],
    });
    const [n] = inv.nodes;
    expect(n).toEqual({
      name: 'n1',
      labels: { 'kubernetes-host': '', 'environment': 'dev' },
      internalIps: ['10.0.0.11', 'fd00::11'],
      bgpIps: ['10.0.0.11', 'fd00::11'],
      ipipTunnelAddress: '192.168.1.0',
      vxlanTunnelAddress: '192.168.1.1',
      vxlanTunnelAddressV6: 'fd10::1',
      wireguardAddress: '192.168.1.2',
      wireguardAddressV6: 'fd10::2',
    });
    expect(TunnelDevice.IPIP.addressOf(n)).toBe('192.168.1.0');
    expect(TunnelDevice.WIREGUARD.addressOf(n)).toBe('192.168.1.2');
    expect(inv.toNodeManifests()[0].metadata.annotations['projectcalico.org/IPv4IPIPTunnelAddr']).toBe('192.168.1.0');
  });

  test('fromKubectlJson reads a file; a typed list works the same', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inv-')), 'nodes.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        kind: 'List',
        items: [kubectlNode('a'), kubectlNode('b', { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] })],
      }),
    );
    const fromFile = NodeInventory.fromKubectlJson(file);
    expect(fromFile.nodes.map((n) => n.name)).toEqual(['a', 'b']);
    const typed = NodeInventory.fromNodes([{ name: 'a', internalIps: ['10.0.0.1'], ipipTunnelAddress: '192.168.0.1' }]);
    expect(typed.find('a')?.ipipTunnelAddress).toBe('192.168.0.1');
    expect(typed.size).toBe(1);
  });

  test('missing or malformed data names the node and the field', () => {
    expect(() =>
      NodeInventory.fromKubectlObjects({
        items: [kubectlNode('w1', { addresses: [{ type: 'Hostname', address: 'w1' }] })],
      }),
    ).toThrow(/node "w1": status.addresses \(type InternalIP\): the node has no InternalIP address/);
    expect(() =>
      NodeInventory.fromKubectlObjects({
        items: [kubectlNode('w2', { annotations: { 'projectcalico.org/IPv4IPIPTunnelAddr': '192.168.1.300' } })],
      }),
    ).toThrow(
      /node "w2": metadata.annotations\["projectcalico.org\/IPv4IPIPTunnelAddr"\]: "192.168.1.300" is not an IP address/,
    );
    expect(() =>
      NodeInventory.fromKubectlObjects({
        items: [kubectlNode('w3', { annotations: { 'projectcalico.org/IPv4Address': '10.0.0.1/99' } })],
      }),
    ).toThrow(/node "w3": metadata.annotations\["projectcalico.org\/IPv4Address"\]: "10.0.0.1\/99" is not a CIDR/);
    expect(() =>
      NodeInventory.fromKubectlObjects({
        items: [kubectlNode('w4', { annotations: { 'projectcalico.org/IPv6VXLANTunnelAddr': '10.0.0.1' } })],
      }),
    ).toThrow(/node "w4".*is not an IPv6 address/);
    expect(() => NodeInventory.fromNodes([{ name: 'Bad_Name', internalIps: ['10.0.0.1'] }])).toThrow(
      /nodes\[0\].name: "Bad_Name" is not a valid node name/,
    );
    expect(() =>
      NodeInventory.fromNodes([
        { name: 'a', internalIps: ['10.0.0.1'] },
        { name: 'a', internalIps: ['10.0.0.2'] },
      ]),
    ).toThrow(/node "a" is listed twice/);
    expect(() => NodeInventory.fromKubectlObjects({ kind: 'Node' })).toThrow(/expected a List/);
  });
});
