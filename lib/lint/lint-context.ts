/**
 * What the lint rules share about one set of manifests, computed once per `docs` array: the List-expanded objects,
 * every policy as Calico sees it, namespaces, tiers, and the cluster state the manifests carry (pods, pod templates
 * of workload controllers, explicit and automatic host endpoints), plus the reachability engine built from them.
 */
import { NetworkModel } from '../analysis/network';
import { buildModel, ModelData } from '../analysis/network/build/build';
import { workloadLabels } from '../analysis/network/model/endpoints';
import { ingest } from '../analysis/network/ingest/ingest';
import { BUILTIN_TIERS } from '../model/policy/tiers';
import { mayHavePodTemplate, podTemplateOf } from '../analysis/pod-security/check-pod-security';
import { EndpointIndex, Labelled } from './endpoint-index';
import { forEachKubeObject } from '../model/documents/kube-list';
import { LintModelSummary, summarizeModel } from './model-summary';
import { KubernetesConversionMemo, PolicyView, policyViewOf, SelectorMemo } from './policy-view';
import { CALICO_API_VERSION, NAMESPACE_NAME_LABEL } from '../model/primitives/calico-constants';
import { lenientStringMap, objectOrEmpty } from '../model/documents/fields';

/** A workload endpoint (or one a controller will create), with the labels Calico's selectors see. */
export interface LintWorkload {
  /** `ns/pod`, or `ns/Kind/name` for a pod template. */
  readonly id: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** A Pod object, or the pod template of a Deployment, StatefulSet, ... */
  readonly source: 'pod' | 'template';
}

/** A host endpoint (explicit, or derived from KubeControllersConfiguration and Nodes). */
export interface LintHostEndpoint {
  readonly name: string;
  readonly interfaceName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly automatic: boolean;
}

/** The lint reads the model's endpoints only (the engine, when a rule needs it, is built on its own). */
const ENDPOINTS_ONLY = { keepPolicies: false } as const;

/** The field kit's lenient reads (lib/model/documents/fields.ts): a wrong type reads as empty. */
const obj = objectOrEmpty;
const stringMap = lenientStringMap;

/** The kinds {@link policyViewOf} reads (any other kind is no policy). */
const POLICY_KINDS: ReadonlySet<unknown> = new Set([
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
]);

/** Kinds whose objects are workload controllers (a pod template, not a Pod or a PodTemplate, which run nothing). */
const controllerKind = (k: unknown): boolean => k !== 'Pod' && k !== 'PodTemplate' && mayHavePodTemplate(k);

/** The ascending numbers of `a` and `b` (each ascending, no number in both), in one ascending list. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Shared, lazily computed facts about one manifest set. */
export class LintContext {
  private static readonly cache = new WeakMap<readonly unknown[], LintContext>();

  /** The context of `docs` (cached per array, so the rule sets of one lint run share it). */
  static of(docs: readonly unknown[]): LintContext {
    const arr = Array.isArray(docs) ? docs : [];
    let c = LintContext.cache.get(arr);
    if (!c) {
      c = new LintContext(arr);
      LintContext.cache.set(arr, c);
    }
    return c;
  }

  /** The objects (List items expanded, non-objects dropped), in document order. */
  readonly objects: readonly any[];
  private policyList?: PolicyView[];
  private namespaceMap?: Map<string, any>;
  private summaryOf?: () => LintModelSummary | undefined;
  private modelSummary?: LintModelSummary;

  private modelData?: ModelData | null;
  private engine?: NetworkModel | null;
  private workloadList?: LintWorkload[];
  private hepList?: LintHostEndpoint[];
  private namespaceSet?: Set<string>;
  private tierActions?: Map<string, 'Deny' | 'Pass'>;
  private readonly indexes = new Map<string, EndpointIndex<any>>();
  private byNamespace?: Map<string, LintWorkload[]>;
  private inPlay?: string[];
  private readonly barePods = new Map<string, Readonly<Record<string, string>>>();
  private readonly validDocs: () => unknown[];
  private wholeModel?: ModelData;
  private byKind?: Map<unknown, number[]>;
  private readonly kindLists = new Map<string, readonly any[]>();

