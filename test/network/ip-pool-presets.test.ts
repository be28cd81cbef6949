// IpPool presets (the pool modes of docs/scenarios.md#004) and Calico's pool rules at construction.
// Rule table after libcalico-go/lib/validator/v3/validator_test.go (IPPool entries), clientv3/ippool.go
// (block size ranges, pool too small) and the IPPool CRD CEL rules (crds/).
import { Chart, Testing } from 'cdk8s';
import { EncapsulationMode, IpPool, IpPoolProps, IpPoolUse, Selector } from '../../lib';

const chart = () => new Chart(Testing.app(), 'test');

describe('presets emit the handbook modes', () => {
  test.each([
    ['bgp', (c: Chart) => IpPool.bgp(c, 'P', { cidr: '10.244.0.0/16', natOutgoing: true }), 'Never', 'Never'],
    ['ipip Always', (c: Chart) => IpPool.ipip(c, 'P', { cidr: '10.244.0.0/16' }), 'Always', 'Never'],
    [
      'ipip CrossSubnet',
      (c: Chart) => IpPool.ipip(c, 'P', { cidr: '10.244.0.0/16', crossSubnet: true }),
      'CrossSubnet',
      'Never',
    ],
    ['vxlan Always', (c: Chart) => IpPool.vxlan(c, 'P', { cidr: '10.244.0.0/16' }), 'Never', 'Always'],
    [
      'vxlan CrossSubnet',
      (c: Chart) => IpPool.vxlan(c, 'P', { cidr: '10.244.0.0/16', crossSubnet: true }),
      'Never',
      'CrossSubnet',
    ],
    ['vxlan IPv6', (c: Chart) => IpPool.vxlan(c, 'P', { cidr: 'fd00:10:244::/56' }), 'Never', 'Always'],
  ])('%s', (_name, make, ipip, vxlan) => {
    const c = chart();
    const pool = make(c);
    const [doc] = Testing.synth(c);
    expect(doc.spec.ipipMode).toBe(ipip);
    expect(doc.spec.vxlanMode).toBe(vxlan);
    expect(pool.ipipMode).toBe(ipip);
    expect(pool.vxlanMode).toBe(vxlan);
    expect(doc.spec.allowedUses).toEqual(['Workload', 'Tunnel']);
  });

  test('the handbook BGP pool (natOutgoing, all nodes) is exactly what it lists, with Calico defaults filled in', () => {
    const c = chart();
    IpPool.bgp(c, 'Default', { name: 'default-ipv4-ippool', cidr: '192.168.0.0/16', natOutgoing: true });
    expect(Testing.synth(c)[0].spec).toEqual({
      cidr: '192.168.0.0/16',
      blockSize: 26,
      ipipMode: 'Never',
      vxlanMode: 'Never',
      natOutgoing: true,
      disabled: false,
      nodeSelector: 'all()',
      allowedUses: ['Workload', 'Tunnel'],
      assignmentMode: 'Automatic',
    });
  });

  test('loadBalancer: only LoadBalancer, no encapsulation, every node', () => {
    const c = chart();
    const lb = IpPool.loadBalancer(c, 'Lb', { cidr: '203.0.113.0/24', blockSize: 28 });
    const [doc] = Testing.synth(c);
    expect(doc.spec).toMatchObject({
      allowedUses: ['LoadBalancer'],
      ipipMode: 'Never',
      vxlanMode: 'Never',
      nodeSelector: 'all()',
      blockSize: 28,
    });
    expect(doc.spec.disableBGPExport).toBeUndefined();
    expect(lb.allowedUses).toEqual([IpPoolUse.LOAD_BALANCER]);
  });

  test('a pool restricted to some nodes renders its node selector', () => {
    const c = chart();
    IpPool.vxlan(c, 'Edge', { cidr: '10.250.0.0/16', nodeSelector: Selector.eq('zone', 'edge') });
    expect(Testing.synth(c)[0].spec.nodeSelector).toBe('zone == "edge"');
  });

  test('allowedUses is a set: deduplicated, in canonical order', () => {
    const c = chart();
    new IpPool(c, 'P', { cidr: '10.1.0.0/16', allowedUses: [IpPoolUse.TUNNEL, IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL] });
    expect(Testing.synth(c)[0].spec.allowedUses).toEqual(['Workload', 'Tunnel']);
  });
});

