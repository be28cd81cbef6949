// The security handbook's `dev` namespace (seed 004): restricted Pod Security Admission, default-deny networking
// with DNS allowed, a dedicated ServiceAccount, and the `pods-viewer-cluster` ClusterRole granted to user `wang`
// in `dev` only, through a RoleBinding.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AccessRole, NetworkPeer, NetworkPort, SecureNamespace, Subject } from '../../lib/access';

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
    this.dev.allowIngressFrom('from-ingress-nginx', NetworkPeer.namespaces({ 'app.kubernetes.io/name': 'ingress-nginx' }), {
      podLabels: { app: 'web' },
      ports: [NetworkPort.tcp(8080)],
    });

    // Handbook: a ClusterRole defined once, bound per namespace (wang may look at pods in dev, and only there).
    const viewer = AccessRole.podsViewer(this, 'PodsViewer', { name: 'pods-viewer-cluster' });
    this.dev.grant(viewer, Subject.user('wang'));
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
