// Property-based proof of the guarded boundary (issue 11 items 1, 2 and 8) for the service-exposure and access
// constructs and factories: for arbitrary and near-miss values of every prop and argument, either the library refuses
// with `[path] field: ...; fix: ...` (never a TypeError), or what it synthesizes passes validateManifests.
import { App, Chart, Testing } from 'cdk8s';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { NodeInventory, Peer, Selector, Tier } from '../../lib';
import {
  AccessRole,
  ClusterUser,
  generateClientCredentials,
  NetworkPeer,
  NetworkPort,
  SecureNamespace,
  Subject,
} from '../../lib/access';
import { KubeNetworkPolicy } from '../../lib/policy/kubernetes';
import { BgpServiceAdvertisement, ExposedClusterIpService, ServiceExposureFoundation } from '../../lib/services';
import { formatProblem, validateManifests } from '../../lib/validation';

const RUNS = { numRuns: 200 };
const LIBRARY_ERROR = /^\[[^\]]+\] \S.*: .*fix: /s;
const JS_FAULTS = [TypeError, RangeError, ReferenceError, SyntaxError];

/** A library error: `[where] field: ...; fix: ...`, or cdk8s' synth validation listing such lines. */
function assertLibraryError(e: unknown): void {
  if (!(e instanceof Error)) throw new Error(`threw a non-Error: ${String(e)}`);
  const fault = JS_FAULTS.find((c) => e instanceof c && !LIBRARY_ERROR.test(e.message));
  if (fault) throw new Error(`a ${fault.name}: ${e.message}`);
  const synth = /^Validation failed with the following errors:\n/.exec(e.message);
  const lines = synth
    ? e.message
        .slice(synth[0].length)
        .split('\n  ')
        .map((l) => l.trim())
    : [e.message];
  for (const line of lines)
    if (!LIBRARY_ERROR.test(line)) throw new Error(`not a library error with path, field and fix: ${line}`);
}

/** Outcomes per test, so that a property whose every run is refused (proving nothing about the output) fails. */
const tally = { refused: 0, valid: 0 };
beforeEach(() => {
  tally.refused = 0;
  tally.valid = 0;
});
afterEach(() => {
  // Both outcomes must occur: valid output (so the output side is exercised) and refusals (so near misses are).
  expect(tally.valid).toBeGreaterThan(0);
  expect(tally.refused).toBeGreaterThan(0);
  process.stdout.write(`${expect.getState().currentTestName}: ${tally.valid} valid, ${tally.refused} refused\n`);
});

/** Builds an app; synthesizes every chart; the output must validate. Errors must be the library's. */
function check(build: (app: App) => void): void {
  const app = Testing.app();
  let docs: any[];
  try {
    build(app);
    docs = app.charts.flatMap((c) => c.toJson());
  } catch (e) {
    assertLibraryError(e);
    if (process.env.SHOW_REFUSALS) process.stdout.write(`REFUSED ${(e as Error).message.slice(0, 160)}\n`);
    tally.refused++;
    return;
  }
  tally.valid++;
  const problems = validateManifests(docs);
  if (problems.length > 0) {
    throw new Error(
      `synthesized output does not validate:\n${problems.map((p) => `  ${p.kind}/${p.name}: ${formatProblem(p)}`).join('\n')}`,
    );
  }
}

// ---- value pools: valid values, near misses (case slips, wrong separators, bounds), wrong types
const JUNK: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  true,
  'true',
  [],
  ['x'],
  {},
  { a: 1 },
  () => 1,
  new Date(0),
];
const junk = fc.constantFrom(...JUNK);

/** One prop: its valid values, its near misses, whether it may be left out. */
interface Field {
  readonly valid: fc.Arbitrary<unknown>;
  readonly misses: readonly unknown[];
  readonly optional: boolean;
}
const field = (valid: fc.Arbitrary<unknown>, misses: readonly unknown[] = [], optional = true): Field => ({
  valid,
  misses,
  optional,
});
/** A list prop: valid lists of distinct `item`s, near misses of the list itself (one bare item, a string). */
const listField = (
  item: fc.Arbitrary<unknown>,
  misses: readonly unknown[] = [],
  optional = true,
  maxLength = 3,
  minLength = 0,
): Field => field(fc.uniqueArray(item, { minLength, maxLength }), misses, optional);

