// The cluster-guardrails example, applied to a small cluster and proven with the network engine: which connections
// its ClusterNetworkPolicies allow or deny, and which policy decided (`kcnp/<name>`, as Calico's flow logs name them).
import { Testing } from 'cdk8s';
import { EvaluateResult, NetworkModel, TrafficQuery } from '../../lib';
import { buildExample, TENANTS } from '../../examples/cluster-guardrails/main';

const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

const pod = (
  ns: string,
  name: string,
  ip: string,
  labels: Record<string, string>,
  ports: { name: string; containerPort: number; protocol?: string }[] = [],
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName: 'node-1', containers: [{ name: 'main', image: 'example', ports }] },
  status: { podIP: ip, podIPs: [{ ip }] },
});

const web = [
  { name: 'http', containerPort: 8080 },
  { name: 'metrics', containerPort: 9100 },
];

/** Two tenants, the platform namespaces, one pod each (the web pods serve 8080 and `metrics` on 9100). */
const cluster = [
  namespace('kube-system'),
  namespace('monitoring'),
  namespace('ingress-nginx'),
  namespace('blue', { tenant: 'blue' }),
  namespace('green', { tenant: 'green' }),
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    status: { addresses: [{ type: 'InternalIP', address: '10.10.0.1' }] },
  },
  pod('kube-system', 'coredns', '10.244.0.10', { 'k8s-app': 'kube-dns' }, [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53 },
  ]),
  pod('monitoring', 'prometheus', '10.244.0.20', { 'app.kubernetes.io/name': 'prometheus' }),
  pod('ingress-nginx', 'controller', '10.244.0.30', { 'app.kubernetes.io/name': 'ingress-nginx' }),
  pod('blue', 'web', '10.244.1.10', { app: 'web' }, web),
  pod('blue', 'db', '10.244.1.11', { app: 'db' }, [{ name: 'postgres', containerPort: 5432 }]),
  pod('green', 'web', '10.244.2.10', { app: 'web' }, web),
  pod('green', 'worker', '10.244.2.11', { app: 'worker' }),
];

function model(): NetworkModel {
  const app = Testing.app();
  buildExample(app);
  const manifests = app.charts.flatMap((c) => Testing.synth(c));
  expect(manifests.filter((d) => d.kind === 'ClusterNetworkPolicy')).toHaveLength(3 + TENANTS.length);
  return NetworkModel.fromManifests([...manifests, ...cluster]);
}

/** The verdict, the policies that decided at each step (`kcnp/<name>` for ClusterNetworkPolicies) and by tier. */
function decide(m: NetworkModel, q: TrafficQuery): { allowed: boolean; deciders: string[]; result: EvaluateResult } {
  const result = m.evaluate(q);
  const deciders = result.steps.map((s) => s.decision.policy).filter((p): p is string => p !== undefined);
  return { allowed: result.allowed, deciders, result };
}

/** `point: tier/policy action` of the step that decided at `point`. */
function at(r: EvaluateResult, point: string): string {
  const step = r.steps.find((s) => s.point === point);
  if (!step) return `${point}: not crossed`;
  const d = step.decision;
  return `${point}: ${d.policy ? `${d.tier}/${d.policy} ${d.action}` : `${d.default ?? ''} ${d.action}`}`;
}

