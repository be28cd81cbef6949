/**
 * Felix failsafe ports against policy rules, pure (one home for the SecuredNodePool synth check and the lint).
 *
 * Felix accepts a packet on a failsafe port before any host endpoint policy: `failsafeInChain` / `failsafeOutChain`
 * in `felix/rules/static.go` render one accept rule per `ProtoPort` entry, matching protocol and destination port
 * and, when the entry has a `net`, the source (inbound) or destination (outbound) network; an entry whose `net` is of
 * the other IP family is left out of that family's chain. So a Deny rule on a failsafe port does nothing for the
 * addresses the failsafe admits.
 */
import { DEFAULT_FAILSAFE_INBOUND, DEFAULT_FAILSAFE_OUTBOUND } from '../model/primitives/failsafe-ports';
import { protocolNumber, protocolName } from '../analysis/network/match/protocols';
import { kubeObjects } from '../model/documents/kube-list';
import { isCalicoApiVersion } from '../model/primitives/calico-constants';
import { parseCidr, ParsedCidr } from '../model/primitives/cidr';

/**
 * Which failsafe list: inbound (to the host, `net` is the source) or outbound (from the host, `net` the destination).
 */
export type FailsafeDirectionText = 'inbound' | 'outbound';

/** One failsafe entry, resolved: protocol number, port, optional network (canonical CIDR text). */
export interface FailsafeEntry {
  readonly protocol: number;
  readonly port: number;
  readonly net?: string;
}

/** Both failsafe lists in effect. */
export interface FailsafeLists {
  readonly inbound: readonly FailsafeEntry[];
  readonly outbound: readonly FailsafeEntry[];
}

/** A Deny rule a failsafe entry makes a no-op: every address it denies on that port is admitted first. */
export interface ShadowedRule {
  /** The policy manifest. */
  readonly doc: any;
  /** `ingress` or `egress`. */
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  /** `tcp:22` */
  readonly port: string;
  /** The acknowledgement risk id: `failsafe-open:inbound:tcp:22`. */
  readonly risk: string;
}

/** `tcp:22` for an entry (Calico's text form, protocol lowercased). */
export function failsafePortText(protocol: number, port: number): string {
  return `${protocolName(protocol).toLowerCase()}:${port}`;
}

/** The acknowledged-risks id for keeping a failsafe port open although a rule denies it. */
export function failsafeOpenRisk(direction: FailsafeDirectionText, protocol: number, port: number): string {
  return `failsafe-open:${direction}:${failsafePortText(protocol, port)}`;
}

const DEFAULTS: FailsafeLists = {
  inbound: DEFAULT_FAILSAFE_INBOUND.map((f) => ({ protocol: f.protocol, port: f.port })),
  outbound: DEFAULT_FAILSAFE_OUTBOUND.map((f) => ({ protocol: f.protocol, port: f.port })),
};

/** Felix's default lists (`felix/config/config_params.go`). */
export function defaultFailsafeLists(): FailsafeLists {
  return DEFAULTS;
}

/** A wire list (`[{protocol?, port, net?}]`), tolerant: malformed entries are skipped (validation reports them). */
export function readFailsafeList(value: unknown, fallback: readonly FailsafeEntry[]): readonly FailsafeEntry[] {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === 'none') return [];
  if (!Array.isArray(value)) return fallback;
  const out: FailsafeEntry[] = [];
  for (const e of value) {
    if (e === null || typeof e !== 'object') continue;
    const protocol = protocolNumber(e.protocol ?? 'TCP');
    const port = typeof e.port === 'string' && /^[0-9]+$/.test(e.port) ? Number(e.port) : e.port;
    if (protocol === undefined || typeof port !== 'number' || !Number.isInteger(port)) continue;
    out.push(e.net === undefined || e.net === '' ? { protocol, port } : { protocol, port, net: String(e.net) });
  }
  return out;
}

/**
 * The failsafe lists the manifests put in effect: FelixConfiguration `default` (v3 or crd v1), else Felix's defaults.
 */
export function failsafeListsOf(docs: readonly any[]): FailsafeLists {
  for (const d of kubeObjects(docs) as any[]) {
    if (d?.kind !== 'FelixConfiguration' || d.metadata?.name !== 'default') continue;
    if (!isCalicoApiVersion(d.apiVersion)) continue;
    const spec = d.spec !== null && typeof d.spec === 'object' ? d.spec : {};
    return {
      inbound: readFailsafeList(spec.failsafeInboundHostPorts, DEFAULTS.inbound),
      outbound: readFailsafeList(spec.failsafeOutboundHostPorts, DEFAULTS.outbound),
    };
  }
  return DEFAULTS;
}

/** Whether CIDR `a` lies inside CIDR `b`. */
function within(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family || a.prefix < b.prefix) return false;
  const shift = BigInt((a.family === 4 ? 32 : 128) - b.prefix);
  return a.network >> shift === b.network >> shift;
}

/** Whether a wire port (`22`, `"22"`, `"30000:32767"`) covers `port`; named ports never do (they are per endpoint). */
function portCovers(p: unknown, port: number): boolean {
  if (typeof p === 'number') return p === port;
  if (typeof p !== 'string') return false;
  const m = /^([0-9]+)(?::([0-9]+))?$/.exec(p);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= port && port <= hi;
}

/**
 * Whether `rule` (a Deny) names failsafe entry port `entry` and every address it denies there is admitted by the
 * failsafe list: the rule's protocol and destination ports cover it, and the failsafe has an entry on that port
 * without `net`, or the rule's peer nets all lie inside the entries' nets. Catch-all rules that name no port (a
 * policy's final deny) are not reported: the failsafe ports are Calico's deliberate exception to them.
 */
