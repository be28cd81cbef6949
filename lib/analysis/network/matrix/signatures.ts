/**
 * Equivalence signatures for the fast connectivity matrix: everything `evaluate` reads about an endpoint,
 * reduced to interned integers so endpoints whose verdicts cannot differ share one key.
 *
 * What a non-service verdict depends on (see `eval/evaluate.ts`):
 * - the packet's addresses: which one is picked (IP families and their order), and for each picked address
 *   what rule matching can observe: its family, membership in every rule/failsafe network, and its owners
 *   (`EntityIndex.ownersOf`) as seen by every rule selector / notSelector (and their named ports when some
 *   rule names ports), plus `services` rule membership;
 * - the endpoint's own ordered policy lists (egress as source, ingress as destination);
 * - the host endpoints governing its node per interface class (their policy lists, `"*"`-ness, profile);
 * - the kind (workload / host) and, per pair, whether both sit on the same node (handled by the caller).
 */
import type { ModelData } from '../build/build';
import type { LabeledEntity } from '../model/endpoints';
import type { IpAddr, Net } from '../../../model/primitives/ip';
import { netHas, toIpAddr } from '../../../model/primitives/ip';
import type { SelectorMatcher } from '../match/ip-sets';
import type { CompiledEntityRule } from '../policy/compiled-rule';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { EndpointPolicies, TierGroup } from '../policy/policy-index';
import { DEFAULT_ALLOW_PROFILE } from '../../../model/primitives/calico-constants';
import { backendIps, resolveTargetPort, serviceBackendPods } from '../build/service-backends';
import { underlayAddress } from '../evaluate/flannel-path';
import { governingHep } from '../evaluate/host-endpoint-path';
import type { Party } from '../evaluate/resolve';
import { hasBit } from './bitset';

/** Interns strings into small consecutive integers. */
export class Interner {
  private readonly ids = new Map<string, number>();
  /** The id of `key` (new keys get the next id). */
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(key, v);
    }
    return v;
  }
  /** Number of distinct keys. */
  get size(): number {
    return this.ids.size;
  }
}

/** Computes and caches the signatures of one model in one mode (enforced or staged preview). */
export class SignatureContext {
  private readonly matchers: SelectorMatcher[] = [];
  private readonly nets: Net[] = [];
  private readonly namedPorts: boolean;
  private readonly serviceRefs: Array<{ srcIps: Set<string>; dstKeys: Map<string, string[]> }> = [];
  private readonly policyIds = new Map<CompiledPolicy, number>();
  private readonly ownerSig = new Map<number, number>();
  private readonly ownerInterner = new Interner();
  private readonly ipSigs = new Map<string, number>();
  private readonly ipInterner = new Interner();
  private readonly nodeSigs = new Map<string, { id: number; noHep: boolean }>();
  private readonly nodeInterner = new Interner();
  private readonly listInterner = new Interner();

  constructor(
    private readonly m: ModelData,
    private readonly preview: boolean,
  ) {
    const matcherSet = new Set<SelectorMatcher>();
    const netTexts = new Set<string>();
    const services = new Set<string>();
    let named = false;
    const addNets = (list: readonly Net[] | undefined) => {
      for (const n of list ?? []) {
        if (!netTexts.has(n.text)) {
          netTexts.add(n.text);
          this.nets.push(n);
        }
      }
    };
    const addSide = (e: CompiledEntityRule) => {
      if (e.selector) matcherSet.add(e.selector);
      if (e.notSelector) matcherSet.add(e.notSelector);
      addNets(e.nets);
      addNets(e.notNets);
      if (e.services) services.add(`${e.services.namespace}/${e.services.name}`);
      if (e.hasNamedPorts) named = true;
    };
    // Every policy, staged or not: a superset of what either mode reads only splits classes further (safe).
    m.policies.forEach((p, i) => {
      this.policyIds.set(p, i);
      for (const r of [...p.ingress, ...p.egress]) {
        addSide(r.source);
        addSide(r.destination);
      }
    });
    for (const f of [...m.state.felix.failsafeInbound, ...m.state.felix.failsafeOutbound]) if (f.net) addNets([f.net]);
    this.matchers = [...matcherSet];
    this.namedPorts = named;
    for (const key of [...services].sort()) this.serviceRefs.push(serviceSets(m, key));
  }

  /** Interned characterisation of an owner entity: its verdict under every rule selector (and named ports). */
  private owner(e: LabeledEntity): number {
    let v = this.ownerSig.get(e.index);
    if (v === undefined) {
      let s = '';
      // Through the label-set bitsets (one inverted-index pass per selector), not a selector evaluation per owner.
      const set = this.m.index.labelSetOf(e);
      for (const mt of this.matchers)
        s += (set >= 0 ? hasBit(this.m.index.matchingLabelSets(mt), set) : mt.matches(e)) ? '1' : '0';
      if (this.namedPorts)
        s +=
          '|' +
          e.ports
            .map((p) => `${p.name}/${p.protocol}/${p.port}`)
            .sort()
            .join(',');
      v = this.ownerInterner.id(s);
      this.ownerSig.set(e.index, v);
    }
    return v;
  }

