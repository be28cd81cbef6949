// A ClusterNetworkPolicy is checked against the vendored standard-channel CRD exactly as kube-apiserver checks a custom
// resource: one failing object per constraint of the CRD's spec (every `required`, `enum`, `minimum`/`maximum`,
// `minItems`/`maxItems`, `minProperties`/`maxProperties`, `maxLength`, `x-kubernetes-list-type: set` and CEL rule,
// enumerated from the CRD itself so that a constraint without a case fails the test), plus types and unknown fields.
import { compileCelExpression, listCelRules } from '../../../lib/validation';
import { CalicoKindSchema, createAjv } from '../../../lib/validation/schema/crd-schema-validator';
import { clusterNetworkPolicySchema } from '../../../lib/validation/schema/network-policy-api-crds';
import { basePolicies, clone, getAt, policy, problemsOf, render, setAt } from './helpers';

interface Constraint {
  /** Schema location, `[*]` for list items. */
  readonly at: string;
  readonly keyword: string;
  readonly value: any;
}

/** Every constraint of the CRD's `spec`, as written in the vendored standard-channel file. */
function constraints(): Constraint[] {
  const out: Constraint[] = [];
  const walk = (s: any, at: string): void => {
    for (const keyword of ['required', 'enum', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties']) {
      if (s[keyword] !== undefined) out.push({ at, keyword, value: s[keyword] });
    }
    for (const keyword of ['maxProperties', 'maxLength', 'pattern', 'minLength']) {
      if (s[keyword] !== undefined) out.push({ at, keyword, value: s[keyword] });
    }
    if (s['x-kubernetes-list-type'] === 'set') out.push({ at, keyword: 'set', value: true });
    for (const rule of s['x-kubernetes-validations'] ?? []) out.push({ at, keyword: 'cel', value: rule.rule });
    for (const [name, child] of Object.entries<any>(s.properties ?? {})) walk(child, `${at}.${name}`);
    if (s.items) walk(s.items, `${at}[*]`);
  };
  walk(clusterNetworkPolicySchema('standard').schema.properties.spec, 'spec');
  return out;
}

/** Concrete paths of the base policies matching a schema location, with the policy that holds them. */
function instancesOf(at: string): Array<{ doc: any; path: string }> {
  const out: Array<{ doc: any; path: string }> = [];
  for (const doc of basePolicies()) {
    const expand = (prefix: string, rest: string[]): void => {
      if (rest.length === 0) {
        if (getAt(doc, prefix) !== undefined) out.push({ doc, path: prefix });
        return;
      }
      const [head, ...tail] = rest;
      if (head === '[*]') {
        const list = getAt(doc, prefix);
        if (Array.isArray(list)) list.forEach((_, i) => expand(`${prefix}[${i}]`, tail));
      } else {
        expand(prefix ? `${prefix}.${head}` : head, tail);
      }
    };
    expand('', at.split(/\.|(?=\[\*\])/));
  }
  return out;
}

/** A value valid at the same schema location as `path` (taken from the base policies), for maxItems/maxProperties. */
function exampleAt(at: string): any {
  const first = instancesOf(at)[0];
  return first ? clone(getAt(first.doc, first.path)) : undefined;
}

const RULE_OF: Record<string, string> = {
  required: 'schema.required',
  enum: 'schema.enum',
  minimum: 'schema.minimum',
  maximum: 'schema.maximum',
  minItems: 'schema.min-items',
  maxItems: 'schema.max-items',
  minProperties: 'schema.min-properties',
  maxProperties: 'schema.max-properties',
  maxLength: 'schema.max-length',
  set: 'schema.duplicate',
  cel: 'cel',
};

/** The CEL cases: values only the rule catches (the schema's types and limits accept them). */
const CEL_BREAKERS: Record<string, unknown> = {
  'isCIDR(self)': '10.0.0.0',
  'self.start < self.end': { start: 8080, end: 8080 },
};

/** Breaks `c` at `path` of `doc`; returns the path and rule of the problem that must follow. */
function breakAt(doc: any, path: string, c: Constraint): Array<{ path: string; rule: string }> {
  const node = getAt(doc, path);
  const rule = RULE_OF[c.keyword];
  switch (c.keyword) {
    case 'required':
      return (c.value as string[]).map((field) => {
        setAt(doc, `${path}.${field}`, undefined);
        return { path: `${path}.${field}`, rule };
      });
    case 'enum':
      setAt(doc, path, String(node).toLowerCase()); // enums are case-sensitive
      break;
    case 'minimum':
      setAt(doc, path, c.value - 1);
      break;
    case 'maximum':
      setAt(doc, path, c.value + 1);
      break;
    case 'minItems':
      setAt(doc, path, []);
      break;
    case 'maxItems':
      setAt(
        doc,
        path,
        Array.from({ length: c.value + 1 }, (_, i) => (typeof node[0] === 'string' ? `10.${i}.0.0/16` : node[0])),
      );
      break;
    case 'minProperties':
      setAt(doc, path, {});
      break;
    case 'maxProperties': {
      const at = c.at;
      const schema = schemaAt(at);
      const extra = Object.keys(schema.properties).find((k) => !(k in node) && exampleAt(`${at}.${k}`) !== undefined)!;
      setAt(doc, path, { ...node, [extra]: exampleAt(`${at}.${extra}`) });
      break;
    }
    case 'maxLength':
      setAt(doc, path, 'a'.repeat(c.value + 1));
      break;
    case 'set':
      setAt(doc, path, [node[0], node[0]]);
      return [{ path: `${path}[1]`, rule }];
    case 'cel':
      setAt(doc, path, CEL_BREAKERS[c.value]);
      break;
    default:
      throw new Error(`no breaker for ${c.keyword}`);
  }
  return [{ path, rule }];
}

function schemaAt(at: string): any {
  let s = clusterNetworkPolicySchema('standard').schema;
  for (const part of at.split(/\.|(?=\[\*\])/)) s = part === '[*]' ? s.items : s.properties[part];
  return s;
}

describe('every constraint of the standard-channel ClusterNetworkPolicy CRD fails the object that breaks it', () => {
  test('the base policies are valid', () => {
    for (const doc of basePolicies()) expect(render(problemsOf(doc))).toEqual([]);
  });

  const all = constraints();
  test('the CRD has the constraints the fact sheet lists (and this test covers them all)', () => {
    expect(all.length).toBeGreaterThan(100);
    const keywords = new Set(all.map((c) => c.keyword));
    expect([...keywords].sort()).toEqual(
      [
        'cel',
        'enum',
        'maxItems',
        'maxLength',
        'maxProperties',
        'maximum',
        'minItems',
        'minProperties',
        'minimum',
        'required',
        'set',
      ].sort(),
    );
    expect(all.filter((c) => c.keyword === 'cel').map((c) => c.value)).toEqual(
      expect.arrayContaining(['isCIDR(self)', 'self.start < self.end']),
    );
  });

  test.each(all.map((c) => [`${c.at} ${c.keyword} ${JSON.stringify(c.value)}`, c] as const))('%s', (_, c) => {
    const places = instancesOf(c.at);
    expect(places.length).toBeGreaterThan(0); // the base policies hold the location
    const { doc, path } = places[0];
    const broken = clone(doc);
    const expected = breakAt(broken, path, c);
    const found = problemsOf(broken);
    for (const e of expected) {
      expect(found.map((p) => `${p.path} [${p.rule}]`)).toContain(`${e.path} [${e.rule}]`);
    }
    for (const p of found) expect(p.message).toMatch(/; fix: \S/);
  });
});

describe('types, integers and unknown fields', () => {
  test.each([
    ['priority as a string', { priority: '5' }, 'spec.priority [schema.type]'],
    ['priority not an integer', { priority: 1.5 }, 'spec.priority [schema.type]'],
    ['tier not a string', { tier: 1 }, 'spec.tier [schema.type]'],
    ['ingress not a list', { ingress: { action: 'Deny' } }, 'spec.ingress [schema.type]'],
    ['an unknown spec field', { priorty: 5 }, 'spec.priorty [schema.unknown-field]'],
    [
      'networks on an ingress peer (egress only)',
      { ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] },
      'spec.ingress[0].from[0].networks [schema.unknown-field]',
    ],
    [
      'nodes on the standard channel',
      { egress: [{ action: 'Deny', to: [{ nodes: {} }] }] },
      'spec.egress[0].to[0].nodes [schema.unknown-field]',
    ],
    [
      'domainNames on the standard channel',
      { egress: [{ action: 'Accept', to: [{ domainNames: ['example.com'] }] }] },
      'spec.egress[0].to[0].domainNames [schema.unknown-field]',
    ],
    [
      'the old v1alpha1 ports field',
      {
        egress: [{ action: 'Deny', to: [{ namespaces: {} }], ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] }],
      },
      'spec.egress[0].ports [schema.unknown-field]',
    ],
    [
      'Allow (v1alpha1) instead of Accept',
      { ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] },
      'spec.ingress[0].action [schema.enum]',
    ],
  ])('%s', (_, spec, expected) => {
    const found = problemsOf(policy(spec as Record<string, unknown>)).map((p) => `${p.path} [${p.rule}]`);
    expect(found).toContain(expected);
  });

  test('an unknown field names the closest declared one, and a nodes peer says why and what to use instead', () => {
    expect(render(problemsOf(policy({ priorty: 5 })))).toContain(
      'spec.priorty [schema.unknown-field] unknown field "spec.priorty"; fix: did you mean "priority"? (remove spec.priorty or rename it)',
    );
    const nodes = render(problemsOf(policy({ egress: [{ action: 'Deny', to: [{ nodes: {} }] }] })));
    expect(nodes).toHaveLength(1); // one problem: the Calico conversion of the same peer is not reported again
    expect(nodes[0]).toMatch(
      /experimental channel .* standard channel.* fix: list the nodes' addresses in a networks peer/,
    );
  });

  test('exactly-one-of objects say which fields to choose from', () => {
    const both = render(problemsOf(policy({ subject: { namespaces: {}, pods: { podSelector: {} } } })));
    expect(both).toEqual([
      'spec.subject [schema.max-properties] Too many: 2: must have at most 1 items; fix: set exactly one of namespaces or pods in spec.subject',
    ]);
    const empty = render(problemsOf(policy({ egress: [{ action: 'Deny', to: [{}] }] })));
    expect(empty).toEqual([
      'spec.egress[0].to[0] [schema.min-properties] Invalid value: 0: should have at least 1 properties; fix: set exactly one of namespaces, pods or networks in spec.egress[0].to[0]',
    ]);
  });
});

