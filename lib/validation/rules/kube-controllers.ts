/**
 * KubeControllersConfiguration (`logLevel`, `createDefaultHostEndpoint`, `name`, `cidrs`,
 * `regexp`, `labels`, `selector` field validators, and the template checks of clientv3
 * `kubeControllersConfiguration.validateAndFillDefaults`). The name rule (`default`) lives in names.ts.
 */
import { parseCidrOrIp } from '../../model/primitives/cidr';
import { checkDurationInto } from './duration';
import { goRegexError } from './go-regex';
import { checkLabelsInto, isDns1123Subdomain } from './names';
import { parseSelectorInto } from './selectors';
import { Findings, at, child, getArray, getInteger, getObject, getString, isAbsent, isObject, q } from './util';
import { isUint16Port } from '../../model/primitives/ports';

/** Log levels accepted by both the CRD enum and the validator. */
export const KCC_LOG_LEVELS = ['Debug', 'Info', 'Warning', 'Error', 'Fatal'];

/** Checks a KubeControllersConfiguration. */
export function checkKubeControllersInto(doc: Record<string, unknown>, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;

  const level = getString(spec, 'logSeverityScreen', 'spec', f);
  if (level !== undefined && level !== '' && !KCC_LOG_LEVELS.includes(level)) {
    f.add(
      'spec.logSeverityScreen',
      'calico.kcc.log-severity',
      `logSeverityScreen ${q(level)} is not accepted by the Calico validator`,
      `use one of ${KCC_LOG_LEVELS.join(', ')}`,
    );
  }
  for (const key of ['prometheusMetricsPort', 'debugProfilePort']) {
    const port = getInteger(spec, key, 'spec', f);
    if (port !== undefined && !isUint16Port(port)) {
      f.add(
        `spec.${key}`,
        'calico.kcc.port',
        `${key} ${port} is outside 0–65535`,
        `use a port 1–65535${key === 'prometheusMetricsPort' ? ' (0 disables metrics)' : ''}`,
      );
    }
  }
  checkDurationInto(spec, 'etcdV3CompactionPeriod', 'spec', f);

  const controllers = getObject(spec, 'controllers', 'spec', f);
  if (!controllers) return;
  const cp = 'spec.controllers';
  for (const name of ['node', 'policy', 'workloadEndpoint', 'serviceAccount', 'namespace']) {
    const c = getObject(controllers, name, cp, f);
    if (c) checkDurationInto(c, 'reconcilerPeriod', child(cp, name), f);
  }
  const node = getObject(controllers, 'node', cp, f);
  if (!node) return;
  const np = child(cp, 'node');
  checkDurationInto(node, 'leakGracePeriod', np, f);
  const hep = getObject(node, 'hostEndpoint', np, f);
  if (!hep) return;
  const hp = child(np, 'hostEndpoint');
  const cdh = getString(hep, 'createDefaultHostEndpoint', hp, f);
  if (cdh !== undefined && cdh !== '' && cdh !== 'Enabled' && cdh !== 'Disabled') {
    f.add(
      child(hp, 'createDefaultHostEndpoint'),
      'calico.kcc.create-default-hep',
      `createDefaultHostEndpoint ${q(cdh)} is invalid`,
      'use Enabled or Disabled',
    );
  }
  const names = new Set<string>();
  getArray(hep, 'templates', hp, f).forEach((t, i) => {
    const tp = at(child(hp, 'templates'), i);
    if (!isObject(t)) {
      f.type(tp, 'an object', t);
      return;
    }
    const gn = getString(t, 'generateName', tp, f);
    checkTemplateDefaultsInto(t, gn, tp, names, f);
    if (gn !== undefined && gn !== '' && !isDns1123Subdomain(gn)) {
      f.add(
        child(tp, 'generateName'),
        'calico.kcc.template-generate-name',
        `generateName ${q(gn)} is invalid: it must be a lowercase DNS-1123 subdomain of at most 253 characters`,
        'use lowercase alphanumerics, "-" and "."',
      );
    }
    getArray(t, 'interfaceCIDRs', tp, f).forEach((c, j) => {
      if (!parseCidrOrIp(c)) {
        f.add(
          at(child(tp, 'interfaceCIDRs'), j),
          'calico.kcc.template-cidr',
          `interfaceCIDRs entry ${q(c)} is not a valid CIDR`,
          'use a CIDR such as 10.0.0.0/16',
        );
      }
    });
    const pat = getString(t, 'interfacePattern', tp, f);
    if (pat !== undefined && pat !== '') {
      const err = goRegexError(pat);
      if (err) {
        f.add(
          child(tp, 'interfacePattern'),
          'calico.kcc.template-interface-pattern',
          `interfacePattern ${q(pat)} is not a valid Go regular expression: ${err}`,
          'use an RE2 pattern such as ^(eth|ens)[0-9]+$',
        );
      }
    }
    checkLabelsInto(t.labels, child(tp, 'labels'), f);
    parseSelectorInto(t.nodeSelector, child(tp, 'nodeSelector'), f);
  });
}

/**
 * clientv3 `validateAndFillDefaults`: a template needs a generateName (at most 253 characters, unique, since it keeps
 * the generated HostEndpoint names apart) and at least one of interfaceCIDRs and interfacePattern.
 */
function checkTemplateDefaultsInto(
  t: Record<string, unknown>,
  gn: string | undefined,
  tp: string,
  names: Set<string>,
  f: Findings,
): void {
  if (isAbsent(t.generateName) || gn === '') {
    f.add(
      child(tp, 'generateName'),
      'calico.kcc.template-name-required',
      'Template name must be specified',
      'set generateName, e.g. internal (it becomes part of the generated HostEndpoint names)',
    );
  } else if (gn !== undefined) {
    if (names.has(gn)) {
      f.add(
        child(tp, 'generateName'),
        'calico.kcc.template-name-unique',
        `Template name must be unique: ${q(gn)} is used by an earlier template`,
        'give each template its own generateName',
      );
    }
    names.add(gn);
  }
  const cidrs = t.interfaceCIDRs;
  const pattern = t.interfacePattern;
  if ((isAbsent(cidrs) || (Array.isArray(cidrs) && cidrs.length === 0)) && (isAbsent(pattern) || pattern === '')) {
    f.add(
      tp,
      'calico.kcc.template-interfaces',
      'InterfaceCIDRs or InterfacePattern must be specified',
      'set interfaceCIDRs (e.g. ["10.0.0.0/8"]) or interfacePattern (e.g. "^eth[0-9]+$")',
    );
  }
}
