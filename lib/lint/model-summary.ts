/**
 * What the lint rules read of the engine's model: the workload endpoints with their effective
 * labels, the service account labels pod templates need, the host endpoints, and whether kube-dns pods with
 * addresses exist (only then does `lint.dns-egress-blocked` need the whole engine). A few plain records instead of
 * the model (compiled policies, address indexes, the cluster state), so it can be computed on another thread and
 * sent back, and the model itself dropped.
 */
import type { ModelData } from '../analysis/network/build/build';

/** A workload endpoint of the model: a Pod with its labels as Calico's selectors see them. */
export interface ModelWorkload {
  /** `ns/pod`. */
  readonly id: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A host endpoint of the model (explicit, or derived from KubeControllersConfiguration and Nodes). */
export interface ModelHostEndpoint {
  readonly name: string;
  readonly interfaceName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly automatic: boolean;
}

/** The lint's view of the model; every list empty when the model cannot be built. */
export interface LintModelSummary {
  /** Pods (not hostNetwork), in the model's order. */
  readonly workloads: readonly ModelWorkload[];
  /** `ns/name` → labels of ServiceAccount objects. */
  readonly serviceAccounts: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** In the model's order (by node, then name). */
  readonly hostEndpoints: readonly ModelHostEndpoint[];
  /** True when some kube-dns pod (`k8s-app: kube-dns` in kube-system, not hostNetwork) has an address. */
  readonly dnsPods: boolean;
}

/** The summary of `model` (`undefined`: the model could not be built). */
export function summarizeModel(model: ModelData | undefined): LintModelSummary {
  if (!model) return { workloads: [], serviceAccounts: new Map(), hostEndpoints: [], dnsPods: false };
  const workloads: ModelWorkload[] = [];
  for (const w of model.workloads.values())
    workloads.push({ id: w.entity.id, namespace: w.pod.namespace, labels: w.entity.labels });
  const hostEndpoints: ModelHostEndpoint[] = [];
  for (const recs of model.hepsByNode.values()) {
    for (const r of recs)
      hostEndpoints.push({
        name: r.hep.name,
        interfaceName: r.hep.interfaceName,
        labels: r.entity.labels,
        automatic: r.hep.automatic,
      });
  }
  // The pods lintDnsEgress's engine check asks about (dns-egress-lint.ts engineCheck).
  const dnsPods = model.state.pods.some(
    (p) => !p.hostNetwork && p.ips.length > 0 && p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns',
  );
  return { workloads, serviceAccounts: model.state.serviceAccounts, hostEndpoints, dnsPods };
}