describe('Calico pool rules throw at construction, naming the construct, the field and the fix', () => {
  const cases: Array<[string, IpPoolProps, RegExp]> = [
    [
      'CIDR not strictly masked',
      { cidr: '10.244.1.0/16' },
      /spec\.cidr: IP pool CIDR is not strictly masked.*fix: use 10\.244\.0\.0\/16/,
    ],
    ['bare IP', { cidr: '10.244.0.0' }, /spec\.cidr: .*valid subnet.*fix: add a prefix length/],
    ['IPv4 link-local overlap', { cidr: '169.254.5.0/24' }, /spec\.cidr: .*169\.254\.0\.0\/16/],
    ['IPv6 link-local overlap', { cidr: 'fe80::/120', blockSize: 122 }, /spec\.cidr: .*fe80::\/10/],
    [
      'IPv4 blockSize 19',
      { cidr: '10.0.0.0/16', blockSize: 19 },
      /spec\.blockSize: IPv4 block size must be between 20 and 32.*fix:/,
    ],
    [
      'IPv4 blockSize 33',
      { cidr: '10.0.0.0/16', blockSize: 33 },
      /spec\.blockSize: IPv4 block size must be between 20 and 32/,
    ],
    [
      'IPv6 blockSize 115',
      { cidr: 'fd00::/48', blockSize: 115 },
      /spec\.blockSize: IPv6 block size must be between 116 and 128/,
    ],
    ['pool smaller than a block', { cidr: '10.0.0.0/27' }, /spec\.cidr: IP pool size is too small/],
    [
      'IPIP on IPv6',
      { cidr: 'fd00::/48', ipipMode: EncapsulationMode.ALWAYS },
      /spec\.ipipMode: IPIPMode other than 'Never' is not supported on an IPv6 IP pool.*fix:/,
    ],
    [
      'IPIP and VXLAN',
      { cidr: '10.0.0.0/16', ipipMode: EncapsulationMode.ALWAYS, vxlanMode: EncapsulationMode.CROSS_SUBNET },
      /spec\.ipipMode: IPIPMode and VXLANMode cannot both be enabled.*fix:/,
    ],
    [
      'LoadBalancer with VXLAN',
      { cidr: '10.0.0.0/16', allowedUses: [IpPoolUse.LOAD_BALANCER], vxlanMode: EncapsulationMode.ALWAYS },
      /spec\.vxlanMode: .*LoadBalancer/,
    ],
    [
      'LoadBalancer with Workload',
      { cidr: '10.0.0.0/16', allowedUses: [IpPoolUse.LOAD_BALANCER, IpPoolUse.WORKLOAD] },
      /spec\.allowedUses\[\d\]: LoadBalancer cannot be used at the same time as: Workload/,
    ],
    [
      'LoadBalancer with a node selector',
      { cidr: '10.0.0.0/16', allowedUses: [IpPoolUse.LOAD_BALANCER], nodeSelector: Selector.eq('zone', 'a') },
      /spec\.nodeSelector: .*all\(\)/,
    ],
    [
      'LoadBalancer not exported',
      { cidr: '10.0.0.0/16', allowedUses: [IpPoolUse.LOAD_BALANCER], disableBgpExport: true },
      /spec\.disableBGPExport: /,
    ],
    [
      'Tunnel with a namespaceSelector (default uses)',
      { cidr: '10.0.0.0/16', namespaceSelector: Selector.eq('team', 'a') },
      /spec\.namespaceSelector: .*Tunnel.*fix: set allowedUses: \[Workload\]/,
    ],
    [
      'empty allowedUses',
      { cidr: '10.0.0.0/16', allowedUses: [] },
      /spec\.allowedUses: an empty list .*fix: omit allowedUses/,
    ],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => new IpPool(chart(), 'P', props)).toThrow(/^\[test\/P\] /);
    expect(() => new IpPool(chart(), 'P', props)).toThrow(message);
  });

  test('the accepted counterparts construct', () => {
    for (const props of [
      { cidr: '10.0.0.0/27', blockSize: 27 },
      { cidr: '10.0.0.0/27', disabled: true },
      { cidr: 'fd00::/48', vxlanMode: EncapsulationMode.ALWAYS },
      { cidr: '10.0.0.0/16', ipipMode: EncapsulationMode.ALWAYS, vxlanMode: EncapsulationMode.NEVER },
      { cidr: '10.0.0.0/16', allowedUses: [IpPoolUse.WORKLOAD], namespaceSelector: Selector.eq('team', 'a') },
    ] as IpPoolProps[]) {
      expect(new IpPool(chart(), 'P', props).cidr).toBe(props.cidr);
    }
  });

  test('IpPool.ipip refuses an IPv6 CIDR and points to IpPool.vxlan', () => {
    expect(() => IpPool.ipip(chart(), 'V6', { cidr: 'fd00:10:244::/56' })).toThrow(
      /\[test\/V6\] spec\.ipipMode: .*fix: use IpPool\.vxlan for IPv6 pools/,
    );
  });

  test('overlapping pools of one app fail at synth, naming both', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    IpPool.bgp(a, 'Pods', { cidr: '10.244.0.0/16' });
    IpPool.vxlan(b, 'Edge', { cidr: '10.244.128.0/17' });
    expect(() => Testing.synth(b)).toThrow(
      /\[b\/Edge\] spec\.cidr: 10\.244\.128\.0\/17 overlaps IPPool pods \(10\.244\.0\.0\/16, \[a\/Pods\]\).*fix: choose non-overlapping CIDRs/,
    );
    const ok = Testing.app();
    IpPool.bgp(new Chart(ok, 'a'), 'Pods', { cidr: '10.244.0.0/16' });
    const c = new Chart(ok, 'b');
    IpPool.vxlan(c, 'Edge', { cidr: '10.245.0.0/16' });
    expect(Testing.synth(c)).toHaveLength(1);
  });
});
