// The CEL rules (x-kubernetes-validations) of the projectcalico.org/v3 CRDs: every rule compiles, and every rule
// has a document that passes and one that fails with the rule's message, evaluated through validateManifests.
import {
  CelRuleLocation,
  compileCelExpression,
  listCelRules,
  loadCalicoCrds,
  validateManifests,
} from '../../../lib/validation';
import { calico, crdsDir, lines, schemaProblems } from './helpers';

interface RuleRef extends CelRuleLocation {
  readonly kind: string;
}

function allRules(): RuleRef[] {
  const out: RuleRef[] = [];
  for (const crd of loadCalicoCrds(crdsDir())) {
    for (const version of crd.spec.versions) {
      for (const r of listCelRules(version.schema.openAPIV3Schema)) {
        out.push({ ...r, kind: crd.spec.names.kind });
      }
    }
  }
  return out;
}

const RULES = allRules();

/** A document for `kind` with `fragment` at the rule location: the whole object, the spec, or one list item. */
function place(kind: string, schemaPath: string, fragment: any): any {
  if (schemaPath === '') {
    return { apiVersion: 'projectcalico.org/v3', kind, ...fragment };
  }
  const list = /^spec\.([A-Za-z0-9]+)\[\*\]/.exec(schemaPath);
  const namespaced = /^(NetworkPolicy|StagedNetworkPolicy)$/.test(kind);
  const metadata = namespaced ? { name: 'test', namespace: 'default' } : { name: 'test' };
  if (list) {
    return calico(kind, { [list[1]]: [fragment] }, metadata);
  }
  return calico(kind, fragment, metadata);
}

/** Where a problem of a rule at `schemaPath` is reported for documents built by `place`. */
function problemPath(schemaPath: string): string {
  return schemaPath.replace('[*]', '[0]');
}

interface Case {
  readonly kinds: readonly string[];
  readonly rule: string;
  /** Only rules whose schema path matches. */
  readonly at?: RegExp;
  readonly pass: Array<(schemaPath: string) => any>;
  readonly fail: Array<(schemaPath: string) => any>;
  /** Transition rules (oldSelf) are skipped on create: both lists must pass. */
  readonly transition?: boolean;
}

const POLICIES = ['GlobalNetworkPolicy', 'StagedGlobalNetworkPolicy', 'NetworkPolicy', 'StagedNetworkPolicy'];
const GLOBAL_POLICIES = ['GlobalNetworkPolicy', 'StagedGlobalNetworkPolicy'];
const v6 = (p: string) => /V6/.test(p);
const cidrFor = (p: string) => (v6(p) ? 'fd00:10::/32' : '10.0.0.0/8');
const http = { methods: ['GET'], paths: [{ prefix: '/api' }] };

