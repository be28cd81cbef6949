// podSecurityProblems leaves out, unchecked, the workloads of privileged namespaces whose fields have the right types
// (nothing runs at the privileged level): its problems must be those of checking every workload.
import { checkPodSecurity, podSecurityProblems } from '../../../lib/analysis/pod-security';

const ns = (name: string, enforce?: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: enforce ? { 'pod-security.kubernetes.io/enforce': enforce } : {} },
});
const pod = (namespace: string | undefined, name: string, container: Record<string, unknown>, spec = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: namespace === undefined ? { name } : { name, namespace },
  spec: { ...spec, containers: [{ name: 'c', image: 'x', ...container }] },
});

const docs = [
  ns('open', 'privileged'),
  ns('strict', 'restricted'),
  ns('plain'),
  pod('open', 'root', { securityContext: { privileged: true } }),
  pod('open', 'typo', { securityContext: { privileged: 'true' } }),
  pod('unlabelled', 'typo2', { ports: [{ containerPort: '80' }] }),
  pod('plain', 'host', {}, { hostNetwork: true }),
  pod('plain', 'host-typo', {}, { hostNetwork: 1 }),
  pod(undefined, 'no-namespace', { securityContext: { capabilities: { add: 'NET_ADMIN' } } }),
  pod('strict', 'root', { securityContext: { privileged: true } }),
  pod('strict', 'typo', { securityContext: { runAsNonRoot: 'yes' } }),
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'open' },
    spec: { template: { metadata: { annotations: { a: 1 } }, spec: { containers: [{ name: 'c' }] } } },
  },
];

/** Every workload checked, one at a time, at its namespace's level: what podSecurityProblems reports per workload. */
function everyWorkload(): string[] {
  const level = (n: string | undefined) =>
    (docs.find((d) => d.kind === 'Namespace' && d.metadata.name === (n ?? 'default')) as any)?.metadata.labels[
      'pod-security.kubernetes.io/enforce'
    ] ?? 'privileged';
  const out: string[] = [];
  for (const d of docs.filter((x) => x.kind !== 'Namespace') as any[]) {
    try {
      for (const v of checkPodSecurity(d, level(d.metadata.namespace)).violations)
        out.push(`${d.metadata.name} psa.${v.check}`);
    } catch {
      out.push(`${d.metadata.name} psa.invalid-field`);
    }
  }
  return out.sort();
}

test('the problems are those of checking every workload', () => {
  const found = podSecurityProblems(docs)
    .map((p) => `${p.name} ${p.rule}`)
    .sort();
  expect(found).toEqual(everyWorkload());
  expect(found.filter((f) => f.endsWith('invalid-field')).length).toBe(6); // those of privileged namespaces included
});
