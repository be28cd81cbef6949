// lint.namespace-privileged and lint.namespace-pod-security-unset.
import { lintManifests, lintPrivilegedNamespaces } from '../../lib/lint';
import { deployment, namespace } from './fixtures';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const rules = (docs: any[]) => lintPrivilegedNamespaces(docs).map((f) => `${f.rule} ${f.name} ${f.path}`);

test('an explicit privileged enforce level is a warning unless acknowledged; platform namespaces are skipped', () => {
  const lab = namespace('lab', { [ENFORCE]: 'privileged' });
  const found = lintManifests([lab]).filter((f) => f.rule === 'lint.namespace-privileged');
  expect(found.map((f) => `${f.severity} ${f.kind}/${f.name} ${f.path}`)).toEqual([
    `warning Namespace/lab metadata.labels.${ENFORCE}`,
  ]);
  expect(found[0].message).toMatch(
    /any pod there can take over its node; fix: enforce baseline or restricted; .*acknowledged-risks: privileged-pods/,
  );
  const acknowledged = {
    ...lab,
    metadata: { ...lab.metadata, annotations: { 'cdk8s-calico.io/acknowledged-risks': 'pod-exec,privileged-pods' } },
  };
  expect(rules([acknowledged])).toEqual([]);
  const otherRisk = {
    ...lab,
    metadata: { ...lab.metadata, annotations: { 'cdk8s-calico.io/acknowledged-risks': 'pod-exec' } },
  };
  expect(rules([otherRisk])).toEqual([`lint.namespace-privileged lab metadata.labels.${ENFORCE}`]);
  expect(rules([namespace('kube-system', { [ENFORCE]: 'privileged' })])).toEqual([]);
  expect(rules([namespace('safe', { [ENFORCE]: 'baseline' })])).toEqual([]);
});

test('no enforce label: info, only when the namespace holds workloads', () => {
  expect(rules([namespace('empty')])).toEqual([]);
  const docs = [namespace('shop'), deployment('shop', 'web', { app: 'web' })];
  const found = lintManifests(docs).filter((f) => f.rule === 'lint.namespace-pod-security-unset');
  expect(found.map((f) => `${f.severity} ${f.name}`)).toEqual(['info shop']);
  expect(rules([namespace('shop', { [ENFORCE]: 'restricted' }), deployment('shop', 'web', { app: 'web' })])).toEqual(
    [],
  );
  // An invalid enforce value is not "unset": the API server enforces restricted (reported by psa.invalid-label).
  expect(rules([namespace('shop', { [ENFORCE]: 'strict' }), deployment('shop', 'web', { app: 'web' })])).toEqual([]);
});
