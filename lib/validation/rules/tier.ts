/**
 * Tier (semantics §1; `validateTier` and the Tier CRD CEL rules): defaultAction values and the fixed orders and
 * default actions of the built-in tiers. The name rule lives in names.ts.
 */
import { Findings, getNumber, isAbsent, isObject, q } from './util';

/** Built-in tiers with their required order and default action. */
export const BUILTIN_TIERS: Readonly<Record<string, { readonly order: number; readonly defaultAction: 'Deny' | 'Pass' }>> = {
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
    f.add('spec.defaultAction', 'calico.tier.default-action', `invalid tier defaultAction ${q(action)}`, 'use Deny (the default) or Pass');
  }
  const order = getNumber(spec, 'order', 'spec', f);
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(BUILTIN_TIERS, name)) return;
  const builtin = BUILTIN_TIERS[name];
  const effective = isAbsent(action) ? 'Deny' : action;
  if (effective !== builtin.defaultAction) {
    f.add('spec.defaultAction', 'calico.tier.builtin-action', `the ${q(name)} tier must have default action ${q(builtin.defaultAction)}`,
      `set spec.defaultAction: ${builtin.defaultAction}`);
  }
  if (order !== builtin.order) {
    f.add('spec.order', 'calico.tier.builtin-order', `${name} tier order must be ${builtin.order}`, `set spec.order: ${builtin.order}`);
  }
}