describe('cluster-guardrails, proven with the engine', () => {
  let m: NetworkModel;
  beforeAll(() => {
    m = model();
  });

  test('DNS is always allowed: an Admin Accept beats the Baseline egress deny of a tenant without policies', () => {
    const dns = decide(m, { from: 'green/worker', to: 'kube-system/coredns', protocol: 'UDP', port: 53 });
    expect(dns.allowed).toBe(true);
    expect(dns.deciders).toContain('kcnp/allow-dns');
    expect(at(dns.result, 'source-workload-egress')).toBe('source-workload-egress: kube-admin/kcnp/allow-dns Allow');
    // Another port to the same pod is not DNS: the Baseline default deny decides green's egress.
    const other = decide(m, { from: 'green/worker', to: 'kube-system/coredns', port: 443 });
    expect(other.allowed).toBe(false);
    expect(at(other.result, 'source-workload-egress')).toBe(
      'source-workload-egress: kube-baseline/kcnp/tenant-default-deny Deny',
    );
  });

  test('monitoring scrapes the metrics port of every tenant pod, and only that port', () => {
    const scrape = decide(m, { from: 'monitoring/prometheus', to: 'blue/web', port: 9100 });
    expect(scrape.allowed).toBe(true);
    expect(at(scrape.result, 'destination-workload-ingress')).toBe(
      'destination-workload-ingress: kube-admin/kcnp/allow-monitoring-scrape Allow',
    );
    const http = decide(m, { from: 'monitoring/prometheus', to: 'blue/web', port: 8080 });
    expect(http.allowed).toBe(false);
    expect(http.deciders).toContain('kcnp/tenant-default-deny');
  });

  test("tenants cannot reach each other, even where the receiving namespace's NetworkPolicy admits everyone", () => {
    // blue's egress is open (its own NetworkPolicy); green's web-ingress admits every namespace on 8080; the Admin
    // Deny of tenant-isolation-green comes first and is final.
    const cross = decide(m, { from: 'blue/web', to: 'green/web', port: 8080 });
    expect(cross.allowed).toBe(false);
    expect(at(cross.result, 'source-workload-egress')).toBe(
      'source-workload-egress: default/blue/knp.default.egress-anywhere Allow',
    );
    expect(at(cross.result, 'destination-workload-ingress')).toBe(
      'destination-workload-ingress: kube-admin/kcnp/tenant-isolation-green Deny',
    );
  });

  test("a namespace's NetworkPolicy overrides the Baseline default deny", () => {
    // green's web pods are selected by green's NetworkPolicy: the default tier decides and kube-baseline is never
    // reached; the ingress controller (no tenant) gets in.
    const ingress = decide(m, { from: 'ingress-nginx/controller', to: 'green/web', port: 8080 });
    expect(ingress.allowed).toBe(true);
    expect(ingress.deciders.some((p) => p.startsWith('kcnp/'))).toBe(false);
    expect(at(ingress.result, 'destination-workload-ingress')).toBe(
      'destination-workload-ingress: default/green/knp.default.web-ingress Allow',
    );
    // blue wrote no ingress policy: the Baseline deny decides the same connection to blue.
    const blue = decide(m, { from: 'ingress-nginx/controller', to: 'blue/web', port: 8080 });
    expect(blue.allowed).toBe(false);
    expect(at(blue.result, 'destination-workload-ingress')).toBe(
      'destination-workload-ingress: kube-baseline/kcnp/tenant-default-deny Deny',
    );
  });

  test('inside one tenant, the Baseline decides until the tenant writes a NetworkPolicy', () => {
    // blue's egress is open by its own policy, but nothing admits ingress into blue/db: the Baseline denies it.
    const sameTenant = decide(m, { from: 'blue/web', to: 'blue/db', port: 5432 });
    expect(sameTenant.allowed).toBe(false);
    expect(at(sameTenant.result, 'destination-workload-ingress')).toBe(
      'destination-workload-ingress: kube-baseline/kcnp/tenant-default-deny Deny',
    );
  });

  test('platform namespaces are not subjects: traffic between them is allowed by their profiles', () => {
    const r = decide(m, { from: 'ingress-nginx/controller', to: 'monitoring/prometheus', port: 9090 });
    expect(r.allowed).toBe(true);
    expect(r.deciders).toEqual([]);
  });

  test('control: without the guardrails chart the same cluster lets blue into green and green anywhere', () => {
    const app = Testing.app();
    buildExample(app);
    const tenantsOnly = app.charts.filter((c) => c.node.id === 'tenants').flatMap((c) => Testing.synth(c));
    const bare = NetworkModel.fromManifests([...tenantsOnly, ...cluster]);
    expect(bare.evaluate({ from: 'blue/web', to: 'green/web', port: 8080 }).allowed).toBe(true);
    expect(bare.evaluate({ from: 'green/worker', to: 'kube-system/coredns', port: 443 }).allowed).toBe(true);
  });
});
