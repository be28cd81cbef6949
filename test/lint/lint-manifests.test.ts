// lintManifests: the rule catalogue (severities), ordering, options, the registry, and robustness on junk input.
import fc from 'fast-check';
import {
  isKnownLintRule,
  LINT_RULE_SETS,
  LINT_RULES,
  LintFinding,
  lintManifests,
  lintRuleInfo,
  NETWORK_LINT_RULES,
} from '../../lib/lint';
import { NetworkModel } from '../../lib/analysis/network/network-model';
import { deployment, gnp, hep, knp, namespace } from './fixtures';

const OTHER_WORKERS = [
  'lint.rbac-cluster-admin',
  'lint.rbac-wildcard',
  'lint.rbac-secrets-cluster-wide',
  'lint.rbac-escalation',
  'lint.rbac-pod-exec',
  'lint.failsafe-ports-disabled',
];

describe('catalogue', () => {
  test('every network lint rule is merged with its summary, and the rule sets of other modules are listed', () => {
    for (const [id, summary] of Object.entries(NETWORK_LINT_RULES))
      expect(LINT_RULES[id]).toEqual({ severity: expect.any(String), summary });
    for (const id of OTHER_WORKERS) expect(['error', 'warning']).toContain(LINT_RULES[id]?.severity);
    expect(LINT_RULES['lint.failsafe-ports-disabled'].severity).toBe('error');
    for (const info of Object.values(LINT_RULES)) expect(info.summary.length).toBeGreaterThan(20);
  });

  test('psa.<checkId> findings are errors by prefix; the bare prefix disables the family but is no rule', () => {
    expect(lintRuleInfo('psa.privileged')?.severity).toBe('error');
    expect(lintRuleInfo('psa.')).toBeUndefined();
    expect(isKnownLintRule('psa.')).toBe(true);
    expect(isKnownLintRule('lint.nope')).toBe(false);
    expect(lintRuleInfo('toString')).toBeUndefined();
  });

  test('severities the brief fixes', () => {
    const sev = (id: string) => LINT_RULES[id].severity;
    expect([
      sev('lint.dns-egress-blocked'),
      sev('lint.log-only-policy'),
      sev('lint.host-endpoint-unprotected'),
    ]).toEqual(['error', 'error', 'error']);
    expect([
      sev('lint.selector-matches-nothing'),
      sev('lint.namespace-without-default-deny'),
      sev('lint.created-by-label'),
      sev('lint.forwarded-traffic-unpoliced'),
    ]).toEqual(['warning', 'warning', 'warning', 'warning']);
  });
});

// One manifest set that trips many rules, each finding on a different object.
const logOnly = gnp('log-all', { order: 2000, selector: 'has(x)', ingress: [{ action: 'Log' }] });
const staged = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'StagedGlobalNetworkPolicy',
  metadata: { name: 'preview' },
  spec: { selector: 'has(x)' },
};
const labelled = {
  ...namespace('tools'),
  metadata: { name: 'tools', labels: { 'projectcalico.org/created-by': 'me' } },
};
const mixed = [
  staged,
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }),
  labelled,
  logOnly,
  knp('shop', 'no-types', { podSelector: { matchLabels: { app: 'web' } } }),
];

