/**
 * Tier (`validateTier` and the Tier CRD CEL rules): defaultAction values and the fixed orders and
 * default actions of the built-in tiers. The name rule lives in names.ts. clientv3 fills the defaults before it
 * validates (`resources.DefaultTierFields`: no order → 1,000,000, no defaultAction → Deny), so a `default` tier
 * written without an order is valid.
 */
import { Findings, getNumber, isAbsent, isObject, q } from './util';

/** The order clientv3 gives a tier that has none (`apiv3.DefaultTierOrder`, filled by `DefaultTierFields`). */
export const DEFAULT_TIER_ORDER = 1_000_000;

/** Built-in tiers with their required order and default action. */
export const BUILTIN_TIERS: Readonly<
  Record<string, { readonly order: number; readonly defaultAction: 'Deny' | 'Pass' }>
> = {
  'kube-admin': { order: 1_000, defaultAction: 'Pass' },
  'default': { order: 1_000_000, defaultAction: 'Deny' },
  'kube-baseline': { order: 10_000_000, defaultAction: 'Pass' },
};

/** Checks a Tier object. */
export function checkTierInto(doc: Record<string, unknown>, name: unknown, f: Findings): void {
  let spec: Record<string, unknown> = {};
  if (isObject(doc.spec)) spec = doc.spec;
  else if (!isAbsent(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const action = spec.defaultAction;
  if (!isAbsent(action) && action !== 'Deny' && action !== 'Pass') {
    f.add(
      'spec.defaultAction',
      'calico.tier.default-action',
      `invalid tier defaultAction ${q(action)}`,
      'use Deny (the default) or Pass',
    );
  }
  const order = getNumber(spec, 'order', 'spec', f) ?? (isAbsent(spec.order) ? DEFAULT_TIER_ORDER : undefined);
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(BUILTIN_TIERS, name)) return;
  const builtin = BUILTIN_TIERS[name];
  const effective = isAbsent(action) ? 'Deny' : action;
  if (effective !== builtin.defaultAction) {
    f.add(
      'spec.defaultAction',
      'calico.tier.builtin-action',
      `the ${q(name)} tier must have default action ${q(builtin.defaultAction)}`,
      `set spec.defaultAction: ${builtin.defaultAction}`,
    );
  }
  if (order !== undefined && order !== builtin.order) {
    const got = isAbsent(spec.order) ? `no order, which Calico fills as ${DEFAULT_TIER_ORDER}` : `order ${order}`;
    f.add(
      'spec.order',
      'calico.tier.builtin-order',
      `${name} tier order must be ${builtin.order} (got ${got})`,
      `set spec.order: ${builtin.order}`,
    );
  }
}
