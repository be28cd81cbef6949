/** Cluster state for the access tests: namespaces and pods as `kubectl get -o json` would show them. */
export function namespace(name: string, labels: Record<string, string> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

export function pod(ns: string, name: string, ip: string, labels: Record<string, string> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { nodeName: 'node-a', containers: [{ name: 'c', image: 'x' }] },
    status: { phase: 'Running', podIP: ip },
  };
}

/** Every synthesized object of every chart of the app. */
export function manifestsOf(app: { charts: Array<{ toJson(): any[] }> }): any[] {
  return app.charts.flatMap((c) => c.toJson());
}
