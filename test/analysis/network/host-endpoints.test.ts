// Host endpoint semantics: host-local vs forwarded, applyOnForward, preDNAT, doNotTrack, failsafes, "*" vs named, lo,
// host → local pod, IPIP/VXLAN, automatic host endpoints.
import { NetworkModel } from '../../../lib/analysis';
import { autoHeps, baseCluster, felix, gnp, hep, node, pod } from './fixtures';

const model = (extra: any[], options = {}) => NetworkModel.fromManifests([...baseCluster(), ...extra], options);
const ok = (extra: any[], query: any, options = {}) => model(extra, options).evaluate(query).allowed;
const hepB = (spec: Record<string, unknown> = {}, labels: Record<string, string> = { host: 'b' }) =>
  hep('node-b-eth0', { node: 'node-b', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'], ...spec }, labels);
const starB = (spec: Record<string, unknown> = {}) =>
  hep('node-b-all', { node: 'node-b', interfaceName: '*', expectedIPs: ['10.0.0.2'], ...spec }, { host: 'b' });
const ext = '203.0.113.9';

describe('explicit host endpoint defaults', () => {
  test('no policy and no profile: host-local traffic denied', () => {
    const r = model([hepB()]).evaluate({ from: ext, to: 'node/node-b', port: 80 });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1].decision.default).toBe('no profile (deny)');
  });
  test('failsafe inbound port (tcp:22) still allowed', () => {
    const r = model([hepB()]).evaluate({ from: ext, to: 'node/node-b', port: 22 });
    expect(r.allowed).toBe(true);
    expect(r.steps[r.steps.length - 1].decision).toMatchObject({ default: 'failsafe port', failsafe: 'tcp:22' });
  });
  test('failsafe outbound (udp:53) from the host', () => {
    expect(ok([hepB()], { from: 'node/node-b', to: '8.8.8.8', port: 53, protocol: 'UDP' })).toBe(true);
    expect(ok([hepB()], { from: 'node/node-b', to: '8.8.8.8', port: 443 })).toBe(false);
  });
  test('FelixConfiguration overrides failsafe ports ([] disables them)', () => {
    expect(ok([hepB(), felix({ failsafeInboundHostPorts: [] })], { from: ext, to: 'node/node-b', port: 22 })).toBe(
      false,
    );
    expect(
      ok([hepB(), felix({ failsafeInboundHostPorts: [{ protocol: 'TCP', port: 8443 }] })], {
        from: ext,
        to: 'node/node-b',
        port: 8443,
      }),
    ).toBe(true);
    expect(
      ok([hepB(), felix({ failsafeInboundHostPorts: [{ protocol: 'TCP', port: 8443, net: '10.0.0.0/8' }] })], {
        from: ext,
        to: 'node/node-b',
        port: 8443,
      }),
    ).toBe(false);
  });
  test('failsafe ports do not apply to workloads', () => {
    expect(
      ok([gnp('p', { selector: 'app == "db"', ingress: [] })], { from: 'prod/web', to: 'prod/db', port: 22 }),
    ).toBe(false);
  });
  test('projectcalico-default-allow profile allows until a policy selects', () => {
    expect(ok([hepB({ profiles: ['projectcalico-default-allow'] })], { from: ext, to: 'node/node-b', port: 80 })).toBe(
      true,
    );
    expect(
      ok(
        [
          hepB({ profiles: ['projectcalico-default-allow'] }),
          gnp('p', {
            selector: 'host == "b"',
            ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
          }),
        ],
        { from: ext, to: 'node/node-b', port: 80 },
      ),
    ).toBe(false);
  });
  test('normal HEP policy does not apply to forwarded traffic (pod behind the HEP)', () => {
    expect(ok([hepB()], { from: ext, to: 'prod/db', port: 5432 })).toBe(true);
  });
  test('no host endpoint: host traffic unpoliced', () => {
    expect(ok([], { from: ext, to: 'node/node-b', port: 80 })).toBe(true);
  });
});