function shadows(
  rule: any,
  direction: 'ingress' | 'egress',
  protocol: number,
  port: number,
  list: readonly FailsafeEntry[],
): boolean {
  if (rule?.action !== 'Deny' || rule.protocol === undefined) return false;
  if (protocolNumber(rule.protocol) !== protocol) return false;
  const dst = rule.destination ?? {};
  if (!Array.isArray(dst.ports) || !dst.ports.some((p: unknown) => portCovers(p, port))) return false;
  if (Array.isArray(dst.notPorts) && dst.notPorts.some((p: unknown) => portCovers(p, port))) return false;
  const entries = list.filter((e) => e.protocol === protocol && e.port === port);
  if (entries.length === 0) return false;
  if (entries.some((e) => e.net === undefined)) return true;
  const peer = direction === 'ingress' ? (rule.source ?? {}) : dst;
  const nets: unknown[] = Array.isArray(peer.nets) ? peer.nets : [];
  if (nets.length === 0) return false; // denies addresses outside the failsafe's nets too: not a no-op
  const entryNets = entries.map((e) => parseCidr(e.net)).filter((c): c is ParsedCidr => c !== undefined);
  return nets.every((n) => {
    const c = parseCidr(n);
    return c !== undefined && entryNets.some((e) => within(c, e));
  });
}

/** Policies whose rules can govern host endpoints: GlobalNetworkPolicies not limited to workloads. */
function hostPolicy(d: any): boolean {
  return (
    d?.kind === 'GlobalNetworkPolicy' &&
    isCalicoApiVersion(d.apiVersion) &&
    d.spec !== null &&
    typeof d.spec === 'object' &&
    (d.spec.namespaceSelector === undefined || d.spec.namespaceSelector === '')
  );
}

/**
 * Every Deny rule of a host policy that a failsafe port makes a no-op (inbound list for ingress rules, outbound for
 * egress), one entry per rule and failsafe port, in document and rule order. `List`s are expanded.
 */
export function failsafeShadowedRules(
  docs: readonly any[],
  lists: FailsafeLists = failsafeListsOf(docs),
): ShadowedRule[] {
  const out: ShadowedRule[] = [];
  // Each list's distinct ports once, not per policy (the lint reads 15,000 host policies in bench/large-input.ts).
  const portsOf = new Map<readonly FailsafeEntry[], FailsafeEntry[]>();
  for (const doc of kubeObjects(docs) as any[]) {
    if (!hostPolicy(doc)) continue;
    for (const [direction, dir, list] of [
      ['ingress', 'inbound', lists.inbound],
      ['egress', 'outbound', lists.outbound],
    ] as const) {
      const rules = doc.spec[direction];
      if (!Array.isArray(rules)) continue;
      let ports = portsOf.get(list);
      if (!ports) portsOf.set(list, (ports = [...new Map(list.map((e) => [`${e.protocol}:${e.port}`, e])).values()]));
      rules.forEach((rule: any, ruleIndex: number) => {
        for (const e of ports) {
          if (shadows(rule, direction, e.protocol, e.port, list)) {
            const port = failsafePortText(e.protocol, e.port);
            out.push({ doc, direction, ruleIndex, port, risk: failsafeOpenRisk(dir, e.protocol, e.port) });
          }
        }
      });
    }
  }
  return out;
}

/** A narrowing: the entries of `protocol:port` without `net` are replaced by one entry per network. */
export interface FailsafeNarrowingEntry {
  readonly direction: FailsafeDirectionText;
  readonly protocol: number;
  readonly port: number;
  readonly nets: readonly string[];
}

/** A wire entry as FelixConfiguration emits it. */
export interface WireFailsafeEntry {
  readonly protocol: string;
  readonly port: number;
  readonly net?: string;
}

/**
 * Applies narrowings to a list: each narrowed `protocol:port` loses its entries without `net` and gains one entry per
 * network (a port with no such entry, already narrowed or removed by the list's author, is left alone; several
 * narrowings of one port admit the union of their networks, since the list is one per cluster). Order is kept: the new
 * entries take the place of the entry they replace.
 */
export function narrowFailsafeList(
  list: readonly WireFailsafeEntry[],
  narrowings: readonly FailsafeNarrowingEntry[],
): WireFailsafeEntry[] {
  let out = [...list];
  const merged = new Map<string, FailsafeNarrowingEntry>();
  for (const n of narrowings) {
    const key = `${n.direction}:${n.protocol}:${n.port}`;
    merged.set(key, { ...n, nets: [...new Set([...(merged.get(key)?.nets ?? []), ...n.nets])] });
  }
  for (const n of merged.values()) {
    const same = (e: WireFailsafeEntry) => protocolNumber(e.protocol) === n.protocol && e.port === n.port;
    const at = out.findIndex((e) => same(e) && e.net === undefined);
    // Only an entry open to every address is narrowed: a port already narrowed or removed stays as its author set it.
    if (at < 0) continue;
    const have = new Set(out.filter((e) => same(e) && e.net !== undefined).map((e) => e.net));
    const added = n.nets
      .filter((net) => !have.has(net))
      .map((net) => ({ protocol: protocolName(n.protocol), port: n.port, net }));
    const kept = out.filter((e) => !(same(e) && e.net === undefined));
    const insertAt = out.slice(0, at).filter((e) => !(same(e) && e.net === undefined)).length;
    out = [...kept.slice(0, insertAt), ...added, ...kept.slice(insertAt)];
  }
  return out;
}
