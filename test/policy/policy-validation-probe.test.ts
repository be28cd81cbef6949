// The probe of a policy's validation class (policy-validation-class.ts) recognises a member of a clean class without
// building its key. These tests prove it never says "same class" where the keys differ, that it does recognise
// the policies of one class, and that synth gives the same YAML and the same errors with the probes on and off.
import { Chart, Testing } from 'cdk8s';
import { GlobalNetworkPolicy, NetworkPolicy, Peer, Port, Selector } from '../../lib';
import {
  canonicalIpv4CidrShape,
  parsedCidrShape,
  policyValidationClass,
  policyValidationProbe,
} from '../../lib/policy/policy-validation-class';
import { setValidationProbes } from '../../lib/validation/synth-validation';

/** A fence as ExposedClusterIpService renders it. */
function fence(i: number): any {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: `expose-${i}`, labels: { 'projectcalico.org/tier': 'default' } },
    spec: {
      tier: 'default',
      order: 100,
      selector: `app == "svc-${i}"`,
      types: ['Ingress'],
      preDNAT: true,
      ingress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: { nets: [`50.${i}.0.0/16`, '70.80.90.0/24'] },
          destination: { nets: [`10.96.0.${i}/32`], ports: [80, 443] },
          metadata: { annotations: { description: `to svc-${i}` } },
        },
        { action: 'Deny', destination: { nets: [`10.96.0.${i}/32`] } },
      ],
    },
  };
}