describe('CEL rules', () => {
  // isCIDR is k8s.io/apiserver/pkg/cel/library/cidr.go: netip.ParsePrefix (a prefix length is mandatory, no leading
  // zeros, at most 32/128 bits, no zone) and no IPv4-mapped IPv6. The first four are the examples of its doc comment.
  test.each([
    ['192.168.0.0/16', true],
    ['::1/128', true],
    ['192.168.0.0/33', false],
    ['::1/129', false],
    ['::ffff:1.2.3.4/24', false], // IPv4-mapped IPv6 (cidr.go doc comment)
    ['010.0.0.0/8', false], // leading zero in an octet (cidr.go doc comment)
    ['10.0.0.0', false], // no prefix length
    ['10.0.0.0/08', false], // netip: "bad bits after slash" (leading zero)
    ['fe80::1%eth0/64', false], // netip: zones are not allowed in a prefix
    ['10.1.2.3/8', true], // host bits after the mask are accepted (netip.ParsePrefix)
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['2001:DB8::/32', true],
  ])('isCIDR(%j) is %s', (cidr, valid) => {
    const found = render(problemsOf(policy({ egress: [{ action: 'Deny', to: [{ networks: [cidr] }] }] })));
    expect(found).toEqual(
      valid
        ? []
        : [
            'spec.egress[0].to[0].networks[0] [cel] Invalid CIDR format provided; fix: write an IPv4 or IPv6 CIDR with ' +
              'its prefix length, e.g. 10.0.0.0/8 or 10.1.2.3/32 (no leading zeros in IPv4 octets, no IPv4-mapped IPv6)',
          ],
    );
  });

  test.each([
    [1, 2, true],
    [80, 80, false], // start == end is rejected
    [8080, 80, false],
  ])('range %i-%i valid: %s', (start, end, valid) => {
    const doc = policy({
      ingress: [
        {
          action: 'Accept',
          from: [{ namespaces: {} }],
          protocols: [{ udp: { destinationPort: { range: { start, end } } } }],
        },
      ],
    });
    expect(render(problemsOf(doc))).toEqual(
      valid
        ? []
        : [
            'spec.ingress[0].protocols[0].udp.destinationPort.range [cel] Start port must be less than End port; fix: make ' +
              'start smaller than end (for a single port, use number)',
          ],
    );
  });

  test('every CEL rule of both channels compiles for the Kubernetes CEL environment (none is skipped)', () => {
    for (const channel of ['standard', 'experimental'] as const) {
      const rules = listCelRules(clusterNetworkPolicySchema(channel).schema);
      // start < end on the tcp, udp and sctp ranges of both directions, isCIDR on networks; experimental: + one per
      // egress rule (no named port with networks, nodes or domainNames peers).
      expect(rules.length).toBe(channel === 'standard' ? 7 : 8);
      for (const r of rules) {
        const compiled = compileCelExpression(r.rule);
        expect([r.schemaPath, compiled.error, compiled.usesOldSelf]).toEqual([r.schemaPath, undefined, false]);
      }
    }
  });

  test('each CEL rule is what catches its case: the same object passes a copy of the CRD without the rule', () => {
    const schema = clusterNetworkPolicySchema('standard');
    const cases: Array<[string, any]> = [
      ['isCIDR(self)', policy({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0'] }] }] })],
      [
        'self.start < self.end',
        policy({
          egress: [
            {
              action: 'Deny',
              to: [{ namespaces: {} }],
              protocols: [{ sctp: { destinationPort: { range: { start: 9, end: 9 } } } }],
            },
          ],
        }),
      ],
    ];
    for (const [rule, doc] of cases) {
      expect(schema.validate(doc).map((i) => i.rule)).toEqual(['cel']);
      const withoutRule = clone(schema.schema);
      const strip = (s: any): void => {
        if (!s || typeof s !== 'object') return;
        if (Array.isArray(s['x-kubernetes-validations'])) {
          s['x-kubernetes-validations'] = s['x-kubernetes-validations'].filter((r: any) => r.rule !== rule);
        }
        Object.values(s).forEach(strip);
      };
      strip(withoutRule);
      const bare = new CalicoKindSchema('ClusterNetworkPolicy', false, withoutRule, createAjv());
      expect(bare.validate(doc)).toEqual([]);
    }
  });
});

describe('status and metadata as kube-apiserver handles a cluster-scoped custom resource', () => {
  test('status is dropped on create (status subresource): only its unknown fields are reported', () => {
    const withStatus = policy({}, { status: { conditions: [{ type: 7 }] } });
    expect(render(problemsOf(withStatus))).toEqual([]);
    const unknown = policy({}, { status: { conditions: [], phase: 'x' } });
    expect(render(problemsOf(unknown)).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'status.phase [schema.unknown-field]',
    ]);
  });

  test('metadata.namespace is cleared on a cluster-scoped object, not refused', () => {
    expect(render(problemsOf(policy({}, { metadata: { name: 'guard', namespace: 'shop' } })))).toEqual([]);
  });

  test.each([
    ['Bad_Name', 'metadata.name [k8s.validation]', /did you mean "bad-name"\?/],
    ['a'.repeat(254), 'metadata.name [k8s.validation]', /must be no more than 253 characters/],
    ['a/b', 'metadata.name [k8s.validation]', /RFC 1123 subdomain/],
  ])(
    'name %j is not a DNS-1123 subdomain (NameIsDNSSubdomain, as for every custom resource)',
    (name, where, message) => {
      const found = problemsOf(policy({}, { metadata: { name } }));
      expect(found.map((p) => `${p.path} [${p.rule}]`)).toContain(where);
      expect(found.find((p) => p.path === 'metadata.name')!.message).toMatch(message);
    },
  );

  test('a missing name, an unknown metadata field and a bad label are reported', () => {
    expect(render(problemsOf(policy({}, { metadata: {} }))).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'metadata.name [schema.metadata]',
    ]);
    expect(problemsOf(policy({}, { metadata: { name: 'x', generateName: 'guard-' } }))).toEqual([]);
    const found = problemsOf(policy({}, { metadata: { name: 'x', labels: { 'bad key': 'v' }, nmae: 'y' } }));
    expect(found.map((p) => `${p.path} [${p.rule}]`).sort()).toEqual([
      'metadata.labels [k8s.validation]',
      'metadata.nmae [schema.metadata]',
    ]);
  });
});
