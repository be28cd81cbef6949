/**
 * Selector → IP-set membership, the way Felix builds ipsets: an address matches a rule selector when some
 * labelled entity (workload, host endpoint via `expectedIPs`, network set) that the selector matches owns
 * the address. Instead of materialising every set, the index maps an address to its owners once (cached)
 * and memoises each selector's verdict per entity, so a membership test costs a few array reads.
 */
import { Selector } from '../../../selector';
import { parseSelector } from '../../../selector/parser';
import { LabelSetIndex } from './label-set-index';
import type { LabeledEntity } from '../model/endpoints';
import { IpAddr, isHostCidrNet, netHas } from '../../../model/primitives/ip';

/**
 * Entities grouped by identical effective labels: a selector's verdict depends on the labels only, so it is evaluated
 * once per distinct label set (replicas of one workload share theirs).
 */
export interface LabelSets {
  /** Label-set id of each entity, by entity index. */
  readonly ids: Int32Array;
  /** Number of distinct label sets. */
  readonly count: number;
  /** The labels of each label set. */
  readonly labels: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** A selector with a per-entity verdict cache (filled once per distinct label set). */
export class SelectorMatcher {
  // Allocated on first use: a model compiles a matcher per distinct selector, most never asked (lint builds the model
  // for its endpoints), and one array per selector per entity up front is quadratic in memory.
  private memo?: Uint8Array;
  private setMemo?: Uint8Array;
  /** The label sets this selector matches, once {@link EntityIndex.matchingLabelSets} has computed them. @internal */
  labelSetBits?: Uint32Array;

  constructor(
    /** The selector text Felix would see (after Calico's rewrites). */
    readonly text: string,
    readonly selector: Selector,
    private readonly entityCount: number,
    private readonly labelSets?: () => LabelSets,
  ) {}

  /** True when the selector matches the entity's effective labels. */
  matches(e: LabeledEntity): boolean {
    this.memo ??= new Uint8Array(this.entityCount);
    const m = this.memo[e.index];
    if (m !== 0) return m === 2;
    const sets = this.labelSets?.();
    const set = sets ? sets.ids[e.index] : -1;
    let v = 0;
    if (set >= 0) {
      const bits = this.labelSetBits;
      if (bits) v = (bits[set >>> 5] & (1 << (set & 31))) !== 0 ? 2 : 1;
      else {
        this.setMemo ??= new Uint8Array(sets!.count);
        v = this.setMemo[set];
      }
    }
    if (v === 0) {
      v = this.selector.matches(e.labels) ? 2 : 1;
      if (set >= 0) this.setMemo![set] = v;
    }
    this.memo[e.index] = v;
    return v === 2;
  }
}

/** Groups `entities` by their effective labels (entity indexes outside the table get -1: evaluated alone). */
function labelSetsOf(entities: readonly LabeledEntity[]): LabelSets {
  const ids = new Int32Array(entities.length).fill(-1);
  const seen = new Map<string, number>();
  const labels: Array<Readonly<Record<string, string>>> = [];
  for (const e of entities) {
    if (e.index < 0 || e.index >= entities.length) continue;
    const keys = Object.keys(e.labels).sort();
    let key = '';
    for (const k of keys) key += `${k}\u0000${e.labels[k]}\u0001`;
    let id = seen.get(key);
    if (id === undefined) {
      seen.set(key, (id = seen.size));
      labels.push(e.labels);
    }
    ids[e.index] = id;
  }
  return { ids, count: seen.size, labels };
}

const NO_OWNERS: readonly LabeledEntity[] = Object.freeze([]);

/** Address → owning entities, and the selector matcher cache. */
export class EntityIndex {
  private readonly exact = new Map<string, LabeledEntity[]>();
  private readonly wide: Array<{ entity: LabeledEntity; net: import('../../../model/primitives/ip').Net }> = [];
  private readonly ownerCache = new Map<string, readonly LabeledEntity[]>();
  private readonly matchers = new Map<string, SelectorMatcher>();
  private labelSets?: LabelSets;
  private readonly labelSetsOf = (): LabelSets => (this.labelSets ??= labelSetsOf(this.entities));

  constructor(readonly entities: readonly LabeledEntity[]) {
    for (const e of entities) {
      for (const n of e.nets) {
        if (isHostCidrNet(n)) {
          const key = n.text.slice(0, n.text.indexOf('/'));
          const list = this.exact.get(key);
          if (list) {
            if (!list.includes(e)) list.push(e);
          } else this.exact.set(key, [e]);
        } else this.wide.push({ entity: e, net: n });
      }
    }
  }

  /** Every entity owning `ip` (an endpoint address or a network set containing it). */
  ownersOf(ip: IpAddr): readonly LabeledEntity[] {
    const hit = this.ownerCache.get(ip.text);
    if (hit) return hit;
    const out: LabeledEntity[] = [...(this.exact.get(ip.text) ?? [])];
    for (const w of this.wide) if (netHas(w.net, ip) && !out.includes(w.entity)) out.push(w.entity);
    const result = out.length === 0 ? NO_OWNERS : out;
    this.ownerCache.set(ip.text, result);
    return result;
  }

  /** The shared matcher for selector text (parsed once). Throws SelectorSyntaxError on bad text. */
  matcher(text: string): SelectorMatcher {
    let m = this.matchers.get(text);
    if (!m) {
      m = new SelectorMatcher(text, Selector.parse(text), this.entities.length, this.labelSetsOf);
      this.matchers.set(text, m);
    }
    return m;
  }

  private labelIndex?: LabelSetIndex;
  private readonly setBits = new Map<SelectorMatcher, Uint32Array>();

  /** The label set of `e` (entities with identical labels share one), or -1 for an entity outside the table. */
  labelSetOf(e: LabeledEntity): number {
    return this.labelSetsOf().ids[e.index] ?? -1;
  }

  /**
   * The label sets `matcher` matches, as a bitset over {@link labelSetOf} ids, computed through an inverted index
   * (the same verdicts as `matcher.matches` on each set's labels).
   */
  matchingLabelSets(matcher: SelectorMatcher): Uint32Array {
    let bits = this.setBits.get(matcher);
    if (!bits) {
      this.labelIndex ??= new LabelSetIndex(this.labelSetsOf().labels);
      bits = this.labelIndex.matching(parseSelector(matcher.text));
      this.setBits.set(matcher, bits);
      matcher.labelSetBits = bits;
    }
    return bits;
  }

  /** True when `ip` is in the ipset of `matcher` (some owner of `ip` matches). */
  inSet(matcher: SelectorMatcher, ip: IpAddr): boolean {
    const owners = this.ownersOf(ip);
    for (let i = 0; i < owners.length; i++) if (matcher.matches(owners[i])) return true;
    return false;
  }
}