describe('applyOnForward', () => {
  const denyFwd = gnp('fwd', {
    selector: 'host == "b"',
    applyOnForward: true,
    types: ['Ingress'],
    ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }],
  });
  test('applyOnForward policy polices forwarded traffic into a local pod', () => {
    const r = model([hepB(), denyFwd]).evaluate({ from: ext, to: 'prod/db', port: 5432 });
    expect(r.allowed).toBe(false);
    expect(r.steps.find((s) => s.point === 'forward-ingress')?.decision.default).toBe('end-of-tier deny');
  });
  test('forwarded traffic allowed by default when no applyOnForward policy selects the HEP', () => {
    const r = model([hepB(), gnp('local', { selector: 'host == "b"', ingress: [] })]).evaluate({
      from: ext,
      to: 'prod/db',
      port: 5432,
    });
    expect(r.allowed).toBe(true);
    expect(r.steps.find((s) => s.point === 'forward-ingress')?.decision.default).toBe(
      'no policy selects the endpoint (allow)',
    );
  });
  test('applyOnForward egress on the source node polices pods leaving it', () => {
    const eg = gnp('eg', {
      selector: 'host == "a"',
      applyOnForward: true,
      types: ['Egress'],
      egress: [{ action: 'Deny', destination: { nets: ['8.8.8.0/24'] } }, { action: 'Allow' }],
    });
    const heps = [
      hep('node-a-eth0', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: 'a' }),
    ];
    expect(ok([...heps, eg], { from: 'prod/web', to: '8.8.8.8', port: 53, protocol: 'UDP' })).toBe(false);
    expect(ok([...heps, eg], { from: 'prod/web', to: '1.1.1.1', port: 53, protocol: 'UDP' })).toBe(true);
  });
  test('pod to pod on the same node crosses no host endpoint', () => {
    const eg = gnp('eg', {
      selector: 'has(host)',
      applyOnForward: true,
      types: ['Ingress', 'Egress'],
      ingress: [],
      egress: [],
    });
    const heps = [hep('node-a-all', { node: 'node-a', interfaceName: '*' }, { host: 'a' })];
    expect(ok([...heps, eg], { from: 'prod/web', to: 'prod/api', port: 80 })).toBe(true);
  });
  test('encapsulated pod traffic is not seen by a named eth0 HEP, but is by "*"', () => {
    const fwd = gnp('fwd', { selector: 'host == "b"', applyOnForward: true, types: ['Ingress'], ingress: [] });
    expect(ok([hepB(), fwd], { from: 'prod/web', to: 'prod/db', port: 5432 }, { encapsulation: 'IPIP' })).toBe(true);
    expect(ok([hepB(), fwd], { from: 'prod/web', to: 'prod/db', port: 5432 }, { encapsulation: 'None' })).toBe(false);
    expect(ok([starB(), fwd], { from: 'prod/web', to: 'prod/db', port: 5432 }, { encapsulation: 'IPIP' })).toBe(false);
  });
});

describe('preDNAT', () => {
  const pre = (rules: any[]) =>
    gnp('pre', { selector: 'host == "b"', preDNAT: true, applyOnForward: true, types: ['Ingress'], ingress: rules });
  test('no end-of-tier drop: unmatched packets continue to normal policy', () => {
    const r = model([
      hepB({ profiles: ['projectcalico-default-allow'] }),
      pre([{ action: 'Deny', protocol: 'TCP', destination: { ports: [9999] } }]),
    ]).evaluate({ from: ext, to: 'node/node-b', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps.map((s) => s.point)).toEqual(['pre-dnat', 'destination-host-endpoint-ingress']);
  });
  test('Deny drops at once', () => {
    const r = model([hepB({ profiles: ['projectcalico-default-allow'] }), pre([{ action: 'Deny' }])]).evaluate({
      from: ext,
      to: 'node/node-b',
      port: 80,
    });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1].point).toBe('pre-dnat');
  });
  test('Allow skips normal HEP ingress policy for host-local traffic', () => {
    const r = model([hepB(), pre([{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }])]).evaluate({
      from: ext,
      to: 'node/node-b',
      port: 80,
    });
    expect(r.allowed).toBe(true);
    expect(r.steps[r.steps.length - 1].decision.default).toBe('skipped: accepted by preDNAT policy');
  });
  test('Allow skips forward-ingress policy but not the pod policy', () => {
    const fwdDeny = gnp('fwd', { selector: 'host == "b"', applyOnForward: true, types: ['Ingress'], ingress: [] });
    const allow = pre([{ action: 'Allow' }]);
    expect(ok([hepB(), fwdDeny, allow], { from: ext, to: 'prod/db', port: 5432 })).toBe(true);
    expect(ok([hepB(), fwdDeny], { from: ext, to: 'prod/db', port: 5432 })).toBe(false);
    expect(
      ok([hepB(), allow, gnp('pod', { selector: 'app == "db"', ingress: [] })], {
        from: ext,
        to: 'prod/db',
        port: 5432,
      }),
    ).toBe(false);
  });
  test('preDNAT does not apply to pods (only host endpoints)', () => {
    expect(
      ok([gnp('p', { selector: 'app == "db"', preDNAT: true, applyOnForward: true, ingress: [{ action: 'Deny' }] })], {
        from: 'prod/web',
        to: 'prod/db',
        port: 5432,
      }),
    ).toBe(true);
  });
});

