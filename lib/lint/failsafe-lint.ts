import {
  describeFailsafePorts,
  FAILSAFE_REMOVED_ANNOTATION,
  missingDefaultFailsafePorts,
  removedFailsafeSummary,
  WireFailsafePort,
} from '../model/primitives/failsafe-ports';
import { objectIdentity } from '../validation/problem';
import { acknowledgedRisksOf } from '../model/primitives/acknowledged-risks';
import { LintContext } from './lint-context';
import { failsafeShadowedRules } from '../network/failsafe-rules';
import { LintFinding } from './lint-finding';
import { guardLintDocs } from './lint-input';
import { isCalicoApiVersion } from '../model/primitives/calico-constants';

/** Lint rule ids with what they catch. */
export const FAILSAFE_LINT_RULES = {
  'lint.failsafe-shadows-rule':
    'A Deny rule of a host policy names a Felix failsafe port (TCP 22, 179, 2379, 6443...) that admits ' +
    'every address it denies: Felix accepts failsafe traffic before any policy, so the rule does nothing (narrow the failsafe entry ' +
    'with `net`, or acknowledge failsafe-open:<dir>:<proto>:<port>).',
  'lint.failsafe-ports-disabled':
    'A FelixConfiguration whose failsafe port lists leave out Calico defaults (or are empty): SSH, the API server, BGP, etcd, Typha, DHCP or DNS can then be cut off by one wrong host endpoint policy (node lockout).',
} as const;

const FIELDS = [
  ['failsafeInboundHostPorts', 'inbound'],
  ['failsafeOutboundHostPorts', 'outbound'],
] as const;

/** The wire list, or undefined when not set; the pre-v3 string `none` reads as `[]`, malformed entries are skipped. */
function readList(value: unknown): WireFailsafePort[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === 'none') return [];
  if (!Array.isArray(value)) return undefined; // a schema problem, reported by validateManifests
  return value.filter((e): e is WireFailsafePort => e !== null && typeof e === 'object' && !Array.isArray(e));
}

function lintOne(doc: any, out: LintFinding[]): void {
  if (!isCalicoApiVersion(doc?.apiVersion) || doc.kind !== 'FelixConfiguration') return;
  const spec = doc.spec !== null && typeof doc.spec === 'object' ? doc.spec : {};
  const missing = FIELDS.map(([field, dir]) => missingDefaultFailsafePorts(readList(spec[field]), dir));
  if (missing[0].length + missing[1].length === 0) return;
  const ack = doc.metadata?.annotations?.[FAILSAFE_REMOVED_ANNOTATION];
  const summary = removedFailsafeSummary(missing[0], missing[1]);
  if (ack === summary) return;
  FIELDS.forEach(([field], i) => {
    if (missing[i].length === 0) return;
    const empty = readList(spec[field])!.length === 0;
    const what = empty
      ? `disables every failsafe port, including ${describeFailsafePorts(missing[i])}`
      : `leaves out Calico's default failsafe ports ${describeFailsafePorts(missing[i])}`;
    const stale =
      typeof ack === 'string'
        ? ` (the ${FAILSAFE_REMOVED_ANNOTATION} annotation says "${ack}", which is not what is removed)`
        : '';
    out.push({
      ...objectIdentity(doc),
      path: `spec.${field}`,
      rule: 'lint.failsafe-ports-disabled',
      message: `${what}${stale}: a wrong host endpoint policy can then lock the node out; fix: add them back to the list, or acknowledge with the annotation ${FAILSAFE_REMOVED_ANNOTATION}: "${summary}"`,
    });
  });
}

/**
 * Flags FelixConfiguration manifests (typically written by hand) that remove Calico's default failsafe ports
 * without the acknowledgement annotation {@link FAILSAFE_REMOVED_ANNOTATION} naming exactly what is removed, and
 * Deny rules of host policies that a failsafe port makes a no-op (`lint.failsafe-shadows-rule`).
 * Pure; `List` objects are expanded; findings come in document order.
 */
export function failsafeLintFindings(docs: any[]): LintFinding[] {
  guardLintDocs(docs, 'failsafeLintFindings');
  const out: LintFinding[] = [];
  const c = LintContext.of(docs);
  for (const d of c.ofKind('FelixConfiguration')) lintOne(d, out);
  // Rules a failsafe port makes a no-op (felix/rules/static.go failsafeInChain: accepted before any policy). It reads
  // the FelixConfigurations and the GlobalNetworkPolicies alone: given those (in document order), it answers the same.
  const read = c.objectsWhereKind((k) => k === 'FelixConfiguration' || k === 'GlobalNetworkPolicy');
  for (const s of failsafeShadowedRules(read)) {
    if (acknowledgedRisksOf(s.doc).has(s.risk)) continue;
    const [proto, port] = s.port.split(':');
    const list = s.direction === 'ingress' ? 'failsafeInboundHostPorts' : 'failsafeOutboundHostPorts';
    out.push({
      ...objectIdentity(s.doc),
      path: `spec.${s.direction}[${s.ruleIndex}]`,
      rule: 'lint.failsafe-shadows-rule',
      message:
        `denies ${describeFailsafePorts([s.port])}, a Felix failsafe port that admits every address this rule names before any ` +
        `policy, so the rule does nothing there; fix: narrow the failsafe entry to the networks that keep access (FelixConfiguration ` +
        `default ${list}: { protocol: ${proto.toUpperCase()}, port: ${port}, net: <CIDR> }; SecuredNodePool: baseline.sshFrom or ` +
        `failsafe.narrow), or acknowledge it with ${s.risk} in the cdk8s-calico.io/acknowledged-risks annotation`,
    });
  }
  return out;
}
