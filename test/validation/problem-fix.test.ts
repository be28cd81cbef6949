// Every problem validateManifests reports ends in a fix; schema and CEL messages (kube-apiserver's wording) get one
// derived from their rule (lib/validation/problem-fix.ts).
import { validateManifests } from '../../lib/validation';
import { withDerivedFix } from '../../lib/validation/problem-fix';
import { calico, crdsDir } from './schema/helpers';

function fixes(doc: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of validateManifests([doc], { crds: crdsDir() })) {
    if (!p.rule.startsWith('schema.') && p.rule !== 'cel') continue;
    out[p.path] = p.message.slice(p.message.indexOf('; fix: ') + '; fix: '.length);
  }
  return out;
}

test('an unknown Calico field gets "did you mean" from the CRD schema', () => {
  expect(fixes(calico('GlobalNetworkPolicy', { selecter: 'all()' }, { name: 'a' }))['spec.selecter']).toBe(
    'did you mean "selector"? (remove spec.selecter or rename it)',
  );
  expect(fixes(calico('GlobalNetworkPolicy', { zzzzzz: 1 }, { name: 'a' }))['spec.zzzzzz']).toBe(
    'remove spec.zzzzzz: the GlobalNetworkPolicy schema does not define it',
  );
});

test('enum, type, required and CEL problems each get the fix of their rule', () => {
  const f = fixes(calico('IPPool', { cidr: '10.0.0.0/16', ipipMode: 'always', disabled: 'true' }, { name: 'p' }));
  expect(f['spec.ipipMode']).toBe('set spec.ipipMode to one of the supported values (case-sensitive)');
  expect(f['spec.disabled']).toBe('give spec.disabled a value of the type the IPPool schema requires');
  expect(fixes(calico('IPPool', { blockSize: 26 }, { name: 'p' }))['spec.cidr']).toBe('set spec.cidr');
  expect(fixes(calico('Tier', { order: 1000, defaultAction: 'Deny' }, { name: 'kube-admin' }))['']).toMatch(
    /Tier CRD's validation rule holds/,
  );
});

test('a message with a fix keeps its own', () => {
  expect(withDerivedFix('bad; fix: do this', 'schema.type', 'spec.x', 'Tier')).toBe('bad; fix: do this');
  expect(withDerivedFix('Duplicate value: "a"', 'schema.unique', 'spec.x[1]', 'Tier')).toBe(
    'Duplicate value: "a"; fix: remove the duplicate from spec.x[1]',
  );
});

test('no problem of validateManifests lacks a fix', () => {
  const docs = [
    calico('GlobalNetworkPolicy', { selecter: 'all()', order: 'x', types: ['Ingres'] }, { name: 'a' }),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'Bad_Name' },
      spec: { containers: [{ name: 'a', image: 'x' }] },
    },
    { apiVersion: 'projectcalico.org/v3', kind: 'BGPConfiguration', metadata: {}, spec: { asNumber: 4200000000 } },
    null,
    { kind: 7, apiVersion: 'v1' },
  ];
  const problems = validateManifests(docs, { crds: crdsDir() });
  expect(problems.length).toBeGreaterThan(5);
  expect(problems.filter((p) => !/; fix: \S/.test(p.message))).toEqual([]);
});