  /**
   * Gives the context of `docs` its model summary from elsewhere (e.g. a worker thread that read the same documents):
   * `summary` is called the first time a rule needs the model's endpoints; when it returns `undefined` the summary is
   * computed here. Rules that need the whole engine still build it here. (lint-stream.ts computes it while reading.)
   */
  static seed(docs: readonly unknown[], summary: () => LintModelSummary | undefined): void {
    LintContext.of(docs).summaryOf = summary;
  }

  /** The lint's summary of the model of `docs` (workloads, host endpoints), built here. */
  static summaryOf(docs: readonly unknown[]): LintModelSummary {
    return summarizeModel(LintContext.of(docs).model());
  }

  /** Every policy of any kind, in document order (views made on first use). */
  get policies(): readonly PolicyView[] {
    if (!this.policyList) {
      const policies: PolicyView[] = [];
      const memo: KubernetesConversionMemo = new Map();
      const selectors: SelectorMemo = new Map();
      const positions = this.positionsWhereKind((k) => POLICY_KINDS.has(k));
      for (let p = 0; p < positions.length; p++) {
        const i = positions[p];
        const v = policyViewOf(this.objects[i], i, memo, selectors);
        if (v) policies.push(v);
      }
      this.policyList = policies;
    }
    return this.policyList;
  }

  /** Namespace objects by name. */
  get namespaceDocs(): ReadonlyMap<string, any> {
    if (!this.namespaceMap) {
      const ns = new Map<string, any>();
      for (const d of this.ofKind('Namespace')) {
        if (d.apiVersion === 'v1' && typeof d.metadata?.name === 'string') ns.set(d.metadata.name, d);
      }
      this.namespaceMap = ns;
    }
    return this.namespaceMap;
  }

  /**
   * Positions in {@link objects} of the objects whose `kind` passes `test` (asked once per distinct kind), in
   * document order: rules that read a few kinds do not walk every object (300,000 in bench/large-input.ts).
   */
  positionsWhereKind(test: (kind: unknown) => boolean): number[] {
    if (!this.byKind) {
      const m = new Map<unknown, number[]>();
      const objects = this.objects;
      for (let i = 0; i < objects.length; i++) {
        const kind = objects[i].kind;
        const list = m.get(kind);
        if (list) list.push(i);
        else m.set(kind, [i]);
      }
      this.byKind = m;
    }
    let out: number[] = [];
    for (const [kind, list] of this.byKind)
      if (test(kind)) out = out.length === 0 ? list.slice() : mergeSorted(out, list);
    return out;
  }

  /** The objects whose `kind` passes `test` (see {@link positionsWhereKind}), in document order. */
  objectsWhereKind(test: (kind: unknown) => boolean): any[] {
    return this.positionsWhereKind(test).map((i) => this.objects[i]);
  }

  /** The objects of one kind (any apiVersion), in document order. */
  ofKind(kind: string): readonly any[] {
    let list = this.kindLists.get(kind);
    if (!list) this.kindLists.set(kind, (list = this.objectsWhereKind((k) => k === kind)));
    return list;
  }

  private constructor(docs: readonly unknown[]) {
    // kubeObjects(docs) without what is no object, in one pass (no second list of 300,000 entries).
    const objects: any[] = [];
    forEachKubeObject(docs, (d) => {
      if (typeof d === 'object' && !Array.isArray(d)) objects.push(d);
    });
    this.objects = objects;
    let valid: unknown[] | undefined;
    // The engine refuses a whole set for one malformed object; lint keeps going without it (validate reports it).
    // Most sets are wholly valid: one build of all objects tells, instead of one build per object.
    this.validDocs = () => {
      if (valid) return valid;
      try {
        this.wholeModel = buildModel(ingest([...this.objects]), ENDPOINTS_ONLY);
        return (valid = [...this.objects]);
      } catch {
        return (valid = this.objects.filter((d) => {
          try {
            buildModel(ingest([d]), ENDPOINTS_ONLY);
            return true;
          } catch {
            return false;
          }
        }));
      }
    };
  }

