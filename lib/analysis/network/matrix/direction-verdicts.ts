/**
 * One direction of a workload's policy for every peer at once: the verdict of the pod's egress chain towards every
 * destination address, or of its ingress chain from every source address, on one port, as a bitset over an address
 * table.
 *
 * A rule's match splits into parts that each read one thing: the header (protocol, ICMP, the IP version of the
 * destination: `ruleHeaderMatches`), the side of the policed endpoint itself (a scalar for that endpoint) and the
 * peer's side (a bitset over the peer addresses, one per distinct peer criterion, shared by every rule and policy
 * that has it). The tiers are then walked as `walkTiers` walks them (evaluate/tier-walk.ts, after Felix's
 * `felix/rules/endpoints.go`), with sets of peers instead of one packet: rules in order, Allow/Deny decide, Log does
 * not, Pass sends the peers it matches to the next tier (skipping the rest of its own), a tier that has policies for
 * the endpoint drops the peers still undecided at its end unless its default action is Pass; peers no tier decided
 * get the namespace profile's allow (evaluate/workload-path.ts).
 */
import type { IpAddr, Net } from '../../../model/primitives/ip';
import { netHas } from '../../../model/primitives/ip';
import type { EntityIndex, SelectorMatcher } from '../match/ip-sets';
import type { Packet } from '../match/packet';
import type { LabeledEntity } from '../model/endpoints';
import type { CompiledEntityRule, CompiledRule, PortMatch } from '../policy/compiled-rule';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { PolicyIndex, TierGroup } from '../policy/policy-index';
import { entityMatches, MatchContext, ruleHeaderMatches } from '../policy/rule-matcher';
import { fullSet, hasBit, isEmpty, setBit, wordsFor } from './bitset';
import type { Flow } from '../evaluate/evaluate';

/** The addresses peers are matched at: every address a row or column of the matrix can put in a packet. */
export class AddressTable {
  /** The addresses, by slot. */
  readonly addrs: IpAddr[] = [];
  private readonly slots = new Map<string, number>();

  /** The slot of `a` (a new one for a new address). */
  slot(a: IpAddr): number {
    let s = this.slots.get(a.text);
    if (s === undefined) {
      s = this.addrs.length;
      this.addrs.push(a);
      this.slots.set(a.text, s);
    }
    return s;
  }

  /** The slot of `a`, which must be in the table. */
  slotOf(a: IpAddr): number {
    const s = this.slots.get(a.text);
    if (s === undefined) throw new Error(`address ${a.text} is not in the matrix's address table`);
    return s;
  }

  private ownerSetLists?: Int32Array[];

  /** The label sets of the owners of each slot's address (`EntityIndex.ownersOf`, `labelSetOf`). */
  ownerSets(index: EntityIndex): readonly Int32Array[] {
    return (this.ownerSetLists ??= this.addrs.map((a) =>
      Int32Array.from(index.ownersOf(a), (o) => index.labelSetOf(o)),
    ));
  }

  /** Number of slots. */
  get size(): number {
    return this.addrs.length;
  }
}

/** Peer-criterion bitsets that do not depend on the port, shared by the ports of one matrix. */
export class PeerSetCache {
  /** Bitsets keyed by side and criterion text. */
  readonly byKey = new Map<string, Uint32Array>();
}

const criterionKeys = new WeakMap<CompiledEntityRule, string>();

/** A text naming everything `entityMatches` reads of a rule side ('' when the side matches everything). */
function criterionKey(e: CompiledEntityRule): string {
  let k = criterionKeys.get(e);
  if (k === undefined) {
    const empty = !e.nets && !e.notNets && !e.selector && !e.notSelector && !e.ports && !e.notPorts && !e.services;
    k = empty
      ? ''
      : JSON.stringify([
          e.selector?.text ?? null,
          e.notSelector?.text ?? null,
          e.nets?.map((n) => n.text) ?? null,
          e.notNets?.map((n) => n.text) ?? null,
          e.ports ?? null,
          e.notPorts ?? null,
          e.services ?? null,
          e.hasNamedPorts,
        ]);
    criterionKeys.set(e, k);
  }
  return k;
}

/** True when the side's match depends on the port or protocol of the packet (ports, named ports, services). */
function portDependent(e: CompiledEntityRule): boolean {
  return e.ports !== undefined || e.notPorts !== undefined || e.services !== undefined;
}

/** Both directions of workload policy on one port (and one staged mode), memoised per policy list and scalars. */
export class DirectionVerdicts {
  private readonly words: number;
  private readonly all: Uint32Array;
  private readonly local = new Map<string, Uint32Array>();
  private readonly walks = new Map<string, Uint32Array>();
  private readonly listIds = new Map<readonly TierGroup[], string>();
  private readonly policyIds = new Map<CompiledPolicy, number>();
  private readonly headers = new Map<CompiledRule, number>();
  /** Walks computed (distinct policy list and scalar combinations). */
  walkCount = 0;

