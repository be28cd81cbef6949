import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/**
 * Keeps a cluster-scoped object free of `metadata.namespace`: cdk8s puts the chart's namespace on every object
 * (https://github.com/cdk8s-team/cdk8s-core/issues/731), which GitOps diffs and some tools reject for cluster-scoped
 * kinds.
 */
export function dropChartNamespace(obj: ApiObject): void {
  if (Chart.of(obj).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