const CASES: Case[] = [
  // ---- policies: rules ------------------------------------------------------------------------------------
  {
    kinds: POLICIES,
    rule: "self.action == 'Allow' || !has(self.http)",
    pass: [() => ({ action: 'Allow', http }), () => ({ action: 'Deny' })],
    fail: [() => ({ action: 'Deny', http }), () => ({ action: 'Pass', http: { methods: ['GET'] } })],
  },
  {
    kinds: POLICIES,
    rule: '!has(self.destination) || !has(self.destination.services) || (!has(self.destination.ports) || size(self.destination.ports) == 0) && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)',
    pass: [
      () => ({ action: 'Allow', destination: { services: { name: 'api', namespace: 'default' } } }),
      () => ({ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }),
      () => ({ action: 'Allow', destination: { services: { name: 'api' }, ports: [] } }),
    ],
    fail: [
      () => ({
        action: 'Allow',
        protocol: 'TCP',
        destination: { services: { name: 'api', namespace: 'default' }, ports: [443] },
      }),
      () => ({ action: 'Allow', protocol: 'TCP', destination: { services: { name: 'api' }, notPorts: ['8000:9000'] } }),
    ],
  },
  {
    kinds: POLICIES,
    rule: "!has(self.http) || !has(self.protocol) || self.protocol == 'TCP' || self.protocol == 6",
    pass: [
      () => ({ action: 'Allow', protocol: 'TCP', http }),
      () => ({ action: 'Allow', protocol: 6, http }),
      () => ({ action: 'Allow', http }),
      () => ({ action: 'Allow', protocol: 'UDP' }),
    ],
    fail: [() => ({ action: 'Allow', protocol: 'UDP', http }), () => ({ action: 'Allow', protocol: 17, http })],
  },
  {
    kinds: POLICIES,
    rule: '!has(self.code) || has(self.type)',
    at: /\.icmp$/,
    pass: [
      () => ({ action: 'Allow', protocol: 'ICMP', icmp: { type: 3, code: 1 } }),
      () => ({ action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } }),
    ],
    fail: [() => ({ action: 'Allow', protocol: 'ICMP', icmp: { code: 1 } })],
  },
  {
    kinds: POLICIES,
    rule: '!has(self.code) || has(self.type)',
    at: /\.notICMP$/,
    pass: [() => ({ action: 'Allow', protocol: 'ICMP', notICMP: { type: 3, code: 0 } })],
    fail: [() => ({ action: 'Allow', protocol: 'ICMP', notICMP: { code: 0 } })],
  },
  // ---- global policies: spec -----------------------------------------------------------------------------
  {
    kinds: GLOBAL_POLICIES,
    rule: '!((has(self.doNotTrack) && self.doNotTrack) && (has(self.preDNAT) && self.preDNAT))',
    pass: [
      () => ({ selector: 'all()', preDNAT: true, applyOnForward: true }),
      () => ({ selector: 'all()', doNotTrack: true, preDNAT: false, applyOnForward: true }),
    ],
    fail: [() => ({ selector: 'all()', preDNAT: true, doNotTrack: true, applyOnForward: true })],
  },
  {
    kinds: GLOBAL_POLICIES,
    rule: '(!has(self.preDNAT) || !self.preDNAT) || !has(self.egress) || size(self.egress) == 0',
    pass: [
      () => ({ selector: 'all()', preDNAT: true, applyOnForward: true, ingress: [{ action: 'Deny' }] }),
      () => ({ selector: 'all()', egress: [{ action: 'Allow' }] }),
    ],
    fail: [() => ({ selector: 'all()', preDNAT: true, applyOnForward: true, egress: [{ action: 'Allow' }] })],
  },
  {
    kinds: GLOBAL_POLICIES,
    rule: "(!has(self.preDNAT) || !self.preDNAT) || !has(self.types) || !self.types.exists(t, t == 'Egress')",
    pass: [
      () => ({ selector: 'all()', preDNAT: true, applyOnForward: true, types: ['Ingress'] }),
      () => ({ selector: 'all()', types: ['Egress'] }),
    ],
    fail: [() => ({ selector: 'all()', preDNAT: true, applyOnForward: true, types: ['Ingress', 'Egress'] })],
  },
  {
    kinds: GLOBAL_POLICIES,
    rule: '(has(self.applyOnForward) && self.applyOnForward) || ((!has(self.doNotTrack) || !self.doNotTrack) && (!has(self.preDNAT) || !self.preDNAT))',
    pass: [
      () => ({ selector: 'all()', doNotTrack: true, applyOnForward: true }),
      () => ({ selector: 'all()' }),
      () => ({ selector: 'all()', preDNAT: false }),
    ],
    fail: [
      () => ({ selector: 'all()', doNotTrack: true }),
      () => ({ selector: 'all()', preDNAT: true, applyOnForward: false }),
    ],
  },
  // ---- BGPConfiguration ----------------------------------------------------------------------------------
  {
    kinds: ['BGPConfiguration'],
    rule: '!has(self.nodeMeshPassword) || !has(self.nodeToNodeMeshEnabled) || self.nodeToNodeMeshEnabled == true',
    pass: [
      () => ({ nodeToNodeMeshEnabled: true, nodeMeshPassword: { secretKeyRef: { name: 'bgp', key: 'password' } } }),
      () => ({ nodeMeshPassword: { secretKeyRef: { name: 'bgp', key: 'password' } } }),
    ],
    fail: [
      () => ({ nodeToNodeMeshEnabled: false, nodeMeshPassword: { secretKeyRef: { name: 'bgp', key: 'password' } } }),
    ],
  },
  {
    kinds: ['BGPConfiguration'],
    rule: '!has(self.nodeMeshMaxRestartTime) || !has(self.nodeToNodeMeshEnabled) || self.nodeToNodeMeshEnabled == true',
    pass: [
      () => ({ nodeToNodeMeshEnabled: true, nodeMeshMaxRestartTime: '120s' }),
      () => ({ nodeToNodeMeshEnabled: false }),
    ],
    fail: [() => ({ nodeToNodeMeshEnabled: false, nodeMeshMaxRestartTime: '120s' })],
  },
  // ---- BGPFilter -----------------------------------------------------------------------------------------
  {
    kinds: ['BGPFilter'],
    rule: '(has(self.cidr) && size(self.cidr) > 0) == (has(self.matchOperator) && size(self.matchOperator) > 0)',
    pass: [
      (p) => ({ action: 'Accept', cidr: cidrFor(p), matchOperator: 'In' }),
      () => ({ action: 'Reject', interface: 'eth0' }),
    ],
    fail: [(p) => ({ action: 'Accept', cidr: cidrFor(p) }), () => ({ action: 'Accept', matchOperator: 'Equal' })],
  },
  {
    kinds: ['BGPFilter'],
    rule: '!has(self.prefixLength) || (has(self.cidr) && size(self.cidr) > 0)',
    pass: [(p) => ({ action: 'Accept', cidr: cidrFor(p), matchOperator: 'In', prefixLength: { min: 16, max: 24 } })],
    fail: [() => ({ action: 'Accept', prefixLength: { min: 16 } })],
  },
  {
    kinds: ['BGPFilter'],
    rule: "!has(self.operations) || size(self.operations) == 0 || self.action == 'Accept'",
    pass: [
      () => ({ action: 'Accept', operations: [{ addCommunity: { value: '65000:100' } }] }),
      (p) => ({ action: 'Reject', cidr: cidrFor(p), matchOperator: 'NotIn' }),
    ],
    fail: [() => ({ action: 'Reject', operations: [{ addCommunity: { value: '65000:100' } }] })],
  },
  // ---- BGPPeer -------------------------------------------------------------------------------------------
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.node) || size(self.node) == 0) || (!has(self.nodeSelector) || size(self.nodeSelector) == 0)',
    pass: [
      () => ({ node: 'node-1', peerIP: '10.0.0.1', asNumber: 64512 }),
      () => ({ node: '', nodeSelector: 'all()', peerIP: '10.0.0.1', asNumber: 64512 }),
    ],
    fail: [() => ({ node: 'node-1', nodeSelector: 'all()', peerIP: '10.0.0.1', asNumber: 64512 })],
  },
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.peerIP) || size(self.peerIP) == 0) || (!has(self.peerSelector) || size(self.peerSelector) == 0)',
    pass: [() => ({ peerSelector: 'rr == "true"' }), () => ({ peerIP: '10.0.0.1', asNumber: 64512 })],
    fail: [() => ({ peerIP: '10.0.0.1', peerSelector: 'rr == "true"' })],
  },
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.localWorkloadSelector) || size(self.localWorkloadSelector) == 0) || (has(self.asNumber) && self.asNumber != 0)',
    pass: [() => ({ localWorkloadSelector: 'app == "bird"', asNumber: 64512 })],
    fail: [
      () => ({ localWorkloadSelector: 'app == "bird"' }),
      () => ({ localWorkloadSelector: 'app == "bird"', asNumber: 0 }),
    ],
  },
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.peerSelector) || size(self.peerSelector) == 0) || !has(self.asNumber) || self.asNumber == 0',
    pass: [() => ({ peerSelector: 'rr == "true"' }), () => ({ peerSelector: 'rr == "true"', asNumber: 0 })],
    fail: [() => ({ peerSelector: 'rr == "true"', asNumber: 64512 })],
  },
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.localWorkloadSelector) || size(self.localWorkloadSelector) == 0) || (!has(self.peerIP) || size(self.peerIP) == 0)',
    pass: [() => ({ localWorkloadSelector: 'app == "bird"', asNumber: 64512, peerIP: '' })],
    fail: [() => ({ localWorkloadSelector: 'app == "bird"', asNumber: 64512, peerIP: '10.0.0.1' })],
  },
  {
    kinds: ['BGPPeer'],
    rule: '(!has(self.localWorkloadSelector) || size(self.localWorkloadSelector) == 0) || (!has(self.peerSelector) || size(self.peerSelector) == 0)',
    pass: [() => ({ localWorkloadSelector: 'app == "bird"', asNumber: 64512 })],
    fail: [() => ({ localWorkloadSelector: 'app == "bird"', asNumber: 64512, peerSelector: 'rr == "true"' })],
  },
  // ---- FelixConfiguration --------------------------------------------------------------------------------
  {
    kinds: ['FelixConfiguration'],
    rule: "self.metadata.name == 'default' || self.metadata.name.startsWith('node.') ? !has(self.spec.nodeSelector) : true",
    pass: [
      () => ({ metadata: { name: 'default' }, spec: { logSeverityScreen: 'Info' } }),
      () => ({ metadata: { name: 'edge-nodes' }, spec: { nodeSelector: 'edge == "true"' } }),
    ],
    fail: [
      () => ({ metadata: { name: 'default' }, spec: { nodeSelector: 'all()' } }),
      () => ({ metadata: { name: 'node.worker-1' }, spec: { nodeSelector: 'all()' } }),
    ],
  },
  {
    kinds: ['FelixConfiguration'],
    rule: '!has(self.routeTableRange) || !has(self.routeTableRanges)',
    pass: [() => ({ routeTableRange: { min: 1, max: 250 } }), () => ({ routeTableRanges: [{ min: 1, max: 250 }] })],
    fail: [() => ({ routeTableRange: { min: 1, max: 250 }, routeTableRanges: [{ min: 1, max: 250 }] })],
  },
  // ---- HostEndpoint --------------------------------------------------------------------------------------
  {
    kinds: ['HostEndpoint'],
    rule: '(has(self.interfaceName) && size(self.interfaceName) > 0) || (has(self.expectedIPs) && size(self.expectedIPs) > 0)',
    pass: [() => ({ node: 'node-1', interfaceName: 'eth0' }), () => ({ node: 'node-1', expectedIPs: ['10.0.0.1'] })],
    fail: [() => ({ node: 'node-1' }), () => ({ node: 'node-1', interfaceName: '', expectedIPs: [] })],
  },
  {
    kinds: ['HostEndpoint'],
    rule: 'has(self.node) && size(self.node) > 0',
    pass: [() => ({ node: 'node-1', interfaceName: 'eth0' })],
    fail: [() => ({ interfaceName: 'eth0' }), () => ({ node: '', interfaceName: 'eth0' })],
  },
  // ---- IPPool --------------------------------------------------------------------------------------------
  {
    kinds: ['IPPool'],
    rule: "!self.cidr.contains(':') || !has(self.ipipMode) || self.ipipMode == 'Never' || size(self.ipipMode) == 0",
    pass: [
      () => ({ cidr: 'fd00:10::/64', ipipMode: 'Never', blockSize: 122 }),
      () => ({ cidr: '10.0.0.0/16', ipipMode: 'Always' }),
    ],
    fail: [() => ({ cidr: 'fd00:10::/64', ipipMode: 'CrossSubnet', blockSize: 122 })],
  },
  {
    kinds: ['IPPool'],
    rule: "!has(self.allowedUses) || !self.allowedUses.exists(u, u == 'LoadBalancer') || (!has(self.ipipMode) || size(self.ipipMode) == 0 || self.ipipMode == 'Never') && (!has(self.vxlanMode) || size(self.vxlanMode) == 0 || self.vxlanMode == 'Never')",
    pass: [
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['LoadBalancer'], ipipMode: 'Never' }),
      () => ({ cidr: '10.0.0.0/16', allowedUses: ['Workload'], vxlanMode: 'Always' }),
    ],
    fail: [
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['LoadBalancer'], vxlanMode: 'Always' }),
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['LoadBalancer'], ipipMode: 'CrossSubnet' }),
    ],
  },
  {
    kinds: ['IPPool'],
    rule: "!has(self.allowedUses) || !self.allowedUses.exists(u, u == 'LoadBalancer') || !self.allowedUses.exists(u, u == 'Workload' || u == 'Tunnel')",
    pass: [
      () => ({ cidr: '10.0.0.0/16', allowedUses: ['Workload', 'Tunnel'] }),
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['LoadBalancer'] }),
    ],
    fail: [
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['LoadBalancer', 'Workload'] }),
      () => ({ cidr: '10.10.0.0/24', allowedUses: ['Tunnel', 'LoadBalancer'] }),
    ],
  },
  {
    kinds: ['IPPool'],
    rule: "!has(self.ipipMode) || !has(self.vxlanMode) || self.ipipMode == 'Never' || self.vxlanMode == 'Never' || size(self.ipipMode) == 0 || size(self.vxlanMode) == 0",
    pass: [
      () => ({ cidr: '10.0.0.0/16', ipipMode: 'Always', vxlanMode: 'Never' }),
      () => ({ cidr: '10.0.0.0/16', vxlanMode: 'CrossSubnet' }),
    ],
    fail: [() => ({ cidr: '10.0.0.0/16', ipipMode: 'Always', vxlanMode: 'CrossSubnet' })],
  },
  {
    kinds: ['IPPool'],
    rule: 'self == oldSelf',
    transition: true,
    pass: [() => ({ cidr: '10.0.0.0/16', blockSize: 26 })],
    fail: [],
  },
  // ---- Tier ----------------------------------------------------------------------------------------------
  {
    kinds: ['Tier'],
    rule: "self.metadata.name == 'kube-admin' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true",
    pass: [
      () => ({ metadata: { name: 'kube-admin' }, spec: { order: 1000, defaultAction: 'Pass' } }),
      () => ({ metadata: { name: 'security' }, spec: { order: 100 } }),
    ],
    // The second fails through defaulting: a missing defaultAction is Deny.
    fail: [
      () => ({ metadata: { name: 'kube-admin' }, spec: { order: 1000, defaultAction: 'Deny' } }),
      () => ({ metadata: { name: 'kube-admin' }, spec: { order: 1000 } }),
    ],
  },
  {
    kinds: ['Tier'],
    rule: "self.metadata.name == 'kube-baseline' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true",
    pass: [() => ({ metadata: { name: 'kube-baseline' }, spec: { order: 10000000, defaultAction: 'Pass' } })],
    fail: [() => ({ metadata: { name: 'kube-baseline' }, spec: { order: 10000000 } })],
  },
  {
    kinds: ['Tier'],
    rule: "self.metadata.name == 'default' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Deny') : true",
    // The first passes through defaulting: a missing defaultAction is Deny.
    pass: [
      () => ({ metadata: { name: 'default' }, spec: { order: 1000000 } }),
      () => ({ metadata: { name: 'default' }, spec: { order: 1000000, defaultAction: 'Deny' } }),
    ],
    fail: [() => ({ metadata: { name: 'default' }, spec: { order: 1000000, defaultAction: 'Pass' } })],
  },
];

