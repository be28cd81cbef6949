// Several clusters in one App: each Cluster's charts are checked against their own cluster only (lockout guard and
// its network model, DenyLogging, duplicate Calico names); an App without Cluster is one cluster, as before.
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Cluster, DenyLogging, GlobalNetworkPolicy, Peer, Port, Selector, Tier, TierDefaultAction } from '../../lib';
import { NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';

const inventory = (prefix: string) =>
  NodeInventory.fromNodes([
    {
      name: `${prefix}-cp`,
      labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
      internalIps: [`10.${prefix === 'prod' ? 1 : 2}.0.1`],
    },
    { name: `${prefix}-w1`, labels: { 'kubernetes-host': '' }, internalIps: [`10.${prefix === 'prod' ? 1 : 2}.0.2`] },
  ]);

/** The same platform chart for any cluster: a node pool (tier `nodes`), an app tier with a policy, deny logging. */
class Platform extends Chart {
  public readonly pool: SecuredNodePool;
  public readonly logging: DenyLogging;
  constructor(scope: Construct, id: string, cluster: string, appSelector: Selector) {
    super(scope, id);
    this.pool = new SecuredNodePool(this, 'Nodes', {
      hostEndpoints: NodeHostEndpoints.automatic(),
      inventory: inventory(cluster),
    });
    const tier = new Tier(this, 'Apps', { name: 'apps', order: 500, defaultAction: TierDefaultAction.DENY });
    const p = new GlobalNetworkPolicy(this, 'Web', { name: 'web', tier, order: 10, selector: appSelector });
    p.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(443));
    this.logging = new DenyLogging(this, 'LogDenied', { tier, egress: false });
  }
}

const synthAll = (app: App) => app.charts.flatMap((c) => Testing.synth(c));

describe('Cluster', () => {
  test('two clusters in one App, each valid alone, synthesize clean together', () => {
    const app = Testing.app();
    new Platform(new Cluster(app, 'prod'), 'platform', 'prod', Selector.eq('app', 'web'));
    new Platform(new Cluster(app, 'staging'), 'platform', 'staging', Selector.eq('app', 'shop'));
    const docs = synthAll(app);
    expect(docs.filter((d) => d.kind === 'Tier' && d.metadata.name === 'nodes')).toHaveLength(2);
    expect(docs.filter((d) => d.kind === 'KubeControllersConfiguration')).toHaveLength(2);
  });

  test('the same two charts without Clusters clash, as one cluster would', () => {
    const app = Testing.app();
    new Platform(app, 'prod', 'prod', Selector.eq('app', 'web'));
    expect(() => new Platform(app, 'staging', 'staging', Selector.eq('app', 'shop'))).toThrow(
      /Tier\/nodes is already defined by \[prod\/Nodes\/Policies\/Tier\]/,
    );
  });

  test("one cluster's policies never reach the other's guard (they would select its nodes by the same labels)", () => {
    const build = (inCluster: boolean) => {
      const app = Testing.app();
      for (const name of ['prod', 'staging']) {
        const chart = new Chart(inCluster ? new Cluster(app, name) : app, `${name}-nodes`);
        const pool = new SecuredNodePool(chart, 'Nodes', {
          name,
          hostEndpoints: NodeHostEndpoints.explicit(),
          inventory: inventory(name),
        });
        // prod keeps staging's network off its kubelets; under the shared label it also selects staging's nodes.
        if (name === 'prod')
          pool.denyIngress(Peer.nets('10.2.0.0/16'), Port.tcp(10250), { description: 'no staging on prod kubelets' });
      }
      return app;
    };
    expect(() => build(false).synthYaml()).toThrow(
      /\[staging-nodes\/Nodes\] lockout guard: control plane → kubelet .* prod-policy-deny/,
    );
    expect(() => synthAll(build(true))).not.toThrow();
  });

  test('a real lockout in one cluster still fails, naming that cluster; the other is not blamed', () => {
    const app = Testing.app();
    const prod = new Platform(new Cluster(app, 'prod'), 'platform', 'prod', Selector.eq('app', 'web'));
    const staging = new Platform(new Cluster(app, 'staging'), 'platform', 'staging', Selector.eq('app', 'shop'));
    staging.pool.denyIngress(Peer.nets('10.2.0.0/16'), Port.tcp(10250), { description: 'locks the kubelets' });
    expect(() => app.synthYaml()).toThrow(
      /\[staging\/platform\/Nodes\] lockout guard in cluster staging: control plane → kubelet \(TCP 10250\) is blocked: node\/staging-cp → node\/staging-w1/,
    );
    expect(prod.pool.checkLockout()).toEqual([]);
    expect(staging.pool.checkLockout().join('\n')).toMatch(/^lockout guard in cluster staging: /);
  });

  test("DenyLogging logs only what its own cluster's tier governs", () => {
    const app = Testing.app();
    const prod = new Platform(new Cluster(app, 'prod'), 'platform', 'prod', Selector.eq('app', 'web'));
    new Platform(new Cluster(app, 'staging'), 'platform', 'staging', Selector.eq('app', 'shop'));
    const log = Testing.synth(prod).find((d) => d.metadata.name === 'log-denied-ingress');
    expect(log.spec.selector).toContain('app == "web"');
    expect(log.spec.selector).not.toContain('shop');
  });

  test('a construct outside every Cluster belongs to the default cluster, which does not see the Clusters', () => {
    const app = Testing.app();
    const prod = new Cluster(app, 'prod', { name: 'prod-eu-1' });
    new Platform(prod, 'platform', 'prod', Selector.eq('app', 'web'));
    const plain = new Platform(app, 'platform', 'staging', Selector.eq('app', 'shop'));
    expect(Cluster.of(plain)).toBeUndefined();
    expect(Cluster.of(prod.node.findChild('platform'))?.clusterName).toBe('prod-eu-1');
    expect(() => synthAll(app)).not.toThrow();
  });

  test('bad input is refused with the fix', () => {
    const app = new App();
    const c = new Cluster(app, 'prod');
    expect(() => new Cluster(c, 'inner')).toThrow(
      /\[prod\/inner\] scope: a Cluster inside Cluster prod: .*; fix: create the Cluster in the App/,
    );
    expect(() => new Cluster(app, 'x', { name: 'Not Valid' })).toThrow(
      /\[x\] name: "Not Valid" is not a valid cluster name; fix: /,
    );
    expect(() => new Cluster(app, 'y', { nmae: 'y' } as any)).toThrow(
      /\[y\] nmae: unknown property; fix: did you mean "name"\?/,
    );
  });
});
