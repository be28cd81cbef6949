/**
 * `lint.dns-egress-blocked`: pods whose egress is isolated but that cannot resolve names (UDP 53).
 *
 * With cluster state (pods with IPs, and kube-dns pods — `k8s-app: kube-dns` in kube-system — with IPs) the engine
 * evaluates every pod → every kube-dns pod on UDP 53, Calico semantics in full (tiers, order, Pass, the kube-dns
 * pods' own ingress); a pod none of whose lookups gets through is blocked. Findings are grouped per namespace and
 * per policy that decided (or, for an end-of-tier drop, the first policy of that tier selecting the pod).
 *
 * Namespaces without such pods get a static check: some enforced egress policy of a Deny tier isolates pods of the
 * namespace (a namespaced policy there, or a GlobalNetworkPolicy covering every pod of it) and no Allow or Pass
 * egress rule of any policy that may apply to the namespace could match UDP 53 (protocol, ports and notPorts are
 * checked; destinations are not, since kube-dns may be addressed many ways).
 */
import type { EvaluateResult, Step } from '../analysis/network';
import { LintContext } from './lint-context';
import { mayApplyToNamespace } from './namespace-scope';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { isHostOnly, PolicyView } from './policy-view';
import { directionDrops, mayMatchPort } from './rule-shape';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.dns-egress-blocked';
const UDP = 17;
const DNS_PORT = 53;
const FIX_EGRESS =
  'allow egress to kube-dns on UDP and TCP 53, e.g. a NetworkPolicy egress rule to namespaceSelector {kubernetes.io/metadata.name: kube-system} with podSelector {k8s-app: kube-dns} and ports 53/UDP and 53/TCP';

/** Enforcement points that run a policy's ingress rules. */
const INGRESS_POINTS: ReadonlySet<string> = new Set([
  'untracked-ingress',
  'pre-dnat',
  'forward-ingress',
  'destination-host-endpoint-ingress',
  'destination-workload-ingress',
]);

interface Blocked {
  readonly namespace: string;
  readonly pod: string;
  readonly dnsPod: string;
  readonly step: Step;
}

/** Which policies run at an enforcement point (the chain types of `lib/analysis/network/policy/policy-index.ts`). */
function runsAt(p: PolicyView, point: string): boolean {
  if (point === 'pre-dnat') return p.preDNAT;
  if (point === 'untracked-ingress' || point === 'untracked-egress') return p.doNotTrack;
  if (isHostOnly(p)) return false;
  return point === 'forward-ingress' || point === 'forward-egress' ? p.applyOnForward : true;
}

/** The policy view a denying step points at; `undefined` when none can be named. */
function culprit(c: LintContext, s: Step): PolicyView | undefined {
  const d = s.decision;
  if (d.policy !== undefined) return c.policies.find((p) => !p.staged && p.display === d.policy);
  if (d.default !== 'end-of-tier deny' || d.tier === undefined) return undefined;
  const model = c.model();
  const entity = model?.workloads.get(s.endpoint)?.entity ?? model?.entities.find((e) => e.id === s.endpoint);
  if (!entity) return undefined;
  const ingress = INGRESS_POINTS.has(s.point);
  return c.policies.find(
    (p) =>
      !p.staged &&
      p.tier === d.tier &&
      (ingress ? p.ingressEnabled : p.egressEnabled) &&
      runsAt(p, s.point) &&
      p.effective?.matches(entity.labels),
  );
}

/** Engine check; returns the findings and the namespaces whose pods it evaluated. */
function engineCheck(c: LintContext): { findings: LintFinding[]; evaluated: Set<string> } {
  const evaluated = new Set<string>();
  const findings: LintFinding[] = [];
  // Without kube-dns pods there is nothing to ask the engine (the summary may come from another thread: no model here).
  if (!c.hasDnsPods()) return { findings, evaluated };
  const model = c.model();
  if (!model) return { findings, evaluated };
  const pods = model.state.pods.filter((p) => !p.hostNetwork && p.ips.length > 0);
  const dns = pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
  // The engine is built only when there is something to ask it (building it costs as much as the model).
  const engine = dns.length === 0 ? undefined : c.network();
  if (!engine) return { findings, evaluated };
  const blocked: Blocked[] = [];
  for (const pod of pods) {
    if (dns.includes(pod)) continue;
    const from = `${pod.namespace}/${pod.name}`;
    let firstDenied: { r: EvaluateResult; to: string } | undefined;
    let allowed = false;
    try {
      for (const d of dns) {
        const to = `${d.namespace}/${d.name}`;
        const r = engine.evaluate({ from, to, protocol: 'UDP', port: DNS_PORT });
        if (r.allowed) {
          allowed = true;
          break;
        }
        firstDenied ??= { r, to };
      }
    } catch {
      continue; // not evaluable (e.g. no node for a cross-node path): the static check covers its namespace
    }
    evaluated.add(pod.namespace);
    const step = firstDenied?.r.steps.find((s) => !s.allowed);
    if (!allowed && firstDenied && step)
      blocked.push({ namespace: pod.namespace, pod: from, dnsPod: firstDenied.to, step });
  }
  const groups = new Map<string, { doc: any; list: Blocked[]; policy?: PolicyView }>();
  for (const b of blocked) {
    const policy = culprit(c, b.step);
    const doc =
      policy?.doc ??
      c.namespaceDocs.get(b.namespace) ??
      c.objects.find((o) => o.kind === 'Pod' && `${o.metadata?.namespace || 'default'}/${o.metadata?.name}` === b.pod);
    const key = `${b.namespace}|${policy ? policy.index : 'ns'}`;
    const g = groups.get(key) ?? { doc, list: [], policy };
    g.list.push(b);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const first = g.list[0];
    const point = first.step.point;
    const path = g.policy ? (INGRESS_POINTS.has(point) ? 'spec.ingress' : 'spec.egress') : '';
    const fix =
      point === 'destination-workload-ingress'
        ? `let the kube-dns pods (${first.dnsPod}) accept UDP and TCP 53 from these pods`
        : point === 'source-workload-egress'
          ? FIX_EGRESS
          : 'allow UDP and TCP 53 between these pods and kube-dns in the host endpoint policy that drops it (forwarded traffic)';
    findings.push(
      lintFinding(
        g.doc,
        path,
        RULE,
        `${g.list.length} pod(s) of namespace ${first.namespace} (${listSome(g.list.map((b) => b.pod))}) cannot reach kube-dns on UDP 53, so name lookups fail: ${first.step.text}`,
        fix,
      ),
    );
  }
  return { findings, evaluated };
}

