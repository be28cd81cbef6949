/**
 * (Staged)(Global)NetworkPolicy and StagedKubernetesNetworkPolicy specs (
 * `validateNetworkPolicySpec`, `validateGlobalNetworkPolicySpec`, `validateStaged*`, GNP CEL rules).
 */
import { parseCidr } from '../../model/primitives/cidr';
import { isDns1123Label, TIER_LABEL } from './names';
import { checkRuleInto } from './rule';
import { parseSelectorInto, usesGlobal } from './selectors';
import { Findings, at, child, getArray, getBool, getNumber, getString, isAbsent, isObject, isZero, q } from './util';

/** Kinds whose spec is a Calico policy spec. */
export const CALICO_POLICY_KINDS: ReadonlySet<string> = new Set([
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedNetworkPolicy',
]);

const GLOBAL_KINDS = new Set(['GlobalNetworkPolicy', 'StagedGlobalNetworkPolicy']);
const STAGED_ACTIONS = ['Set', 'Delete', 'Learn', 'Ignore'];
const HOST_FIELDS = ['preDNAT', 'doNotTrack', 'applyOnForward'] as const;

/** Checks a Calico policy object (GNP, SGNP, NP, SNP). `meta` is the (already checked) metadata. */
export function checkCalicoPolicyInto(
  doc: Record<string, unknown>,
  kind: string,
  meta: Record<string, unknown>,
  f: Findings,
): void {
  const spec = specOf(doc, f);
  if (!spec) return;
  const isGlobal = GLOBAL_KINDS.has(kind);
  const isStaged = kind.startsWith('Staged');

  // ---- tier and tier label (checked for every stagedAction: Delete keeps tier)
  const tier = getString(spec, 'tier', 'spec', f);
  if (tier !== undefined && tier !== '' && !isDns1123Label(tier)) {
    f.add(
      'spec.tier',
      'calico.policy.tier-invalid',
      `tier ${q(tier)} is not a valid tier name (DNS-1123 label, at most 63 characters, no dots)`,
      'reference an existing Tier by its name',
    );
  }
  const labels = isObject(meta.labels) ? meta.labels : {};
  const tierLabel = labels[TIER_LABEL];
  const effectiveTier = tier || 'default';
  if (typeof tierLabel === 'string' && tierLabel !== effectiveTier) {
    f.add(
      `metadata.labels.${TIER_LABEL}`,
      'calico.policy.tier-label',
      `label ${TIER_LABEL}=${q(tierLabel)} does not match the policy tier ${q(effectiveTier)}`,
      `set the label to ${q(effectiveTier)} or remove it (Calico sets it from spec.tier)`,
    );
  }

  // ---- staged action
  if (isStaged) {
    const action = spec.stagedAction;
    if (!isAbsent(action) && (typeof action !== 'string' || !STAGED_ACTIONS.includes(action))) {
      f.add(
        'spec.stagedAction',
        'calico.staged.action',
        `invalid stagedAction ${q(action)}`,
        'use Set, Delete, Learn or Ignore',
      );
    }
    if (action === 'Delete') {
      const extra = Object.keys(spec).filter((k) => k !== 'tier' && k !== 'stagedAction' && !isZero(spec[k]));
      if (extra.length > 0) {
        f.add(
          'spec',
          'calico.staged.delete-not-empty',
          `spec fields, except tier, should all be zero-value if stagedAction is Delete (set: ${extra.join(', ')})`,
          `remove ${extra.join(', ')} from the staged Delete policy`,
        );
      }
      return;
    }
  }

  getNumber(spec, 'order', 'spec', f);

  // ---- selectors
  const selectorFields = isGlobal
    ? ['selector', 'serviceAccountSelector', 'namespaceSelector']
    : ['selector', 'serviceAccountSelector'];
  for (const key of selectorFields) {
    const sel = parseSelectorInto(spec[key], child('spec', key), f);
    if (usesGlobal(sel)) {
      f.add(
        child('spec', key),
        'calico.policy.selector-global',
        `global() can only be used in an EntityRule namespaceSelector, not in spec.${key}`,
        'remove global() from the policy selector (select host endpoints by their labels instead)',
      );
    }
  }

  // ---- types
  const types = getArray(spec, 'types', 'spec', f);
  const seenTypes = new Set<string>();
  types.forEach((t, i) => {
    const tp = at('spec.types', i);
    if (t !== 'Ingress' && t !== 'Egress') {
      f.add(tp, 'calico.policy.types-invalid', `invalid policy type ${q(t)}`, 'use Ingress and/or Egress');
      return;
    }
    if (seenTypes.has(t)) {
      f.add(tp, 'calico.policy.types-duplicate', `'${t}' type specified more than once`, `list ${t} only once`);
    }
    seenTypes.add(t);
  });

  // ---- performance hints
  const hints = getArray(spec, 'performanceHints', 'spec', f);
  const seenHints = new Set<unknown>();
  hints.forEach((h, i) => {
    const hp = at('spec.performanceHints', i);
    if (h !== 'AssumeNeededOnEveryNode') {
      f.add(
        hp,
        'calico.policy.performance-hint-invalid',
        `unknown performance hint ${q(h)}`,
        'use AssumeNeededOnEveryNode or remove the hint',
      );
      return;
    }
    if (seenHints.has(h)) {
      f.add(
        hp,
        'calico.policy.performance-hint-duplicate',
        `performance hint ${q(h)} specified more than once`,
        'list each hint once',
      );
    }
    seenHints.add(h);
  });

  // ---- preDNAT / doNotTrack / applyOnForward
  const ingress = getArray(spec, 'ingress', 'spec', f);
  const egress = getArray(spec, 'egress', 'spec', f);
  if (!isGlobal) {
    for (const k of HOST_FIELDS) {
      if (!isAbsent(spec[k])) {
        f.add(
          child('spec', k),
          'calico.policy.gnp-only-field',
          `${k} exists only on GlobalNetworkPolicy and StagedGlobalNetworkPolicy; ${kind} has no such field`,
          `remove spec.${k}, or use a GlobalNetworkPolicy that selects host endpoints`,
        );
      }
    }
  } else {
    const preDNAT = getBool(spec, 'preDNAT', 'spec', f) === true;
    const doNotTrack = getBool(spec, 'doNotTrack', 'spec', f) === true;
    const applyOnForward = getBool(spec, 'applyOnForward', 'spec', f) === true;
    if (preDNAT && doNotTrack) {
      f.add(
        'spec.preDNAT',
        'calico.policy.prednat-donottrack',
        'PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec',
        'use two policies: one preDNAT, one doNotTrack',
      );
    }
    if (preDNAT && egress.length > 0) {
      f.add(
        'spec.egress',
        'calico.policy.prednat-egress-rules',
        'PreDNAT PolicySpec cannot have any Egress rules',
        'move the egress rules to a policy without preDNAT',
      );
    }
    if (preDNAT) {
      types.forEach((t, i) => {
        if (t === 'Egress') {
          f.add(
            at('spec.types', i),
            'calico.policy.prednat-egress-type',
            "PreDNAT PolicySpec cannot have 'egress' Type",
            'use types: [Ingress] for preDNAT policies',
          );
        }
      });
    }
    if (!applyOnForward && (preDNAT || doNotTrack)) {
      f.add(
        'spec.applyOnForward',
        'calico.policy.apply-on-forward',
        'ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec',
        'set applyOnForward: true',
      );
    }
  }

  // ---- rules
  ingress.forEach((r, i) => {
    const rp = at('spec.ingress', i);
    checkRuleInto(r, rp, f);
    if (!isObject(r)) return;
    const dst = isObject(r.destination) ? r.destination : undefined;
    const src = isObject(r.source) ? r.source : undefined;
    if (dst && !isAbsent(dst.services)) {
      f.add(
        `${rp}.destination.services`,
        'calico.policy.services-ingress-destination',
        'services not allowed in ingress rule destination',
        'match services in the source of ingress rules (or the destination of egress rules)',
      );
    }
    if (isGlobal && src && isObject(src.services) && !src.services.namespace) {
      f.add(
        `${rp}.source.services.namespace`,
        'calico.policy.gnp-services-namespace',
        'must specify a namespace for services in a global policy',
        'set services.namespace',
      );
    }
  });
  egress.forEach((r, i) => {
    const rp = at('spec.egress', i);
    checkRuleInto(r, rp, f);
    if (!isObject(r)) return;
    const dst = isObject(r.destination) ? r.destination : undefined;
    const src = isObject(r.source) ? r.source : undefined;
    if (src && !isAbsent(src.services)) {
      f.add(
        `${rp}.source.services`,
        'calico.policy.services-egress-source',
        'services not allowed in egress rule source',
        'match services in the destination of egress rules (or the source of ingress rules)',
      );
    }
    if (!isAbsent(r.http)) {
      f.add(
        `${rp}.http`,
        'calico.policy.http-egress',
        'HTTP match not allowed in egress rules',
        'move the HTTP match to an ingress rule',
      );
    }
    if (isGlobal && dst && isObject(dst.services) && !dst.services.namespace) {
      f.add(
        `${rp}.destination.services.namespace`,
        'calico.policy.gnp-services-namespace',
        'must specify a namespace for services in a global policy',
        'set services.namespace',
      );
    }
  });
}

