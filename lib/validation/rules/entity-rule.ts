/**
 * EntityRule (rule `source` / `destination`) checks that do not depend on the rest of the rule
 * (`validateEntityRule`): selectors parse, global() placement, services name/exclusivity.
 * Ports and nets are checked in rule.ts because they depend on protocol/ipVersion and on the other side.
 */
import { isDns1123Subdomain } from './names';
import { isGlobalOnly, parseSelectorInto, usesGlobal } from './selectors';
import { Findings, child, getArray, getObject, getString, isAbsent, isObject, q } from './util';

/** Checks one EntityRule object at `path` (e.g. `spec.ingress[0].source`). */
export function checkEntityRuleInto(er: unknown, path: string, f: Findings): void {
  if (isAbsent(er)) return;
  if (!isObject(er)) {
    f.type(path, 'an object', er);
    return;
  }

  for (const key of ['selector', 'notSelector'] as const) {
    const sel = parseSelectorInto(er[key], child(path, key), f);
    if (usesGlobal(sel)) {
      f.add(
        child(path, key),
        'calico.rule.selector-global',
        `global() can only be used in an EntityRule namespaceSelector, not in ${key}`,
        'move global() to namespaceSelector: "global()" and keep only label expressions in the selector',
      );
    }
  }

  const nsSel = parseSelectorInto(er.namespaceSelector, child(path, 'namespaceSelector'), f);
  if (usesGlobal(nsSel) && !isGlobalOnly(nsSel, String(er.namespaceSelector))) {
    f.add(
      child(path, 'namespaceSelector'),
      'calico.rule.namespace-selector-global',
      'global() cannot be combined with other selectors in namespaceSelector',
      'use namespaceSelector: "global()" alone and put label expressions in selector',
    );
  }

  const sa = getObject(er, 'serviceAccounts', path, f);
  if (sa) {
    const saPath = child(path, 'serviceAccounts');
    parseSelectorInto(sa.selector, child(saPath, 'selector'), f);
    getArray(sa, 'names', saPath, f).forEach((n, i) => {
      if (typeof n !== 'string') f.type(`${child(saPath, 'names')}[${i}]`, 'a string', n);
    });
  }

  const services = getObject(er, 'services', path, f);
  if (services) {
    const sp = child(path, 'services');
    const name = getString(services, 'name', sp, f);
    const namespace = getString(services, 'namespace', sp, f);
    if (!name) {
      f.add(
        child(sp, 'name'),
        'calico.rule.services-name-required',
        'must specify a service name',
        'set services.name to the Service name',
      );
    } else if (!isDns1123Subdomain(name)) {
      f.add(
        child(sp, 'name'),
        'calico.rule.services-name-invalid',
        `service name ${q(name)} is not a valid DNS name`,
        'use the Kubernetes Service name',
      );
    }
    if (namespace && !isDns1123Subdomain(namespace)) {
      f.add(
        child(sp, 'namespace'),
        'calico.rule.services-name-invalid',
        `service namespace ${q(namespace)} is not a valid DNS name`,
        'use the Kubernetes namespace name',
      );
    }
    const set = (k: string) =>
      !isAbsent(er[k]) && er[k] !== '' && !(Array.isArray(er[k]) && (er[k] as unknown[]).length === 0);
    if (set('namespaceSelector')) {
      f.add(
        sp,
        'calico.rule.services-combined',
        'cannot specify NamespaceSelector and Services on the same rule',
        'remove namespaceSelector (use services.namespace) or split into two rules',
      );
    }
    if (set('selector') || set('notSelector')) {
      f.add(
        sp,
        'calico.rule.services-combined',
        'cannot specify Selector/NotSelector and Services on the same rule',
        'remove selector/notSelector or split into two rules',
      );
    }
    if (!isAbsent(er.serviceAccounts)) {
      f.add(
        sp,
        'calico.rule.services-combined',
        'cannot specify ServiceAccounts and Services on the same rule',
        'remove serviceAccounts or split into two rules',
      );
    }
    if (set('nets') || set('notNets')) {
      f.add(
        sp,
        'calico.rule.services-combined',
        'cannot specify Nets/NotNets and Services on the same rule (service rules use the endpoint IPs)',
        'remove nets/notNets or split into two rules',
      );
    }
  }
}
