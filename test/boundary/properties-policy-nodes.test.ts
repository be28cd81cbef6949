// Property-based proof of the guarded boundary (issue 11, "Proof") for policies, selectors, nodes and network: for
// every factory and every construct prop of these folders, arbitrary values (fc.anything() and near misses: wrong
// types, numeric strings, NaN, out-of-range numbers, case slips, valid values) give either the library's error with
// where, field and fix, or output that validateManifests accepts with no problem. Never a TypeError, never a
// silently invalid object.
import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import {
  Action,
  BgpConfiguration,
  BgpPeer,
  DenyLogging,
  EncapsulationMode,
  FelixConfiguration,
  FlannelBackend,
  FlannelNetwork,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  HostEndpoint,
  IpipTunnelEndpoints,
  IpPool,
  IpPoolUse,
  KubeControllersConfiguration,
  KubeControllersHostEndpointRbac,
  NetworkPolicy,
  NetworkSet,
  NodeHostEndpoints,
  NodeInventory,
  NodeTrafficDefault,
  Peer,
  PodEncapsulation,
  PolicyType,
  Port,
  Protocol,
  SecuredNodePool,
  Selector,
  StagedAction,
  StagedGlobalNetworkPolicy,
  StagedNetworkPolicy,
  Tier,
  TierDefaultAction,
  TunnelDevice,
} from '../../lib';
import { validateManifests } from '../../lib/validation';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 120) };
const LIB_ERROR = /^\[[^\]]+\] \S.*: .*fix: /s;
/** Every construct under test is created with id `X` in chart `Test`. */
const ID_PATH = 'Test/X';
const JS_FAULTS = [TypeError, RangeError, ReferenceError, SyntaxError];
const x = (v: unknown): any => v;

/** The library's error: `[where] field: ...; fix: ...` (each line of a cdk8s synth failure), never a JS fault. */
function expectLibraryError(e: unknown, where?: string | string[] | RegExp): void {
  if (!(e instanceof Error)) throw new Error(`expected an Error, got ${String(e)}`);
  const message = e.message;
  if (JS_FAULTS.some((c) => e instanceof c) && !message.startsWith('['))
    throw new Error(`a ${e.constructor.name}: ${message}`);
  const synthPrefix = 'Validation failed with the following errors:';
  const parts = message.startsWith(synthPrefix)
    ? message
        .slice(synthPrefix.length)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('['))
    : [message];
  if (parts.length === 0) throw new Error(`no error line in: ${message}`);
  for (const part of parts) {
    if (!LIB_ERROR.test(part)) throw new Error(`not the library's format ([where] field: ...; fix: ...): ${part}`);
    // Item 2: a construct's errors name its path, including those value helpers raise on behalf of a prop.
    if (where instanceof RegExp) {
      if (!where.test(part)) throw new Error(`does not name the API ${where}: ${part}`);
      continue;
    }
    const paths = where === undefined ? undefined : [where].flat();
    if (paths && !paths.some((w) => part.startsWith(`[${w}] `)))
      throw new Error(`does not name the construct path [${paths.join('] or [')}]: ${part}`);
  }
}

/** Outcomes seen by the running test, so that each property proves it reached valid output too (not only errors). */
const seen = { valid: 0, error: 0 };
beforeEach(() => {
  seen.valid = 0;
  seen.error = 0;
});
afterEach(() => {
  // A property that only ever produced errors would prove nothing about the output.
  expect(seen.valid).toBeGreaterThan(0);
  if (process.env.H7_RATIOS)
    process.stdout.write(`${expect.getState().currentTestName}: valid ${seen.valid}, error ${seen.error}\n`);
});

/**
 * Runs `build` (which adds to the chart it gets); either the library's error naming the construct path `where`
 * (the construct the mistake was made on), or a synth validateManifests accepts.
 */
function errorOrValid(build: (c: Chart) => unknown, where: string | string[] = ID_PATH): void {
  const chart = new Chart(Testing.app(), 'Test', { namespace: 'shop' });
  let docs: any[];
  try {
    build(chart);
    docs = Testing.synth(chart);
  } catch (e) {
    expectLibraryError(e, where);
    seen.error++;
    if (process.env.H7_ERRORS)
      process.stdout.write(`ERR ${(e as Error).message.split('\n').slice(0, 2).join(' ').slice(0, 160)}\n`);
    return;
  }
  const problems = validateManifests(docs);
  if (problems.length > 0)
    throw new Error(`synth passed but validateManifests reports: ${JSON.stringify(problems.slice(0, 3))}`);
  seen.valid++;
}