  /** Interned signature of one address: everything rule matching (and failsafes) can observe about it. */
  ip(addr: IpAddr): number {
    let v = this.ipSigs.get(addr.text);
    if (v === undefined) {
      const owners = [...new Set(this.m.index.ownersOf(addr).map((o) => this.owner(o)))].sort((a, b) => a - b);
      let netBits = '';
      for (const n of this.nets) netBits += netHas(n, addr) ? '1' : '0';
      let svc = '';
      for (const r of this.serviceRefs)
        svc += `${r.srcIps.has(addr.text) ? 's' : ''}${(r.dstKeys.get(addr.text) ?? []).join(',')}/`;
      v = this.ipInterner.id(`${addr.family}|${owners.join(',')}|${netBits}|${svc}`);
      this.ipSigs.set(addr.text, v);
    }
    return v;
  }

  private policyList(groups: readonly TierGroup[]): string {
    return groups
      .map((g) => `${g.tier.name}:${g.policies.map((p) => this.policyIds.get(p) ?? `?${p.display}`).join(',')}`)
      .join(';');
  }

  /** Interned ordered policy list of one direction of an entity. */
  policies(e: LabeledEntity, dir: 'ingress' | 'egress'): number {
    const pols = this.m.policyIndex.forEntity(e, this.preview);
    return this.listInterner.id(this.policyList(pols[dir]));
  }

  private allLists(p: EndpointPolicies): string {
    return [
      p.ingress,
      p.egress,
      p.forwardIngress,
      p.forwardEgress,
      p.preDnatIngress,
      p.untrackedIngress,
      p.untrackedEgress,
    ]
      .map((g) => this.policyList(g))
      .join('#');
  }

  /** Interned signature of a node: the host endpoint governing each interface class, as policy sees it. */
  node(name: string | undefined): { id: number; noHep: boolean } {
    const key = name ?? '';
    let v = this.nodeSigs.get(key);
    if (!v) {
      let noHep = true;
      const parts = (['main', 'tunnel', 'lo'] as const).map((cls) => {
        const h = governingHep(this.m, name, cls);
        if (!h) return '0';
        noHep = false;
        const profile = h.hep.profiles.some((pr) => pr === DEFAULT_ALLOW_PROFILE || pr.startsWith('kns.'));
        return `${h.hep.interfaceName === '*' ? '*' : 'n'}${profile ? 'P' : '-'}${this.allLists(this.m.policyIndex.forEntity(h.entity, this.preview))}`;
      });
      // On Canal the outer VXLAN packet crosses the main host endpoints from the node's underlay address
      // (eval/flannel-path.ts).
      const underlay =
        this.m.encapsulation === 'FlannelVXLAN' && !noHep
          ? toIpAddr(underlayAddress(this.m.nodes.get(key)) ?? '')
          : undefined;
      if (underlay) parts.push(`u${this.ip(underlay)}`);
      v = { id: this.nodeInterner.id(parts.join('@')), noHep };
      this.nodeSigs.set(key, v);
    }
    return v;
  }

  /** Signature of the addresses of a party as a packet source (per family; hosts also their tunnel address). */
  sourceAddresses(party: Party): string {
    const out: string[] = [];
    for (const fam of [4, 6]) {
      const first = firstOfFamily(party.ips, fam);
      out.push(first ? String(this.ip(first)) : '-');
      if (party.kind === 'host') {
        const t = firstOfFamily(
          (this.m.tunnelSources.get(party.node.name) ?? []).map((x) => x.ip),
          fam,
        );
        out.push(t ? String(this.ip(t)) : '=');
      }
    }
    return out.join(',');
  }

  /** Signature of the addresses of a party as a packet destination (per family, and the first family). */
  destinationAddresses(party: Party): string {
    const out: string[] = [];
    for (const fam of [4, 6]) {
      const first = firstOfFamily(party.ips, fam);
      out.push(first ? String(this.ip(first)) : '-');
    }
    const lead = party.ips.length > 0 ? (toIpAddr(party.ips[0])?.family ?? 0) : 0;
    return `${out.join(',')},f${lead}`;
  }
}

function firstOfFamily(ips: readonly string[], fam: number): IpAddr | undefined {
  for (const t of ips) {
    const a = toIpAddr(t);
    if (a && a.family === fam) return a;
  }
  return undefined;
}

/**
 * Backend addresses and, per address, the `protocol|port` keys a `services` destination match accepts (as
 * `serviceLookup`).
 */
function serviceSets(m: ModelData, key: string): { srcIps: Set<string>; dstKeys: Map<string, string[]> } {
  const srcIps = new Set<string>();
  const keys = new Map<string, Set<string>>();
  const add = (ip: string, k: string) => {
    // Keyed by the text `serviceLookup` stores (it compares with the packet's canonical text).
    let s = keys.get(ip);
    if (!s) keys.set(ip, (s = new Set()));
    s.add(k);
  };
  const svc = m.services.get(key);
  if (svc) {
    for (const pod of serviceBackendPods(m, svc)) {
      for (const ip of backendIps(m, pod)) {
        srcIps.add(ip);
        for (const sp of svc.ports) {
          const tp = resolveTargetPort(sp, pod);
          if (tp !== undefined) add(ip, `${sp.protocol}|${tp}`);
        }
      }
    }
    for (const ip of svc.clusterIps) for (const sp of svc.ports) add(ip, `${sp.protocol}|${sp.port}`);
  }
  const dstKeys = new Map<string, string[]>();
  for (const [ip, s] of keys) dstKeys.set(ip, [...s].sort());
  return { srcIps, dstKeys };
}
