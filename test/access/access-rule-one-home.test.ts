// One RBAC rule type and one risk enum for the AccessRole construct and the access engine: the construct takes the
// engine's PolicyRule (non-resource rules included, checked as upstream ValidatePolicyRule) and reports the engine's
// risk values, with no translation in between.
import { Chart, Testing } from 'cdk8s';
import { AccessRisk as ConstructRisk, AccessRole, AccessRule, Subject } from '../../lib/access';
import { AccessModel, AccessRisk, RbacPolicyRule, rbacRuleRisks } from '../../lib/analysis/access';
import * as lib from '../../lib';

const chart = () => new Chart(Testing.app(), 'c');

test('AccessRisk is one enum: the construct face re-exports the engine one, LONG_LIVED_TOKEN included', () => {
  expect(ConstructRisk).toBe(AccessRisk);
  expect(lib.AccessRisk).toBe(AccessRisk);
  expect(Object.values(AccessRisk).sort()).toEqual([
    'cluster-admin',
    'long-lived-token',
    'pod-exec',
    'privilege-escalation',
    'secrets-read-cluster-wide',
    'wildcard',
  ]);
});

test('the engine reports enum members, which the construct compares without a cast', () => {
  const risks = rbacRuleRisks({ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }, 'cluster');
  expect(risks.map((r) => r.risk)).toEqual([AccessRisk.SECRETS_READ_CLUSTER_WIDE]);
  const rule: AccessRule = { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] };
  const engineRule: RbacPolicyRule = rule; // the same shape: no mapping between construct and engine
  expect(rbacRuleRisks(engineRule, 'namespace').map((r) => r.risk)).toEqual([AccessRisk.POD_EXEC]);
  expect(() => new AccessRole(chart(), 'R', { rules: [rule] })).toThrow(/AccessRisk\.POD_EXEC\]/);
});

test('AccessRule declares exactly the fields of the engine rule (its own declaration, for jsii)', () => {
  // Checked by the compiler: `Same` is `false` (and the assignment fails to compile) if either gains a field.
  type Same<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
  const same: Same<AccessRule, RbacPolicyRule> = true;
  expect(same).toBe(true);
});

describe('non-resource rules (upstream pkg/apis/rbac/validation.ValidatePolicyRule)', () => {
  test('a ClusterRole rule on /metrics renders as written and grants only through a ClusterRoleBinding', () => {
    const c = chart();
    const role = new AccessRole(c, 'Scraper', { rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] });
    role.grantClusterWide(Subject.user('prom'), { acknowledgeClusterWide: true });
    role.grant(Subject.user('li'), 'dev');
    const docs = Testing.synth(c);
    expect(docs.find((d) => d.kind === 'ClusterRole').rules).toEqual([
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
    const model = AccessModel.fromManifests(docs);
    expect(model.canI({ user: 'prom', verb: 'get', nonResourceURL: '/metrics' }).allowed).toBe(true);
    expect(model.canI({ user: 'prom', verb: 'get', nonResourceURL: '/logs' }).allowed).toBe(false);
    expect(model.canI({ user: 'li', verb: 'get', nonResourceURL: '/metrics' }).allowed).toBe(false);
  });

  test('a namespaced Role cannot name URLs, and one rule cannot mix URLs and resources', () => {
    expect(
      () => new AccessRole(chart(), 'R', { namespace: 'dev', rules: [{ nonResourceURLs: ['/x'], verbs: ['get'] }] }),
    ).toThrow(/\[c\/R\] rules\[0\]\.nonResourceURLs: namespaced rules cannot apply to non-resource URLs; fix:/);
    expect(
      () =>
        new AccessRole(chart(), 'R', {
          rules: [{ nonResourceURLs: ['/x'], apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
        }),
    ).toThrow(/rules cannot apply to both regular resources and non-resource URLs; fix: split it/);
  });

  test('a resource rule still needs apiGroups and resources', () => {
    expect(() => new AccessRole(chart(), 'R', { rules: [{ verbs: ['get'] }] })).toThrow(/rules\[0\]\.apiGroups/);
  });
});