/**
 * Props from per-prop fields: every prop valid (or left out when optional), then, in about 3 runs of 5 (`mistakes` 1;
 * 0 for none), one prop replaced by one of its near misses or by junk, or one misspelt extra key added. One mistake
 * at a time keeps both outcomes frequent: valid output to validate, and refusals to check the message of. Nested
 * props and factory arguments get mistakes too, so the top level's rate is lowered where they compound.
 */
function propsOf(spec: Record<string, Field>, mistakes = 1): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(spec);
  const valid = fc.record(
    Object.fromEntries(
      keys.map((k) => [k, spec[k].optional ? fc.option(spec[k].valid, { nil: undefined, freq: 3 }) : spec[k].valid]),
    ),
  );
  const none = fc.constant(undefined);
  const badValue = fc
    .constantFrom(...keys)
    .chain((k) =>
      fc
        .oneof(
          { weight: 2, arbitrary: spec[k].misses.length > 0 ? fc.constantFrom(...spec[k].misses) : junk },
          { weight: 1, arbitrary: junk },
        )
        .map((v) => [k, v] as [string, unknown]),
    );
  const misspelt = fc
    .constantFrom('nmae', 'Labels', 'extra', 'podcidrs', 'rule')
    .map((k) => [k, 'x'] as [string, unknown]);
  const mistake: fc.Arbitrary<[string, unknown] | undefined> =
    mistakes === 0
      ? none
      : fc.oneof(
          { weight: 8, arbitrary: none },
          { weight: Math.max(1, Math.round(10 * mistakes)), arbitrary: badValue },
          { weight: Math.max(1, Math.round(2 * mistakes)), arbitrary: misspelt },
        );
  return fc.tuple(valid, mistake).map(([p, m]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
    if (m) out[m[0]] = m[1];
    return out;
  });
}

const DNS_LABELS = ['dev', 'shop', 'team-a', 'a', 'x1'];
const NAME_MISSES = ['Dev', 'dev_1', 'dev.team', '-dev', 'dev-', 'a'.repeat(64), ' dev', 'dev/x', 'Ü'];
const CIDRS = ['10.96.0.0/12', '192.168.0.0/16', '50.60.0.0/16', '2001:db8::/64', '10.0.0.0/8'];
const CIDR_MISSES = [
  '10.96.0.1/12',
  '203.0.113.7',
  'nope',
  '10.0.0.0/33',
  '2001:db8::1/64',
  '10.0.0.0/8 ',
  '10.96.0.0/12',
  ['10.0.0.1/8'],
];
const LABEL_KEYS = ['app', 'tier', 'example.com/team', 'k8s-role'];
const LABEL_VALUES = ['web', 'node', 'a', '', 'x-1'];
const labels = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 3 });
const LABEL_MISSES = [{ app: 'my web' }, { 'bad key': 'x' }, { app: 1 }, { app: 'v'.repeat(64) }, 'app=web', ['app']];
const PORT_MISSES = [0, 65536, -1, 80.5, '80', NaN, null];
const port = fc.integer({ min: 1, max: 65535 });
/** Positional arguments from fields: each valid in 3 runs of 4, else a near miss or junk. */
const argsOf = (...fields: Field[]) =>
  fc.tuple(
    ...fields.map((f) =>
      fc.oneof(
        { weight: 6, arbitrary: f.valid },
        { weight: 1, arbitrary: f.misses.length > 0 ? fc.constantFrom(...f.misses) : junk },
        { weight: 1, arbitrary: junk },
      ),
    ),
  );

// ---- services

