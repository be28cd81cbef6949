import * as fc from 'fast-check';
import {
  KubernetesConversionError,
  kubernetesLabelSelectorToCalico,
  kubernetesNetworkPolicyToCalico,
} from '../../../../lib/model/policy/kubernetes';
import { Selector } from '../../../../lib/selector';
import { formatProblem, validateManifests } from '../../../../lib/validation';
import { CONVERSION_CASES, knp, ORCH } from './conversion-cases';

function validationErrors(policy: any): string[] {
  return validateManifests([policy], { kubernetes: false }).map((p) => `${p.path}: ${formatProblem(p)} [${p.rule}]`);
}

describe('kubernetesNetworkPolicyToCalico: conversion table', () => {
  test.each(CONVERSION_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { policy, problems } = kubernetesNetworkPolicyToCalico(c.input);
    expect(policy).toEqual(c.expected);
    const patterns = c.problems ?? [];
    expect(problems).toHaveLength(patterns.length);
    patterns.forEach((re, i) => expect(problems[i]).toMatch(re));
  });

  test.each(CONVERSION_CASES.filter((c) => c.validates !== false).map((c) => [c.name, c] as const))(
    'the converted policy is a valid projectcalico.org/v3 NetworkPolicy: %s',
    (_name, c) => {
      expect(validationErrors(kubernetesNetworkPolicyToCalico(c.input).policy)).toEqual([]);
    },
  );

  test('every converted selector parses with the Calico selector parser', () => {
    for (const c of CONVERSION_CASES) {
      const { policy } = kubernetesNetworkPolicyToCalico(c.input);
      const rules = [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])];
      const texts = [
        policy.spec.selector,
        ...rules.flatMap((r) => [r.source, r.destination]).flatMap((e) => [e.selector, e.namespaceSelector]),
      ];
      for (const t of texts.filter((x): x is string => x !== undefined)) expect(Selector.validate(t)).toBeUndefined();
    }
  });

  test('the input is not modified', () => {
    for (const c of CONVERSION_CASES) {
      const before = JSON.stringify(c.input);
      kubernetesNetworkPolicyToCalico(c.input);
      expect(JSON.stringify(c.input)).toBe(before);
    }
  });

  test('converted selectors select what Kubernetes selects (pod and namespace AND, namespace default)', () => {
    const { policy } = kubernetesNetworkPolicyToCalico(
      knp(
        {
          podSelector: { matchLabels: { pod: 'a' } },
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
                  podSelector: { matchLabels: { pod: 'b' } },
                },
              ],
            },
          ],
        },
        { name: 'p', namespace: 'x' },
      ),
    );
    const wep = (pod: string) => ({ pod, 'projectcalico.org/orchestrator': 'k8s' });
    expect(Selector.parse(policy.spec.selector).matches(wep('a'))).toBe(true);
    expect(Selector.parse(policy.spec.selector).matches(wep('b'))).toBe(false);
    const src = policy.spec.ingress![0].source;
    expect(Selector.parse(src.selector!).matches(wep('b'))).toBe(true);
    expect(Selector.parse(src.namespaceSelector!).matches({ ns: 'y' })).toBe(true);
    expect(Selector.parse(src.namespaceSelector!).matches({ ns: 'x' })).toBe(false);
  });
});