  /** Labels of namespace `name` as Calico's namespace profile has them (with `kubernetes.io/metadata.name`). */
  namespaceLabels(name: string): Record<string, string> {
    return { [NAMESPACE_NAME_LABEL]: name, ...stringMap(this.namespaceDocs.get(name)?.metadata?.labels) };
  }

  /**
   * The indexed engine model of the valid objects, endpoints only (no compiled policies); `undefined` if it cannot be
   * built.
   */
  model(): ModelData | undefined {
    if (this.modelData === undefined) {
      try {
        const docs = this.validDocs();
        this.modelData = this.wholeModel ?? buildModel(ingest(docs), ENDPOINTS_ONLY);
      } catch {
        this.modelData = null;
      }
    }
    return this.modelData ?? undefined;
  }

  /** What the rules read of {@link model}: seeded from elsewhere ({@link LintContext.seed}) or computed here. */
  summary(): LintModelSummary {
    if (!this.modelSummary) {
      const seeded = this.summaryOf?.();
      this.summaryOf = undefined;
      this.modelSummary = seeded ?? summarizeModel(this.model());
    }
    return this.modelSummary;
  }

  /** True when the model has kube-dns pods with addresses (only then is the engine asked about DNS). */
  hasDnsPods(): boolean {
    return this.summary().dnsPods;
  }

  /** The reachability engine over the valid objects; `undefined` if it cannot be built. */
  network(): NetworkModel | undefined {
    if (this.engine === undefined) {
      try {
        this.engine = NetworkModel.fromManifests(this.validDocs());
      } catch {
        this.engine = null;
      }
    }
    return this.engine ?? undefined;
  }

  /** Workload endpoints: Pods (not hostNetwork) and the pod templates of workload controllers, in document order. */
  workloads(): readonly LintWorkload[] {
    if (!this.workloadList) {
      const out: LintWorkload[] = [];
      const summary = this.summary();
      const sa = (ns: string, name: string) => summary.serviceAccounts.get(`${ns}/${name}`) ?? {};
      for (const w of summary.workloads)
        out.push({ id: w.id, namespace: w.namespace, labels: w.labels, source: 'pod' });
      // Pods come from the engine above; PodTemplates run nothing.
      for (const d of this.objectsWhereKind(controllerKind)) {
        if (typeof d.apiVersion !== 'string' || d.apiVersion.startsWith('projectcalico.org/')) continue;
        const template = podTemplateOf(d);
        if (!template) continue;
        const spec = obj(template.spec);
        if (spec.hostNetwork === true) continue;
        const namespace =
          typeof d.metadata?.namespace === 'string' && d.metadata.namespace ? d.metadata.namespace : 'default';
        const name = typeof d.metadata?.name === 'string' ? d.metadata.name : '<unnamed>';
        const serviceAccount = (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) || 'default';
        const pod = {
          namespace,
          name,
          labels: stringMap(obj(template.metadata).labels),
          ips: [],
          ports: [],
          serviceAccount,
          hostNetwork: false,
        };
        out.push({
          id: `${namespace}/${d.kind}/${name}`,
          namespace,
          labels: workloadLabels(pod, this.namespaceLabels(namespace), sa(namespace, serviceAccount)),
          source: 'template',
        });
      }
      this.workloadList = out;
    }
    return this.workloadList;
  }