/** The part of "isolates egress of pods in ns" that does not depend on ns (checked once per policy, not per ns). */
function isolatesSomePods(p: PolicyView, c: LintContext): boolean {
  if (p.staged || isHostOnly(p) || !p.egressEnabled || !p.effective) return false;
  const action = c.tierDefaultAction(p.tier);
  return action !== 'Pass' && directionDrops(p.egress, action);
}

function isolatesPodsOf(p: PolicyView, ns: string, c: LintContext): boolean {
  return p.global ? p.effective!.matches(c.barePodLabels(ns)) : p.namespace === ns;
}

/** The part of "allows DNS for pods in ns" that does not depend on ns. */
function allowsSomeDns(p: PolicyView): boolean {
  if (p.staged || isHostOnly(p) || !p.egressEnabled) return false;
  return p.egress.some((r) => (r?.action === 'Allow' || r?.action === 'Pass') && mayMatchPort(r, UDP, DNS_PORT));
}

function staticCheck(c: LintContext, skip: ReadonlySet<string>): LintFinding[] {
  const out: LintFinding[] = [];
  // Namespace by namespace over every policy is quadratic: split each test into its namespace-free part (once per
  // policy) and its namespace part (namespaced policies grouped by namespace, global ones tried per namespace).
  const isolators = c.policies.filter((p) => isolatesSomePods(p, c));
  const allowers = c.policies.filter((p) => allowsSomeDns(p));
  const globalIsolators = isolators.filter((p) => p.global);
  const globalAllowers = allowers.filter((p) => p.global);
  const isolatorsIn = groupByNamespace(isolators);
  const allowersIn = groupByNamespace(allowers);
  // Global isolators by selector text: thousands of host policies share a few selectors, each tried once per ns.
  const globalBySelector = new Map<string, PolicyView[]>();
  for (const p of globalIsolators) {
    const same = globalBySelector.get(p.effectiveText);
    if (same) same.push(p);
    else globalBySelector.set(p.effectiveText, [p]);
  }
  for (const ns of c.namespacesInPlay()) {
    if (skip.has(ns)) continue;
    const isolating = [...(isolatorsIn.get(ns) ?? [])];
    for (const same of globalBySelector.values()) if (isolatesPodsOf(same[0], ns, c)) isolating.push(...same);
    isolating.sort((a, b) => a.index - b.index);
    if (
      isolating.length === 0 ||
      (allowersIn.get(ns) ?? []).length > 0 ||
      globalAllowers.some((p) => mayApplyToNamespace(p, ns, c))
    )
      continue;
    const others = isolating.slice(1).map((p) => p.ref);
    out.push(
      lintFinding(
        isolating[0].doc,
        'spec.egress',
        RULE,
        `this policy isolates egress of pods in namespace ${ns}${others.length > 0 ? ` (so do ${listSome(others)})` : ''}, and no egress rule of a policy applying there allows UDP 53, so name lookups fail`,
        FIX_EGRESS,
      ),
    );
  }
  return out;
}

function groupByNamespace(policies: readonly PolicyView[]): Map<string, PolicyView[]> {
  const m = new Map<string, PolicyView[]>();
  for (const p of policies) {
    if (p.global) continue;
    let list = m.get(p.namespace!);
    if (!list) m.set(p.namespace!, (list = []));
    list.push(p);
  }
  return m;
}

/**
 * Pods that cannot resolve names: proven with the engine where the manifests carry pods and kube-dns, static elsewhere.
 */
export function lintDnsEgress(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintDnsEgress');
  const c = LintContext.of(docs);
  const { findings, evaluated } = engineCheck(c);
  return [...findings, ...staticCheck(c, evaluated)];
}
