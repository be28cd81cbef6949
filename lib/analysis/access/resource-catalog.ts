/**
 * What the API server's discovery would tell kubectl about well-known resources: their API group (so `deployments`
 * means `deployments.apps`, as `kubectl auth can-i get deployments` resolves it) and whether they are namespaced.
 * Offline there is no discovery, so this is a fixed table of Kubernetes built-ins (1.33) and Calico's v3 resources,
 * extended by CustomResourceDefinitions found in the manifests.
 */

interface GroupTable {
  readonly [group: string]: { readonly namespaced: readonly string[]; readonly cluster: readonly string[] };
}

/** Kubernetes built-ins (`kubectl api-resources`) and Calico's `projectcalico.org/v3` CRDs (scope from the CRDs). */
const BUILT_INS: GroupTable = {
  '': {
    namespaced: [
      'bindings',
      'configmaps',
      'endpoints',
      'events',
      'limitranges',
      'persistentvolumeclaims',
      'pods',
      'podtemplates',
      'replicationcontrollers',
      'resourcequotas',
      'secrets',
      'serviceaccounts',
      'services',
    ],
    cluster: ['componentstatuses', 'namespaces', 'nodes', 'persistentvolumes'],
  },
  'admissionregistration.k8s.io': {
    namespaced: [],
    cluster: [
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
      'mutatingwebhookconfigurations',
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'validatingwebhookconfigurations',
    ],
  },
  'apiextensions.k8s.io': { namespaced: [], cluster: ['customresourcedefinitions'] },
  'apiregistration.k8s.io': { namespaced: [], cluster: ['apiservices'] },
  'apps': {
    namespaced: ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'],
    cluster: [],
  },
  'authentication.k8s.io': { namespaced: [], cluster: ['selfsubjectreviews', 'tokenreviews'] },
  'authorization.k8s.io': {
    namespaced: ['localsubjectaccessreviews'],
    cluster: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews'],
  },
  'autoscaling': { namespaced: ['horizontalpodautoscalers'], cluster: [] },
  'batch': { namespaced: ['cronjobs', 'jobs'], cluster: [] },
  'certificates.k8s.io': { namespaced: [], cluster: ['certificatesigningrequests', 'clustertrustbundles'] },
  'coordination.k8s.io': { namespaced: ['leases'], cluster: [] },
  'discovery.k8s.io': { namespaced: ['endpointslices'], cluster: [] },
  'events.k8s.io': { namespaced: ['events'], cluster: [] },
  'flowcontrol.apiserver.k8s.io': { namespaced: [], cluster: ['flowschemas', 'prioritylevelconfigurations'] },
  'networking.k8s.io': {
    namespaced: ['ingresses', 'networkpolicies'],
    cluster: ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  },
  'node.k8s.io': { namespaced: [], cluster: ['runtimeclasses'] },
  'policy': { namespaced: ['poddisruptionbudgets'], cluster: [] },
  'rbac.authorization.k8s.io': {
    namespaced: ['rolebindings', 'roles'],
    cluster: ['clusterrolebindings', 'clusterroles'],
  },
  'resource.k8s.io': {
    namespaced: ['resourceclaims', 'resourceclaimtemplates'],
    cluster: ['deviceclasses', 'resourceslices'],
  },
  'scheduling.k8s.io': { namespaced: [], cluster: ['priorityclasses'] },
  'storage.k8s.io': {
    namespaced: ['csistoragecapacities'],
    cluster: ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments', 'volumeattributesclasses'],
  },
  'projectcalico.org': {
    namespaced: ['networkpolicies', 'networksets', 'stagedkubernetesnetworkpolicies', 'stagednetworkpolicies'],
    cluster: [
      'bgpconfigurations',
      'bgpfilters',
      'bgppeers',
      'blockaffinities',
      'caliconodestatuses',
      'clusterinformations',
      'felixconfigurations',
      'globalnetworkpolicies',
      'globalnetworksets',
      'hostendpoints',
      'ipamblocks',
      'ipamconfigurations',
      'ipamhandles',
      'ippools',
      'ipreservations',
      'kubecontrollersconfigurations',
      'stagedglobalnetworkpolicies',
      'tiers',
    ],
  },
};

