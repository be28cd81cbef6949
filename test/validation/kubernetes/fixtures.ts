// Valid built-in objects to vary in the kube-apiserver validation tests: each passes validateManifests as is.
type Obj = Record<string, any>;

export function meta(name: string, namespace?: string, extra: Obj = {}): Obj {
  return namespace ? { name, namespace, ...extra } : { name, ...extra };
}

export const pod = (spec: Obj = {}, metadata: Obj = meta('web', 'shop')): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
});
export const container = (c: Obj = {}): Obj => ({ name: 'app', image: 'nginx:1.27', ...c });
export const podWith = (c: Obj, spec: Obj = {}): Obj => pod({ containers: [container(c)], ...spec });
export const service = (spec: Obj = {}, metadata: Obj = meta('web', 'shop')): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata,
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});
export const netpol = (spec: Obj = {}, metadata: Obj = meta('allow-web', 'shop')): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata,
  spec: { podSelector: {}, ...spec },
});
export const ingressPort = (port: Obj): Obj => netpol({ ingress: [{ ports: [port] }] });
export const ingressPeer = (peer: Obj): Obj => netpol({ ingress: [{ from: [peer] }] });
export const RULE: Obj = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
export const role = (rules: Obj[] = [RULE], metadata: Obj = meta('reader', 'shop')): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata,
  rules,
});
export const clusterRole = (rules: Obj[] = [RULE], extra: Obj = {}, metadata: Obj = meta('reader')): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata,
  rules,
  ...extra,
});
export const ROLE_REF: Obj = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' };
export const USER: Obj = { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' };
export const roleBinding = (
  roleRef: Obj = ROLE_REF,
  subjects: Obj[] = [USER],
  metadata: Obj = meta('reader', 'shop'),
): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata,
  roleRef,
  subjects,
});
export const clusterRoleBinding = (
  roleRef: Obj = { ...ROLE_REF, kind: 'ClusterRole' },
  subjects: Obj[] = [USER],
  metadata: Obj = meta('reader'),
): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata,
  roleRef,
  subjects,
});
export const namespace = (name = 'shop', extra: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...extra },
});
export const serviceAccount = (name = 'ci-bot'): Obj => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: meta(name, 'shop'),
});
export const secret = (extra: Obj = {}, metadata: Obj = meta('db', 'shop')): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata,
  ...extra,
});
export const configMap = (extra: Obj = {}, metadata: Obj = meta('app-config', 'shop')): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata,
  ...extra,
});
export const node = (name = 'node-1', metadata: Obj = { name }): Obj => ({ apiVersion: 'v1', kind: 'Node', metadata });

export const TEMPLATE: Obj = { metadata: { labels: { app: 'web' } }, spec: { containers: [container()] } };
export const deployment = (spec: Obj = {}, metadata: Obj = meta('web', 'shop'), kind = 'Deployment'): Obj => ({
  apiVersion: 'apps/v1',
  kind,
  metadata,
  spec: { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE, ...spec },
});
export const templateWith = (podSpec: Obj, labels: Obj = { app: 'web' }): Obj => ({
  metadata: { labels },
  spec: { containers: [container()], ...podSpec },
});
export const job = (podSpec: Obj = { restartPolicy: 'Never' }, metadata: Obj = meta('migrate', 'shop')): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata,
  spec: { template: { spec: { containers: [container()], ...podSpec } } },
});
export const cronJob = (
  podSpec: Obj = { restartPolicy: 'OnFailure' },
  metadata: Obj = meta('nightly', 'shop'),
): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata,
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: { containers: [container()], ...podSpec } } } },
  },
});
/** base64 of a PEM CERTIFICATE REQUEST frame (its body is not parsed offline). */
export const CSR_REQUEST = Buffer.from(
  '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n',
).toString('base64');
export const csr = (spec: Obj = {}, metadata: Obj = { name: 'jane' }): Obj => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata,
  spec: { request: CSR_REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec },
});

/** Every fixture, valid as is. */
export const VALID: ReadonlyArray<[string, Obj]> = [
  ['Pod', pod()],
  ['Service', service()],
  ['NetworkPolicy', netpol()],
  ['Role', role()],
  ['ClusterRole', clusterRole()],
  ['RoleBinding', roleBinding()],
  ['ClusterRoleBinding', clusterRoleBinding()],
  ['Namespace', namespace()],
  ['ServiceAccount', serviceAccount()],
  ['Secret', secret()],
  ['ConfigMap', configMap()],
  ['Node', node()],
  ['Deployment', deployment()],
  ['DaemonSet', deployment({}, meta('agent', 'shop'), 'DaemonSet')],
  ['StatefulSet', deployment({ serviceName: 'db' }, meta('db', 'shop'), 'StatefulSet')],
  ['ReplicaSet', deployment({}, meta('web-1', 'shop'), 'ReplicaSet')],
  ['Job', job()],
  ['CronJob', cronJob()],
  ['CertificateSigningRequest', csr()],
];