  constructor(
    private readonly table: AddressTable,
    private readonly match: MatchContext,
    private readonly policies: PolicyIndex,
    private readonly preview: boolean,
    private readonly flow: Flow,
    private readonly shared: PeerSetCache,
  ) {
    this.words = wordsFor(table.size);
    this.all = fullSet(table.size);
  }

  /** Per slot, a packet whose addresses are both the slot's: what `entityMatches` reads of one side. */
  private packets?: Packet[];

  /** The set of table addresses that match `e` on `side` (as `entityMatches` of that side of the packet). */
  private peers(e: CompiledEntityRule, side: 'source' | 'destination'): Uint32Array {
    const byRule = side === 'source' ? this.sourceSets : this.destinationSets;
    let hit = byRule.get(e);
    if (!hit) byRule.set(e, (hit = this.peersOf(e, side)));
    return hit;
  }

  private readonly sourceSets = new Map<CompiledEntityRule, Uint32Array>();
  private readonly destinationSets = new Map<CompiledEntityRule, Uint32Array>();

  private peersOf(e: CompiledEntityRule, side: 'source' | 'destination'): Uint32Array {
    const key = criterionKey(e);
    if (key === '') return this.all;
    const dependent = portDependent(e);
    const cache = dependent ? this.local : this.shared.byKey;
    const k = `${side[0]}${key}`;
    let set = cache.get(k);
    if (!set) {
      set = !dependent
        ? this.compose(e)
        : e.hasNamedPorts || e.services
          ? this.matchEach(e, side)
          : this.ported(e, side);
      cache.set(k, set);
    }
    return set;
  }

  /** `entityMatches` at every slot (criteria that read the port or protocol). */
  private matchEach(e: CompiledEntityRule, side: 'source' | 'destination'): Uint32Array {
    const set = new Uint32Array(this.words);
    const port = side === 'source' ? this.flow.srcPort : this.flow.dstPort;
    const addrs = this.table.addrs;
    const packets = (this.packets ??= addrs.map((a) => ({ src: a, dst: a, ...this.flow })));
    for (let s = 0; s < addrs.length; s++) {
      if (entityMatches(e, addrs[s], port, packets[s], this.match, side)) setBit(set, s);
    }
    return set;
  }

  /**
   * A criterion with numeric ports only: the packet's port decides for every slot at once (`entityMatches`: the
   * selector side and a port in `ports`, no port in `notPorts`).
   */
  private ported(e: CompiledEntityRule, side: 'source' | 'destination'): Uint32Array {
    const port = side === 'source' ? this.flow.srcPort : this.flow.dstPort;
    const inRange = (list: readonly PortMatch[]) =>
      port !== undefined && list.some((pm) => pm.name === undefined && port >= pm.min && port <= pm.max);
    if (e.ports && !inRange(e.ports)) return new Uint32Array(this.words);
    if (e.notPorts && inRange(e.notPorts)) return new Uint32Array(this.words);
    return this.compose(e);
  }

  /**
   * A criterion without ports or services, composed from one set per network and per selector as `entityMatches`
   * tests them: in some `nets`, in no `notNets`, not in the `notSelector` set, in the `selector` set.
   */
  private compose(e: CompiledEntityRule): Uint32Array {
    const W = this.words;
    const set = this.all.slice();
    if (e.nets) {
      const any = new Uint32Array(W);
      for (const n of e.nets) {
        const b = this.netSet(n);
        for (let k = 0; k < W; k++) any[k] |= b[k];
      }
      for (let k = 0; k < W; k++) set[k] &= any[k];
    }
    for (const n of e.notNets ?? []) {
      const b = this.netSet(n);
      for (let k = 0; k < W; k++) set[k] &= ~b[k];
    }
    if (e.notSelector) {
      const b = this.selectorSet(e.notSelector);
      for (let k = 0; k < W; k++) set[k] &= ~b[k];
    }
    if (e.selector) {
      const b = this.selectorSet(e.selector);
      for (let k = 0; k < W; k++) set[k] &= b[k];
    }
    return set;
  }

  /** The slots inside network `n`. */
  private netSet(n: Net): Uint32Array {
    const k = `N${n.text}`;
    let set = this.shared.byKey.get(k);
    if (!set) {
      set = new Uint32Array(this.words);
      const addrs = this.table.addrs;
      for (let s = 0; s < addrs.length; s++) if (netHas(n, addrs[s])) setBit(set, s);
      this.shared.byKey.set(k, set);
    }
    return set;
  }

  /** The slots in the ipset of a selector: some owner of the address matches (`EntityIndex.inSet`). */
  private selectorSet(sel: SelectorMatcher): Uint32Array {
    const k = `S${sel.text}`;
    let set = this.shared.byKey.get(k);
    if (!set) {
      set = new Uint32Array(this.words);
      const index = this.match.index;
      const sets = index.matchingLabelSets(sel);
      const owners = this.table.ownerSets(index);
      for (let s = 0; s < owners.length; s++) {
        const list = owners[s];
        for (let i = 0; i < list.length; i++)
          if (list[i] >= 0 ? hasBit(sets, list[i]) : sel.matches(index.ownersOf(this.table.addrs[s])[i])) {
            setBit(set, s);
            break;
          }
      }
      this.shared.byKey.set(k, set);
    }
    return set;
  }

