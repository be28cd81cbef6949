/**
 * `lint.forwarded-traffic-unpoliced`: a normal GlobalNetworkPolicy (not preDNAT, not doNotTrack) without
 * `applyOnForward` that selects host endpoints of the manifests and no pods (none of the manifests' workloads, and
 * not a pod without labels in any namespace), and whose rules name pods or service addresses on
 * the host's own side: the destination of an ingress rule, the source of an egress rule. On a host endpoint that
 * side is the host itself for host-local traffic; pods there only make sense for traffic forwarded to or from pods,
 * which this policy never sees without applyOnForward (Calico docs "Apply on forwarded traffic"; issues 873, 4171).
 *
 * Names pods: a namespaceSelector other than `global()`, serviceAccounts, nets overlapping an IPPool CIDR, a
 * Service cluster IP or a BGPConfiguration service range, or a selector that matches workloads of the manifests and
 * none of their host endpoints. The validator already rejects applyOnForward: false with preDNAT or doNotTrack.
 */
import { IpAddr, Net, netHas, toNet } from '../model/primitives/ip';
import { Selector } from '../selector';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { hasDirection, isHostOnly, PolicyView, rulesOf } from './policy-view';
import { guardLintDocs } from './lint-input';
import { CALICO_API_VERSION } from '../model/primitives/calico-constants';

const RULE = 'lint.forwarded-traffic-unpoliced';

interface NamedNet {
  readonly net: Net;
  readonly what: string;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Pod and service address ranges the manifests declare. */
function podAndServiceNets(c: LintContext): NamedNet[] {
  const out: NamedNet[] = [];
  const add = (text: unknown, what: string) => {
    const net = typeof text === 'string' ? toNet(text) : undefined;
    if (net) out.push({ net, what });
  };
  // The three kinds read below, in document order (the first overlapping range names the finding).
  for (const d of c.objectsWhereKind((k) => k === 'IPPool' || k === 'BGPConfiguration' || k === 'Service')) {
    const name = d.metadata?.name;
    if (d.apiVersion === CALICO_API_VERSION && d.kind === 'IPPool') add(d.spec?.cidr, `IPPool ${name}`);
    if (d.apiVersion === CALICO_API_VERSION && d.kind === 'BGPConfiguration') {
      for (const key of ['serviceClusterIPs', 'serviceExternalIPs', 'serviceLoadBalancerIPs']) {
        for (const e of Array.isArray(d.spec?.[key]) ? d.spec[key] : [])
          add(e?.cidr, `BGPConfiguration ${name} ${key}`);
      }
    }
    if (d.apiVersion === 'v1' && d.kind === 'Service') {
      // clusterIP, then each string of clusterIPs (no list made per Service: there are 45,000 in bench/large-input.ts).
      const ip = d.spec?.clusterIP;
      if (ip !== 'None' && typeof ip === 'string') add(ip, `Service ${d.metadata?.namespace ?? 'default'}/${name}`);
      const ips = d.spec?.clusterIPs;
      if (Array.isArray(ips))
        for (const x of ips)
          if (typeof x === 'string' && x !== 'None') add(x, `Service ${d.metadata?.namespace ?? 'default'}/${name}`);
    }
  }
  return out;
}

function overlaps(a: Net, b: Net): boolean {
  if (a.family !== b.family) return false;
  const addr = (n: Net): IpAddr => ({ text: n.text, family: n.family, value: n.network });
  return netHas(a, addr(b)) || netHas(b, addr(a));
}

/** The first field of an entity rule that names pods, as `field (why)`; `undefined` when none does. */
function podField(side: any, ranges: readonly NamedNet[], c: LintContext): { field: string; why: string } | undefined {
  if (side === null || typeof side !== 'object') return undefined;
  if (
    typeof side.namespaceSelector === 'string' &&
    side.namespaceSelector.trim() !== '' &&
    side.namespaceSelector.trim() !== 'global()'
  ) {
    return {
      field: 'namespaceSelector',
      why: `namespaceSelector ${JSON.stringify(side.namespaceSelector)} selects pods`,
    };
  }
  if (side.serviceAccounts && typeof side.serviceAccounts === 'object')
    return { field: 'serviceAccounts', why: 'serviceAccounts select pods' };
  for (const text of strings(side.nets)) {
    const net = toNet(text);
    const hit = net && ranges.find((r) => overlaps(net, r.net));
    if (hit) return { field: 'nets', why: `${text} overlaps ${hit.what} (${hit.net.text})` };
  }
  if (typeof side.selector === 'string') {
    let sel: Selector | undefined;
    try {
      sel = Selector.parse(side.selector);
    } catch {
      sel = undefined;
    }
    if (sel && c.workloadIndex().some(sel) && !c.hostEndpointIndex().some(sel)) {
      return { field: 'selector', why: `selector ${JSON.stringify(side.selector)} matches pods and no host endpoint` };
    }
  }
  return undefined;
}

/**
 * True when the policy may select pods: a workload of the manifests, or a pod without labels of any namespace in play.
 */
function selectsPods(sel: Selector, c: LintContext): boolean {
  if (c.workloadIndex().some(sel)) return true;
  // Per selector text, once: many policies share a selector, and namespaces are tried one by one.
  let memo = barePodMemo.get(c);
  if (!memo) barePodMemo.set(c, (memo = new Map()));
  const key = sel.toString();
  let hit = memo.get(key);
  if (hit === undefined)
    memo.set(key, (hit = [...c.namespacesInPlay(), 'default'].some((ns) => sel.matches(c.barePodLabels(ns)))));
  return hit;
}

const barePodMemo = new WeakMap<LintContext, Map<string, boolean>>();

/**
 * A host-endpoint-only normal policy without applyOnForward (a policy that also selects pods uses those fields for
 * them).
 */
function candidate(p: PolicyView, c: LintContext): boolean {
  if (!p.global || p.staged || isHostOnly(p) || p.applyOnForward || !p.effective) return false;
  return c.hostEndpointIndex().some(p.effective) && !selectsPods(p.effective, c);
}

/** The first rule side of `p` that names pods (ingress rules first, in order), with its path. */
function firstPodField(
  p: PolicyView,
  ranges: readonly NamedNet[],
  c: LintContext,
): { path: string; why: string } | undefined {
  for (const dir of ['ingress', 'egress'] as const) {
    if (!hasDirection(p, dir)) continue;
    const sideName = dir === 'ingress' ? 'destination' : 'source';
    const rules = rulesOf(p, dir);
    for (let i = 0; i < rules.length; i++) {
      const f = podField(rules[i]?.[sideName], ranges, c);
      if (f) return { path: `spec.${dir}[${i}].${sideName}.${f.field}`, why: f.why };
    }
  }
  return undefined;
}

/** Host endpoint policies whose pod rules cannot apply because applyOnForward is off. */
export function lintForwardedTraffic(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintForwardedTraffic');
  const c = LintContext.of(docs);
  const policies = c.policies.filter((p) => candidate(p, c));
  if (policies.length === 0) return [];
  const ranges = podAndServiceNets(c);
  const out: LintFinding[] = [];
  for (const p of policies) {
    const hit = firstPodField(p, ranges, c);
    if (!hit) continue;
    out.push(
      lintFinding(
        p.doc,
        hit.path,
        RULE,
        `${hit.why}, but applyOnForward is not set, so on the host endpoints this policy selects it only sees traffic to and from the host itself: traffic forwarded to or from pods is not policed by it`,
        'set applyOnForward: true (forwarded traffic then meets this policy and its end-of-tier deny), or move the pod rules to a policy that selects the pods',
      ),
    );
  }
  return out;
}
