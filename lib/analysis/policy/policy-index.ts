/**
 * Which policies apply to an endpoint, in evaluation order, per direction and chain type — computed once per
 * endpoint (lazily) and cached, for the enforced policy set and for the staged preview.
 */
import type { LabeledEntity } from '../model/endpoints';
import type { CompiledPolicy } from './compiled-policy';
import { comparePolicies, compareTiers, TierInfo } from './tiers';

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
function activePolicies(all: readonly CompiledPolicy[], tiers: ReadonlyMap<string, TierInfo>, preview: boolean): CompiledPolicy[] {
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
  const tierOf = (p: CompiledPolicy): TierInfo => tiers.get(p.tier) ?? { name: p.tier, order: Infinity, defaultAction: 'Deny' };
  return active.sort((a, b) => compareTiers(tierOf(a), tierOf(b)) || comparePolicies(a, b));
}

function group(policies: readonly CompiledPolicy[], tiers: ReadonlyMap<string, TierInfo>): TierGroup[] {
  const out: TierGroup[] = [];
  for (const p of policies) {
    const last = out[out.length - 1];
    if (last && last.tier.name === p.tier) (last.policies as CompiledPolicy[]).push(p);
    else out.push({ tier: tiers.get(p.tier) ?? { name: p.tier, order: Infinity, defaultAction: 'Deny' }, policies: [p] });
  }
  return out;
}

const EMPTY: EndpointPolicies = { ingress: [], egress: [], forwardIngress: [], forwardEgress: [], preDnatIngress: [], untrackedIngress: [], untrackedEgress: [] };

/** Per-endpoint policy lists, cached. */
export class PolicyIndex {
  private readonly sorted: [CompiledPolicy[] | undefined, CompiledPolicy[] | undefined] = [undefined, undefined];
  private readonly cache: [Array<EndpointPolicies | undefined>, Array<EndpointPolicies | undefined>];

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
    const selecting = this.active(preview).filter((p) => p.selector.matches(e));
    const isHep = e.kind === 'hostendpoint';
    const normal = selecting.filter((p) => !p.preDNAT && !p.doNotTrack);
    const pick = (list: CompiledPolicy[], dir: 'in' | 'out'): TierGroup[] =>
      group(list.filter((p) => (dir === 'in' ? p.ingressEnabled : p.egressEnabled)), this.tiers);
    const result: EndpointPolicies = isHep
      ? {
          ingress: pick(normal, 'in'),
          egress: pick(normal, 'out'),
          forwardIngress: pick(normal.filter((p) => p.applyOnForward), 'in'),
          forwardEgress: pick(normal.filter((p) => p.applyOnForward), 'out'),
          preDnatIngress: pick(selecting.filter((p) => p.preDNAT), 'in'),
          untrackedIngress: pick(selecting.filter((p) => p.doNotTrack), 'in'),
          untrackedEgress: pick(selecting.filter((p) => p.doNotTrack), 'out'),
        }
      : { ...EMPTY, ingress: pick(normal, 'in'), egress: pick(normal, 'out') };
    this.cache[m][e.index] = result;
    return result;
  }
}
