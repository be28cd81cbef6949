// docs/scenarios.md#003's walkthrough of Kubernetes NetworkPolicy on Canal, one chart per step, each chart the state of
// the cluster after that step (apply one at a time, in order):
//   1. deny all ingress in dev-linuxea          2. allow all ingress again (`ingress: [{}]`)
//   3. deny all ingress, then allow 172.16.0.0/16 except 172.16.8.0/24 on TCP 80 and 81 to app=linuxea.com
//   4. deny all egress in prod-linuxea          5. allow all egress again (`egress: [{}]`)
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubeNetworkPolicy, KubePeer, KubePort } from '../../lib/policy/kubernetes';

export const DEV = 'dev-linuxea';
export const PROD = 'prod-linuxea';

/** The two namespaces of the walkthrough. */
export class Namespaces extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new kplus.Namespace(this, 'Dev', { metadata: { name: DEV } });
    new kplus.Namespace(this, 'Prod', { metadata: { name: PROD } });
  }
}

/** Step 1: `deny-ingress`, every pod of dev-linuxea isolated for ingress. */
export class DenyAllIngress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'DenyIngress', { name: 'deny-ingress', namespace: DEV, isolateIngress: true });
  }
}

/** Step 2: the same policy with one empty rule, which admits everything. */
export class AllowAllIngress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'DenyIngress', { name: 'deny-ingress', namespace: DEV }).allowIngress(KubePeer.any());
  }
}

/** Step 3: deny all again, then admit 172.16.0.0/16 except 172.16.8.0/24 to app=linuxea.com on TCP 80 and 81. */
export class AllowCidrIngress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'DenyIngress', { name: 'deny-ingress', namespace: DEV, isolateIngress: true });
    new KubeNetworkPolicy(this, 'AllowIngress', {
      name: 'allow-ingress',
      namespace: DEV,
      podLabels: { app: 'linuxea.com' },
    }).addIngressRule({
      peers: [KubePeer.ipBlock('172.16.0.0/16', ['172.16.8.0/24'])],
      ports: [KubePort.tcp(80), KubePort.tcp(81)],
    });
  }
}

/** Step 4: `deny-egress`, every pod of prod-linuxea isolated for egress. */
export class DenyAllEgress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'DenyEgress', { name: 'deny-egress', namespace: PROD, isolateEgress: true });
  }
}

/** Step 5: the same policy with one empty egress rule, which admits everything. */
export class AllowAllEgress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeNetworkPolicy(this, 'DenyEgress', { name: 'deny-egress', namespace: PROD }).allowEgress(KubePeer.any());
  }
}

/** The steps, in order, as chart ids. */
export const STEPS = [
  'step1-deny-all-ingress',
  'step2-allow-all-ingress',
  'step3-allow-cidr-ingress',
  'step4-deny-all-egress',
  'step5-allow-all-egress',
];

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new Namespaces(app, 'namespaces');
  new DenyAllIngress(app, STEPS[0]);
  new AllowAllIngress(app, STEPS[1]);
  new AllowCidrIngress(app, STEPS[2]);
  new DenyAllEgress(app, STEPS[3]);
  new AllowAllEgress(app, STEPS[4]);
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}
