/**
 * Which policies apply to an endpoint, in evaluation order, per direction and chain type — computed once per
 * endpoint (lazily) and cached, for the enforced policy set and for the staged preview.
 */
import type { SelectorNode } from '../../../selector/ast';
import { parseSelector } from '../../../selector/parser';
import type { LabeledEntity } from '../model/endpoints';
import type { SelectorMatcher } from '../match/ip-sets';
import type { CompiledPolicy } from './compiled-policy';
import { comparePolicies, compareTiers, TierInfo } from '../../../model/policy/tiers';
import { ORCHESTRATOR_LABEL } from '../../../model/policy/kubernetes/label-selector';

/** The policies of one tier that apply, in order. */
export interface TierGroup {
  readonly tier: TierInfo;
  readonly policies: readonly CompiledPolicy[];
}

/** Ordered policy lists of one endpoint. */
export interface EndpointPolicies {
  /** Normal policy (workloads: all; host endpoints: host-local traffic). */
  readonly ingress: readonly TierGroup[];
  readonly egress: readonly TierGroup[];
  /** applyOnForward policy (host endpoints, forwarded traffic). */
  readonly forwardIngress: readonly TierGroup[];
  readonly forwardEgress: readonly TierGroup[];
  /** preDNAT policy (host endpoints, ingress only). */
  readonly preDnatIngress: readonly TierGroup[];
  /** doNotTrack policy (host endpoints). */
  readonly untrackedIngress: readonly TierGroup[];
  readonly untrackedEgress: readonly TierGroup[];
}

/** Active policy set of a mode, sorted by tier then policy. */
function activePolicies(
  all: readonly CompiledPolicy[],
  tiers: ReadonlyMap<string, TierInfo>,
  preview: boolean,
): CompiledPolicy[] {
  let active: CompiledPolicy[];
  if (!preview) {
    active = all.filter((p) => !p.staged);
  } else {
    const staged = all.filter((p) => p.staged && p.stagedAction !== 'Ignore');
    const overridden = new Set(staged.map((p) => p.identity));
    active = [
      ...all.filter((p) => !p.staged && !overridden.has(p.identity)),
      ...staged.filter((p) => p.stagedAction !== 'Delete'),
    ];
  }
  const tierOf = (p: CompiledPolicy): TierInfo =>
    tiers.get(p.tier) ?? { name: p.tier, order: Infinity, defaultAction: 'Deny' };
  return active.sort((a, b) => compareTiers(tierOf(a), tierOf(b)) || comparePolicies(a, b));
}

function group(policies: readonly CompiledPolicy[], tiers: ReadonlyMap<string, TierInfo>): TierGroup[] {
  const out: TierGroup[] = [];
  for (const p of policies) {
    const last = out[out.length - 1];
    if (last && last.tier.name === p.tier) (last.policies as CompiledPolicy[]).push(p);
    else
      out.push({ tier: tiers.get(p.tier) ?? { name: p.tier, order: Infinity, defaultAction: 'Deny' }, policies: [p] });
  }
  return out;
}

/** A conjunct a selector cannot match without: label `key` present, and equal to `value` when one is given. */
interface Needed {
  readonly key: string;
  readonly value?: string;
}

/**
 * What `node` needs of the labels (upstream `Evaluate`: an absent label makes every comparison but `!=` and
 * `not in` false), an `==` conjunct first (the narrowest bucket), or undefined when it needs nothing.
 */
function needed(node: SelectorNode): Needed | undefined {
  switch (node.kind) {
    case 'eq':
      return { key: node.key, value: node.value };
    case 'has':
    case 'in':
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return { key: node.key };
    case 'and': {
      // The narrowest bucket: an `==` on a label few endpoints share. Every Kubernetes pod carries
      // `projectcalico.org/orchestrator: k8s`, and every selector converted from a Kubernetes or cluster network
      // policy starts with that term, so it is the last choice, not the first.
      let present: Needed | undefined;
      let everyPod: Needed | undefined;
      for (const op of node.operands) {
        const n = needed(op);
        if (n === undefined) continue;
        if (n.key === ORCHESTRATOR_LABEL) everyPod ??= n;
        else if (n.value !== undefined) return n;
        else present ??= n;
      }
      return present ?? everyPod;
    }
    default:
      return undefined;
  }
}