const INVENTORY = NodeInventory.fromNodes(
  [1, 2].map((i) => ({ name: `n${i}`, labels: { zone: 'a' }, internalIps: [`10.0.0.${i}`] })),
);
const foundationProps = propsOf({
  podCidrs: listField(
    fc.constantFrom('192.168.0.0/16', '10.244.0.0/16', 'fd00:10::/64'),
    ['192.168.0.0/16', [], ['192.168.0.0/16', '192.168.0.0/16'], ...CIDR_MISSES.map((c) => [c])],
    false,
    2,
    1,
  ),
  inventory: field(fc.constant(INVENTORY), ['nodes.json', { nodes: [] }], false),
  nodeSelector: field(fc.constantFrom(Selector.eq('k8s-role', 'node'), Selector.has('k8s-role')), [
    Selector.global(),
    'k8s-role == "node"',
    Selector.eq('zone', 'b'),
  ]),
  hostEndpointLabels: field(fc.constant({ 'k8s-role': 'node' }), [
    ...LABEL_MISSES,
    { 'projectcalico.org/created-by': 'x', 'k8s-role': 'node' },
    { role: 'node' },
  ]),
  hostEndpointInterfaces: listField(
    fc.constantFrom('eth0', 'eth1', 'bond0.100', 'ens3'),
    ['eth0', [], [''], ['Eth 0'], ['a'.repeat(16)]],
    true,
    2,
    1,
  ),
  hostEndpointProfiles: listField(
    fc.constantFrom('projectcalico-default-allow', 'kns.dev'),
    ['projectcalico-default-allow', ['Bad_Profile'], ['']],
    true,
    2,
  ),
  nodePortRange: field(
    fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
    ['30000-32767', { from: 32767, to: 30000 }, { start: 1, end: 2 }, { from: 0, to: 10 }, { from: 1, to: '2' }],
  ),
  tier: field(fc.constant(Tier.DEFAULT), ['default', { tierName: '' }]),
});

const servicePort = propsOf(
  {
    port: field(port, PORT_MISSES, false),
    targetPort: field(fc.oneof(port, fc.constantFrom('http', 'web-port')), ['Http_Port', 'a'.repeat(16), '8080', 0]),
  },
  0.3,
);
const serviceAttrs = propsOf(
  {
    name: field(fc.constantFrom('web', 'svc-a', 'api'), ['Web', '1web', 'web_1', 'a'.repeat(64)], false),
    namespace: field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false),
    clusterIp: field(
      fc.constantFrom('10.20.0.1', '10.20.0.2'),
      ['None', 'nope', '10.20.0', '192.168.4.4', '10.20.0.1/32', 'fd00::10'],
      false,
    ),
    ports: listField(servicePort, [{ port: 80 }, [80], []], false, 2, 1),
    podSelector: field(
      fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom('web', 'a'), { minKeys: 1, maxKeys: 2 }),
      [...LABEL_MISSES, {}],
      false,
    ),
    externallyAccessible: field(fc.boolean(), ['true']),
  },
  0.5,
);
const clientPeers = listField(
  fc.constantFrom(Peer.nets('50.60.0.0/16'), Peer.selector(Selector.eq('app', 'tool')), Peer.nets('203.0.113.0/24')),
  ['50.60.0.0/16', ['50.60.0.0/16'], Peer.nets('50.60.0.0/16'), [{}], [], [Peer.nets('2001:db8::/32')]],
  false,
  2,
  1,
);

describe('services: refused with path, field and fix, or valid output', () => {
  test('BgpServiceAdvertisement', () => {
    const cidrs = listField(fc.constantFrom(...CIDRS), ['10.96.0.0/12', [10], ...CIDR_MISSES.map((c) => [c])], true, 2);
    fc.assert(
      fc.property(
        propsOf({ clusterIpCidrs: { ...cidrs, optional: false }, externalIpCidrs: cidrs, loadBalancerIpCidrs: cidrs }),
        (p) => {
          check((app) => new BgpServiceAdvertisement(new Chart(app, 'c'), 'Adv', p as any));
        },
      ),
      RUNS,
    );
  });

  test('ServiceExposureFoundation', () => {
    fc.assert(
      fc.property(foundationProps, (p) => {
        check((app) => new ServiceExposureFoundation(new Chart(app, 'c'), 'F', p as any));
      }),
      RUNS,
    );
  });

  test('ExposedClusterIpService', () => {
    const exposure = propsOf({
      service: field(serviceAttrs, ['web', null], false),
      allowFrom: clientPeers,
      allowInCluster: listField(
        fc.constantFrom(Peer.selector(Selector.eq('app', 'tool')), Peer.nets('10.0.0.0/8')),
        ['app == "tool"', [null]],
        true,
        2,
      ),
      externalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local'), ['local', 'cluster', 'NodeLocal']),
      policyName: field(fc.constantFrom('expose-web', 'web.fence'), ['Expose_Web', 'a'.repeat(250), '']),
    });
    fc.assert(
      fc.property(exposure, fc.boolean(), (p, advertised) => {
        check((app) => {
          const c = new Chart(app, 'c', { namespace: 'shop' });
          new ServiceExposureFoundation(c, 'Exposure', { podCidrs: ['192.168.0.0/16'], inventory: INVENTORY });
          if (advertised) new BgpServiceAdvertisement(c, 'Adv', { clusterIpCidrs: ['10.20.0.0/16'] });
          new ExposedClusterIpService(c, 'E', p as any);
        });
      }),
      RUNS,
    );
  });
});