/** Checks a StagedKubernetesNetworkPolicy (Kubernetes NetworkPolicy spec + stagedAction). */
export function checkStagedKubernetesPolicyInto(doc: Record<string, unknown>, f: Findings): void {
  const spec = specOf(doc, f);
  if (!spec) return;
  const action = spec.stagedAction;
  if (!isAbsent(action) && (typeof action !== 'string' || !STAGED_ACTIONS.includes(action))) {
    f.add(
      'spec.stagedAction',
      'calico.staged.action',
      `invalid stagedAction ${q(action)}`,
      'use Set, Delete, Learn or Ignore',
    );
  }
  if (action === 'Delete') {
    const extra = Object.keys(spec).filter((k) => k !== 'stagedAction' && !isZero(spec[k]));
    if (extra.length > 0) {
      f.add(
        'spec',
        'calico.staged.delete-not-empty',
        `spec fields should all be zero-value if stagedAction is Delete (set: ${extra.join(', ')})`,
        `remove ${extra.join(', ')} from the staged Delete policy`,
      );
    }
    return;
  }

  const types = getArray(spec, 'policyTypes', 'spec', f);
  const seen = new Set<unknown>();
  types.forEach((t, i) => {
    const tp = at('spec.policyTypes', i);
    if (t !== 'Ingress' && t !== 'Egress') {
      f.add(tp, 'calico.policy.types-invalid', `invalid policy type ${q(t)}`, 'use Ingress and/or Egress');
      return;
    }
    if (seen.has(t))
      f.add(tp, 'calico.policy.types-duplicate', `'${t}' type specified more than once`, `list ${t} only once`);
    seen.add(t);
  });

  checkLabelSelectorInto(spec.podSelector, 'spec.podSelector', f);
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    getArray(spec, dir, 'spec', f).forEach((r, i) => {
      const rp = at(`spec.${dir}`, i);
      if (!isObject(r)) {
        f.type(rp, 'an object', r);
        return;
      }
      getArray(r, peersKey, rp, f).forEach((peer, j) => {
        const pp = at(child(rp, peersKey), j);
        if (!isObject(peer)) {
          f.type(pp, 'an object', peer);
          return;
        }
        checkLabelSelectorInto(peer.podSelector, child(pp, 'podSelector'), f);
        checkLabelSelectorInto(peer.namespaceSelector, child(pp, 'namespaceSelector'), f);
        if (isObject(peer.ipBlock)) {
          const ib = peer.ipBlock;
          const cidr = parseCidr(ib.cidr);
          if (!cidr) {
            f.add(
              child(pp, 'ipBlock.cidr'),
              'calico.sknp.conversion',
              `ipBlock.cidr ${q(ib.cidr)} is not a valid CIDR`,
              'use a CIDR such as 10.0.0.0/8',
            );
          }
          getArray(ib, 'except', child(pp, 'ipBlock'), f).forEach((e, k) => {
            if (!parseCidr(e)) {
              f.add(
                at(child(pp, 'ipBlock.except'), k),
                'calico.sknp.conversion',
                `ipBlock.except entry ${q(e)} is not a valid CIDR`,
                'use a CIDR such as 10.1.0.0/16',
              );
            }
          });
        }
      });
      getArray(r, 'ports', rp, f).forEach((port, j) => {
        const pp = at(child(rp, 'ports'), j);
        if (!isObject(port)) {
          f.type(pp, 'an object', port);
          return;
        }
        if (!isAbsent(port.protocol) && !['TCP', 'UDP', 'SCTP'].includes(port.protocol as string)) {
          f.add(
            child(pp, 'protocol'),
            'calico.sknp.conversion',
            `unsupported protocol ${q(port.protocol)}`,
            'use TCP, UDP or SCTP',
          );
        }
        if (!isAbsent(port.endPort)) {
          const p = port.port;
          if (typeof p !== 'number' || typeof port.endPort !== 'number' || port.endPort < p) {
            f.add(
              child(pp, 'endPort'),
              'calico.sknp.conversion',
              'endPort requires a numeric port and must be greater than or equal to port',
              'set port to a number ≤ endPort',
            );
          }
        }
      });
    });
  }
}

function checkLabelSelectorInto(sel: unknown, path: string, f: Findings): void {
  if (isAbsent(sel)) return;
  if (!isObject(sel)) {
    f.type(path, 'a label selector object', sel);
    return;
  }
  getArray(sel, 'matchExpressions', path, f).forEach((e, i) => {
    const ep = at(child(path, 'matchExpressions'), i);
    if (!isObject(e)) {
      f.type(ep, 'an object', e);
      return;
    }
    const op = e.operator;
    const values = Array.isArray(e.values) ? e.values : [];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) {
        f.add(
          ep,
          'calico.sknp.conversion',
          `operator ${op} requires at least one value`,
          'add values or use Exists/DoesNotExist',
        );
      }
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) {
        f.add(ep, 'calico.sknp.conversion', `operator ${op} must not have values`, 'remove values');
      }
    } else {
      f.add(
        child(ep, 'operator'),
        'calico.sknp.conversion',
        `${q(op)} is not a valid label selector operator`,
        'use In, NotIn, Exists or DoesNotExist',
      );
    }
  });
}

function specOf(doc: Record<string, unknown>, f: Findings): Record<string, unknown> | undefined {
  if (isAbsent(doc.spec)) return {};
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return undefined;
  }
  return doc.spec;
}