describe('kubernetesLabelSelectorToCalico', () => {
  // Upstream conversion_test.go, "Test selector conversion" table.
  test.each([
    ['an empty pod selector', {}, 'pod', ORCH],
    ['an empty namespace selector', {}, 'namespace', 'all()'],
    [
      'an OpDoesNotExist namespace selector',
      { matchExpressions: [{ key: 'toast', operator: 'DoesNotExist' }] },
      'namespace',
      '! has(toast)',
    ],
    [
      'an OpExists namespace selector',
      { matchExpressions: [{ key: 'toast', operator: 'Exists' }] },
      'namespace',
      'has(toast)',
    ],
    [
      'an OpIn namespace selector',
      { matchExpressions: [{ key: 'toast', operator: 'In', values: ['butter', 'jam'] }] },
      'namespace',
      "toast in { 'butter', 'jam' }",
    ],
    [
      'an OpNotIn namespace selector',
      { matchExpressions: [{ key: 'toast', operator: 'NotIn', values: ['marmite', 'milk'] }] },
      'namespace',
      "toast not in { 'marmite', 'milk' }",
    ],
    [
      'an OpDoesNotExist pod selector',
      { matchExpressions: [{ key: 'toast', operator: 'DoesNotExist' }] },
      'pod',
      `${ORCH} && ! has(toast)`,
    ],
    ['nil pod selector', undefined, 'pod', ORCH],
    ['nil namespace selector', undefined, 'namespace', ''],
    ['null namespace selector', null, 'namespace', ''],
    ['matchLabels sorted', { matchLabels: { zeta: '1', alpha: '2' } }, 'namespace', "alpha == '2' && zeta == '1'"],
  ] as const)('%s', (_name, sel, kind, expected) => {
    expect(kubernetesLabelSelectorToCalico(sel, { kind })).toBe(expected);
  });

  test('defaults to pod semantics', () => {
    expect(kubernetesLabelSelectorToCalico({ matchLabels: { app: 'web' } })).toBe(`${ORCH} && app == 'web'`);
  });

  test('reports a result Calico cannot parse, and an unknown operator', () => {
    const problems: string[] = [];
    expect(kubernetesLabelSelectorToCalico({ matchLabels: { app: "it's" } }, { kind: 'namespace', problems })).toBe(
      "app == 'it's'",
    );
    expect(problems).toEqual([expect.stringMatching(/is not valid Calico selector syntax/)]);
    const more: string[] = [];
    expect(
      kubernetesLabelSelectorToCalico(
        { matchExpressions: [{ key: 'k', operator: 'exists' }] },
        { kind: 'namespace', problems: more },
      ),
    ).toBe('');
    expect(more).toEqual([expect.stringMatching(/unknown operator "exists"/)]);
  });

  test('throws a KubernetesConversionError naming the field for a malformed selector', () => {
    expect(() =>
      kubernetesLabelSelectorToCalico(
        { matchLabels: { a: 1 } },
        { at: { object: 'Service x/web', path: 'spec.selector' } },
      ),
    ).toThrow(
      new KubernetesConversionError(
        { object: 'Service x/web', path: 'spec.selector.matchLabels.a' },
        'must be a string, got number 1',
        'write spec.selector.matchLabels.a as a string',
      ),
    );
    expect(() => kubernetesLabelSelectorToCalico('app=web')).toThrow(KubernetesConversionError);
  });
});