// ---- access

/** Factory calls, made inside the check (a factory's refusal counts as the library's error too). */
const networkPeer: fc.Arbitrary<() => unknown> = fc.oneof(
  argsOf(field(labels, LABEL_MISSES, false)).map(
    ([l]) =>
      () =>
        NetworkPeer.pods(l as any),
  ),
  argsOf(field(labels, LABEL_MISSES, false)).map(
    ([l]) =>
      () =>
        NetworkPeer.namespaces(l as any),
  ),
  argsOf(field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false)).map(
    ([n]) =>
      () =>
        NetworkPeer.namespaceNamed(n as any),
  ),
  argsOf(field(labels, LABEL_MISSES, false), field(labels, LABEL_MISSES, false)).map(
    ([a, b]) =>
      () =>
        NetworkPeer.podsInNamespaces(a as any, b as any),
  ),
  argsOf(
    field(fc.constant('10.0.0.0/8'), CIDR_MISSES, false),
    listField(
      fc.constantFrom('10.1.0.0/16', '10.2.0.0/16'),
      ['10.1.0.0/16', ['10.0.0.0/8'], ['172.16.0.0/12']],
      true,
      1,
    ),
  ).map(
    ([c, e]) =>
      () =>
        NetworkPeer.ipBlock(c as any, e as any),
  ),
);
const networkPort: fc.Arbitrary<() => unknown> = fc.oneof(
  argsOf(field(port, PORT_MISSES, false)).map(
    ([p]) =>
      () =>
        NetworkPort.tcp(p as any),
  ),
  argsOf(field(port, PORT_MISSES, false)).map(
    ([p]) =>
      () =>
        NetworkPort.udp(p as any),
  ),
  argsOf(field(port, PORT_MISSES, false)).map(
    ([p]) =>
      () =>
        NetworkPort.sctp(p as any),
  ),
  argsOf(field(fc.constant(1000), PORT_MISSES, false), field(fc.constant(2000), [...PORT_MISSES, 999], false)).map(
    ([a, b]) =>
      () =>
        NetworkPort.tcpRange(a as any, b as any),
  ),
  argsOf(field(fc.constant(1000), PORT_MISSES, false), field(fc.constant(1000), [...PORT_MISSES, 999], false)).map(
    ([a, b]) =>
      () =>
        NetworkPort.udpRange(a as any, b as any),
  ),
  argsOf(field(fc.constantFrom('TCP', 'UDP', 'SCTP'), ['tcp', 'ICMP'], false)).map(
    ([p]) =>
      () =>
        NetworkPort.all(p as any),
  ),
);
/** A list of factory calls, now and then a wrong list. */
const made = (factory: fc.Arbitrary<() => unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(factory, { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('x', null, [null], ['10.0.0.0/8'], 5) },
  );
const resolve = (v: unknown): any => (Array.isArray(v) ? v.map((f) => (typeof f === 'function' ? f() : f)) : v);

const subject: fc.Arbitrary<() => unknown> = fc.oneof(
  argsOf(field(fc.constantFrom('wang', 'dev team', 'user@example.com'), ['', ' wang'], false)).map(
    ([n]) =>
      () =>
        Subject.user(n as any),
  ),
  argsOf(field(fc.constantFrom('dev', 'ops'), ['', ['dev']], false)).map(
    ([n]) =>
      () =>
        Subject.group(n as any),
  ),
  argsOf(
    field(fc.constantFrom('ci', 'deployer.v1'), ['Bad_SA', 'ci/x'], false),
    field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false),
  ).map(
    ([a, n]) =>
      () =>
        Subject.serviceAccount(a as any, n as any),
  ),
  fc.constantFrom<() => unknown>(
    () => 'wang',
    () => ({ kind: 'User', name: 'wang' }),
  ),
);