/** A value helper: either the library's error naming the API (`api`), or a value that `use` turns into valid output. */
function valueOrError<T>(make: () => T, use: (c: Chart, v: T) => unknown, api: RegExp): void {
  let v: T;
  try {
    v = make();
  } catch (e) {
    expectLibraryError(e, api);
    seen.error++;
    return;
  }
  errorOrValid((c) => use(c, v));
}

const GENERIC_NEAR: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  true,
  'true',
  'false',
  [],
  {},
  ['x'],
  65536,
  4294967296,
];

/** A prop or argument: its valid values, and its mistakes (its own near misses, generic ones, anything). */
interface Prop {
  readonly valid: fc.Arbitrary<unknown>;
  readonly bad: fc.Arbitrary<unknown>;
}

function prop(valid: fc.Arbitrary<unknown> | unknown[], near: unknown[] = []): Prop {
  const v = Array.isArray(valid) ? (valid.length > 0 ? fc.constantFrom(...valid) : fc.constant(undefined)) : valid;
  return {
    valid: v,
    bad: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...near, ...GENERIC_NEAR) },
      { weight: 1, arbitrary: fc.anything() },
    ),
  };
}

/** An argument's values: valid more often than not, else a mistake (`bad` in 7). */
function arg(p: Prop, bad = 3): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 7 - bad, arbitrary: p.valid }, { weight: bad, arbitrary: p.bad });
}

/** Valid props objects: any subset of the valid values (or `base`, complete valid objects, when given). */
function validProps(
  shape: Record<string, Prop>,
  base?: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const valid: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of Object.keys(shape)) valid[k] = shape[k].valid;
  return base ?? fc.record(valid, { requiredKeys: [] });
}

/** One mistake in one prop of `shape`, as `[key, value]`. */
function mistake(shape: Record<string, Prop>): fc.Arbitrary<readonly [string, unknown]> {
  return fc.constantFrom(...Object.keys(shape)).chain((k) => shape[k].bad.map((v) => [k, v] as const));
}

/**
 * Props objects: valid props, then (half the time) one prop replaced by a mistake and (now and then) a misspelt key,
 * so every prop's mistakes are tried on their own and valid output is reached too.
 */
function propsArb(
  shape: Record<string, Prop>,
  base?: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const misspelt = fc.tuple(
    fc.constantFrom(...keys.map((k) => (k.toLowerCase() === k ? `${k}s` : k.toLowerCase())), 'extra'),
    fc.anything(),
  );
  const sometimes = <T>(a: fc.Arbitrary<T>, weight: number) =>
    fc.oneof({ weight: 8 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary: a });
  return fc
    .tuple(validProps(shape, base), sometimes(mistake(shape), 4), sometimes(misspelt, 1))
    .map(([p, m, extra]) => ({ ...p, ...(m ? { [m[0]]: m[1] } : {}), ...(extra ? { [extra[0]]: extra[1] } : {}) }));
}

/** A nested props object as a prop: valid objects, or one with a mistake inside (or not an object at all). */
function nested(shape: Record<string, Prop>, near: unknown[] = []): Prop {
  const inner = fc.tuple(validProps(shape), mistake(shape)).map(([p, [k, v]]) => ({ ...p, [k]: v }));
  return { valid: validProps(shape), bad: fc.oneof(inner, prop([], near).bad) };
}

const ints = (min: number, max: number) => fc.integer({ min, max });
const portNear = [0, 1, 22, 65535, 65536, -1, 22.5, '22', NaN, Infinity, null];
const SELECTORS = [
  Selector.all(),
  Selector.has('app'),
  Selector.eq('app', 'web'),
  Selector.global(),
  Selector.in('tier', ['a', 'b']),
  Selector.parse('!has(x)'),
];
const selectorP = prop(SELECTORS, ['has(app)', 'app == "web"', 'all()', { app: 'web' }]);
const PEERS = [
  Peer.any(),
  Peer.nets('10.0.0.0/8'),
  Peer.selector(Selector.has('app')),
  Peer.namespace(Selector.all()),
  Peer.globalEndpoints(),
];
const peerP = prop(PEERS, ['10.0.0.0/8', 'app == "web"', Selector.has('a'), { uniqueId: 'x' }]);
const PORTS = [
  Port.tcp(22),
  Port.udp(53),
  Port.tcpRange(30000, 32767),
  Port.named('http'),
  Port.icmp(8),
  Port.protocol(Protocol.ipip()),
  Port.allTraffic(),
];
const portP = prop(PORTS, [22, '22', 'http', Protocol.tcp()]);
const protocolP = prop(
  [Protocol.tcp(), Protocol.udp(), Protocol.icmp(), Protocol.number(47)],
  ['TCP', 'tcp', 6, 'Tcp'],
);
const boolP = prop([true, false], ['true', 'false', 0, 1, 'yes']);
const cidrP = prop(
  ['10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32', '10.0.0.1/32'],
  ['10.0.0.1', '10.0.0.1/8', '10.0.0.0/33', 'fd00::1', 'any'],
);
const cidrListP = prop(fc.array(cidrP.valid, { minLength: 1, maxLength: 3 }), [
  '10.0.0.0/8',
  [10],
  ['10.0.0.1'],
  ['10.0.0.1/8'],
]);
const labelsP = prop(
  [{ team: 'a' }, { 'app.kubernetes.io/name': 'web' }],
  [{ team: 1 }, { 'bad key!': 'x' }, { team: 'a b' }, 'team=a'],
);
const nameP = prop(['custom', 'a-b', 'x1'], ['Custom', 'a_b', 'a.b.c', '-a', 'a'.repeat(300), 7]);
const enumP = (e: Record<string, string>): Prop => {
  const values = Object.values(e);
  return prop(values, [...values.map((v) => v.toLowerCase()), ...values.map((v) => v.toUpperCase()), 'Other']);
};