  /** True when the rule's header matches a packet of `family` (cached per rule and family). */
  private header(rule: CompiledRule, family: number): boolean {
    let v = this.headers.get(rule);
    if (v === undefined) v = 0;
    const bit = family === 6 ? 4 : 1;
    if ((v & (bit * 3)) === 0) {
      const a: IpAddr = { family, text: '' } as IpAddr;
      v |= bit * (ruleHeaderMatches(rule, { src: a, dst: a, ...this.flow }) ? 1 : 2);
      this.headers.set(rule, v);
    }
    return (v & bit) !== 0;
  }

  private listId(groups: readonly TierGroup[]): string {
    let id = this.listIds.get(groups);
    if (id === undefined) {
      if (this.policyIds.size === 0) this.policies.active(this.preview).forEach((p, i) => this.policyIds.set(p, i));
      id = groups
        .map(
          (g) =>
            `${g.tier.name}\u0000${g.tier.defaultAction}:${g.policies.map((p) => this.policyIds.get(p)).join(',')}`,
        )
        .join(';');
      this.listIds.set(groups, id);
    }
    return id;
  }

  /**
   * The destinations (table slots) that the egress chain of workload `e` sending from `src` allows; only slots of
   * `src`'s family are meaningful.
   */
  egress(e: LabeledEntity, src: IpAddr): Uint32Array {
    return this.direction(e, src, 'egress');
  }

  /** The sources (table slots) that the ingress chain of workload `e` receiving at `dst` allows (same family). */
  ingress(e: LabeledEntity, dst: IpAddr): Uint32Array {
    return this.direction(e, dst, 'ingress');
  }

  private direction(e: LabeledEntity, own: IpAddr, dir: 'ingress' | 'egress'): Uint32Array {
    const pols = this.policies.forEntity(e, this.preview);
    const groups = dir === 'ingress' ? pols.ingress : pols.egress;
    const ownSlot = this.table.slotOf(own);
    // The endpoint's own side of each rule, as bits of the memo key: rules whose own side reads nothing add none.
    let scalars = '';
    for (const g of groups)
      for (const pol of g.policies)
        for (const rule of dir === 'ingress' ? pol.ingress : pol.egress) {
          const mine = dir === 'ingress' ? rule.destination : rule.source;
          if (rule.action === 'Log' || criterionKey(mine) === '') continue;
          scalars += hasBit(this.peers(mine, dir === 'ingress' ? 'destination' : 'source'), ownSlot) ? '1' : '0';
        }
    const key = `${dir}|${own.family}|${this.listId(groups)}|${scalars}`;
    let out = this.walks.get(key);
    if (!out) {
      out = this.walk(groups, dir, own.family, ownSlot);
      this.walks.set(key, out);
      this.walkCount++;
    }
    return out;
  }

  /** The tier walk over sets of peers (the bitset form of `walkTiers` for a `normal` chain, then the profile). */
  private walk(groups: readonly TierGroup[], dir: 'ingress' | 'egress', family: number, ownSlot: number): Uint32Array {
    const W = this.words;
    const undecided = this.all.slice();
    const allowed = new Uint32Array(W);
    const passed = new Uint32Array(W);
    for (const g of groups) {
      passed.fill(0);
      for (const pol of g.policies) {
        for (const rule of dir === 'ingress' ? pol.ingress : pol.egress) {
          if (rule.action === 'Log' || !this.header(rule, family)) continue;
          const mine = dir === 'ingress' ? rule.destination : rule.source;
          const theirs = dir === 'ingress' ? rule.source : rule.destination;
          if (!hasBit(this.peers(mine, dir === 'ingress' ? 'destination' : 'source'), ownSlot)) continue;
          const bits = this.peers(theirs, dir === 'ingress' ? 'source' : 'destination');
          for (let k = 0; k < W; k++) {
            const m = bits[k] & undecided[k] & ~passed[k];
            if (m === 0) continue;
            if (rule.action === 'Pass') passed[k] |= m;
            else {
              undecided[k] &= ~m;
              if (rule.action === 'Allow') allowed[k] |= m;
            }
          }
        }
      }
      // End of tier: what passed goes on; the rest is dropped unless the tier's default action is Pass.
      if (g.tier.defaultAction !== 'Pass') for (let k = 0; k < W; k++) undecided[k] &= passed[k];
      if (isEmpty(undecided)) break;
    }
    // No decision: the namespace profile allows.
    for (let k = 0; k < W; k++) allowed[k] |= undecided[k];
    return allowed;
  }
}