describe('kubernetesNetworkPolicyToCalico: malformed input', () => {
  const base = (spec: any) => knp(spec, { name: 'bad', namespace: 'x' });
  test.each([
    ['a null document', null, /^\[NetworkPolicy\] must be an object, got null; fix: /],
    ['a list', [], /^\[NetworkPolicy\] must be an object, got a list; fix: /],
    [
      'another kind',
      { kind: 'Service', metadata: { name: 'bad', namespace: 'x' } },
      /^\[NetworkPolicy x\/bad\] kind: expected kind NetworkPolicy, got "Service"; fix: /,
    ],
    [
      'another apiVersion',
      { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'bad' } },
      /apiVersion: expected apiVersion networking\.k8s\.io\/v1, got "extensions\/v1beta1"/,
    ],
    [
      'no name',
      { kind: 'NetworkPolicy', metadata: { namespace: 'x' }, spec: {} },
      /^\[NetworkPolicy x\/<unnamed>\] metadata\.name: is required/,
    ],
    ['metadata not an object', { metadata: 'bad' }, /metadata: must be an object, got the string "bad"/],
    [
      'a non-string namespace',
      { metadata: { name: 'bad', namespace: 7 } },
      /metadata\.namespace: must be a string, got number 7/,
    ],
    ['spec not an object', base('x'), /^\[NetworkPolicy x\/bad\] spec: must be an object/],
    ['podSelector not an object', base({ podSelector: 'app=web' }), /spec\.podSelector: must be an object/],
    [
      'matchLabels a list',
      base({ podSelector: { matchLabels: ['a'] } }),
      /spec\.podSelector\.matchLabels: must be an object, got a list/,
    ],
    [
      'a label value not a string',
      base({ podSelector: { matchLabels: { a: true } } }),
      /spec\.podSelector\.matchLabels\.a: must be a string, got boolean true/,
    ],
    [
      'matchExpressions not a list',
      base({ podSelector: { matchExpressions: {} } }),
      /spec\.podSelector\.matchExpressions: must be a list/,
    ],
    [
      'an expression not an object',
      base({ podSelector: { matchExpressions: ['a'] } }),
      /spec\.podSelector\.matchExpressions\[0\]: must be an object/,
    ],
    [
      'an expression key not a string',
      base({ podSelector: { matchExpressions: [{ key: 1, operator: 'Exists' }] } }),
      /matchExpressions\[0\]\.key: must be a string/,
    ],
    [
      'values not a list of strings',
      base({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [1] }] } }),
      /matchExpressions\[0\]\.values\[0\]: must be a string, got number 1/,
    ],
    ['ingress not a list', base({ ingress: {} }), /spec\.ingress: must be a list, got object/],
    ['a rule not an object', base({ egress: [7] }), /spec\.egress\[0\]: must be an object, got number 7/],
    ['from not a list', base({ ingress: [{ from: { podSelector: {} } }] }), /spec\.ingress\[0\]\.from: must be a list/],
    ['a peer not an object', base({ ingress: [{ from: ['x'] }] }), /spec\.ingress\[0\]\.from\[0\]: must be an object/],
    [
      'a namespaceSelector not an object',
      base({ egress: [{ to: [{ namespaceSelector: true }] }] }),
      /spec\.egress\[0\]\.to\[0\]\.namespaceSelector: must be an object, got boolean true/,
    ],
    [
      'ipBlock not an object',
      base({ ingress: [{ from: [{ ipBlock: '10.0.0.0/8' }] }] }),
      /from\[0\]\.ipBlock: must be an object/,
    ],
    [
      'a non-string cidr',
      base({ ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }),
      /ipBlock\.cidr: must be a string, got number 10/,
    ],
    [
      'except not a list',
      base({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: '10.1.0.0/16' } }] }] }),
      /ipBlock\.except: must be a list/,
    ],
    [
      'ports not a list',
      base({ ingress: [{ ports: 80 }] }),
      /spec\.ingress\[0\]\.ports: must be a list, got number 80/,
    ],
    [
      'a port entry not an object',
      base({ ingress: [{ ports: [80] }] }),
      /spec\.ingress\[0\]\.ports\[0\]: must be an object, got number 80/,
    ],
    [
      'a boolean port',
      base({ ingress: [{ ports: [{ port: true }] }] }),
      /ports\[0\]\.port: must be an integer or a string \(IntOrString\), got boolean true/,
    ],
    [
      'a fractional port',
      base({ ingress: [{ ports: [{ port: 80.5 }] }] }),
      /ports\[0\]\.port: must be an integer or a string/,
    ],
    [
      'a string endPort',
      base({ ingress: [{ ports: [{ port: 80, endPort: '90' }] }] }),
      /ports\[0\]\.endPort: must be a 32-bit integer, got the string "90"/,
    ],
    [
      'a numeric protocol',
      base({ ingress: [{ ports: [{ port: 80, protocol: 6 }] }] }),
      /ports\[0\]\.protocol: must be a string, got number 6/,
    ],
    ['policyTypes not a list', base({ policyTypes: 'Ingress' }), /spec\.policyTypes: must be a list/],
    ['a policy type not a string', base({ policyTypes: [1] }), /spec\.policyTypes\[0\]: must be a string/],
  ])('%s', (_name, doc, message) => {
    let thrown: unknown;
    try {
      kubernetesNetworkPolicyToCalico(doc);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KubernetesConversionError);
    expect((thrown as Error).message).toMatch(message);
  });

  test('the error carries the object and the field', () => {
    try {
      kubernetesNetworkPolicyToCalico(base({ ingress: [{ from: [{ podSelector: { matchLabels: { a: 1 } } }] }] }));
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(KubernetesConversionError);
      expect((e as KubernetesConversionError).object).toBe('NetworkPolicy x/bad');
      expect((e as KubernetesConversionError).field).toBe('spec.ingress[0].from[0].podSelector.matchLabels.a');
    }
  });

  test('any JSON input converts or throws a KubernetesConversionError, never another error', () => {
    const json = fc.jsonValue({ maxDepth: 5 });
    const selector = fc.oneof(
      json,
      fc.record(
        {
          matchLabels: fc.oneof(json, fc.dictionary(fc.string(), fc.string())),
          matchExpressions: fc.oneof(
            json,
            fc.array(
              fc.record(
                { key: json, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt'), values: json },
                { requiredKeys: [] },
              ),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const port = fc.record(
      {
        port: fc.oneof(json, fc.integer({ min: -70000, max: 70000 }), fc.string()),
        protocol: fc.oneof(json, fc.constantFrom('TCP', 'UDP', 'SCTP', 'udp', '')),
        endPort: fc.oneof(json, fc.integer({ min: -5, max: 70000 })),
      },
      { requiredKeys: [] },
    );
    const peer = fc.oneof(
      json,
      fc.record(
        {
          podSelector: selector,
          namespaceSelector: selector,
          ipBlock: fc.oneof(
            json,
            fc.record(
              {
                cidr: fc.oneof(json, fc.constantFrom('10.0.0.0/8', '::/0', 'bad')),
                except: fc.oneof(json, fc.array(fc.constantFrom('10.1.0.0/16', 'x'))),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const rule = fc.oneof(
      json,
      fc.record(
        {
          from: fc.oneof(json, fc.array(peer)),
          to: fc.oneof(json, fc.array(peer)),
          ports: fc.oneof(json, fc.array(port)),
        },
        { requiredKeys: [] },
      ),
    );
    const spec = fc.oneof(
      json,
      fc.record(
        {
          podSelector: selector,
          ingress: fc.oneof(json, fc.array(rule)),
          egress: fc.oneof(json, fc.array(rule)),
          policyTypes: fc.oneof(json, fc.array(fc.constantFrom('Ingress', 'Egress', 'Other'))),
        },
        { requiredKeys: [] },
      ),
    );
    const doc = fc.oneof(
      json,
      fc.record(
        {
          metadata: fc.oneof(
            json,
            fc.record(
              { name: fc.oneof(json, fc.constant('p')), namespace: fc.oneof(json, fc.constant('x')) },
              { requiredKeys: [] },
            ),
          ),
          spec,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(doc, (d) => {
        try {
          const { policy, problems } = kubernetesNetworkPolicyToCalico(d);
          expect(policy.metadata.name.startsWith('knp.default.')).toBe(true);
          expect(Array.isArray(problems)).toBe(true);
        } catch (e) {
          if (!(e instanceof KubernetesConversionError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('kubernetesNetworkPolicyToCalico: strict mode refuses what the API server refuses (the engine uses it)', () => {
  const withSpec = (spec: any) => knp(spec, { name: 'k', namespace: 'x' });
  test.each([
    [
      'an unknown operator',
      { podSelector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] } },
      'spec.podSelector.matchExpressions[0].operator',
    ],
    ['an empty peer', { ingress: [{ from: [{}] }] }, 'spec.ingress[0].from[0]'],
    ['a bad ipBlock', { ingress: [{ from: [{ ipBlock: { cidr: 'x' } }] }] }, 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['an unknown policy type', { policyTypes: ['Both'] }, 'spec.policyTypes[0]'],
    ['protocol ICMP', { ingress: [{ ports: [{ protocol: 'ICMP' }] }] }, 'spec.ingress[0].ports[0].protocol'],
    ['port 0', { ingress: [{ ports: [{ port: 0 }] }] }, 'spec.ingress[0].ports[0].port'],
    ['endPort below port', { egress: [{ ports: [{ port: 90, endPort: 80 }] }] }, 'spec.egress[0].ports[0].endPort'],
  ])('%s: lenient converts it as Calico does, strict throws at the field', (_name, spec, field) => {
    expect(() => kubernetesNetworkPolicyToCalico(withSpec(spec))).not.toThrow();
    let err: unknown;
    try {
      kubernetesNetworkPolicyToCalico(withSpec(spec), { strict: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KubernetesConversionError);
    expect((err as KubernetesConversionError).field).toBe(field);
    expect((err as Error).message).toMatch(/^\[NetworkPolicy x\/k\] .*; fix: \S/);
  });

  test('strict mode converts every case it accepts exactly as lenient mode does', () => {
    // Upstream's cases include input only Go structs can hold (a port "8080" as a string, endPort without port),
    // which the API server refuses: strict mode throws for those, naming the field; the rest convert identically.
    let compared = 0;
    for (const c of CONVERSION_CASES) {
      const lenient = kubernetesNetworkPolicyToCalico(c.input);
      let strict;
      try {
        strict = kubernetesNetworkPolicyToCalico(c.input, { strict: true });
      } catch (e) {
        expect(e).toBeInstanceOf(KubernetesConversionError);
        continue;
      }
      compared++;
      expect(strict.policy).toEqual(lenient.policy);
    }
    expect(compared).toBeGreaterThan(20);
  });
});