  /** Host endpoints: explicit ones and those kube-controllers derives from Nodes (autoCreate), sorted by name. */
  hostEndpoints(): readonly LintHostEndpoint[] {
    if (!this.hepList) {
      const out: LintHostEndpoint[] = [...this.summary().hostEndpoints];
      this.hepList = out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.hepList;
  }

  /** The workloads of namespace `ns`, in document order (grouped once, not filtered per question). */
  workloadsIn(ns: string): readonly LintWorkload[] {
    if (!this.byNamespace) {
      const m = new Map<string, LintWorkload[]>();
      for (const w of this.workloads()) {
        let list = m.get(w.namespace);
        if (!list) m.set(w.namespace, (list = []));
        list.push(w);
      }
      this.byNamespace = m;
    }
    return this.byNamespace.get(ns) ?? [];
  }

  /**
   * A label index over a list of endpoints, built once per context and `key` (`workloads`, `workloads:<ns>`, `heps`,
   * ...): selecting through it answers as a scan of the list would, without trying every endpoint per policy.
   */
  index<E extends { labels: Readonly<Record<string, string>> }>(
    key: string,
    endpoints: () => readonly E[],
  ): EndpointIndex<E> {
    return this.derivedIndex(key, () => new EndpointIndex(endpoints()));
  }

  /** {@link index} made by `make` (e.g. `EndpointIndex.concat` of other indexes), once per context and `key`. */
  derivedIndex<E extends Labelled>(key: string, make: () => EndpointIndex<E>): EndpointIndex<E> {
    let ix = this.indexes.get(key);
    if (!ix) this.indexes.set(key, (ix = make()));
    return ix;
  }

  /** {@link index} of every workload. */
  workloadIndex(): EndpointIndex<LintWorkload> {
    return this.index('workloads', () => this.workloads());
  }

  /** {@link index} of every host endpoint. */
  hostEndpointIndex(): EndpointIndex<LintHostEndpoint> {
    return this.index('heps', () => this.hostEndpoints());
  }

  /** Namespaces whose workloads the manifests describe: Namespace objects and namespaces of workloads. */
  knownNamespaces(): ReadonlySet<string> {
    if (!this.namespaceSet) {
      const set = new Set<string>(this.namespaceDocs.keys());
      for (const w of this.workloads()) set.add(w.namespace);
      this.namespaceSet = set;
    }
    return this.namespaceSet;
  }

  /** Labels of a pod with no labels of its own in namespace `ns`, as Calico sees it (the "every pod" probe). */
  barePodLabels(ns: string): Readonly<Record<string, string>> {
    let labels = this.barePods.get(ns);
    if (!labels) this.barePods.set(ns, (labels = this.computeBarePodLabels(ns)));
    return labels;
  }

  private computeBarePodLabels(ns: string): Readonly<Record<string, string>> {
    const pod = {
      namespace: ns,
      name: '',
      labels: {},
      ips: [],
      ports: [],
      serviceAccount: 'default',
      hostNetwork: false,
    };
    return workloadLabels(pod, this.namespaceLabels(ns), {});
  }

  /** `Deny` or `Pass`: the default action of a tier (built-in, from a Tier object, else Deny). */
  tierDefaultAction(tier: string): 'Deny' | 'Pass' {
    if (!this.tierActions) {
      const m = new Map<string, 'Deny' | 'Pass'>(BUILTIN_TIERS.map((t) => [t.name, t.defaultAction]));
      for (const d of this.ofKind('Tier')) {
        if (d.apiVersion === CALICO_API_VERSION && typeof d.metadata?.name === 'string') {
          m.set(d.metadata.name, d.spec?.defaultAction === 'Pass' ? 'Pass' : 'Deny');
        }
      }
      this.tierActions = m;
    }
    return this.tierActions.get(tier) ?? 'Deny';
  }

  /** Namespaces the lint looks at: Namespace objects, namespaces of workloads and of namespaced policies; sorted. */
  namespacesInPlay(): string[] {
    if (!this.inPlay) {
      const all = new Set<string>(this.knownNamespaces());
      for (const p of this.policies) if (p.namespace) all.add(p.namespace);
      this.inPlay = [...all].sort();
    }
    return [...this.inPlay]; // computed once: rules ask per policy
  }
}