describe('doNotTrack', () => {
  const dnt = (rules: any[]) =>
    gnp('dnt', { selector: 'host == "b"', doNotTrack: true, applyOnForward: true, types: ['Ingress'], ingress: rules });
  test('Deny drops on a named HEP', () => {
    expect(
      ok([hepB({ profiles: ['projectcalico-default-allow'] }), dnt([{ action: 'Deny' }])], {
        from: ext,
        to: 'node/node-b',
        port: 80,
      }),
    ).toBe(false);
  });
  test('Allow accepts (skipping normal policy)', () => {
    const r = model([hepB(), dnt([{ action: 'Allow' }])]).evaluate({ from: ext, to: 'node/node-b', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps[0].point).toBe('untracked-ingress');
  });
  test('ignored on "*" host endpoints', () => {
    expect(
      ok([starB({ profiles: ['projectcalico-default-allow'] }), dnt([{ action: 'Deny' }])], {
        from: ext,
        to: 'node/node-b',
        port: 80,
      }),
    ).toBe(true);
  });
});

describe('which host endpoint governs', () => {
  test('named HEP beats "*" for its interface', () => {
    const docs = [hepB({ profiles: ['projectcalico-default-allow'] }), starB()];
    const r = model(docs).evaluate({ from: ext, to: 'node/node-b', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps[r.steps.length - 1].endpoint).toBe('hep:node-b-eth0');
  });
  test('"*" HEP polices a node reaching its own address over lo; a named HEP does not', () => {
    const deny = gnp('d', {
      selector: 'host == "b"',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { nets: ['192.0.2.0/24'] } }],
    });
    expect(
      ok([starB({ profiles: ['projectcalico-default-allow'] }), deny], {
        from: 'node/node-b',
        to: 'node/node-b',
        port: 10250,
      }),
    ).toBe(false);
    expect(
      ok([hepB({ profiles: ['projectcalico-default-allow'] }), deny], {
        from: 'node/node-b',
        to: 'node/node-b',
        port: 10250,
      }),
    ).toBe(true);
  });
  test('hostNetwork pod reaching its node IP goes through the "*" HEP (preDNAT deny applies)', () => {
    const docs = [
      starB({ profiles: ['projectcalico-default-allow'] }),
      pod('kube-system', 'agent', { ip: '10.0.0.2', node: 'node-b', hostNetwork: true }),
      gnp('pre', {
        selector: 'host == "b"',
        preDNAT: true,
        applyOnForward: true,
        ingress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [10250] } }],
      }),
    ];
    expect(ok(docs, { from: 'kube-system/agent', to: 'node/node-b', port: 10250 })).toBe(false);
  });
  test('host to a pod on the same host is never policed', () => {
    const docs = [
      hep('node-b-all', { node: 'node-b', interfaceName: '*' }, { host: 'b' }),
      gnp('pod', { selector: 'app == "db"', ingress: [] }),
    ];
    const r = model(docs).evaluate({ from: 'node/node-b', to: 'prod/db', port: 5432 });
    expect(r.allowed).toBe(true);
    expect(r.steps[0].decision.default).toBe('host to local pod is never policed');
  });
  test('host to a pod on another host is policed (HEP egress and pod ingress)', () => {
    expect(
      ok([gnp('pod', { selector: 'app == "db"', ingress: [] })], { from: 'node/node-a', to: 'prod/db', port: 5432 }),
    ).toBe(false);
    expect(
      ok([hep('a', { node: 'node-a', interfaceName: 'eth0' }, { host: 'a' })], {
        from: 'node/node-a',
        to: 'prod/db',
        port: 5432,
      }),
    ).toBe(false);
  });
  test('HEP expectedIPs feed selector matching of host traffic', () => {
    const docs = [
      hep(
        'a',
        { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'], profiles: ['projectcalico-default-allow'] },
        { role: 'node' },
      ),
      gnp('pod', { selector: 'app == "db"', ingress: [{ action: 'Allow', source: { selector: 'role == "node"' } }] }),
    ];
    expect(ok(docs, { from: 'node/node-a', to: 'prod/db', port: 5432 })).toBe(true);
    expect(ok(docs, { from: 'prod/web', to: 'prod/db', port: 5432 })).toBe(false);
  });
  test('pod to its own node: DefaultEndpointToHostAction', () => {
    expect(ok([], { from: 'prod/web', to: 'node/node-a', port: 10250 })).toBe(true);
    expect(
      ok([felix({ defaultEndpointToHostAction: 'Drop' })], { from: 'prod/web', to: 'node/node-a', port: 10250 }),
    ).toBe(false);
  });
  test('Felix allows IPIP (4) and VXLAN (UDP 4789) between hosts despite HEP policy', () => {
    const docs = [hepB(), hep('a', { node: 'node-a', interfaceName: 'eth0' }, { host: 'a' })];
    expect(ok(docs, { from: 'node/node-a', to: 'node/node-b', protocol: 4 })).toBe(true);
    expect(ok(docs, { from: 'node/node-a', to: 'node/node-b', protocol: 'UDP', port: 4789 })).toBe(true);
    expect(ok(docs, { from: 'node/node-a', to: 'node/node-b', protocol: 'UDP', port: 4790 })).toBe(false);
  });
  test('Felix drops IPIP from workloads', () => {
    expect(ok([], { from: 'prod/web', to: 'prod/db', protocol: 4 })).toBe(false);
  });
});

