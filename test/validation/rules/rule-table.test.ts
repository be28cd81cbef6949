import { ValidationProblem, formatProblem } from '../../../lib/validation/problem';
import { CALICO_RULE_IDS, CALICO_RULES, checkCalicoRuleSet, checkCalicoRules } from '../../../lib/validation/rules';
import { CASES, RuleCase } from './cases';

function run(input: any): ValidationProblem[] {
  return Array.isArray(input) ? checkCalicoRuleSet(input) : checkCalicoRules(input);
}

function show(problems: ValidationProblem[]): string {
  return problems.map((p) => `  [${p.rule}] ${formatProblem(p)}`).join('\n') || '  (none)';
}

describe.each(CASES.map((c): [string, RuleCase] => [`${c.rule}: ${c.title}`, c]))('%s', (_label, c) => {
  test('failing input reports the rule with the expected message', () => {
    const problems = run(c.fail);
    const hit = problems.find(
      (p) => p.rule === c.rule && p.message.includes(c.message) && (c.path === undefined || p.path === c.path),
    );
    if (!hit) {
      throw new Error(
        `expected [${c.rule}] containing ${JSON.stringify(c.message)}${c.path ? ` at ${c.path}` : ''}, got:\n${show(problems)}`,
      );
    }
    expect(hit.message).toMatch(/; fix: /);
  });

  test('passing input yields no problems at all', () => {
    const problems = run(c.pass);
    if (problems.length > 0) throw new Error(`expected no problems, got:\n${show(problems)}`);
  });
});

describe('rule table coverage', () => {
  test('every rule id has at least one failing and one passing example', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const missing = CALICO_RULE_IDS.filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  test('every example refers to a declared rule id', () => {
    const unknown = CASES.map((c) => c.rule).filter((id) => !(CALICO_RULE_IDS as readonly string[]).includes(id));
    expect(unknown).toEqual([]);
  });

  test('rule ids are unique, namespaced and described', () => {
    expect(new Set(CALICO_RULE_IDS).size).toBe(CALICO_RULE_IDS.length);
    for (const id of CALICO_RULE_IDS) {
      expect(id).toMatch(/^calico\.[a-z0-9]+(\.[a-z0-9-]+)+$/);
      expect(CALICO_RULES[id].length).toBeGreaterThan(10);
    }
  });

  test('failing inputs carry the identity of the object', () => {
    const [p] = checkCalicoRules({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'a.b.c', namespace: 'prod' },
      spec: {},
    });
    expect(p).toMatchObject({
      kind: 'NetworkPolicy',
      name: 'a.b.c',
      namespace: 'prod',
      path: 'metadata.name',
      rule: 'calico.name.np-format',
    });
    const [q] = checkCalicoRules({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkSet',
      metadata: {},
      spec: {},
    });
    expect(q).toMatchObject({ kind: 'GlobalNetworkSet', name: '<unnamed>', rule: 'calico.meta.name-required' });
    expect(q).not.toHaveProperty('namespace');
  });
});
