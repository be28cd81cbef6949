import { validateManifests } from '../../../lib/validation';

/** `path [rule]` of every problem validateManifests finds in the documents. */
export function problemPaths(...docs: unknown[]): string[] {
  return validateManifests(docs as any[]).map((p) => `${p.path} [${p.rule}]`);
}

/** `path: message` of the kube-apiserver validation problems (rule k8s.validation / k8s.duplicate) only. */
export function k8sProblems(...docs: unknown[]): string[] {
  return validateManifests(docs as any[])
    .filter((p) => p.rule.startsWith('k8s.') && p.rule !== 'k8s.schema')
    .map((p) => `${p.path}: ${p.message}`);
}
