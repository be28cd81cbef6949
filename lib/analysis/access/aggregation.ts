/**
 * Aggregated ClusterRoles, computed as the clusterrole-aggregation controller leaves them
 * (kubernetes/kubernetes pkg/controller/clusterroleaggregation): a ClusterRole with an `aggregationRule` gets, in place
 * of its written rules, the rules of every other ClusterRole matching any selector — selectors in order, the matches
 * of each sorted by name, duplicates (deep-equal rules) dropped.
 *
 * The controller re-syncs every aggregated role whenever any ClusterRole changes, so an aggregated role that is itself
 * selected contributes its aggregated rules, and the cluster settles on a fixed point. This module computes that fixed
 * point explicitly: aggregated roles start empty and are recomputed until nothing changes (rules only grow, so this
 * ends). For chains this is exactly the controller's steady state; for cycles (A selects B, B selects A) it is the
 * smallest one, which never contains the rules written on the aggregated roles themselves.
 */
import { RoleRecord } from './rbac-objects';
import { RbacPolicyRule } from './rule-matching';

/** A rule a role actually grants, with where it came from. */
export interface EffectiveRule {
  /** The rule. */
  readonly rule: RbacPolicyRule;
  /** Its index in the role's effective rules. */
  readonly index: number;
  /**
   * For an aggregated ClusterRole: the ClusterRole that wrote the rule and its index there.
   * @default - the role's own rule
   */
  readonly aggregatedFrom?: { readonly name: string; readonly ruleIndex: number };
}

/** The dedup key of a rule: upstream compares with `equality.Semantic.DeepEqual` (nil and empty lists equal). */
export function ruleKey(r: RbacPolicyRule): string {
  return JSON.stringify([
    r.apiGroups ?? [],
    r.resources ?? [],
    r.verbs,
    r.resourceNames ?? [],
    r.nonResourceURLs ?? [],
  ]);
}

type Origin = { readonly name: string; readonly ruleIndex: number };

/**
 * The effective rules of every ClusterRole, by name: written rules for ordinary roles, the aggregated union for roles
 * with an `aggregationRule`.
 */
export function aggregateClusterRoles(clusterRoles: readonly RoleRecord[]): Map<string, EffectiveRule[]> {
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const current = new Map<string, Array<{ rule: RbacPolicyRule; origin: Origin }>>();
  for (const role of byName) {
    current.set(
      role.name,
      role.aggregation ? [] : role.rules.map((rule, ruleIndex) => ({ rule, origin: { name: role.name, ruleIndex } })),
    );
  }
  const aggregated = byName.filter((r) => r.aggregation !== undefined);
  // Which roles each selector picks never changes; only their rules do.
  const selected = new Map<string, RoleRecord[][]>(
    aggregated.map((a) => [
      a.name,
      a.aggregation!.map((sel) => byName.filter((r) => r.name !== a.name && sel.matches(r.labels))),
    ]),
  );

  for (let round = 0; round <= aggregated.length; round++) {
    let changed = false;
    for (const role of aggregated) {
      const next: Array<{ rule: RbacPolicyRule; origin: Origin }> = [];
      const seen = new Set<string>();
      for (const matches of selected.get(role.name)!) {
        for (const m of matches) {
          for (const entry of current.get(m.name)!) {
            const key = ruleKey(entry.rule);
            if (!seen.has(key)) {
              seen.add(key);
              next.push(entry);
            }
          }
        }
      }
      const before = current.get(role.name)!;
      if (next.length !== before.length || next.some((e, i) => ruleKey(e.rule) !== ruleKey(before[i].rule)))
        changed = true;
      current.set(role.name, next);
    }
    if (!changed) break;
  }

  const out = new Map<string, EffectiveRule[]>();
  for (const role of byName) {
    out.set(
      role.name,
      current
        .get(role.name)!
        .map((e, index) =>
          role.aggregation ? { rule: e.rule, index, aggregatedFrom: e.origin } : { rule: e.rule, index },
        ),
    );
  }
  return out;
}
