// docs/scenarios.md#004's `dev` namespace: restricted Pod Security Admission, default-deny networking
// with DNS allowed, a dedicated ServiceAccount, and the `pods-viewer-cluster` ClusterRole granted to user `wang`
// in `dev` only, through a RoleBinding. wang authenticates with a client certificate (docs/scenarios.md#004 chapter 1):
// the CertificateSigningRequest for CN=wang, O=dev-team comes from `wang.csr`, made with
// `cdk8s-calico csr --user wang --groups dev-team --key-out wang.key --csr-out wang.csr` (the key stays with wang).
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AccessRole, ClusterUser, SecureNamespace, Subject } from '../../lib/access';
import { KubePeer, KubePort } from '../../lib/policy/kubernetes';

/** wang's certificate signing request, shipped next to this file (public data: no key in it). */
export const WANG_CSR_FILE = path.join(__dirname, 'wang.csr');

export class DevNamespace extends Chart {
  /** The namespace construct (exposed for tests). */
  public readonly dev: SecureNamespace;

  constructor(scope: Construct, id: string) {
    // The chart namespace must not leak onto the Namespace or the ClusterRole.
    super(scope, id, { namespace: 'dev' });

    this.dev = new SecureNamespace(this, 'Dev', {
      name: 'dev',
      labels: { environment: 'dev' },
      serviceAccountName: 'dev-app',
    });
    // The ingress controller's namespace may reach the web pods on 8080, nothing else gets in.
    this.dev.allowIngress(KubePeer.namespaces({ 'app.kubernetes.io/name': 'ingress-nginx' }), KubePort.tcp(8080), {
      policyName: 'allow-ingress-from-ingress-nginx',
      podLabels: { app: 'web' },
    });

    // Handbook: a ClusterRole defined once, bound per namespace (wang may look at pods in dev, and only there).
    const viewer = AccessRole.podsViewer(this, 'PodsViewer', { name: 'pods-viewer-cluster' });
    const wang = ClusterUser.fromCsrFile(this, 'Wang', {
      name: 'wang',
      groups: ['dev-team'],
      csrFile: WANG_CSR_FILE,
      expirationSeconds: 90 * 24 * 3600,
    });
    this.dev.grant(viewer, wang.subject());
    // Manage people through groups: the certificate's O=dev-team.
    this.dev.grant(viewer, Subject.group('dev-team'));
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new DevNamespace(app, 'secure-namespace');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}
