/**
 * Selector → IP-set membership, the way Felix builds ipsets: an address matches a rule selector when some
 * labelled entity (workload, host endpoint via `expectedIPs`, network set) that the selector matches owns
 * the address. Instead of materialising every set, the index maps an address to its owners once (cached)
 * and memoises each selector's verdict per entity, so a membership test costs a few array reads.
 */
import { Selector } from '../../../selector';
import type { LabeledEntity } from '../model/endpoints';
import { IpAddr, isHostCidrNet, netHas } from '../../../model/primitives/ip';

/** A selector with a per-entity verdict cache. */
export class SelectorMatcher {
  // Allocated on first use: a model compiles a matcher per distinct selector, most never asked (lint builds the model
  // for its endpoints), and one array per selector per entity up front is quadratic in memory.
  private memo?: Uint8Array;

  constructor(
    /** The selector text Felix would see (after Calico's rewrites). */
    readonly text: string,
    readonly selector: Selector,
    private readonly entityCount: number,
  ) {}

  /** True when the selector matches the entity's effective labels. */
  matches(e: LabeledEntity): boolean {
    this.memo ??= new Uint8Array(this.entityCount);
    const m = this.memo[e.index];
    if (m !== 0) return m === 2;
    const r = this.selector.matches(e.labels);
    this.memo[e.index] = r ? 2 : 1;
    return r;
  }
}

const NO_OWNERS: readonly LabeledEntity[] = Object.freeze([]);

/** Address → owning entities, and the selector matcher cache. */
export class EntityIndex {
  private readonly exact = new Map<string, LabeledEntity[]>();
  private readonly wide: Array<{ entity: LabeledEntity; net: import('../../../model/primitives/ip').Net }> = [];
  private readonly ownerCache = new Map<string, readonly LabeledEntity[]>();
  private readonly matchers = new Map<string, SelectorMatcher>();

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
      m = new SelectorMatcher(text, Selector.parse(text), this.entities.length);
      this.matchers.set(text, m);
    }
    return m;
  }

  /** True when `ip` is in the ipset of `matcher` (some owner of `ip` matches). */
  inSet(matcher: SelectorMatcher, ip: IpAddr): boolean {
    const owners = this.ownersOf(ip);
    for (let i = 0; i < owners.length; i++) if (matcher.matches(owners[i])) return true;
    return false;
  }
}