describe('lintManifests', () => {
  test('worst first, then document order; every finding carries its catalogue severity', () => {
    const found = lintManifests(mixed);
    expect(found.map((f) => `${f.severity} ${f.rule} ${f.name}`)).toEqual([
      'error lint.log-only-policy log-all',
      'warning lint.namespace-without-default-deny shop',
      'warning lint.created-by-label tools',
      'info lint.staged-policy preview',
      'info lint.namespace-pod-security-unset shop',
      'info lint.k8s-policy-types-missing no-types',
    ]);
    for (const f of found) expect(f.severity).toBe(LINT_RULES[f.rule].severity);
    expect(lintManifests([...mixed])).toEqual(found); // deterministic
  });

  test('minSeverity filters; disable skips ids and prefix families', () => {
    expect(lintManifests(mixed, { minSeverity: 'warning' }).map((f) => f.severity)).toEqual([
      'error',
      'warning',
      'warning',
    ]);
    expect(lintManifests(mixed, { minSeverity: 'error' }).map((f) => f.rule)).toEqual(['lint.log-only-policy']);
    expect(
      lintManifests(mixed, { disable: ['lint.staged-policy', 'lint.created-by-label'] }).map((f) => f.rule),
    ).toEqual([
      'lint.log-only-policy',
      'lint.namespace-without-default-deny',
      'lint.namespace-pod-security-unset',
      'lint.k8s-policy-types-missing',
    ]);
    const psa = () => [
      {
        kind: 'Pod',
        name: 'p',
        namespace: 'shop',
        path: 'spec',
        rule: 'psa.privileged',
        message: 'privileged; fix: no',
      },
    ];
    expect(lintManifests([], { ruleSets: [psa] }).map((f) => `${f.severity} ${f.rule}`)).toEqual([
      'error psa.privileged',
    ]);
    expect(lintManifests([], { ruleSets: [psa], disable: ['psa.'] })).toEqual([]);
  });

  test('bad options and input are Errors that name the field and the fix', () => {
    expect(() => lintManifests(mixed, { disable: ['lint.nope'] })).toThrow(
      /\[lintManifests\] options.disable\[0\]: names unknown rule\(s\) "lint.nope"; fix: /,
    );
    expect(() => lintManifests(mixed, { minSeverity: 'fatal' as any })).toThrow(
      /\[lintManifests\] options.minSeverity: expected one of "error", "warning", "info", got the string "fatal"; fix: /,
    );
    expect(() => lintManifests(mixed, { disable: 'lint.staged-policy' as any })).toThrow(
      /\[lintManifests\] options.disable: expected an array of rule ids, got the string "lint.staged-policy"; fix: wrap it in a list/,
    );
    expect(() => lintManifests(null as any)).toThrow(
      /\[lintManifests\] docs: expected an array of objects, got null; fix:/,
    );
  });

  test('the registry: appended rule sets run by default; unknown ids get warning; duplicates are reported once', () => {
    const dup: LintFinding = {
      kind: 'Namespace',
      name: 'shop',
      path: '',
      rule: 'lint.rbac-wildcard',
      message: 'x; fix: y',
    };
    const extra = () => [dup, { ...dup }, { ...dup, rule: 'custom.thing' }];
    LINT_RULE_SETS.push(extra);
    try {
      const found = lintManifests([namespace('shop')]);
      expect(found.map((f) => `${f.severity} ${f.rule}`)).toEqual([
        'warning lint.rbac-wildcard',
        'warning custom.thing',
      ]);
    } finally {
      LINT_RULE_SETS.pop();
    }
    expect(lintManifests([namespace('shop')])).toEqual([]);
  });

  test('a finding about an object of a List sorts by the item position', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [labelled, logOnly] };
    expect(lintManifests([staged, list]).map((f) => f.name)).toEqual(['log-all', 'tools', 'preview']);
  });

  test('junk and malformed objects never throw', () => {
    const junk = [
      null,
      1,
      'x',
      [],
      { kind: 'List', items: [null, { kind: 'Pod' }] },
      { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: 'bad' },
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: { name: 'n', namespace: 's' },
        spec: { selector: 'a ==', ingress: 'x', egress: [null, 3] },
      },
      hep('h', { node: 7 }),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { podIP: 'not-an-ip' } },
    ];
    expect(() => lintManifests(junk)).not.toThrow();
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (docs) => {
        lintManifests(docs as unknown[]);
      }),
      { numRuns: 150 },
    );
    const shaped = fc.record(
      {
        apiVersion: fc.constantFrom('projectcalico.org/v3', 'networking.k8s.io/v1', 'v1', 'apps/v1'),
        kind: fc.constantFrom(
          'GlobalNetworkPolicy',
          'NetworkPolicy',
          'HostEndpoint',
          'Namespace',
          'Pod',
          'Deployment',
          'Tier',
          'StagedNetworkPolicy',
        ),
        metadata: fc.record(
          {
            name: fc.constantFrom('a', 'b'),
            namespace: fc.constantFrom('shop', undefined),
            labels: fc.dictionary(fc.constantFrom('app', 'projectcalico.org/created-by'), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        spec: fc.jsonValue(),
      },
      { requiredKeys: ['apiVersion', 'kind'] },
    );
    fc.assert(
      fc.property(fc.array(shaped, { maxLength: 6 }), (docs) => {
        lintManifests(docs);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a rule set whose rules are all disabled is skipped, not run (RULE_SET_RULES)', () => {
  test('--disable lint.node-access-blocked skips the lockout proof (the engine over every node)', () => {
    // The proof builds the engine over the manifests; nothing else here does (no kube-dns pods for the DNS rule).
    const spy = jest.spyOn(NetworkModel, 'fromManifests');
    try {
      const docs = [
        hep('eth0-a', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { role: 'worker' }),
        gnp('deny', { selector: 'role == "worker"', types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
      ];
      const all = lintManifests(docs);
      expect(spy).toHaveBeenCalled();
      spy.mockClear();
      const without = lintManifests(docs, { disable: ['lint.node-access-blocked'] });
      expect(spy).not.toHaveBeenCalled();
      expect(without).toEqual(all.filter((f) => f.rule !== 'lint.node-access-blocked'));
    } finally {
      spy.mockRestore();
    }
  });
});
