import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { acknowledgedRisksAnnotation } from '../model/primitives/acknowledged-risks';
import { IKplusResource, IKplusServiceAccount, KubeObjectHandle, kubeObjectHandle } from '../core/kube-resource';
import {
  boundaryError,
  guardArray,
  guardEnum,
  guardKnownKeys,
  guardObject,
  guardOptionalString,
  guardScope,
} from '../model/primitives/guard';
import { guardDnsLabel, guardDnsSubdomain } from '../model/primitives/kube-name-guards';
import { addManifestValidation } from '../validation/synth-validation';
import { AccessRisk, AccessRole } from './access-role';
import { Subject } from './subject';

/** Props of {@link DashboardAdmin}. */
export interface DashboardAdminProps {
  /**
   * Must list `AccessRisk.CLUSTER_ADMIN` (the account may do anything in the cluster) and
   * `AccessRisk.LONG_LIVED_TOKEN` (its token never expires): whoever reads the Secret owns the cluster.
   */
  readonly acknowledgeRisks: AccessRisk[];
  /**
   * Name of the ServiceAccount and of its ClusterRoleBinding.
   * @default 'dashboard-admin'
   */
  readonly name?: string;
  /**
   * Namespace of the ServiceAccount and of the token Secret (it does not limit what the account may manage).
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /**
   * Name of the token Secret.
   * @default `<name>-secret`
   */
  readonly secretName?: string;
}

const PROPS = ['acknowledgeRisks', 'name', 'namespace', 'secretName'];
const REQUIRED: ReadonlyArray<[AccessRisk, string, string]> = [
  [AccessRisk.CLUSTER_ADMIN, 'CLUSTER_ADMIN', 'the account is bound to cluster-admin: every action on every resource'],
  [AccessRisk.LONG_LIVED_TOKEN, 'LONG_LIVED_TOKEN', 'its token is stored in a Secret and never expires'],
];
/**
 * The annotation the token controller reads to fill a Secret with the account's token (k8s.io/api core/v1
 * ServiceAccountNameKey).
 */
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

/**
 * The Kubernetes Dashboard admin account of docs/scenarios.md#004: a ServiceAccount, a long-lived token
 * Secret of type `kubernetes.io/service-account-token` annotated `kubernetes.io/service-account.name` (the token
 * controller fills in its `token`, which the Dashboard login takes), and a ClusterRoleBinding of the account to
 * cluster-admin. It is a master key that never expires, so it is refused unless both risks are acknowledged, and
 * each object records them in the `cdk8s-calico.io/acknowledged-risks` annotation.
 *
 * Prefer a short-lived token (`kubectl -n kube-system create token dashboard-admin`) and a narrower role; delete the
 * Secret to revoke the token. After deploying: `kubectl -n kube-system get secret dashboard-admin-secret -o
 * jsonpath='{.data.token}' | base64 -d`.
 */
export class DashboardAdmin extends Construct {
  /** The ServiceAccount object. */
  public readonly serviceAccountObject: ApiObject;
  /** The token Secret object. */
  public readonly tokenSecretObject: ApiObject;
  /** The ClusterRoleBinding object, to cluster-admin. */
  public readonly bindingObject: ApiObject;
  /**
   * The ServiceAccount, as any cdk8s-plus line takes one (`ApiObject.of` gives {@link serviceAccountObject}).
   * @deprecated use {@link serviceAccountObject} (a cdk8s-plus-27 `ServiceAccount` until the library stopped depending
   * on cdk8s-plus)
   */
  public readonly serviceAccount: IKplusServiceAccount;
  /**
   * The token Secret, as any cdk8s-plus line reads a resource (`ApiObject.of` gives {@link tokenSecretObject}).
   * @deprecated use {@link tokenSecretObject} (a cdk8s-plus-27 `ServiceAccountTokenSecret` until the library stopped
   * depending on cdk8s-plus)
   */
  public readonly tokenSecret: IKplusResource;
  /**
   * The ClusterRoleBinding, as any cdk8s-plus line reads a resource (`ApiObject.of` gives {@link bindingObject}).
   * @deprecated use {@link bindingObject} (a cdk8s-plus-27 `ClusterRoleBinding` until the library stopped depending
   * on cdk8s-plus)
   */
  public readonly binding: IKplusResource;
  /** The account as an RBAC subject (`ServiceAccount kube-system/dashboard-admin`). */
  public readonly subject: Subject;