function normalize(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}

function caseFor(r: RuleRef): Case | undefined {
  return CASES.find(
    (c) => c.kinds.includes(r.kind) && normalize(c.rule) === normalize(r.rule) && (!c.at || c.at.test(r.schemaPath)),
  );
}

describe('CEL rules of the projectcalico.org/v3 CRDs', () => {
  test('the CRDs carry CEL rules (sanity)', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(39);
    expect(new Set(RULES.map((r) => r.kind))).toEqual(
      new Set([
        'BGPConfiguration',
        'BGPFilter',
        'BGPPeer',
        'FelixConfiguration',
        'HostEndpoint',
        'IPPool',
        'Tier',
        ...POLICIES,
      ]),
    );
  });

  test('every rule and messageExpression compiles in the Kubernetes CEL environment', () => {
    const failures: string[] = [];
    for (const r of RULES) {
      for (const expr of [r.rule, r.messageExpression].filter((e): e is string => e !== undefined)) {
        const c = compileCelExpression(expr);
        if (c.error || !c.program) {
          failures.push(`${r.kind} ${r.schemaPath}: ${expr}: ${c.error}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test('every rule has a passing and a failing case', () => {
    const missing = RULES.filter((r) => {
      const c = caseFor(r);
      return !c || c.pass.length === 0 || (!c.transition && c.fail.length === 0);
    }).map((r) => `${r.kind} ${r.schemaPath}: ${r.rule}`);
    expect(missing).toEqual([]);
  });

  const table = RULES.map((r) => [`${r.kind} ${r.schemaPath || '<root>'}: ${r.message ?? r.rule}`, r] as const);

  test.each(table)('%s', (_title, r) => {
    const c = caseFor(r)!;
    expect(c).toBeDefined();
    for (const make of c.pass) {
      const doc = place(r.kind, r.schemaPath, make(r.schemaPath));
      expect(lines(schemaProblems(validateManifests([doc], { crds: crdsDir() })))).toEqual([]);
    }
    for (const make of c.fail) {
      const doc = place(r.kind, r.schemaPath, make(r.schemaPath));
      const problems = validateManifests([doc], { crds: crdsDir() });
      // No schema problem may hide the CEL one: the failing documents are otherwise valid.
      expect(lines(schemaProblems(problems).filter((p) => p.rule !== 'cel'))).toEqual([]);
      expect(problems).toContainEqual(
        expect.objectContaining({
          kind: r.kind,
          path: problemPath(r.schemaPath),
          message: withFix(r.message ?? `failed rule: ${r.rule}`),
          rule: 'cel',
        }),
      );
    }
  });
});

/** The CRD's message followed by a fix (derived when the rule has none: lib/validation/problem-fix.ts). */
function withFix(message: string): any {
  return expect.stringMatching(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; fix: \\S`));
}

describe('CEL rule evaluation details', () => {
  test('transition rules (oldSelf) are skipped on create', () => {
    const transition = RULES.filter((r) => /\boldSelf\b/.test(r.rule));
    expect(transition.map((r) => `${r.kind} ${r.schemaPath}`).sort()).toEqual([
      'IPPool spec.blockSize',
      'IPPool spec.cidr',
    ]);
    for (const r of transition) {
      expect(compileCelExpression(r.rule).usesOldSelf).toBe(true);
    }
    const problems = validateManifests([calico('IPPool', { cidr: '10.0.0.0/16', blockSize: 26 })], { crds: crdsDir() });
    expect(problems.filter((p) => p.rule === 'cel')).toEqual([]);
  });

  test('rules run for every element of a list, with the element index in the path', () => {
    const doc = calico('GlobalNetworkPolicy', {
      selector: 'all()',
      ingress: [
        { action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } },
        { action: 'Allow', protocol: 'ICMP', icmp: { code: 0 } },
        { action: 'Deny', http: { methods: ['GET'] } },
      ],
      egress: [{ action: 'Allow', protocol: 'ICMP', notICMP: { code: 1 } }],
    });
    const cel = validateManifests([doc], { crds: crdsDir() }).filter((p) => p.rule === 'cel');
    expect(lines(cel)).toEqual([
      'spec.egress[0].notICMP: ICMP code specified without an ICMP type [cel]',
      'spec.ingress[1].icmp: ICMP code specified without an ICMP type [cel]',
      'spec.ingress[2]: HTTP match is only valid on Allow rules [cel]',
    ]);
  });

  test('int-or-string values are ints in CEL (protocol 6 == TCP for the HTTP rule)', () => {
    const ok = calico('GlobalNetworkPolicy', {
      selector: 'all()',
      ingress: [{ action: 'Allow', protocol: 6, http: { methods: ['GET'] } }],
    });
    const bad = calico('GlobalNetworkPolicy', {
      selector: 'all()',
      ingress: [{ action: 'Allow', protocol: 'UDP', http: { methods: ['GET'] } }],
    });
    const [okProblems, badProblems] = [ok, bad].map((d) =>
      validateManifests([d], { crds: crdsDir() }).filter((p) => p.rule === 'cel'),
    );
    expect(okProblems).toEqual([]);
    expect(lines(badProblems)).toEqual([
      'spec.ingress[0]: rules with HTTP match must have protocol TCP or unset [cel]',
    ]);
  });

  test('null of a non-nullable field is pruned before CEL, so has() is false (as in kube-apiserver)', () => {
    const doc = calico('HostEndpoint', { node: 'node-1', interfaceName: 'eth0', expectedIPs: null });
    const problems = validateManifests([doc], { crds: crdsDir() });
    expect(schemaProblems(problems)).toEqual([]);
  });

  const widgetCrd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.projectcalico.org' },
    spec: {
      group: 'projectcalico.org',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Cluster',
      versions: [
        {
          name: 'v3',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  properties: {
                    replicas: { type: 'integer' },
                    ratio: { type: 'number' },
                    limits: {
                      type: 'object',
                      additionalProperties: {
                        type: 'integer',
                        'x-kubernetes-validations': [
                          {
                            rule: 'self >= 0 && self < 100',
                            messageExpression: "'limit must be below 100, got ' + string(self)",
                          },
                        ],
                      },
                    },
                    window: {
                      type: 'object',
                      properties: { min: { type: 'integer' }, max: { type: 'integer' } },
                      'x-kubernetes-validations': [
                        { rule: 'self.min <= self.max', message: 'min must not exceed max', fieldPath: '.max' },
                      ],
                    },
                    cidrs: {
                      type: 'array',
                      items: {
                        type: 'string',
                        'x-kubernetes-validations': [{ rule: 'isCIDR(self) && cidr(self).prefixLength() >= 8' }],
                      },
                    },
                    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    broken: {
                      type: 'string',
                      'x-kubernetes-validations': [{ rule: 'noSuchFunction(self)', message: 'never' }],
                    },
                    lookup: {
                      type: 'object',
                      properties: { key: { type: 'string' } },
                      'x-kubernetes-validations': [{ rule: "self.key == 'a'", message: 'key must be a' }],
                    },
                  },
                  'x-kubernetes-validations': [
                    { rule: '!has(self.replicas) || self.replicas * 2 <= 10', message: 'replicas too high' },
                    { rule: '!has(self.ratio) || self.ratio < 0.5', message: 'ratio too high' },
                    {
                      rule: '!has(self.extra) || !has(self.extra.count) || self.extra.count + 1 > 1',
                      message: 'extra.count must be positive',
                    },
                  ],
                },
              },
            },
          },
        },
      ],
    },
  };
  const widget = (spec: any) => ({ apiVersion: 'projectcalico.org/v3', kind: 'Widget', metadata: { name: 'w' }, spec });
  const celOf = (spec: any) =>
    lines(validateManifests([widget(spec)], { crds: [widgetCrd] }).filter((p) => p.rule === 'cel'));

  test('rules on additionalProperties values run for every map value; messageExpression gives the message', () => {
    expect(celOf({ limits: { a: 1, b: 150, c: 99 } })).toEqual([
      'spec.limits.b: limit must be below 100, got 150 [cel]',
    ]);
  });

  test('fieldPath is appended to the rule location', () => {
    expect(celOf({ window: { min: 5, max: 1 } })).toEqual(['spec.window.max: min must not exceed max [cel]']);
    expect(celOf({ window: { min: 1, max: 5 } })).toEqual([]);
  });

  test('integer fields are CEL ints and number fields doubles (arithmetic type-checks)', () => {
    expect(celOf({ replicas: 5, ratio: 0.25 })).toEqual([]);
    expect(celOf({ replicas: 6 })).toEqual(['spec: replicas too high [cel]']);
    expect(celOf({ ratio: 1 })).toEqual(['spec: ratio too high [cel]']);
  });

  test('preserved unknown fields are visible to CEL, integers as ints', () => {
    expect(celOf({ extra: { count: 3, anything: { nested: true } } })).toEqual([]);
    expect(celOf({ extra: { count: -3 } })).toEqual(['spec: extra.count must be positive [cel]']);
  });

  test('a rule without message reports "failed rule"; rules use Kubernetes CIDR functions', () => {
    expect(celOf({ cidrs: ['10.0.0.0/8', '10.0.0.0/4', 'nope'] })).toEqual([
      'spec.cidrs[1]: failed rule: isCIDR(self) && cidr(self).prefixLength() >= 8 [cel]',
      'spec.cidrs[2]: failed rule: isCIDR(self) && cidr(self).prefixLength() >= 8 [cel]',
    ]);
  });

  test('a rule that does not compile is reported, not thrown', () => {
    const out = celOf({ broken: 'x' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^spec\.broken: compilation failed for rule "noSuchFunction\(self\)": .*noSuchFunction/);
  });

  test('an evaluation error is reported with the rule', () => {
    const out = celOf({ lookup: {} });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^spec\.lookup: error evaluating rule "self\.key == 'a'": .*key/);
    expect(celOf({ lookup: { key: 'b' } })).toEqual(['spec.lookup: key must be a [cel]']);
  });
});
