import { policyValidationClass } from '../../lib/policy/policy-validation-class';
import { validateObject } from '../../lib/validation';

/** A fence as ExposedClusterIpService renders it, with the values that differ per service as parameters. */
function fence(
  o: { name?: string; vip?: string; client?: string; app?: string; description?: string; notNets?: string[] } = {},
): any {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: o.name ?? 'expose-a', labels: { 'projectcalico.org/tier': 'default' } },
    spec: {
      tier: 'default',
      order: 100,
      selector: `app == "${o.app ?? 'a'}"`,
      types: ['Ingress'],
      preDNAT: true,
      applyOnForward: true,
      ingress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: { nets: [o.client ?? '50.1.0.0/16'], ...(o.notNets ? { notNets: o.notNets } : {}) },
          destination: { nets: [o.vip ?? '10.96.0.1/32'], ports: [80] },
          metadata: { annotations: { description: o.description ?? 'to a' } },
        },
      ],
    },
  };
}

const key = (o: Parameters<typeof fence>[0]) => policyValidationClass(fence(o));

describe('policyValidationClass', () => {
  test('policies differing only in names, canonical CIDRs (same family, prefix), selector literals and descriptions share a class', () => {
    expect(
      key({ name: 'expose-b', vip: '10.96.7.9/32', client: '50.7.0.0/16', app: 'svc-7', description: 'another text' }),
    ).toBe(key({}));
  });

  test.each([
    ['another family', { vip: 'fd00::1/128' }],
    ['another prefix length', { client: '50.1.1.0/24' }],
    ['a CIDR with host bits set', { client: '50.1.0.1/16' }],
    ['a non-canonical CIDR', { client: '050.1.0.0/16' }],
    ['a bare IP', { client: '50.1.0.1' }],
    ['a catch-all', { notNets: ['0.0.0.0/0'] }],
    ['another selector structure', { app: 'a" || b == "c' }],
  ])('%s gets its own class', (_what, o) => {
    expect(key(o)).not.toBe(key({}));
  });

  test('a repeated CIDR (a set in the CRD) is told apart from two distinct ones', () => {
    const twice = fence();
    twice.spec.ingress[0].source.nets = ['50.1.0.0/16', '50.1.0.0/16'];
    const distinct = fence();
    distinct.spec.ingress[0].source.nets = ['50.1.0.0/16', '50.2.0.0/16'];
    expect(policyValidationClass(twice)).not.toBe(policyValidationClass(distinct));
    // The reason it must: the first is invalid, the second is not.
    expect(validateObject(twice).length).toBeGreaterThan(0);
    expect(validateObject(distinct)).toEqual([]);
  });

  test('an untokenizable selector is kept verbatim and never meets a tokenized one', () => {
    const bad = fence();
    bad.spec.selector = 'app == "unterminated';
    expect(policyValidationClass(bad)).toContain('raw:app == \\"unterminated');
    expect(policyValidationClass(bad)).not.toBe(key({}));
  });

  test('annotation values past the size limit are kept, so the too-large finding is not shared', () => {
    expect(key({ description: 'x'.repeat(300000) })).not.toBe(key({}));
  });

  test('every member of a class validates alike (the sampled members are clean)', () => {
    const members = [
      fence(),
      fence({ name: 'expose-z', vip: '10.96.200.3/32', client: '60.0.0.0/16', app: 'zz', description: 'z' }),
    ];
    expect(new Set(members.map(policyValidationClass)).size).toBe(1);
    for (const m of members) expect(validateObject(m)).toEqual([]);
  });
});