const inventory = NodeInventory.fromNodes([
  {
    name: 'cp-1',
    labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
    internalIps: ['10.0.0.1'],
    ipipTunnelAddress: '192.168.1.1',
  },
  { name: 'w-1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.2'], ipipTunnelAddress: '192.168.2.1' },
]);

/** A policy to put a value helper's output into. */
function ruleOn(c: Chart, port?: Port, peer: Peer = Peer.any()): void {
  new GlobalNetworkPolicy(c, 'X', { order: 10 }).allowIngress(peer, port);
}

describe('value factories: library error or valid output', () => {
  test('Port.tcp / udp / sctp', () => {
    fc.assert(
      fc.property(fc.constantFrom('tcp', 'udp', 'sctp'), arg(prop(ints(1, 65535), portNear)), (kind, n) => {
        valueOrError(
          () => (Port as any)[kind](n) as Port,
          (c, p) => ruleOn(c, p),
          new RegExp(`^\\[Port\\.${kind}\\] `),
        );
      }),
      RUNS,
    );
  });

  test('Port.tcpPorts / udpPorts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tcpPorts', 'udpPorts'),
        fc.array(arg(prop(ints(1, 65535), portNear)), { maxLength: 3 }),
        (kind, list) => {
          valueOrError(
            () => (Port as any)[kind](...list) as Port,
            (c, p) => ruleOn(c, p),
            new RegExp(`^\\[Port\\.${kind}\\] `),
          );
        },
      ),
      RUNS,
    );
  });

  test('Port.tcpRange / udpRange / sctpRange', () => {
    const n = arg(prop(ints(1, 65535), portNear));
    fc.assert(
      fc.property(fc.constantFrom('tcpRange', 'udpRange', 'sctpRange'), n, n, (kind, a, b) => {
        valueOrError(
          () => (Port as any)[kind](a, b) as Port,
          (c, p) => ruleOn(c, p),
          new RegExp(`^\\[Port\\.${kind}\\] `),
        );
      }),
      RUNS,
    );
  });

  test('Port.protocol / named / icmp / icmpv6 / combine', () => {
    const icmp = arg(prop(fc.option(ints(0, 254), { freq: 3 }), [255, 256, -1, 1.5, '8', NaN]));
    fc.assert(
      fc.property(
        fc.nat(4),
        arg(protocolP),
        arg(prop(['http', 'metrics', 'a-1'], ['HTTP', 'a--b', '-a', '1234', 'x'.repeat(16), 80])),
        icmp,
        icmp,
        fc.array(arg(portP), { maxLength: 3 }),
        fc.boolean(),
        (which, proto, name, type, code, list, withProto) => {
          const make = [
            () => Port.protocol(x(proto)),
            () => Port.named(x(name), withProto ? x(proto) : undefined),
            () => Port.icmp(x(type), x(code)),
            () => Port.icmpv6(x(type), x(code)),
            () => Port.combine(...x(list)),
          ][which];
          valueOrError(make, (c, p) => ruleOn(c, p), /^\[Port\.(protocol|named|icmp|icmpv6|combine)\] /);
        },
      ),
      RUNS,
    );
  });

  test('Protocol.number / named', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        arg(prop(ints(1, 255), [0, 256, '6', 6.5, NaN])),
        arg(prop(['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'], ['tcp', 'Tcp', 'icmpv6', 'ICMPV6', 'http', 6])),
        (byNumber, n, name) => {
          valueOrError(
            () => (byNumber ? Protocol.number(x(n)) : Protocol.named(x(name))),
            (c, p) => ruleOn(c, Port.protocol(p)),
            /^\[Protocol\.(number|named)\] /,
          );
        },
      ),
      RUNS,
    );
  });

  test('Peer.nets / notNets / selector / notSelector / namespace / serviceAccounts / service / and', () => {
    const svcName = arg(prop(['web', 'api-1'], ['Web', '1web', 'a_b', '', 'a.b']));
    fc.assert(
      fc.property(
        fc.nat(7),
        fc.array(arg(cidrP), { maxLength: 3 }),
        arg(selectorP),
        arg(prop(fc.array(nameP.valid, { maxLength: 2 }), ['api', [], ['Bad_SA']])),
        svcName,
        svcName,
        arg(peerP),
        (which, cidrs, sel, names, ns, name, other) => {
          const make = [
            () => Peer.nets(...x(cidrs)),
            () => Peer.notNets(...x(cidrs)),
            () => Peer.selector(x(sel)),
            () => Peer.notSelector(x(sel)),
            () => Peer.namespace(x(sel)),
            () => Peer.serviceAccounts(x(names), x(sel)),
            () => Peer.service(x(ns), x(name)),
            () => Peer.selector(Selector.has('a')).and(x(other)),
          ][which];
          valueOrError(make, (c, p) => ruleOn(c, undefined, p), /^\[Peer\.\w+\] /);
        },
      ),
      RUNS,
    );
  });

  test('Selector.parse and the builders', () => {
    const key = arg(prop(['app', 'a.b/c', 'x-1'], ['', 'a b', 'app:name', 'ü', 5]));
    const value = arg(prop(['web', '', 'a b'], [`it's "x"`, 5, null]));
    const text = arg(
      prop(
        fc.oneof(
          fc.constantFrom('app == "web"', 'has(a)', 'all()', '', 'a in {"x"}'),
          fc.string({
            unit: fc.constantFrom('a', ' ', '=', '!', '(', ')', '"', '&', '|', 'has', 'in', '{', '}', ','),
            maxLength: 16,
          }),
        ),
        ['app = web', 'global()'],
      ),
    );
    fc.assert(
      fc.property(
        fc.nat(11),
        key,
        value,
        arg(prop(fc.array(value, { maxLength: 3 }), ['web'])),
        text,
        fc.array(arg(selectorP), { maxLength: 3 }),
        (which, k, v, values, t, sels) => {
          const make = [
            () => Selector.parse(x(t)),
            () => Selector.has(x(k)),
            () => Selector.eq(x(k), x(v)),
            () => Selector.notEq(x(k), x(v)),
            () => Selector.contains(x(k), x(v)),
            () => Selector.startsWith(x(k), x(v)),
            () => Selector.endsWith(x(k), x(v)),
            () => Selector.in(x(k), x(values)),
            () => Selector.notIn(x(k), x(values)),
            () => Selector.and(...x(sels)),
            () => Selector.or(...x(sels)),
            () => Selector.not(x(sels[0])),
          ][which];
          valueOrError(make, (c, sel) => new GlobalNetworkPolicy(c, 'X', { selector: sel }), /^\[Selector\.\w+\] /);
        },
      ),
      RUNS,
    );
  });

  test('selector.matches takes a label map', () => {
    fc.assert(
      fc.property(arg(prop([{ app: 'web' }, {}], ['app=web', ['app']])), (labels) => {
        try {
          expect(typeof Selector.has('app').matches(x(labels))).toBe('boolean');
          seen.valid++;
        } catch (e) {
          expectLibraryError(e);
          seen.error++;
        }
      }),
      RUNS,
    );
  });
});

