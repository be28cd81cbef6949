// What Calico accepts must validate here too (issue 11, "agree with upstream"): numeric CRD formats are not range
// checks, clientv3 fills defaults before it validates, selectors nest without limit, and IPv4-mapped IPv6 CIDRs are
// read as Go's net.ParseCIDR reads them.
import { validateManifests } from '../../../lib/validation';
import { normaliseGoCidr } from '../../../lib/model/primitives/go-cidr';
import { canonicalIp, toNet, netHas, toIpAddr } from '../../../lib/model/primitives/ip';
import { assertRuleNets } from '../../../lib/policy/nets';

function calico(kind: string, name: string, spec: Record<string, unknown>, namespace?: string) {
  return { apiVersion: 'projectcalico.org/v3', kind, metadata: namespace ? { name, namespace } : { name }, spec };
}

function problems(doc: unknown): string[] {
  return validateManifests([doc]).map((p) => `${p.path}: ${p.message} [${p.rule}]`);
}

describe('objects upstream accepts validate cleanly', () => {
  test.each([
    [
      'BGPConfiguration asNumber 4200000000 (4-byte private AS)',
      calico('BGPConfiguration', 'default', { asNumber: 4200000000 }),
    ],
    ['BGPPeer asNumber 4200000000', calico('BGPPeer', 'rr', { peerIP: '192.0.2.1', asNumber: 4200000000 })],
    [
      "Felix's default iptablesMarkMask 4294901760",
      calico('FelixConfiguration', 'default', { iptablesMarkMask: 4294901760, nftablesMarkMask: 0xffff0000 }),
    ],
    [
      "Felix log severities in the validator's exact case",
      calico('FelixConfiguration', 'default', {
        logSeverityScreen: 'Info',
        logSeverityFile: 'Trace',
        logSeveritySys: 'Fatal',
      }),
    ],
    ['default tier without an order (clientv3 fills 1,000,000)', calico('Tier', 'default', {})],
    ['default tier with only its order', calico('Tier', 'default', { order: 1000000 })],
    [
      'per-node BGPConfiguration with fields allowed there',
      calico('BGPConfiguration', 'node.worker-1', { listenPort: 1790, logSeverityScreen: 'Debug', bindMode: 'NodeIP' }),
    ],
    [
      'prefix advertisement with defined and literal communities',
      calico('BGPConfiguration', 'default', {
        communities: [{ name: 'no-export', value: '65535:65281' }],
        prefixAdvertisements: [
          { cidr: '192.0.2.0/24', communities: ['no-export', '65000:100', '4200000000:1:2'] },
          { cidr: '10.0.0.0/8', communities: [] },
        ],
      }),
    ],
    [
      'host endpoint templates with a CIDR or a pattern',
      calico('KubeControllersConfiguration', 'default', {
        controllers: {
          node: {
            hostEndpoint: {
              autoCreate: 'Enabled',
              templates: [
                { generateName: 'internal', interfaceCIDRs: ['10.0.0.0/8'] },
                { generateName: 'bonds', interfacePattern: '^bond[0-9]+$' },
              ],
            },
          },
        },
      }),
    ],
    [
      'a rule mixing an IPv4-mapped network with IPv4 networks',
      calico('GlobalNetworkPolicy', 'allow-mapped', {
        selector: 'all()',
        ingress: [
          {
            action: 'Allow',
            ipVersion: 4,
            source: { nets: ['::ffff:10.0.0.0/104', '192.0.2.0/24'] },
            destination: { nets: ['::ffff:10.0.0.1/128'] },
          },
        ],
      }),
    ],
    [
      'a selector nested 1,000 parentheses deep',
      calico('GlobalNetworkPolicy', 'deep', { selector: '('.repeat(1000) + 'app == "web"' + ')'.repeat(1000) }),
    ],
    [
      'a selector nested 10,000 parentheses deep',
      calico('GlobalNetworkPolicy', 'deeper', { selector: '!('.repeat(10000) + 'app == "web"' + ')'.repeat(10000) }),
    ],
  ])('%s', (_name, doc) => {
    expect(problems(doc)).toEqual([]);
  });
});

describe('IPv4-mapped IPv6 CIDRs read as Go reads them, in every layer', () => {
  test('the analysis converter prints them as Go IPNet.String() does', () => {
    expect(normaliseGoCidr('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
    expect(normaliseGoCidr('::ffff:10.0.0.1/128')).toBe('10.0.0.1/32');
    expect(normaliseGoCidr('::ffff:10.0.0.0/64')).toBe('::/64');
  });

  test('the engine matches IPv4 addresses against mapped networks and canonicalises mapped addresses', () => {
    const net = toNet('::ffff:10.0.0.0/104')!;
    expect(net.text).toBe('10.0.0.0/8');
    expect(netHas(net, toIpAddr('10.1.2.3')!)).toBe(true);
    expect(netHas(net, toIpAddr('::ffff:10.1.2.3')!)).toBe(true);
    expect(netHas(net, toIpAddr('fd00::1')!)).toBe(false);
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  test('Peer.nets checks treat a mapped network as IPv4', () => {
    expect(() => assertRuleNets(['::ffff:10.0.0.0/104', '192.0.2.0/24'], 'Peer.nets')).not.toThrow();
    expect(() => assertRuleNets(['::ffff:10.0.0.0/104', 'fd00::/64'], 'Peer.nets')).toThrow(/mixes IPv4 and IPv6/);
    expect(() => assertRuleNets(['::ffff:10.0.0.1/104'], 'Peer.nets')).toThrow(/use "10\.0\.0\.0\/8"/);
  });
});
