// docs/scenarios.md#005: a platform team's guardrails with Kubernetes ClusterNetworkPolicy (policy.networking.k8s.io/
// v1alpha2), as Calico 3.32 enforces it (Admin policies in its `kube-admin` tier before every NetworkPolicy, Baseline
// policies in `kube-baseline` after them):
//   - Admin, priority 10: every pod may resolve names (egress to kube-dns on 53) whatever its own policies say;
//   - Admin, priority 20: Prometheus may scrape every pod's `metrics` port;
//   - Admin, priority 100 + i: tenant namespaces (label `tenant`) admit nothing from other tenants' namespaces;
//   - Baseline: tenant namespaces deny everything else by default, and their owners open what they need with their
//     own NetworkPolicies, which take precedence over the Baseline tier.
// The `tenants` chart is what namespace owners write: blue opens its egress to anywhere, green admits every namespace
// to its web pods; the Admin tenant isolation still keeps blue out of green.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ClusterNetworkPolicy,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyTier,
  ClusterPolicyPeer,
  ClusterPolicyPort,
  ClusterPolicySubject,
  LabelSelector,
  LabelSelectorOperator,
} from '../../lib/policy/cluster-network-policy';
import { KubeNetworkPolicy, KubePeer, KubePort } from '../../lib/policy/kubernetes';

/** The namespace label that marks a tenant's namespaces (`tenant: <name>`). */
export const TENANT_LABEL = 'tenant';
/** The tenants of the example cluster. */
export const TENANTS = ['blue', 'green'];

/** The platform team's ClusterNetworkPolicies. */
export class Guardrails extends Chart {
  /** The policies, by name (exposed for tests). */
  public readonly policies: ClusterNetworkPolicy[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const everyNamespace = ClusterPolicySubject.allNamespaces();

    // DNS first: an Admin Accept is final for the direction, so a namespace's egress deny-all cannot break it.
    const dns = new ClusterNetworkPolicy(this, 'AllowDns', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 10,
      subject: everyNamespace,
    });
    dns.addEgressRule({
      name: 'dns-to-kube-dns',
      action: ClusterNetworkPolicyAction.ACCEPT,
      peers: [ClusterPolicyPeer.pods({ 'k8s-app': 'kube-dns' }, { 'kubernetes.io/metadata.name': 'kube-system' })],
      ports: [ClusterPolicyPort.udp(53), ClusterPolicyPort.tcp(53)],
    });

    // Monitoring scrapes every pod on its `metrics` container port, whatever the pod's protocol for it.
    const scrape = new ClusterNetworkPolicy(this, 'AllowMonitoringScrape', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 20,
      subject: everyNamespace,
    });
    scrape.addIngressRule({
      name: 'prometheus-scrape',
      action: ClusterNetworkPolicyAction.ACCEPT,
      peers: [
        ClusterPolicyPeer.pods(
          { 'app.kubernetes.io/name': 'prometheus' },
          { 'kubernetes.io/metadata.name': 'monitoring' },
        ),
      ],
      ports: [ClusterPolicyPort.named('metrics')],
    });
    this.policies.push(dns, scrape);

    // Tenant isolation: each tenant's namespaces deny ingress from every other tenant's namespaces. Distinct
    // priorities: upstream leaves the order of equal priorities undefined.
    TENANTS.forEach((tenant, i) => {
      const otherTenants = LabelSelector.all()
        .withExpression(TENANT_LABEL, LabelSelectorOperator.EXISTS)
        .withExpression(TENANT_LABEL, LabelSelectorOperator.NOT_IN, tenant);
      const isolation = new ClusterNetworkPolicy(this, `TenantIsolation-${tenant}`, {
        name: `tenant-isolation-${tenant}`,
        tier: ClusterNetworkPolicyTier.ADMIN,
        priority: 100 + i,
        subject: ClusterPolicySubject.namespaces({ [TENANT_LABEL]: tenant }),
      });
      isolation.addIngressRule({
        name: 'deny-other-tenants',
        action: ClusterNetworkPolicyAction.DENY,
        peers: [ClusterPolicyPeer.namespacesMatching(otherTenants)],
      });
      this.policies.push(isolation);
    });

    // The baseline: tenant namespaces deny what no NetworkPolicy of theirs allows. Ingress from pods of every
    // namespace (v1alpha2 has no ingress networks peer, so clients outside the cluster are not covered); egress to
    // every address, which includes pods.
    const baseline = new ClusterNetworkPolicy(this, 'TenantDefaultDeny', {
      tier: ClusterNetworkPolicyTier.BASELINE,
      priority: 100,
      subject: ClusterPolicySubject.namespacesMatching(
        LabelSelector.of({ matchExpressions: [{ key: TENANT_LABEL, operator: LabelSelectorOperator.EXISTS }] }),
      ),
    });
    baseline.addIngressRule({
      name: 'deny-from-pods',
      action: ClusterNetworkPolicyAction.DENY,
      peers: [ClusterPolicyPeer.allNamespaces()],
    });
    baseline.addEgressRule({
      name: 'deny-all-egress',
      action: ClusterNetworkPolicyAction.DENY,
      peers: [ClusterPolicyPeer.networks('0.0.0.0/0', '::/0')],
    });
    this.policies.push(baseline);
  }
}

/**
 * What the tenants' owners write in their own namespaces (Kubernetes NetworkPolicies, which override the Baseline):
 * blue opens its egress to anywhere, green admits every namespace to its web pods on 8080.
 */
export class TenantPolicies extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'BlueEgress', { name: 'egress-anywhere', namespace: 'blue' }).allowEgress(
      KubePeer.any(),
    );
    new KubeNetworkPolicy(this, 'GreenWebIngress', {
      name: 'web-ingress',
      namespace: 'green',
      podLabels: { app: 'web' },
    }).allowIngress(KubePeer.namespaces({}), KubePort.tcp(8080));
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new Guardrails(app, 'cluster-guardrails');
  new TenantPolicies(app, 'tenants');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}
