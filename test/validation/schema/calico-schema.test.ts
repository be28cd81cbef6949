// projectcalico.org/v3 objects against the CRDs' OpenAPI schemas (ajv), as kube-apiserver validates them.
import { loadCalicoCrds, validateManifests, ValidationProblem } from '../../../lib/validation';
import { calico, crdsDir, lines, schemaProblems, withoutFix } from './helpers';

function check(...docs: any[]): string[] {
  return lines(schemaProblems(validateManifests(docs, { crds: crdsDir() })));
}

function gnp(spec: any, name = 'allow-web'): any {
  return calico('GlobalNetworkPolicy', { selector: 'all()', ...spec }, { name });
}

describe('valid Calico objects', () => {
  test.each([
    [
      'GlobalNetworkPolicy',
      gnp({
        order: 100,
        types: ['Ingress', 'Egress'],
        ingress: [
          {
            action: 'Allow',
            protocol: 'TCP',
            source: { nets: ['10.0.0.0/8'] },
            destination: { ports: [443, 'https', '8000:9000'] },
          },
        ],
        egress: [{ action: 'Deny' }],
      }),
    ],
    [
      'NetworkPolicy',
      calico(
        'NetworkPolicy',
        { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }] },
        { name: 'dns', namespace: 'kube-system' },
      ),
    ],
    [
      'HostEndpoint',
      calico('HostEndpoint', {
        node: 'node-1',
        interfaceName: 'eth0',
        expectedIPs: ['10.0.0.1'],
        ports: [{ name: 'ssh', port: 22, protocol: 'TCP' }],
      }),
    ],
    [
      'IPPool',
      calico('IPPool', {
        cidr: '192.168.0.0/16',
        blockSize: 26,
        ipipMode: 'Never',
        vxlanMode: 'CrossSubnet',
        natOutgoing: true,
      }),
    ],
    ['Tier', calico('Tier', { order: 100, defaultAction: 'Pass' }, { name: 'security' })],
    [
      'BGPConfiguration',
      calico(
        'BGPConfiguration',
        { asNumber: 64512, logSeverityScreen: 'info', serviceClusterIPs: [{ cidr: '10.96.0.0/12' }] },
        { name: 'default' },
      ),
    ],
    [
      'GlobalNetworkSet',
      calico('GlobalNetworkSet', { nets: ['198.51.100.0/24'] }, { name: 'blocked', labels: { role: 'blocked' } }),
    ],
    [
      'FelixConfiguration',
      calico('FelixConfiguration', { routeTableRange: { min: 1, max: 250 }, bpfEnabled: false }, { name: 'default' }),
    ],
  ])('%s', (_kind, doc) => {
    expect(check(doc)).toEqual([]);
  });

  test('every kind of the CRDs compiles and checks a document', () => {
    for (const crd of loadCalicoCrds(crdsDir())) {
      const problems = validateManifests(
        [calico(crd.spec.names.kind, { bogusField: 1 }, { name: 'x', namespace: 'default' })],
        { crds: crdsDir() },
      );
      expect(problems.filter((p) => p.rule === 'schema.internal')).toEqual([]);
      expect(problems).toContainEqual(
        expect.objectContaining({ path: 'spec.bogusField', rule: 'schema.unknown-field' }),
      );
    }
  });

  test('nullable fields accept null', () => {
    const block = (allocations: unknown[]) =>
      calico(
        'IPAMBlock',
        { cidr: '10.0.0.0/30', allocations, unallocated: [1, 2, 3], attributes: [], strictAffinity: false },
        { name: '10-0-0-0-30' },
      );
    expect(check(block([0, null, null, null]))).toEqual([]);
    expect(check(block(['0']))).toEqual([
      'spec.allocations[0]: Invalid value: "0": must be of type integer [schema.type]',
    ]);
  });

  test('a document is not modified by validation (defaults are applied to a copy)', () => {
    const doc = calico('Tier', { order: 100 }, { name: 'security' });
    const before = JSON.stringify(doc);
    expect(check(doc)).toEqual([]);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('schema problems', () => {
  test('wrong type', () => {
    expect(check(gnp({ order: 'first' }))).toEqual([
      'spec.order: Invalid value: "first": must be of type number [schema.type]',
    ]);
    expect(check(gnp({ ingress: { action: 'Allow' } }))).toEqual([
      'spec.ingress: Invalid value: "object": must be of type array [schema.type]',
    ]);
    expect(
      check(
        calico('HostEndpoint', {
          node: 'node-1',
          interfaceName: 'eth0',
          ports: [{ name: 'ssh', port: '22', protocol: 'TCP' }],
        }),
      ),
    ).toEqual(['spec.ports[0].port: Invalid value: "22": must be of type integer [schema.type]']);
  });

  test('bad enum value', () => {
    expect(check(gnp({ ingress: [{ action: 'Accept' }] }))).toEqual([
      'spec.ingress[0].action: Unsupported value: "Accept": supported values: "Allow", "Deny", "Log", "Pass" [schema.enum]',
    ]);
    expect(check(gnp({ types: ['Inbound'] }))).toEqual([
      'spec.types[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress" [schema.enum]',
    ]);
  });

  test('allOf of enums is reported once with the allowed intersection', () => {
    expect(check(calico('Tier', { order: 10, defaultAction: 'Allow' }, { name: 'security' }))).toEqual([
      'spec.defaultAction: Unsupported value: "Allow": supported values: "Pass", "Deny" [schema.enum]',
    ]);
  });

  test('missing required field', () => {
    expect(check(gnp({ ingress: [{ protocol: 'TCP' }] }))).toEqual([
      'spec.ingress[0].action: Required value [schema.required]',
    ]);
    expect(check(calico('IPPool', { blockSize: 26 }))).toEqual(['spec.cidr: Required value [schema.required]']);
    expect(check({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' } })).toEqual([
      'spec: Required value [schema.required]',
    ]);
  });

  test('unknown fields, as strict field validation reports them', () => {
    expect(check(gnp({ selektor: 'all()' }))).toEqual([
      'spec.selektor: unknown field "spec.selektor" [schema.unknown-field]',
    ]);
    expect(check(gnp({ ingress: [{ action: 'Allow', destination: { port: [80] } }] }))).toEqual([
      'spec.ingress[0].destination.port: unknown field "spec.ingress[0].destination.port" [schema.unknown-field]',
    ]);
    expect(check({ ...gnp({}), status: {}, extra: 1 })).toEqual([
      'extra: unknown field "extra" [schema.unknown-field]',
      'status: unknown field "status" [schema.unknown-field]',
    ]);
  });

  test('int-or-string accepts integers and strings, nothing else', () => {
    expect(
      check(
        gnp({
          ingress: [
            { action: 'Allow', protocol: 6, destination: { ports: [80, 'http', '1000:2000'] } },
            { action: 'Allow', protocol: 'UDP' },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      check(gnp({ ingress: [{ action: 'Allow', protocol: true, destination: { ports: [80.5, { port: 1 }] } }] })),
    ).toEqual([
      'spec.ingress[0].destination.ports[0]: Invalid value: 80.5: must be of type integer or string [schema.type]',
      'spec.ingress[0].destination.ports[1]: Invalid value: "object": must be of type integer or string [schema.type]',
      'spec.ingress[0].protocol: Invalid value: true: must be of type integer or string [schema.type]',
    ]);
  });

  test('maxItems, minimum/maximum, pattern, format', () => {
    const methods = Array.from({ length: 21 }, (_, i) => `M${i}`);
    expect(check(gnp({ ingress: [{ action: 'Allow', http: { methods } }] }))).toEqual([
      'spec.ingress[0].http.methods: Too many: 21: must have at most 20 items [schema.max-items]',
    ]);
    expect(check(gnp({ types: ['Ingress', 'Egress', 'Ingress'] }))).toEqual([
      'spec.types: Too many: 3: must have at most 2 items [schema.max-items]',
      'spec.types[2]: Duplicate value: "Ingress" [schema.duplicate]',
    ]);
    expect(check(gnp({ ingress: [{ action: 'Allow', protocol: 'ICMP', icmp: { type: 255, code: -1 } }] }))).toEqual([
      'spec.ingress[0].icmp.code: Invalid value: -1: should be greater than or equal to 0 [schema.minimum]',
      'spec.ingress[0].icmp.type: Invalid value: 255: should be less than or equal to 254 [schema.maximum]',
    ]);
    expect(
      check(
        calico('BGPConfiguration', { communities: [{ name: 'c', value: 'not-a-community' }] }, { name: 'default' }),
      ),
    ).toEqual([
      'spec.communities[0].value: Invalid value: "not-a-community": should match \'^(\\d+):(\\d+)$|^(\\d+):(\\d+):(\\d+)$\' [schema.pattern]',
    ]);
    expect(check(calico('IPPool', { cidr: '10.0.0.0/33' }))).toEqual([
      'spec.cidr: Invalid value: "10.0.0.0/33": must be of format cidr [schema.format]',
    ]);
  });

  // kube-openapi validate/type.go compares JSON types only; apiextensions formats.go keeps int32/int64 on integers but
  // no validator reads them, so kube-apiserver stores values beyond the format's range.
  test.each([
    [
      'asNumber 4200000000 (BGPConfiguration, format int32)',
      calico('BGPConfiguration', { asNumber: 4200000000 }, { name: 'default' }),
    ],
    [
      'asNumber 4200000000 (BGPPeer, format int32)',
      calico('BGPPeer', { peerIP: '192.0.2.1', asNumber: 4200000000 }, { name: 'rr' }),
    ],
    [
      "Felix's default iptablesMarkMask 4294901760 (format int32)",
      calico('FelixConfiguration', { iptablesMarkMask: 4294901760, nftablesMarkMask: 4294901760 }, { name: 'default' }),
    ],
    [
      "asNumber 4294967296 (the range rule is Calico's, not the schema's)",
      calico('BGPConfiguration', { asNumber: 4294967296 }, { name: 'default' }),
    ],
  ])('numeric formats are not range-checked, as kube-apiserver does not: %s', (_name, doc) => {
    expect(check(doc)).toEqual([]);
  });

  test("numeric formats pass validateManifests end to end; Calico's own uint32 rules still apply", () => {
    const ok = [
      calico('BGPConfiguration', { asNumber: 4200000000 }, { name: 'default' }),
      calico('BGPPeer', { peerIP: '192.0.2.1', asNumber: 4200000000, localASNumber: 4200000001 }, { name: 'rr' }),
      calico('FelixConfiguration', { iptablesMarkMask: 4294901760 }, { name: 'default' }),
    ];
    expect(lines(validateManifests(ok, { crds: crdsDir() }))).toEqual([]);
    const tooBig = validateManifests([calico('BGPConfiguration', { asNumber: 4294967296 }, { name: 'default' })], {
      crds: crdsDir(),
    });
    expect(tooBig.map((p) => `${p.path} [${p.rule}]`)).toEqual(['spec.asNumber [calico.bgp.as-number]']);
  });

  test('RE2 inline flags in patterns are honoured: (?i) makes the match case-insensitive', () => {
    expect(check(calico('BGPConfiguration', { logSeverityScreen: 'DEBUG' }, { name: 'default' }))).toEqual([]);
    expect(check(calico('BGPConfiguration', { logSeverityScreen: 'Verbose' }, { name: 'default' }))).toEqual([
      'spec.logSeverityScreen: Invalid value: "Verbose": should match \'^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$\' [schema.pattern]',
    ]);
  });

  test('list-type set: duplicates are rejected', () => {
    expect(check(gnp({ ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8', '10.0.0.0/8'] } }] }))).toEqual([
      'spec.ingress[0].source.nets[1]: Duplicate value: "10.0.0.0/8" [schema.duplicate]',
    ]);
  });

  test('null of a non-nullable field is pruned, not reported; a defaulted one gets its default', () => {
    expect(check(gnp({ order: null, ingress: null }))).toEqual([]);
    // a null in a list is not pruned
    expect(check(gnp({ types: [null] }))).toEqual([
      'spec.types[0]: Invalid value: null: must be of type string [schema.type]',
    ]);
  });

  test('metadata: name required, ObjectMeta field types and unknown fields', () => {
    expect(check(calico('Tier', { order: 1 }, {} as any))).toEqual([
      'metadata.name: Required value: name or generateName is required [schema.metadata]',
    ]);
    expect(check(calico('Tier', { order: 1 }, { generateName: 'tier-' }))).toEqual([]);
    expect(check(calico('Tier', { order: 1 }, { name: 'security', labels: { a: 1 }, owner: 'me' }))).toEqual([
      'metadata.labels.a: Invalid value: 1: must be of type string [schema.metadata]',
      'metadata.owner: unknown field "metadata.owner" [schema.metadata]',
    ]);
    expect(check({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: 'security', spec: {} })).toEqual([
      'metadata: Invalid value: "security": must be of type object [schema.type]',
    ]);
    expect(check({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', spec: {} })).toEqual([
      'metadata: Required value [schema.required]',
    ]);
  });
});

describe('API versions and kinds', () => {
  test('crd.projectcalico.org/v1 is refused with a fix', () => {
    const problems = validateManifests(
      [{ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'x' }, spec: {} }],
      { crds: crdsDir() },
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'GlobalNetworkPolicy',
        name: 'x',
        path: 'apiVersion',
        rule: 'calico.api-version',
      }),
    );
    expect(problems.find((p) => p.rule === 'calico.api-version')!.message).toMatch(
      /only projectcalico\.org\/v3 .*fix: set apiVersion: projectcalico\.org\/v3/,
    );
  });

  test('other projectcalico.org versions are refused', () => {
    expect(check({ apiVersion: 'projectcalico.org/v1', kind: 'Tier', metadata: { name: 'x' }, spec: {} })).toEqual([
      'apiVersion: Unsupported value: "projectcalico.org/v1": only projectcalico.org/v3 is emitted and accepted [calico.api-version]',
    ]);
  });

  test('a Calico kind under a Kubernetes apiVersion is a mismatch; a same-named Kubernetes kind is not', () => {
    expect(check({ apiVersion: 'v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'x' }, spec: {} })).toEqual([
      'apiVersion: Invalid value: "v1": GlobalNetworkPolicy is a Calico kind, not a v1 kind [calico.api-version]',
    ]);
    expect(
      check({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'x', namespace: 'default' },
        spec: { podSelector: {} },
      }),
    ).toEqual([]);
  });

  test('an unknown projectcalico.org/v3 kind is reported with the known kinds', () => {
    const out = check({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolcy',
      metadata: { name: 'x' },
      spec: {},
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^kind: Unsupported value: "GlobalNetworkPolcy": not a projectcalico\.org\/v3 kind; supported values: .*"GlobalNetworkPolicy".*\[schema\.kind\]$/,
    );
  });
});

describe('bad input never throws', () => {
  test('null, non-objects, missing kind and apiVersion', () => {
    const problems = validateManifests(
      [
        null,
        undefined,
        42,
        'text',
        [],
        { apiVersion: 'v1' },
        { kind: 'Namespace' },
        { kind: 7, apiVersion: 'v1' },
      ] as any[],
      { crds: crdsDir() },
    );
    expect(problems.map((p) => `${p.kind}/${p.name} ${p.path}: ${withoutFix(p.message)} [${p.rule}]`)).toEqual([
      '<unknown>/<unnamed> : document 0 is null; expected a Kubernetes object [schema.document]',
      '<unknown>/<unnamed> : document 1 is undefined; expected a Kubernetes object [schema.document]',
      '<unknown>/<unnamed> : document 2 is a number; expected a Kubernetes object [schema.document]',
      '<unknown>/<unnamed> : document 3 is a string; expected a Kubernetes object [schema.document]',
      '<unknown>/<unnamed> : document 4 is an array; expected a Kubernetes object [schema.document]',
      '<unknown>/<unnamed> kind: Required value: every object needs a kind [schema.document]',
      'Namespace/<unnamed> apiVersion: Required value: every object needs an apiVersion [schema.document]',
      '<unknown>/<unnamed> kind: Invalid value: 7: kind must be a non-empty string [schema.document]',
    ]);
  });

  test('not an array', () => {
    expect(validateManifests({} as any)).toEqual([
      expect.objectContaining({
        rule: 'schema.document',
        message:
          'expected an array of documents, got an empty object; fix: pass the parsed documents as an array (wrap a single object: [doc])',
      }),
    ]);
  });

  test('List documents are expanded; their bad items are reported', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [gnp({ order: 'x' }, 'a'), null, calico('Tier', { order: 1 }, { name: 'b' })],
    };
    expect(
      validateManifests([list], { crds: crdsDir() })
        .filter((p) => p.rule.startsWith('schema.'))
        .map((p) => `${p.kind}/${p.name} ${p.path}: ${withoutFix(p.message)}`),
    ).toEqual([
      'GlobalNetworkPolicy/a spec.order: Invalid value: "x": must be of type number',
      '<unknown>/<unnamed> : document 0 items[1] is null; expected a Kubernetes object',
    ]);
    const typedList = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicyList',
      items: [gnp({ order: 'x' }, 'c')],
    };
    expect(check(typedList)).toEqual(['spec.order: Invalid value: "x": must be of type number [schema.type]']);
    expect(check({ apiVersion: 'v1', kind: 'List' })).toEqual([
      'items: Required value: a List needs an items array [schema.document]',
    ]);
  });
});

describe('problem order and identity', () => {
  test('document order, then path order (indexes numerically), with kind, name and namespace', () => {
    const ingress = Array.from({ length: 12 }, () => ({ action: 'Nope' }));
    const docs = [
      calico('NetworkPolicy', { selector: 'all()', ingress }, { name: 'np', namespace: 'team-a' }),
      gnp({ order: 'x', selektor: 1 }, 'second'),
    ];
    const problems: ValidationProblem[] = schemaProblems(validateManifests(docs, { crds: crdsDir() }));
    expect(problems.slice(0, 12).map((p) => p.path)).toEqual(ingress.map((_, i) => `spec.ingress[${i}].action`));
    expect(problems[0]).toEqual(expect.objectContaining({ kind: 'NetworkPolicy', name: 'np', namespace: 'team-a' }));
    expect(problems.slice(12).map((p) => `${p.name} ${p.path}`)).toEqual(['second spec.order', 'second spec.selektor']);
    expect(problems[12].namespace).toBeUndefined();
    // same input, same output
    expect(schemaProblems(validateManifests(docs, { crds: crdsDir() }))).toEqual(problems);
  });
});

describe('CRD sources', () => {
  test('already-parsed CRDs work like the directory', () => {
    const crds = loadCalicoCrds(crdsDir());
    expect(crds).toHaveLength(22);
    const doc = gnp({ order: 'x' });
    expect(validateManifests([doc], { crds })).toEqual(validateManifests([doc], { crds: crdsDir() }));
  });

  test('a CRD set without the kind reports the kind as unknown', () => {
    const tierOnly = loadCalicoCrds(crdsDir()).filter((c) => c.spec.names.kind === 'Tier');
    expect(lines(validateManifests([gnp({})], { crds: tierOnly }).filter((p) => p.rule === 'schema.kind'))).toEqual([
      'kind: Unsupported value: "GlobalNetworkPolicy": not a projectcalico.org/v3 kind; supported values: "Tier" [schema.kind]',
    ]);
  });

  test('a missing CRD directory is a configuration error (thrown), but only when a Calico object needs it', () => {
    expect(() => validateManifests([gnp({})], { crds: '/nonexistent/crds' })).toThrow(/does not exist/);
    expect(
      validateManifests([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], {
        crds: '/nonexistent/crds',
      }),
    ).toEqual([]);
  });
});

describe('cross-object rules', () => {
  const gnp = (name: string) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name },
    spec: { selector: 'all()', types: ['Ingress'] },
  });
  const pool = (name: string, cidr: string) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name },
    spec: { cidr },
  });
  test('the same object twice is reported once, on the second', () => {
    const problems = validateManifests([gnp('a'), gnp('b'), gnp('a')]);
    expect(problems.map((p) => `${p.name} ${p.rule}`)).toEqual(['a calico.object.duplicate']);
  });
  test('overlapping IP pools are reported, also inside a List', () => {
    const problems = validateManifests([
      { apiVersion: 'v1', kind: 'List', items: [pool('a', '10.244.0.0/16'), pool('b', '10.244.128.0/17')] },
    ]);
    expect(problems.filter((p) => p.rule === 'calico.ippool.overlap').length).toBeGreaterThan(0);
    expect(validateManifests([pool('a', '10.244.0.0/16'), pool('b', '10.245.0.0/16')])).toEqual([]);
  });
});