/**
 * The active policies of a mode grouped by their shared selector matcher, and the matchers bucketed by what they
 * need of the labels: an endpoint tests only the matchers it can satisfy, not every policy (300,000-document inputs
 * hold tens of thousands of policies over a few thousand selectors).
 */
interface SelectorBuckets {
  /** The number of each matcher (the order of first use in active order). */
  readonly numbers: Map<SelectorMatcher, number>;
  /** Positions (in active order) of the policies of each matcher, by its number. */
  readonly byNumber: number[][];
  /** Matchers that need label `key` equal to a value, by key then value. */
  readonly byValue: Map<string, Map<string, SelectorMatcher[]>>;
  /** Matchers that need label `key` present. */
  readonly byKey: Map<string, SelectorMatcher[]>;
  /** Matchers that need nothing (tested for every endpoint). */
  readonly always: SelectorMatcher[];
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

function bucketsOf(active: readonly CompiledPolicy[]): SelectorBuckets {
  const numbers = new Map<SelectorMatcher, number>();
  const byNumber: number[][] = [];
  active.forEach((p, i) => {
    const n = numbers.get(p.selector);
    if (n !== undefined) byNumber[n].push(i);
    else {
      numbers.set(p.selector, byNumber.length);
      byNumber.push([i]);
    }
  });
  const byValue = new Map<string, Map<string, SelectorMatcher[]>>();
  const byKey = new Map<string, SelectorMatcher[]>();
  const always: SelectorMatcher[] = [];
  for (const m of numbers.keys()) {
    let need: Needed | undefined;
    try {
      need = needed(parseSelector(m.text));
    } catch {
      need = undefined; // cannot happen for a compiled matcher; test it for every endpoint then
    }
    if (need === undefined) always.push(m);
    else if (need.value === undefined) push(byKey, need.key, m);
    else {
      let values = byValue.get(need.key);
      if (!values) byValue.set(need.key, (values = new Map()));
      push(values, need.value, m);
    }
  }
  return { numbers, byNumber, byValue, byKey, always };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The matchers of `b` that match `e`, as their numbers (`b.numbers`), sorted: two endpoints with the same
 * numbers are selected by the same policies.
 */
function matchingMatchers(b: SelectorBuckets, e: LabeledEntity): number[] {
  const hits: number[] = [];
  const test = (m: SelectorMatcher) => {
    if (m.matches(e)) hits.push(b.numbers.get(m)!);
  };
  const label = (key: string): string | undefined => (hasOwn.call(e.labels, key) ? e.labels[key] : undefined);
  b.always.forEach(test);
  for (const [key, matchers] of b.byKey) if (label(key) !== undefined) matchers.forEach(test);
  for (const [key, values] of b.byValue) {
    const v = label(key);
    if (v !== undefined) values.get(v)?.forEach(test);
  }
  return hits.sort((x, y) => x - y);
}

/** The active policies of the numbered matchers, in active order (what `active.filter(matches)` gives). */
function selectingPolicies(
  active: readonly CompiledPolicy[],
  b: SelectorBuckets,
  matchers: number[],
): CompiledPolicy[] {
  const hits: number[] = [];
  for (const m of matchers) for (const i of b.byNumber[m]) hits.push(i);
  hits.sort((x, y) => x - y);
  return hits.map((i) => active[i]);
}

let bucketLookups = true;

/**
 * Whether indexes built from now on look policies up by selector bucket (the default) or test every policy (the
 * plain reference the equivalence tests compare with). Returns the previous setting. @internal
 */
export function setPolicyBucketLookups(on: boolean): boolean {
  const before = bucketLookups;
  bucketLookups = on;
  return before;
}

const EMPTY: EndpointPolicies = {
  ingress: [],
  egress: [],
  forwardIngress: [],
  forwardEgress: [],
  preDnatIngress: [],
  untrackedIngress: [],
  untrackedEgress: [],
};

/** Per-endpoint policy lists, cached. */
export class PolicyIndex {
  private readonly sorted: [CompiledPolicy[] | undefined, CompiledPolicy[] | undefined] = [undefined, undefined];
  private readonly buckets: [SelectorBuckets | undefined, SelectorBuckets | undefined] = [undefined, undefined];
  private readonly indexed = bucketLookups;
  private readonly cache: [Array<EndpointPolicies | undefined>, Array<EndpointPolicies | undefined>];
  /** The lists by kind and matching matchers (indexed lookups only). */
  private readonly byMatchers: [Map<string, EndpointPolicies>, Map<string, EndpointPolicies>] = [new Map(), new Map()];

  constructor(
    private readonly policies: readonly CompiledPolicy[],
    private readonly tiers: ReadonlyMap<string, TierInfo>,
    entityCount: number,
  ) {
    this.cache = [new Array(entityCount), new Array(entityCount)];
  }

  /** The active policies of a mode, in evaluation order. */
  active(preview: boolean): readonly CompiledPolicy[] {
    const m = preview ? 1 : 0;
    return (this.sorted[m] ??= activePolicies(this.policies, this.tiers, preview));
  }

  /** The ordered policy lists that apply to `e`. */
  forEntity(e: LabeledEntity, preview: boolean): EndpointPolicies {
    if (e.kind !== 'workload' && e.kind !== 'hostendpoint') return EMPTY;
    const m = preview ? 1 : 0;
    const hit = this.cache[m][e.index];
    if (hit) return hit;
    const active = this.active(preview);
    let result: EndpointPolicies;
    if (this.indexed) {
      // Endpoints selected by the same matchers get the same lists (thousands of host endpoints, a few racks): built
      // once per set of matchers and kind, shared (the lists are never changed).
      const b = (this.buckets[m] ??= bucketsOf(active));
      const matchers = matchingMatchers(b, e);
      const key = `${e.kind}:${matchers.join(',')}`;
      const shared = this.byMatchers[m].get(key);
      if (shared) result = shared;
      else {
        result = this.lists(selectingPolicies(active, b, matchers), e.kind === 'hostendpoint');
        this.byMatchers[m].set(key, result);
      }
    } else {
      result = this.lists(
        active.filter((p) => p.selector.matches(e)),
        e.kind === 'hostendpoint',
      );
    }
    this.cache[m][e.index] = result;
    return result;
  }

  /** The ordered policy lists of an endpoint the `selecting` policies (in active order) select. */
  private lists(selecting: CompiledPolicy[], isHep: boolean): EndpointPolicies {
    const normal = selecting.filter((p) => !p.preDNAT && !p.doNotTrack);
    const pick = (list: CompiledPolicy[], dir: 'in' | 'out'): TierGroup[] =>
      group(
        list.filter((p) => (dir === 'in' ? p.ingressEnabled : p.egressEnabled)),
        this.tiers,
      );
    if (!isHep) return { ...EMPTY, ingress: pick(normal, 'in'), egress: pick(normal, 'out') };
    const forwarded = normal.filter((p) => p.applyOnForward);
    const untracked = selecting.filter((p) => p.doNotTrack);
    return {
      ingress: pick(normal, 'in'),
      egress: pick(normal, 'out'),
      forwardIngress: pick(forwarded, 'in'),
      forwardEgress: pick(forwarded, 'out'),
      preDnatIngress: pick(
        selecting.filter((p) => p.preDNAT),
        'in',
      ),
      untrackedIngress: pick(untracked, 'in'),
      untrackedEgress: pick(untracked, 'out'),
    };
  }
}