/** Changes of one fence: some keep its class, most do not, several are inputs the probe must leave to the key. */
const VARIANTS: Array<[string, (m: any) => void]> = [
  ['as is', () => {}],
  ['another name', (m) => (m.metadata.name = 'other')],
  ['a namespace', (m) => (m.metadata.namespace = 'ns')],
  ['an undefined namespace', (m) => (m.metadata.namespace = undefined)],
  ['no metadata', (m) => delete m.metadata],
  ['null metadata', (m) => (m.metadata = null)],
  ['string metadata', (m) => (m.metadata = 'ab')],
  ['no name', (m) => delete m.metadata.name],
  ['name last', (m) => (m.metadata = { labels: m.metadata.labels, name: 'x' })],
  ['another label', (m) => (m.metadata.labels.team = 'a')],
  ['another order', (m) => (m.spec.order = 200)],
  ['order NaN', (m) => (m.spec.order = NaN)],
  ['order null', (m) => (m.spec.order = null)],
  ['order -0', (m) => (m.spec.order = -0)],
  ['keys reordered', (m) => (m.spec = { order: m.spec.order, ...m.spec })],
  ['selector literal', (m) => (m.spec.selector = 'app == "zz"')],
  ['selector structure', (m) => (m.spec.selector = 'app == "a" || b == "c"')],
  ['selector unterminated', (m) => (m.spec.selector = 'app == "unterminated')],
  ['selector a number', (m) => (m.spec.selector = 7)],
  ['selector an object', (m) => (m.spec.selector = { s: 'app == "a"' })],
  ['namespaceSelector', (m) => (m.spec.namespaceSelector = 'team == "a"')],
  ['serviceAccountSelector', (m) => (m.spec.serviceAccountSelector = 'sa == "b"')],
  ['client /24', (m) => (m.spec.ingress[0].source.nets[0] = '50.1.1.0/24')],
  ['client host bits', (m) => (m.spec.ingress[0].source.nets[0] = '50.1.0.1/16')],
  ['client non-canonical', (m) => (m.spec.ingress[0].source.nets[0] = '050.1.0.0/16')],
  ['client bare IP', (m) => (m.spec.ingress[0].source.nets[0] = '50.1.0.1')],
  ['client IPv6', (m) => (m.spec.ingress[0].source.nets[0] = 'fd00::/64')],
  ['client catch-all', (m) => (m.spec.ingress[0].source.nets[0] = '0.0.0.0/0')],
  ['client a number', (m) => (m.spec.ingress[0].source.nets[0] = 5)],
  ['client repeated', (m) => (m.spec.ingress[0].source.nets[1] = m.spec.ingress[0].source.nets[0])],
  ['second net /16', (m) => (m.spec.ingress[0].source.nets[1] = '70.80.0.0/16')],
  ['nets a hole', (m) => delete m.spec.ingress[0].source.nets[1]],
  ['nets a string', (m) => (m.spec.ingress[0].source.nets = '50.1.0.0/16')],
  ['notNets', (m) => (m.spec.ingress[0].source.notNets = ['10.0.0.0/8'])],
  ['entity selector', (m) => (m.spec.ingress[0].source.selector = 'role == "x"')],
  ['serviceAccounts', (m) => (m.spec.ingress[0].source.serviceAccounts = { selector: 'a == "b"' })],
  ['serviceAccounts names', (m) => (m.spec.ingress[0].source.serviceAccounts = { names: ['a'] })],
  ['another port', (m) => (m.spec.ingress[0].destination.ports = [80, 8443])],
  ['ports as strings', (m) => (m.spec.ingress[0].destination.ports = ['80', '443'])],
  ['another description', (m) => (m.spec.ingress[0].metadata.annotations.description = 'another text')],
  ['a second annotation', (m) => (m.spec.ingress[0].metadata.annotations.more = 'x')],
  ['a huge description', (m) => (m.spec.ingress[0].metadata.annotations.description = 'x'.repeat(300000))],
  ['a number annotation', (m) => (m.spec.ingress[0].metadata.annotations.description = 5)],
  ['annotations null', (m) => (m.spec.ingress[0].metadata.annotations = null)],
  ['annotations undefined', (m) => (m.spec.ingress[0].metadata.annotations = undefined)],
  ['no rule metadata', (m) => delete m.spec.ingress[0].metadata],
  ['rule metadata a string', (m) => (m.spec.ingress[0].metadata = 'm')],
  ['action', (m) => (m.spec.ingress[1].action = 'Pass')],
  ['a rule a string', (m) => (m.spec.ingress[1] = 'Deny')],
  ['a rule hole', (m) => delete m.spec.ingress[1]],
  ['a rule null', (m) => (m.spec.ingress[1] = null)],
  ['rules swapped', (m) => m.spec.ingress.reverse()],
  ['egress', (m) => (m.spec.egress = [{ action: 'Allow' }])],
  ['ingress an object', (m) => (m.spec.ingress = { 0: m.spec.ingress[0] })],
  ['spec a string', (m) => (m.spec = 'spec')],
  ['spec an array', (m) => (m.spec = [m.spec])],
  ['no spec', (m) => delete m.spec],
  ['a Date', (m) => (m.spec.when = new Date(0))],
  ['a toJSON', (m) => (m.spec.ingress[0].toJSON = () => 'x')],
  [
    'a class instance',
    (m) => (m.spec.ingress[0].source = Object.assign(new (class E {})(), { nets: ['50.1.0.0/16'] })),
  ],
  ['a function', (m) => (m.spec.fn = () => 1)],
  ['undefined key', (m) => (m.spec.extra = undefined)],
  ['another kind', (m) => (m.kind = 'NetworkPolicy')],
];

function variants(): Array<[string, any]> {
  const out: Array<[string, any]> = [];
  for (const i of [1, 2]) {
    for (const [what, change] of VARIANTS) {
      const m = fence(i);
      change(m);
      out.push([`${what} (${i})`, m]);
    }
  }
  return out;
}

describe('policyValidationProbe', () => {
  const all = variants();

  test('a match always means the same class key (every pair of the variants)', () => {
    let matched = 0;
    for (const [whatR, r] of all) {
      const snapshot = policyValidationProbe(r).snapshot();
      if (snapshot === undefined) continue;
      for (const [whatA, a] of all) {
        if (!policyValidationProbe(a).matches(snapshot)) continue;
        matched++;
        expect([whatA, whatR, policyValidationClass(a)]).toEqual([whatA, whatR, policyValidationClass(r)]);
      }
    }
    // Not vacuous: the variants that keep the class do match.
    expect(matched).toBeGreaterThan(all.length);
  });

  test('the policies of one class match each other (the fast path is taken)', () => {
    const alike = ['as is', 'another name', 'selector literal', 'another description'];
    const members = all.filter(([what]) => alike.some((w) => what.startsWith(`${w} (`))).map(([, m]) => m);
    expect(new Set(members.map((m) => policyValidationClass(m))).size).toBe(1);
    for (const r of members) {
      const snapshot = policyValidationProbe(r).snapshot();
      for (const a of members) expect(policyValidationProbe(a).matches(snapshot)).toBe(true);
    }
  });

  test('the key is the class', () => {
    for (const [, m] of all.filter(([, x]) => typeof x.spec !== 'object' || !('fn' in x.spec))) {
      expect(policyValidationProbe(m).key()).toBe(policyValidationClass(m));
    }
  });

  test('a representative is a copy: changing the policy afterwards does not change it', () => {
    const m = fence(1);
    const snapshot = policyValidationProbe(m).snapshot();
    const before = fence(2);
    m.spec.ingress[0].source.nets.push('60.0.0.0/8');
    expect(policyValidationProbe(before).matches(snapshot)).toBe(true);
    expect(policyValidationProbe(m).matches(snapshot)).toBe(false);
  });
});

