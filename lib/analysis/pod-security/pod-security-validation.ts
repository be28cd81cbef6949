// Synth-time Pod Security: a cdk8s validation that fails `app.synth()` when a pod template under a construct violates
// the enforce level of its namespace (Namespace objects are looked up in the whole app).
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem } from '../../validation/problem';
import { AppPodSecurityOptions, podSecurityProblems } from './app-pod-security';
import { POD_TEMPLATE_KINDS } from './check-pod-security';

/**
 * The JSON of the ApiObjects under `scope` that `keep` accepts, chosen by kind before rendering: an app of thousands
 * of Calico objects is not rendered to find its few workloads. (ApiObject.toJson does not run validations, so this
 * cannot recurse.)
 */
function objectsUnder(scope: IConstruct, keep: (kind: string) => boolean): any[] {
  return scope.node
    .findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && keep(c.kind))
    .map((o) => o.toJson());
}

/** What Pod Security reads: workloads, Namespaces, and Lists that may hold them. */
function readByPodSecurity(kind: string): boolean {
  return kind === 'Namespace' || POD_TEMPLATE_KINDS.includes(kind) || kind.endsWith('List');
}

/** Options of {@link podSecurityValidationErrors} and {@link addPodSecurityValidation}. */
export interface PodSecurityValidationOptions extends AppPodSecurityOptions {
  /**
   * Only workloads placed in this namespace (and this Namespace's own labels).
   * @default every namespace
   */
  readonly namespace?: string;
}

/**
 * The Pod Security problems of the objects under `scope`, each namespace's labels taken from the Namespace objects
 * anywhere in the app, as messages `Kind/name: path: violates Pod Security ... [psa.<check>]`.
 */
export function podSecurityValidationErrors(scope: IConstruct, options: PodSecurityValidationOptions = {}): string[] {
  const { namespace, ...appOptions } = options;
  const own = objectsUnder(scope, readByPodSecurity);
  const ownNamespaces = new Set(own.filter((d) => d.kind === 'Namespace').map((d) => d.metadata?.name));
  // Under the root itself every Namespace is already in `own`.
  const otherNamespaces =
    scope === scope.node.root
      ? []
      : objectsUnder(scope.node.root, (kind) => kind === 'Namespace').filter(
          (d) => d.kind === 'Namespace' && !ownNamespaces.has(d.metadata?.name),
        );
  // Workload problems all come from `own`; label problems only for the Namespaces under scope.
  return podSecurityProblems([...otherNamespaces, ...own], appOptions)
    .filter((p) => p.kind !== 'Namespace' || ownNamespaces.has(p.name))
    .filter(
      (p) => namespace === undefined || (p.kind === 'Namespace' ? p.name === namespace : p.namespace === namespace),
    )
    .map((p) => `${p.kind}/${p.name}: ${formatProblem(p)} [${p.rule}]`);
}

/**
 * Makes synthesis fail when a pod template under `scope` (a Chart, the App, or any construct) violates its
 * namespace's `pod-security.kubernetes.io/enforce` level, or `options.level` when given: the API server would reject
 * its pods. The error names each workload, field and check, with the fix.
 */
export function addPodSecurityValidation(scope: IConstruct, options: PodSecurityValidationOptions = {}): void {
  scope.node.addValidation({ validate: () => podSecurityValidationErrors(scope, options) });
}