  public constructor(scope: Construct, id: string, props: DashboardAdminProps) {
    super(guardScope(scope, id, 'DashboardAdmin'), id);
    addManifestValidation(this);
    const where = this.node.path;
    const both = `acknowledgeRisks: [${REQUIRED.map(([, k]) => `AccessRisk.${k}`).join(', ')}]`;
    const p = guardObject(props, where, 'props', { expected: `a props object { ${both}, ... }` });
    guardKnownKeys(p, PROPS, where);
    const risks = guardArray(
      p.acknowledgeRisks,
      where,
      'acknowledgeRisks',
      (r, f) => guardEnum(r, AccessRisk, where, f, { enumName: 'AccessRisk' }),
      { of: 'AccessRisk values', fix: `acknowledge with ${both}` },
    );
    for (const [risk, key, why] of REQUIRED) {
      if (!risks.includes(risk)) {
        throw boundaryError(
          where,
          'acknowledgeRisks',
          `the dashboard admin account is a master key: ${why}; fix: give the Dashboard a narrower ` +
            `role and a short-lived token (kubectl create token), or acknowledge with ${both} (AccessRisk.${key} is missing)`,
        );
      }
    }
    // Upstream: ValidateServiceAccountName and secret names are DNS-1123 subdomains; namespaces DNS-1123 labels.
    const name =
      p.name === undefined ? 'dashboard-admin' : guardDnsSubdomain(p.name, where, 'name', 'ServiceAccount name');
    const namespace =
      p.namespace === undefined ? 'kube-system' : guardDnsLabel(p.namespace, where, 'namespace', 'namespace name');
    const secretName =
      guardOptionalString(p.secretName, where, 'secretName') === undefined
        ? `${name}-secret`
        : guardDnsSubdomain(p.secretName, where, 'secretName', 'Secret name');

    const account = kubeObjectHandle(this, 'ServiceAccount', 'serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name,
        namespace,
        annotations: acknowledgedRisksAnnotation([AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN]),
      },
      automountServiceAccountToken: false, // no pod runs as it: the token is for the Dashboard login
    });
    this.serviceAccountObject = account.apiObject;
    // Upstream: the token controller (pkg/controller/serviceaccount/tokens_controller.go) fills `data.token` of a
    // Secret of type kubernetes.io/service-account-token annotated with its account's name; no stringData, no
    // immutable.
    const secret = kubeObjectHandle(this, 'TokenSecret', 'secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName,
        namespace,
        annotations: {
          ...acknowledgedRisksAnnotation([AccessRisk.LONG_LIVED_TOKEN]),
          [SERVICE_ACCOUNT_NAME_ANNOTATION]: name,
        },
      },
      type: 'kubernetes.io/service-account-token',
    });
    this.tokenSecretObject = secret.apiObject;
    // The token controller deletes a token Secret whose ServiceAccount does not exist: the account is applied first.
    this.tokenSecretObject.node.addDependency(this.serviceAccountObject);

    this.subject = Subject.serviceAccount(name, namespace);
    const admin = AccessRole.clusterAdmin(this, 'ClusterAdmin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] });
    this.bindingObject = admin.grantClusterWide(this.subject, { acknowledgeClusterWide: true, bindingName: name });
    this.bindingObject.node.addDependency(this.serviceAccountObject);
    this.serviceAccount = account;
    this.tokenSecret = secret;
    this.binding = handleOf(this.bindingObject);
  }
}

/** The handle an AccessRole grant renders its binding under (`<binding id>/Resource`), for the deprecated `binding`. */
function handleOf(binding: ApiObject): IKplusResource {
  const scope = binding.node.scope;
  if (!(scope instanceof KubeObjectHandle))
    throw boundaryError(
      binding.node.path,
      'binding',
      'expected a binding under its handle; fix: report it (library bug)',
    );
  return scope;
}