describe('automatic host endpoints', () => {
  const annotated = [
    node('node-c', '10.0.0.3', {
      labels: { zone: 'z1' },
      annotations: {
        'projectcalico.org/IPv4Address': '10.0.0.3/24',
        'projectcalico.org/IPv4IPIPTunnelAddr': '192.168.3.1',
      },
    }),
    pod('prod', 'cache', { ip: '192.168.3.10', node: 'node-c', labels: { app: 'cache' } }),
  ];
  test('auto HEPs allow (default-allow profile) until a policy selects them', () => {
    expect(ok([autoHeps()], { from: ext, to: 'node/node-b', port: 80 })).toBe(true);
    const lock = gnp('lock', {
      selector: 'role == "worker"',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }],
    });
    expect(ok([autoHeps(), lock], { from: ext, to: 'node/node-b', port: 80 })).toBe(false);
    expect(ok([autoHeps(), lock], { from: ext, to: 'node/node-b', port: 22 })).toBe(true);
  });
  test('auto HEPs carry node labels, created-by label, tunnel and BGP IPs', () => {
    const docs = [
      ...annotated,
      autoHeps(),
      gnp('p', {
        selector: 'app == "cache"',
        ingress: [
          {
            action: 'Allow',
            source: { selector: 'projectcalico.org/created-by == "calico-kube-controllers" && zone == "z1"' },
          },
        ],
      }),
    ];
    // node-c → local pod is never policed; from node-a (no zone label) it is denied.
    expect(ok(docs, { from: '192.168.3.1', to: 'prod/db', port: 1 })).toBe(true);
    const m = model(docs, { encapsulation: 'IPIP' });
    expect(m.evaluate({ from: 'node/node-a', to: 'prod/cache', port: 80 }).allowed).toBe(false);
  });
  test('tunnel address of a remote node matches the auto HEP (IPIP source address)', () => {
    const docs = [
      ...annotated,
      autoHeps(),
      gnp('p', { selector: 'app == "db"', ingress: [{ action: 'Allow', source: { selector: 'zone == "z1"' } }] }),
    ];
    const m = model(docs, { encapsulation: 'IPIP' });
    const r = m.evaluate({ from: 'node/node-c', to: 'prod/db', port: 5432 });
    expect(r.steps[0].packet.src).toBe('192.168.3.1');
    expect(r.allowed).toBe(true);
  });
  test('disabled autoCreate: no HEPs', () => {
    const lock = gnp('lock', { selector: 'role == "worker"', ingress: [] });
    const off = { ...autoHeps(), spec: { controllers: { node: { hostEndpoint: { autoCreate: 'Disabled' } } } } };
    expect(ok([off, lock], { from: ext, to: 'node/node-b', port: 80 })).toBe(true);
  });
  test('templates with interfaceCIDRs create extra HEPs', () => {
    const docs = [
      autoHeps({
        createDefaultHostEndpoint: 'Disabled',
        templates: [
          {
            generateName: 'int',
            nodeSelector: 'role == "worker"',
            interfaceCIDRs: ['10.0.0.0/24'],
            labels: { tpl: 'yes' },
          },
        ],
      }),
      gnp('lock', { selector: 'tpl == "yes"', ingress: [] }),
    ];
    const r = model(docs).evaluate({ from: ext, to: 'node/node-b', port: 80 });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1].endpoint).toBe('hep:node-b-int-auto-hep');
  });
});