describe('policy constructs and methods: library error or valid output', () => {
  const policyShape: Record<string, Prop> = {
    name: nameP,
    labels: labelsP,
    selector: selectorP,
    order: prop(fc.double({ min: -10, max: 1e6, noNaN: true }), ['100', NaN, Infinity]),
    tier: prop([Tier.DEFAULT, Tier.fromTierName('security')], ['security', { tierName: 5 }]),
    types: prop(fc.subarray(Object.values(PolicyType), { minLength: 1 }), ['Ingress', ['ingress'], ['Both']]),
    serviceAccountSelector: selectorP,
  };
  const globalShape = {
    ...policyShape,
    preDnat: boolP,
    applyOnForward: boolP,
    doNotTrack: boolP,
    namespaceSelector: selectorP,
  };

  test('GlobalNetworkPolicy and StagedGlobalNetworkPolicy props', () => {
    fc.assert(
      fc.property(fc.boolean(), propsArb({ ...globalShape, stagedAction: enumP(StagedAction) }), (staged, props) => {
        const { stagedAction, ...rest } = props;
        errorOrValid((c) =>
          staged ? new StagedGlobalNetworkPolicy(c, 'X', x(props)) : new GlobalNetworkPolicy(c, 'X', x(rest)),
        );
      }),
      RUNS,
    );
  });

  test('NetworkPolicy and StagedNetworkPolicy props', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        propsArb({ ...policyShape, namespace: prop(['shop'], ['Shop', 7]), stagedAction: enumP(StagedAction) }),
        (staged, props) => {
          const { stagedAction, ...rest } = props;
          errorOrValid((c) =>
            staged ? new StagedNetworkPolicy(c, 'X', x(props)) : new NetworkPolicy(c, 'X', x(rest)),
          );
        },
      ),
      RUNS,
    );
  });

  test('shorthand rules: peer, port, options', () => {
    const options = propsArb({
      description: prop(['ssh'], [5]),
      ipVersion: prop([4, 6], ['4', 5]),
      localPeer: peerP,
      exceptPorts: portP,
      http: prop([{ methods: ['GET'] }, { exactPaths: ['/'] }], [{ methods: 'GET' }, { paths: ['/'] }]),
    });
    const methods = [
      'allowIngress',
      'denyIngress',
      'passIngress',
      'logIngress',
      'allowEgress',
      'denyEgress',
      'passEgress',
      'logEgress',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        arg(peerP, 1),
        arg(portP, 1),
        fc.option(options),
        (m, peer, port, opts) => {
          errorOrValid((c) => (new GlobalNetworkPolicy(c, 'X', { order: 1 }) as any)[m](peer, port, opts ?? undefined));
        },
      ),
      RUNS,
    );
  });

  test('addIngressRule / addEgressRule', () => {
    const icmp = prop([{ type: 8 }, { type: 3, code: 1 }], [{ code: 1 }, { type: 300 }, { typ: 8 }]);
    const shape: Record<string, Prop> = {
      action: enumP(Action),
      protocol: protocolP,
      notProtocol: protocolP,
      ipVersion: prop([4, 6], ['4']),
      icmp,
      notIcmp: icmp,
      source: peerP,
      destination: peerP,
      sourcePorts: portP,
      destinationPorts: portP,
      destinationNotPorts: portP,
      description: prop(['x'], [1]),
    };
    // Coherent rules (a random mix of protocols and ports is mostly refused), each then given at most one mistake.
    const rules = fc.constantFrom<Record<string, unknown>>(
      { action: Action.ALLOW },
      {
        action: Action.DENY,
        protocol: Protocol.tcp(),
        destinationPorts: Port.tcp(22),
        source: Peer.nets('10.0.0.0/8'),
      },
      { action: Action.ALLOW, protocol: Protocol.icmp(), icmp: { type: 8 } },
      { action: Action.PASS, destination: Peer.selector(Selector.has('app')), notProtocol: Protocol.udp() },
      { action: Action.LOG, source: Peer.any(), sourcePorts: Port.udp(53), ipVersion: 4 },
      {
        action: Action.ALLOW,
        destinationPorts: Port.tcpRange(80, 90),
        destinationNotPorts: Port.tcp(85),
        description: 'x',
      },
    );
    const rule = propsArb(shape, rules);
    fc.assert(
      fc.property(fc.boolean(), rule, (ingress, r) => {
        errorOrValid((c) => {
          const p = new GlobalNetworkPolicy(c, 'X', { order: 1 });
          if (ingress) p.addIngressRule(x(r));
          else p.addEgressRule(x(r));
        });
      }),
      RUNS,
    );
  });

  test('Tier props and Tier.fromTierName', () => {
    fc.assert(
      fc.property(
        propsArb({
          name: nameP,
          labels: labelsP,
          order: prop(ints(-5, 1e6), ['1', NaN]),
          defaultAction: enumP(TierDefaultAction),
        }),
        arg(prop(['security'], ['Security', 'a.b', ''])),
        (props, tierName) => {
          errorOrValid((c) => new Tier(c, 'X', x(props)));
          valueOrError(
            () => Tier.fromTierName(x(tierName)),
            (c, t) => new GlobalNetworkPolicy(c, 'X', { tier: t, order: 1 }),
            /^\[Tier\.fromTierName\] /,
          );
        },
      ),
      RUNS,
    );
  });

  test('DenyLogging props', () => {
    fc.assert(
      fc.property(
        propsArb({
          tier: prop([Tier.DEFAULT], ['default']),
          selector: selectorP,
          ingress: boolP,
          egress: boolP,
          name: nameP,
        }),
        (props) => {
          errorOrValid((c) => {
            new GlobalNetworkPolicy(c, 'Web', { selector: Selector.has('app'), order: 10 }).allowIngress(
              Peer.any(),
              Port.tcp(80),
            );
            new GlobalNetworkPolicy(c, 'Out', { selector: Selector.has('app'), order: 10 }).allowEgress(
              Peer.any(),
              Port.tcp(80),
            );
            new DenyLogging(c, 'X', x(props));
          });
        },
      ),
      RUNS,
    );
  });
});

