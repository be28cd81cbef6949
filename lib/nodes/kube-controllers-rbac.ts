import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dropChartNamespace } from '../core/cluster-scoped';

/** Props of {@link KubeControllersHostEndpointRbac}. */
export interface KubeControllersHostEndpointRbacProps {
  /**
   * Name of the ClusterRole and of its ClusterRoleBinding.
   * @default 'calico-kube-controllers-host-endpoints'
   */
  readonly name?: string;
  /**
   * Namespace of the calico-kube-controllers service account.
   * @default 'kube-system' (manifest installs; operator installs use 'calico-system')
   */
  readonly serviceAccountNamespace?: string;
  /**
   * Name of the calico-kube-controllers service account.
   * @default 'calico-kube-controllers'
   */
  readonly serviceAccountName?: string;
}

const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];

/**
 * The minimum calico-kube-controllers needs to manage automatic host endpoints (calico-semantics §12): read nodes,
 * manage host endpoints, read and update KubeControllersConfiguration and its status, on both Calico API groups.
 * A ClusterRole and a ClusterRoleBinding to the controller's service account; cluster-scoped, so never namespaced.
 * Calico's own manifests and the operator already grant this; add it when your install trimmed the role.
 */
export class KubeControllersHostEndpointRbac extends Construct {
  /** The ClusterRole. */
  public readonly clusterRole: ApiObject;
  /** The ClusterRoleBinding. */
  public readonly clusterRoleBinding: ApiObject;

  public constructor(scope: Construct, id: string, props: KubeControllersHostEndpointRbacProps = {}) {
    super(scope, id);
    const name = props.name ?? 'calico-kube-controllers-host-endpoints';
    this.clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: CALICO_GROUPS, resources: ['hostendpoints'], verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'] },
        { apiGroups: CALICO_GROUPS, resources: ['kubecontrollersconfigurations'], verbs: ['get', 'list', 'create', 'update', 'watch'] },
        { apiGroups: CALICO_GROUPS, resources: ['kubecontrollersconfigurations/status'], verbs: ['get', 'update'] },
      ],
    });
    this.clusterRoleBinding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccountName ?? 'calico-kube-controllers', namespace: props.serviceAccountNamespace ?? 'kube-system' }],
    });
    this.clusterRoleBinding.addDependency(this.clusterRole);
    dropChartNamespace(this.clusterRole);
    dropChartNamespace(this.clusterRoleBinding);
  }
}
