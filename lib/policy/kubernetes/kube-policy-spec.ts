/** Rules of one direction of a KubeNetworkPolicy, as added (one rule per peer; rules without peers apart). */
export interface KubeDirectionRules {
  /** Rules with one peer each, in the order added (merged when rendered). */
  readonly peered: Array<Record<string, any>>;
  /** Rules from anyone / to anywhere (no peer), rendered after the rules with peers. */
  readonly peerless: Array<Record<string, unknown>>;
}

/** Both directions' rules. */
export interface KubeRuleSet {
  readonly Ingress: KubeDirectionRules;
  readonly Egress: KubeDirectionRules;
}

/**
 * The NetworkPolicy spec (k8s.io/api networking/v1 `NetworkPolicySpec`): rules with peers (merged), then peerless
 * rules, no `ports: []`, `policyTypes` explicit and in order. Pure: the construct renders it through `Lazy`.
 */
export function renderKubePolicySpec(
  podLabels: Record<string, string>,
  rules: KubeRuleSet,
  types: string[],
): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    podSelector: Object.keys(podLabels).length > 0 ? { matchLabels: { ...podLabels } } : {},
  };
  for (const [direction, key] of [
    ['Ingress', 'ingress'],
    ['Egress', 'egress'],
  ] as const) {
    const peersKey = direction === 'Ingress' ? 'from' : 'to';
    const merged = mergeSamePorts(dropEmptyLists(rules[direction].peered, 'ports'), peersKey);
    const all = [...merged, ...rules[direction].peerless];
    if (all.length > 0) spec[key] = all;
  }
  if (types.length > 0) spec.policyTypes = types;
  return spec;
}

/**
 * Consecutive rules with the same ports become one rule listing their peers (each peer is added as its own rule): the
 * peers of a rule are OR-ed, so the merged rule admits exactly the same traffic, and reads like hand-written YAML.
 */
export function mergeSamePorts(rules: Array<Record<string, any>>, peersKey: 'from' | 'to'): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const rule of rules) {
    const last = out[out.length - 1];
    const samePorts = last && JSON.stringify(last.ports) === JSON.stringify(rule.ports);
    if (samePorts && Array.isArray(last[peersKey]) && Array.isArray(rule[peersKey])) {
      out[out.length - 1] = { ...last, [peersKey]: [...last[peersKey], ...rule[peersKey]] };
    } else {
      out.push(rule);
    }
  }
  return out;
}

/** `array` without its empty-array values of `key` on each element: `[{ports: []}]` becomes `[{}]`. */
export function dropEmptyLists<T extends Record<string, unknown>>(array: readonly T[], key: string): T[] {
  return array.map((item) => {
    const value = item[key];
    if (!Array.isArray(value) || value.length > 0) return item;
    const { [key]: _dropped, ...rest } = item;
    return rest as T;
  });
}