describe('node constructs: library error or valid output', () => {
  test('SecuredNodePool props (baseline, network, enums)', () => {
    const baseline = nested({
      kubernetes: boolP,
      calico: boolP,
      dns: boolP,
      icmp: boolP,
      hostLocal: boolP,
      nodeToPod: boolP,
      apiServerSources: peerP,
      controlPlaneSelector: selectorP,
      sshFrom: cidrListP,
      nodePortsFrom: peerP,
      nodePortRange: prop(
        [{ from: 30000, to: 32767 }],
        [{ from: 0, to: 1 }, { from: 2, to: 1 }, '30000-32767', { start: 1 }],
      ),
    });
    const network = nested({ encapsulation: enumP(PodEncapsulation), bgp: boolP, wireguard: boolP, typha: boolP });
    const props = propsArb({
      name: nameP,
      selector: selectorP,
      hostEndpoints: prop([NodeHostEndpoints.automatic()], ['automatic']),
      hostEndpointLabels: labelsP,
      policyName: nameP,
      tierName: nameP,
      tierOrder: prop(ints(1, 1000), ['100', NaN]),
      baseline,
      network,
      defaultIngress: enumP(NodeTrafficDefault),
      defaultEgress: enumP(NodeTrafficDefault),
      argoCdSyncWaves: boolP,
    });
    fc.assert(
      fc.property(props, (p) => {
        errorOrValid((c) => new SecuredNodePool(c, 'X', x({ ...p, dangerouslySkipLockoutGuard: true })));
      }),
      RUNS,
    );
  });

  test('pool methods and subsets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('allowIngress', 'allowEgress', 'denyIngress', 'denyEgress'),
        arg(peerP),
        arg(portP),
        fc.boolean(),
        arg(selectorP),
        (m, peer, port, sub, sel) => {
          errorOrValid(
            (c) => {
              const pool = new SecuredNodePool(c, 'X', { dangerouslySkipLockoutGuard: true });
              const scope: any = sub ? pool.subset('Dev', x(sel)) : pool;
              scope[m](peer, port);
            },
            [ID_PATH, `${ID_PATH}/Policies/Dev`],
          );
        },
      ),
      RUNS,
    );
  });

  test('HostEndpoint props', () => {
    const ports = prop(
      [[{ name: 'ssh', port: 22 }], [{ name: 'dns', port: 53, protocol: Protocol.udp() }]],
      [[{ name: 'ssh', port: '22' }], [{ name: 'ssh', port: 22, protocol: 'TCP' }], { name: 'ssh', port: 22 }],
    );
    fc.assert(
      fc.property(
        propsArb({
          name: nameP,
          labels: labelsP,
          interfaceName: prop(['eth0', '*'], ['', 'a'.repeat(20)]),
          expectedIPs: prop([['10.0.0.1'], ['fd00::1']], ['10.0.0.1', ['10.0.0.0/24'], ['x']]),
          profiles: prop([['projectcalico-default-allow']], ['p', [1]]),
          ports,
        }),
        fc.oneof(fc.constant('worker-1'), arg(prop(['worker-1'], ['Worker_1', '']))),
        (props, node) => {
          errorOrValid((c) => new HostEndpoint(c, 'X', x({ node, interfaceName: 'eth0', ...props })));
        },
      ),
      RUNS,
    );
  });

  test('KubeControllersConfiguration props and NodeHostEndpoints options', () => {
    const template = prop(
      [
        { generateName: 'edge' },
        { generateName: 'e', nodeSelector: Selector.has('edge'), interfaceCidrs: ['10.0.0.0/8'] },
      ],
      [{ generateName: 'e', nodeSelector: 'all()' }, {}, { generateName: 'E_1' }],
    );
    const autoShape = {
      createDefaultHostEndpoint: boolP,
      templates: prop(fc.array(template.valid, { maxLength: 2 }), [{ generateName: 'x' }, [{}]]),
    };
    fc.assert(
      fc.property(
        propsArb({
          hostEndpoints: nested({ ...autoShape, autoCreate: boolP }),
          syncLabels: boolP,
          nodeReconcilerPeriod: prop(['5m', '30s'], ['5 minutes', 5]),
          logSeverityScreen: prop(['Info', 'Debug'], ['info', 'Trace']),
        }),
        propsArb({ ...autoShape, rbac: boolP }),
        arg(prop([['eth0'], ['eth0', 'eth1']], ['eth0', []])),
        fc.boolean(),
        (props, opts, interfaces, explicit) => {
          errorOrValid((c) => new KubeControllersConfiguration(c, 'X', x(props)));
          valueOrError(
            () => (explicit ? NodeHostEndpoints.explicit(x({ interfaces })) : NodeHostEndpoints.automatic(x(opts))),
            (c, h) => new SecuredNodePool(c, 'X', { hostEndpoints: h, inventory, dangerouslySkipLockoutGuard: true }),
            /^\[NodeHostEndpoints\.(explicit|automatic)\] /,
          );
        },
      ),
      RUNS,
    );
  });

  test('KubeControllersHostEndpointRbac props', () => {
    fc.assert(
      fc.property(propsArb({ name: nameP, serviceAccountName: nameP, serviceAccountNamespace: nameP }), (props) => {
        errorOrValid((c) => new KubeControllersHostEndpointRbac(c, 'X', x(props)));
      }),
      RUNS,
    );
  });

  test('NodeInventory.fromNodes, IpipTunnelEndpoints', () => {
    const nodeShape = {
      labels: labelsP,
      ipipTunnelAddress: prop(['192.168.9.1'], ['fd00::1', '192.168.9.1/32']),
      bgpIpv4Address: prop(['10.0.0.5/24'], ['10.0.0.5/99', 'fd00::5']),
    };
    const named = fc
      .tuple(
        propsArb(nodeShape),
        arg(prop(['n1'], ['N1', 'a_b', '']), 1),
        arg(prop([['10.0.0.5'], ['10.0.0.6', 'fd00::6']], ['10.0.0.5', [], ['10.0.0.300']]), 1),
      )
      .map(([n, name, internalIps]) => ({ ipipTunnelAddress: '192.168.9.1', ...n, name, internalIps }));
    // A second, valid node, named apart unless the mistake is a duplicate name (now and then).
    const second = validProps(nodeShape).map((n) => ({
      ipipTunnelAddress: '192.168.9.2',
      ...n,
      name: 'n2',
      internalIps: ['10.0.0.7'],
    }));
    const nodesArb = fc
      .tuple(named, fc.option(second), fc.nat(9))
      .map(([a, b, dup]) => (b ? [a, { ...b, name: dup === 0 ? a.name : b.name }] : [a]));
    fc.assert(
      fc.property(
        nodesArb,
        arg(prop([TunnelDevice.IPIP], ['tunl0']), 1),
        fc.option(arg(selectorP, 1)),
        (nodes, device, selector) => {
          valueOrError(
            () => NodeInventory.fromNodes(x(nodes)),
            (c, inv) => new IpipTunnelEndpoints(c, 'X', x({ inventory: inv, device, selector: selector ?? undefined })),
            /^\[NodeInventory\.fromNodes\] /,
          );
        },
      ),
      RUNS,
    );
  });
});