const accessRule = propsOf(
  {
    apiGroups: listField(fc.constantFrom('', 'apps', 'projectcalico.org'), ['', [1], [], ['*']], false, 2, 1),
    resources: listField(
      fc.constantFrom('pods', 'services', 'deployments', 'pods/log'),
      ['pods', [], ['*'], ['pods/exec'], ['secrets']],
      false,
      2,
      1,
    ),
    verbs: listField(
      fc.constantFrom('get', 'list', 'watch', 'create', 'delete'),
      ['get', [], ['*'], ['escalate'], ['impersonate']],
      false,
      3,
      1,
    ),
    resourceNames: listField(fc.constantFrom('web', 'db'), ['web', ['']]),
  },
  0.5,
);
const RISKS = ['cluster-admin', 'wildcard', 'privilege-escalation', 'pod-exec', 'secrets-read-cluster-wide'];
const risks = listField(fc.constantFrom(...RISKS), ['pod-exec', ['POD_EXEC'], ['Wildcard']], true, 5);

describe('access: refused with path, field and fix, or valid output', () => {
  test('KubeNetworkPolicy with factory-made peers and ports', () => {
    const policy = propsOf({
      name: field(fc.constantFrom('deny', 'allow.web', 'allow-dns'), ['Deny_All', 'a'.repeat(254)], false),
      namespace: field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false),
      podLabels: field(labels, LABEL_MISSES),
      isolateIngress: field(fc.boolean(), ['true']),
      isolateEgress: field(fc.boolean(), ['false']),
    });
    fc.assert(
      fc.property(policy, made(networkPeer), made(networkPort), fc.boolean(), (p, ps, pts, egress) => {
        check((app) => {
          const knp = new KubeNetworkPolicy(new Chart(app, 'c'), 'P', p as any);
          if (egress) knp.addEgress(resolve(ps), resolve(pts));
          else knp.addIngress(resolve(ps), resolve(pts));
        });
      }),
      RUNS,
    );
  });

  test('SecureNamespace and its methods', () => {
    const level = field(fc.constantFrom('baseline', 'restricted'), ['Restricted', 'strict', 'privileged']);
    const nsProps = propsOf(
      {
        name: field(fc.constantFrom(...DNS_LABELS), NAME_MISSES),
        labels: field(labels, [...LABEL_MISSES, { 'pod-security.kubernetes.io/enforce': 'privileged' }]),
        podSecurity: field(
          propsOf(
            {
              enforce: level,
              audit: level,
              warn: level,
              version: field(fc.constantFrom('latest', 'v1.30'), ['1.30', 'v1.030', 'Latest']),
            },
            0.5,
          ),
          ['baseline'],
        ),
        dangerouslyAllowPrivilegedPods: field(fc.boolean(), ['true']),
        defaultDenyIngress: field(fc.boolean(), ['false']),
        defaultDenyEgress: field(fc.boolean(), [0]),
        allowDns: field(fc.boolean(), ['no']),
        serviceAccountName: field(fc.constantFrom('workload', 'ci.runner'), ['Bad_SA', 'ci/runner', 'a'.repeat(254)]),
        checkPodSecurityAtSynth: field(fc.boolean(), ['true']),
      },
      0.5,
    );
    const traffic = argsOf(
      field(fc.constantFrom('from-web', 'ToDb', 'x'), ['___', 'a'.repeat(70)], false),
      field(fc.array(networkPeer, { maxLength: 2 }), ['x', null, [null]], false),
      field(
        propsOf(
          {
            ports: field(fc.array(networkPort, { maxLength: 2 }), [[443], 'x']),
            podLabels: field(labels, LABEL_MISSES),
          },
          0.5,
        ),
        ['x'],
      ),
    );
    fc.assert(
      fc.property(nsProps, traffic, fc.boolean(), (p, [name, ps, opts], egress) => {
        check((app) => {
          const ns = new SecureNamespace(new Chart(app, 'c'), 'Ns', p as any);
          const o: any =
            opts && typeof opts === 'object' && !Array.isArray(opts)
              ? { ...opts, ports: resolve((opts as any).ports) }
              : opts;
          if (egress) ns.allowEgressTo(name as any, resolve(ps), o);
          else ns.allowIngressFrom(name as any, resolve(ps), o);
        });
      }),
      RUNS,
    );
  });

  test('AccessRole, its factories and grants', () => {
    const roleProps = propsOf({
      name: field(fc.constantFrom('pods-viewer', 'team:reader', 'a.b'), [
        'Pods_Viewer',
        'pods/viewer',
        'cluster-admin',
      ]),
      rules: listField(accessRule, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, []], false, 2, 1),
      acknowledgeRisks: risks,
    });
    const factory = fc.constantFrom(
      'new',
      'new',
      'podsViewer',
      'calicoPolicyViewer',
      'calicoPolicyEditor',
      'clusterAdmin',
    );
    const tier = fc.oneof(fc.constantFrom('security', 'default'), fc.constantFrom('Security_Tier', '', undefined));
    const grant = fc.record({
      subject,
      args: propsOf(
        {
          namespace: field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false),
          bindingName: field(fc.constantFrom('b1', 'reader-binding'), ['Bad_Binding', '']),
          ack: field(fc.constant(true), ['true', false]),
          ackRisks: risks,
        },
        0.5,
      ),
      clusterWide: fc.boolean(),
    });
    fc.assert(
      fc.property(roleProps, factory, tier, fc.array(grant, { maxLength: 2 }), (p, how, t, grants) => {
        check((app) => {
          const c = new Chart(app, 'c');
          const role =
            how === 'new'
              ? new AccessRole(c, 'R', p as any)
              : how === 'podsViewer'
                ? AccessRole.podsViewer(c, 'R', { name: (p as any).name })
                : how === 'clusterAdmin'
                  ? AccessRole.clusterAdmin(c, 'R', { acknowledgeRisks: (p as any).acknowledgeRisks })
                  : AccessRole[how](c, 'R', { tier: t as any });
          for (const { subject: s, args: a, clusterWide } of grants) {
            if (clusterWide)
              role.grantClusterWide(s() as any, {
                acknowledgeClusterWide: a.ack as any,
                acknowledgeRisks: a.ackRisks as any,
                bindingName: a.bindingName as any,
              });
            else role.grant(s() as any, a.namespace as any, { bindingName: a.bindingName as any });
          }
        });
      }),
      RUNS,
    );
  });

  test('ClusterUser and its grants', () => {
    const dir = mkdtempSync(join(tmpdir(), 'props-user-'));
    const csrs = [
      { name: 'wang', groups: ['dev'] },
      { name: 'li', groups: [] as string[] },
      { name: 'dev team', groups: ['ops', 'dev'] },
    ].map((s, i) => ({
      ...s,
      csr: generateClientCredentials({ user: s.name, groups: s.groups, keyFile: join(dir, `k${i}.key`) }),
    }));
    const user = fc.tuple(
      fc.integer({ min: 0, max: csrs.length - 1 }),
      propsOf(
        {
          name: field(fc.constant('from-csr'), ['', ' wang', 'system:admin', 5, 'other']),
          groups: field(fc.constant('from-csr'), ['dev', ['system:masters'], ['dev', 'dev'], ['qa']]),
          csr: field(fc.constant('from-csr'), [
            '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
            Buffer.from('x'),
          ]),
          expirationSeconds: field(fc.integer({ min: 600, max: 2 ** 31 - 1 }), [599, 2 ** 31, 3600.5, '3600']),
          signerName: field(fc.constantFrom('kubernetes.io/kube-apiserver-client', 'example.com/users'), [
            'kubernetes.io/kubelet-serving',
            'users',
            'Example.com/u',
          ]),
          csrName: field(fc.constantFrom('wang-1', 'wang.csr'), ['Wang_CSR', 'a'.repeat(254)]),
        },
        0.6,
      ),
      argsOf(
        field(fc.constantFrom(...DNS_LABELS), NAME_MISSES, false),
        field(fc.constantFrom('dev', 'ops'), ['qa', ['dev']]),
      ),
    );
    fc.assert(
      fc.property(user, ([which, p, [namespace, viaGroup]]) => {
        check((app) => {
          const c = new Chart(app, 'c');
          const base = csrs[which];
          const props: Record<string, unknown> = { ...p, name: base.name, groups: base.groups, csr: base.csr };
          for (const k of ['name', 'groups', 'csr']) if (p[k] !== undefined && p[k] !== 'from-csr') props[k] = p[k];
          const cu = new ClusterUser(c, 'U', props as any);
          const role = AccessRole.podsViewer(c, 'R');
          if (viaGroup === undefined) cu.grant(role, namespace as any);
          else cu.grantViaGroup(role, viaGroup as any, namespace as any);
        });
      }),
      { numRuns: 120 },
    );
  });
});
