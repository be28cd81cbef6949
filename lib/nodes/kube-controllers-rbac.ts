import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { dropChartNamespace } from '../core/cluster-scoped';
import { constructWhere, guardKnownKeys, guardProps, guardScope, rejectInput } from '../model/primitives/guard';
import { isDns1123Label, isDns1123Subdomain } from '../model/primitives';

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

const RBAC_KEYS = ['name', 'serviceAccountNamespace', 'serviceAccountName'];

/** Checks the scope, id and props before `super()`: names as kube-apiserver validates them. */
function guardRbacProps(
  scope: unknown,
  id: unknown,
  props: KubeControllersHostEndpointRbacProps | undefined,
): KubeControllersHostEndpointRbacProps {
  guardScope(scope, id, 'KubeControllersHostEndpointRbac');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, RBAC_KEYS, where);
  // ClusterRole names: path segment names (`ValidateClusterRoleName`), here kept to DNS-1123 subdomains; service
  // accounts: DNS-1123 subdomain (`ValidateServiceAccountName`); namespaces: DNS-1123 label.
  const check = (field: keyof KubeControllersHostEndpointRbacProps, ok: (s: unknown) => boolean, what: string) => {
    if (p[field] !== undefined && !ok(p[field]))
      rejectInput(where, field, what, p[field], 'use lowercase letters, digits and "-"');
  };
  check('name', isDns1123Subdomain, 'a ClusterRole name (DNS-1123 subdomain)');
  check('serviceAccountName', isDns1123Subdomain, 'a service account name (DNS-1123 subdomain)');
  check('serviceAccountNamespace', isDns1123Label, 'a namespace (DNS-1123 label)');
  return p;
}

const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];

/**
 * The minimum calico-kube-controllers needs to manage automatic host endpoints (manifests/calico.yaml, ClusterRole
 * calico-kube-controllers): read nodes, manage host endpoints, read and update KubeControllersConfiguration and its
 * status, on both Calico API groups. A ClusterRole and a ClusterRoleBinding to the controller's service account;
 * cluster-scoped, so never namespaced. Calico's own manifests and the operator already grant this; add it when your
 * install trimmed the role.
 */
export class KubeControllersHostEndpointRbac extends Construct {
  /** The ClusterRole. */
  public readonly clusterRole: ApiObject;
  /** The ClusterRoleBinding. */
  public readonly clusterRoleBinding: ApiObject;

  public constructor(scope: Construct, id: string, props: KubeControllersHostEndpointRbacProps = {}) {
    props = guardRbacProps(scope, id, props);
    super(scope, id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    const name = props.name ?? 'calico-kube-controllers-host-endpoints';
    this.clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: CALICO_GROUPS,
          resources: ['hostendpoints'],
          verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'],
        },
        {
          apiGroups: CALICO_GROUPS,
          resources: ['kubecontrollersconfigurations'],
          verbs: ['get', 'list', 'create', 'update', 'watch'],
        },
        { apiGroups: CALICO_GROUPS, resources: ['kubecontrollersconfigurations/status'], verbs: ['get', 'update'] },
      ],
    });
    this.clusterRoleBinding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: props.serviceAccountName ?? 'calico-kube-controllers',
          namespace: props.serviceAccountNamespace ?? 'kube-system',
        },
      ],
    });
    this.clusterRoleBinding.addDependency(this.clusterRole);
    dropChartNamespace(this.clusterRole);
    dropChartNamespace(this.clusterRoleBinding);
  }
}