describe('network constructs: library error or valid output', () => {
  test('IpPool and its presets', () => {
    const common: Record<string, Prop> = {
      name: nameP,
      blockSize: prop([26, 24], ['26', 26.5, 19, 33]),
      natOutgoing: boolP,
      disabled: boolP,
      disableBgpExport: boolP,
      nodeSelector: selectorP,
      namespaceSelector: selectorP,
      allowedUses: prop(fc.subarray(Object.values(IpPoolUse), { minLength: 1 }), ['Workload', ['workload'], ['LB']]),
    };
    const cidr = arg(prop(['10.244.0.0/16'], ['10.244.1.0/16', '10.244.0.0', 10]), 1);
    const encapsulated = { ...common, crossSubnet: boolP };
    // Each entry point with the props it takes (a preset refuses the props it sets itself).
    const entries: Array<[Record<string, Prop>, (c: Chart, p: any) => unknown]> = [
      [
        { ...common, ipipMode: enumP(EncapsulationMode), vxlanMode: enumP(EncapsulationMode) },
        (c, p) => new IpPool(c, 'X', p),
      ],
      [common, (c, p) => IpPool.bgp(c, 'X', p)],
      [encapsulated, (c, p) => IpPool.ipip(c, 'X', p)],
      [encapsulated, (c, p) => IpPool.vxlan(c, 'X', p)],
      [{ name: nameP, blockSize: common.blockSize, disabled: boolP }, (c, p) => IpPool.loadBalancer(c, 'X', p)],
    ];
    const entry = fc
      .nat(entries.length - 1)
      .chain((i) => propsArb(entries[i][0]).map((p) => [entries[i][1], p] as const));
    fc.assert(
      fc.property(entry, cidr, ([make, props], c0) => {
        errorOrValid((c) => make(c, { ...props, cidr: c0 }));
      }),
      RUNS,
    );
  });

  test('NetworkSet, GlobalNetworkSet and addNets', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        propsArb({ name: nameP, labels: labelsP }),
        arg(cidrListP, 1),
        fc.array(arg(cidrP, 1), { maxLength: 2 }),
        (global, props, nets, more) => {
          errorOrValid((c) => {
            const set = global
              ? new GlobalNetworkSet(c, 'X', x({ ...props, nets }))
              : new NetworkSet(c, 'X', x({ ...props, nets }));
            if (more.length > 0) set.addNets(...x(more));
          });
        },
      ),
      RUNS,
    );
  });

  test('BgpConfiguration and BgpPeer props', () => {
    const asNumber = prop(ints(0, 4294967295), ['64512', -1, 4294967296, 1.5]);
    fc.assert(
      fc.property(
        propsArb({
          serviceClusterIps: cidrListP,
          serviceExternalIps: cidrListP,
          nodeToNodeMeshEnabled: boolP,
          asNumber,
          listenPort: prop(ints(1, 65535), portNear),
          logSeverityScreen: prop(['Info', 'Debug', 'Fatal'], ['info', 'Verbose']),
        }),
        propsArb({ asNumber, nodeSelector: selectorP, node: prop(['worker-1'], ['W_1']) }),
        arg(prop(['10.0.0.1', '10.0.0.1:179'], ['10.0.0.300', 10])),
        (config, peer, peerIp) => {
          errorOrValid((c) => new BgpConfiguration(c, 'X', x(config)));
          errorOrValid((c) => new BgpPeer(c, 'X', x({ asNumber: 64512, ...peer, peerIp })));
        },
      ),
      RUNS,
    );
  });

  test('FelixConfiguration typed props', () => {
    const entryShape = {
      port: prop(ints(1, 65535), portNear),
      protocol: protocolP,
      net: prop(['10.0.0.0/8'], ['10.0.0.1', 5]),
    };
    const entry = nested(entryShape);
    const defaults = (dir: 'In' | 'Out') =>
      dir === 'In'
        ? FelixConfiguration.defaultFailsafeInboundPorts()
        : FelixConfiguration.defaultFailsafeOutboundPorts();
    const list = (dir: 'In' | 'Out'): Prop => ({
      valid: fc
        .array(
          validProps(entryShape).filter((e) => e.port !== undefined),
          { maxLength: 2 },
        )
        .map((extra) => [...defaults(dir), ...extra]),
      bad: fc.oneof(
        entry.bad.map((e) => [...defaults(dir), e]),
        prop([], [{ port: 22 }, [{ port: '22' }]]).bad,
      ),
    });
    fc.assert(
      fc.property(
        propsArb({
          failsafeInboundHostPorts: list('In'),
          failsafeOutboundHostPorts: list('Out'),
          dangerouslyDisableFailsafePorts: prop([false, undefined], ['yes']),
        }),
        (props) => {
          errorOrValid((c) => new FelixConfiguration(c, 'X', x(props)));
        },
      ),
      RUNS,
    );
  });

  test('FlannelNetwork and FlannelBackend.vxlan', () => {
    const vxlan = propsArb({
      vni: prop(ints(1, 65535), [0, 70000, '1', 1.5]),
      port: prop(ints(1, 65535), portNear),
      directRouting: boolP,
    });
    fc.assert(
      fc.property(
        propsArb({
          subnetLen: prop(ints(18, 30), ['24', 31, 16]),
          hostInterface: prop(['eth1', ''], ['a'.repeat(16)]),
          masquerade: boolP,
          vethMtu: prop([0, 1450], [20, '1450']),
          name: nameP,
          namespace: prop(['kube-system'], ['Kube-System']),
        }),
        vxlan,
        arg(prop(['10.244.0.0/16'], ['10.244.1.0/16', 'fd00::/48', '10.0.0.0/29']), 1),
        (props, opts, network) => {
          valueOrError(
            () => FlannelBackend.vxlan(x(opts)),
            (c, backend) => new FlannelNetwork(c, 'X', x({ ...props, network, backend })),
            /^\[FlannelBackend\.vxlan\] /,
          );
        },
      ),
      RUNS,
    );
  });
});