/**
 * Names that exist in several groups resolve as kubectl resolves them without a group: the core group and the
 * Kubernetes groups win (`events` is core, `networkpolicies` is networking.k8s.io; Calico's need `.projectcalico.org`).
 */
const PREFERRED_GROUP_ORDER = Object.keys(BUILT_INS);

/** A resource argument split the way kubectl splits it. */
export interface ParsedResource {
  /** The plural resource name (`deployments`). */
  readonly resource: string;
  /** The group when written (`apps` from `deployments.apps`), else undefined. */
  readonly apiGroup?: string;
  /** The subresource (`log` from `pods/log`), or `''`. */
  readonly subresource: string;
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Splits `pods`, `pods/log`, `deployments.apps`, `deployments.v1.apps/scale` like kubectl's `ParseResourceArg`:
 * the part after the first `.` is the group, unless it starts with a version (`v1.apps`), which is dropped.
 */
export function parseResourceArg(text: string): ParsedResource {
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const subresource = slash < 0 ? '' : text.slice(slash + 1);
  const dot = head.indexOf('.');
  if (dot < 0) return { resource: head, subresource };
  const parts = head.slice(dot + 1).split('.');
  const apiGroup = parts.length >= 2 && VERSION.test(parts[0]) ? parts.slice(1).join('.') : parts.join('.');
  return { resource: head.slice(0, dot), apiGroup, subresource };
}

/** Which resources are cluster-scoped and which group an unqualified name means. */
export class ResourceCatalog {
  /** The built-in table only. */
  public static builtIn(): ResourceCatalog {
    return new ResourceCatalog();
  }

  private readonly clusterScoped = new Set<string>();
  private readonly groupOf = new Map<string, string>();

  private constructor() {
    for (const group of PREFERRED_GROUP_ORDER) {
      const { namespaced, cluster } = BUILT_INS[group];
      for (const r of namespaced) this.register(r, group, true);
      for (const r of cluster) this.register(r, group, false);
    }
    // Calico's CRD-backed mirror group (v1 CRDs under the Calico API server) has the same scopes.
    for (const r of BUILT_INS['projectcalico.org'].cluster) this.clusterScoped.add(`${r}.crd.projectcalico.org`);
  }

  /** Adds a resource (from a CRD); the first group registered for a name stays its unqualified meaning. */
  public register(resource: string, group: string, namespaced: boolean): void {
    const key = group === '' ? resource : `${resource}.${group}`;
    if (namespaced) this.clusterScoped.delete(key);
    else this.clusterScoped.add(key);
    if (!this.groupOf.has(resource)) this.groupOf.set(resource, group);
  }

  /** The group kubectl would pick for an unqualified resource name; `''` (core) when unknown. */
  public defaultGroup(resource: string): string {
    return this.groupOf.get(resource) ?? '';
  }

  /** Whether `resource` in `group` is cluster-scoped (unknown resources are taken as namespaced). */
  public isClusterScoped(resource: string, group: string): boolean {
    return this.clusterScoped.has(group === '' ? resource : `${resource}.${group}`);
  }

  /** Reads a CustomResourceDefinition manifest (any other document is ignored). */
  public addCustomResourceDefinition(doc: any): void {
    if (
      doc?.kind !== 'CustomResourceDefinition' ||
      typeof doc?.apiVersion !== 'string' ||
      !doc.apiVersion.startsWith('apiextensions.k8s.io/')
    )
      return;
    const plural = doc.spec?.names?.plural;
    const group = doc.spec?.group;
    if (typeof plural !== 'string' || typeof group !== 'string') return;
    this.register(plural, group, doc.spec?.scope !== 'Cluster');
  }
}