/** An app whose policies share classes, with invalid members of the same buckets among clean ones. */
function synth(): string {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  for (let i = 0; i < 6; i++) {
    const p = new GlobalNetworkPolicy(chart, `G${i}`, { selector: Selector.eq('app', `a${i}`), order: 10 });
    p.allowIngress(Peer.nets(`50.${i}.0.0/16`, `60.${i}.0.0/16`), Port.tcp(80), { description: `svc ${i}` });
    p.denyIngress(Peer.any());
    const n = new NetworkPolicy(chart, `N${i}`, { namespace: `ns${i % 2}`, selector: Selector.eq('app', `b${i}`) });
    n.allowEgress(Peer.selector(Selector.eq('role', `db${i}`)), Port.tcp(5432));
  }
  // The same bucket as the fences above (2 ingress rules), each invalid: a repeated CIDR, then a repeated port.
  const dup = new GlobalNetworkPolicy(chart, 'Dup', { selector: Selector.eq('app', 'dup'), order: 10 });
  dup.allowIngress(Peer.nets('50.9.0.0/16', '50.9.0.0/16'), Port.tcp(80), { description: 'dup' });
  dup.denyIngress(Peer.any());
  try {
    return app.synthYaml();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('synth with and without probes', () => {
  afterEach(() => setValidationProbes(true));

  test('the same YAML and the same errors', () => {
    setValidationProbes(false);
    const without = [synth(), synth()];
    setValidationProbes(true);
    const withProbes = [synth(), synth()];
    expect(withProbes).toEqual(without);
    expect(without[0]).toContain('[c/Dup] spec.ingress[0].source.nets[1]: Duplicate value: "50.9.0.0/16"');
  });
});

describe('canonicalIpv4CidrShape', () => {
  test('answers as the parser does wherever it answers, and for the canonical IPv4 text it is meant for', () => {
    const texts = [
      '10.96.0.1/32',
      '50.7.0.0/16',
      '0.0.0.0/0',
      '0.0.0.0/1',
      '128.0.0.0/1',
      '255.255.255.255/32',
      '10.0.0.1/8',
      '10.0.0.0/33',
      '256.0.0.0/8',
      '010.0.0.0/8',
      '10.0.0.0/08',
      '10.0.0.0/',
      '10.0.0/8',
      '10.0.0.0.0/8',
      '1.2.3.4',
      '::ffff:10.0.0.0/104',
      'fd00::/64',
      ' 10.0.0.0/8',
      '10.0.0.0/8 ',
      '１0.0.0.0/8',
      '10.0.0.0/-1',
    ];
    // Every prefix over a few addresses with and without host bits.
    for (let p = 0; p <= 32; p++) {
      for (const ip of ['0.0.0.0', '255.255.255.255', '10.96.0.0', '10.96.128.0', '192.168.1.1', '172.16.0.8']) {
        texts.push(`${ip}/${p}`);
      }
    }
    let answered = 0;
    for (const t of texts) {
      const fast = canonicalIpv4CidrShape(t);
      if (fast === undefined) continue;
      answered++;
      expect([t, fast]).toEqual([t, parsedCidrShape(t)]);
    }
    expect(answered).toBeGreaterThan(200);
    expect(canonicalIpv4CidrShape('010.0.0.0/8')).toBeUndefined();
    expect(canonicalIpv4CidrShape('fd00::/64')).toBeUndefined();
  });
});
