/**
 * What Calico 3.32.1 cannot enforce as written in a ClusterNetworkPolicy the API server accepts, reported as errors:
 * the rules its conversion fails (Calico fails them closed: an Accept rule is dropped, a Deny or Pass rule becomes an
 * unconditional Deny; libcalico-go conversion/clusternetworkpolicy.go `k8sClusterNetPolHandleFailedRules`) and the
 * label selectors it converts into something other than written (`k8sSelectorToCalico`). The findings come from the
 * library's one converter, `clusterNetworkPolicyToCalico` (lib/model/policy/cluster-network-policy); this module only
 * words them, with the field, what was expected, what was found and the fix.
 */
import { clusterNetworkPolicyToCalico, FailedClusterRule } from '../../model/policy/cluster-network-policy';
import { KubernetesConversionError } from '../../model/policy/kubernetes/errors';
import type { FieldIssue } from '../schema/schema-errors';
import { ClusterNetworkPolicyRuleId } from './rule-ids';

/** Calico's pattern for named ports (api/pkg/lib/numorstring/port.go `NamedPort`). */
const NAMED_PORT_PATTERN = '^[a-zA-Z0-9_.-]{1,128}$';
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * The conversion findings of one ClusterNetworkPolicy, without those at or under a field the schema already reports
 * (`reported`): an object the API server rejects never reaches Calico, and one problem per field is enough.
 * @param doc the object as written
 * @param reported paths of the problems found by the CRD's schema and CEL rules
 */
export function calicoConversionIssues(doc: Record<string, unknown>, reported: readonly string[]): FieldIssue[] {
  let conversion: ReturnType<typeof clusterNetworkPolicyToCalico>;
  try {
    conversion = clusterNetworkPolicyToCalico(doc);
  } catch (e) {
    // A field of the wrong JSON type: the schema reports it, and Calico never sees the object. Anything else is a bug,
    // reported by validateManifests as `schema.internal`.
    if (e instanceof KubernetesConversionError) return [];
    throw e;
  }
  const out: FieldIssue[] = [];
  for (const failed of conversion.failedRules) {
    if (!overlaps(failed.field, reported)) out.push(failedRuleIssue(doc, failed));
  }
  for (const text of conversion.problems) {
    const found = parseProblem(text);
    if (!overlaps(found.path, reported)) out.push(problemIssue(doc, found.path, found.message));
  }
  return out;
}

/** One failed rule: why, what Calico enforces instead, and the fix. */
function failedRuleIssue(doc: Record<string, unknown>, failed: FailedClusterRule): FieldIssue {
  const value = valueAt(doc, failed.field);
  const outcome = outcomeText(failed);
  const named = /\.destinationNamedPort$/.test(failed.field);
  const peerKeys = isObject(value) ? Object.keys(value).filter((k) => k === 'nodes' || k === 'domainNames') : [];
  let rule: ClusterNetworkPolicyRuleId = 'cnp.calico.fail-closed';
  let message: string;
  if (named) {
    rule = 'cnp.calico.named-port';
    message =
      `expected a port name matching ${NAMED_PORT_PATTERN} (Calico numorstring.NamedPort), got ` +
      `${JSON.stringify(value)}: ${outcome}; fix: rename the container port and this reference to letters, digits, ` +
      `'_', '.' or '-' (at most 128), e.g. ${JSON.stringify(suggestPortName(value))}`;
  } else if (peerKeys.length > 0) {
    rule = 'cnp.calico.unsupported-peer';
    message =
      `expected a peer Calico 3.32 can convert (namespaces, pods or networks), got ${peerKeys.join(', ')}: ${outcome}; ` +
      `fix: ${peerKeys.includes('nodes') ? "list the nodes' addresses in a networks peer instead" : 'list the destination addresses in a networks peer instead (Calico 3.32 has no domain-name peers for ClusterNetworkPolicy)'}` +
      ' and keep the other peers in a rule of their own';
  } else {
    message = `expected a rule Calico 3.32 can convert, got ${failed.reason}: ${outcome}; fix: correct ${failed.field}`;
  }
  return { path: failed.field, rule, message };
}

/** What Calico enforces for a failed rule (the fail-closed replacement). */
function outcomeText(failed: FailedClusterRule): string {
  const rule = `${failed.direction} rule ${failed.index}${failed.name ? ` (${JSON.stringify(failed.name)})` : ''}`;
  if (failed.outcome === 'dropped') {
    return `Calico drops this ${failed.action} ${rule}, so the traffic it accepts goes on to the next rules and tiers`;
  }
  const side = failed.direction === 'egress' ? 'destination' : 'source';
  return (
    `Calico replaces this ${failed.action} ${rule} by an unconditional Deny: from this rule on, every ${side} and ` +
    `protocol is denied for the subject pods' ${failed.direction}, external IPs included`
  );
}

/** One conversion finding (a selector Calico converts otherwise than written, or another note of the converter). */
function problemIssue(doc: Record<string, unknown>, path: string, converterMessage: string): FieldIssue {
  const value = valueAt(doc, path);
  if (/\.operator$/.test(path) && typeof value === 'string' && !OPERATORS.includes(value)) {
    const slip = OPERATORS.find((o) => o.toLowerCase() === value.toLowerCase());
    return {
      path,
      rule: 'cnp.calico.selector',
      message:
        `expected In, NotIn, Exists or DoesNotExist, got ${JSON.stringify(value)}: Calico 3.32 drops this expression, ` +
        'so the selector selects more than written (the CRD does not check operators); fix: ' +
        (slip
          ? `write ${JSON.stringify(slip)} (operators are case-sensitive)`
          : 'use In, NotIn, Exists or DoesNotExist'),
    };
  }
  if (
    /matchExpressions\[\d+\]$/.test(path) &&
    isObject(value) &&
    (value.operator === 'In' || value.operator === 'NotIn')
  ) {
    return {
      path: `${path}.values`,
      rule: 'cnp.calico.selector',
      message:
        `expected at least one value for operator ${value.operator}, got none: Calico 3.32 matches the label against ` +
        `the empty string instead (key ${value.operator === 'In' ? 'in' : 'not in'} { '' }; the CRD does not check ` +
        'values); fix: list the label values, or use Exists/DoesNotExist to test the key alone',
    };
  }
  const selector = /selector/i.test(converterMessage) || /Selector$|\.namespaces$|\.pods$/.test(path);
  return {
    path,
    rule: selector ? 'cnp.calico.selector' : 'cnp.calico.conversion',
    message: `expected a field Calico 3.32 converts as written, got: ${converterMessage}; fix: correct ${path || 'the object'}`,
  };
}

/**
 * A converter problem `<object>: <path>: <message>` split (lib/model/policy/kubernetes/errors.ts `formatAt`); the
 * object is `<Kind> <name>` and neither it nor a field path contains `: `.
 */
function parseProblem(text: string): { path: string; message: string } {
  const rest = text.slice(text.indexOf(': ') + 2);
  const m = /^((?:spec|metadata)[^\s:]*): /.exec(rest);
  return m ? { path: m[1], message: rest.slice(m[0].length) } : { path: '', message: rest };
}

/** Whether `path` is at or under a reported path, or a reported path is under it. */
function overlaps(path: string, reported: readonly string[]): boolean {
  return reported.some((r) => r === path || isUnder(path, r) || isUnder(r, path));
}

function isUnder(path: string, parent: string): boolean {
  return parent === '' || (path.startsWith(parent) && (path[parent.length] === '.' || path[parent.length] === '['));
}

/** The value at a field path such as `spec.egress[1].to[0]`. */
function valueAt(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = m[1] !== undefined ? (node as Record<string, unknown>)[m[1]] : (node as unknown[])[Number(m[2])];
  }
  return node;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A valid port name close to a bad one: every other character becomes '-'. */
function suggestPortName(value: unknown): string {
  const s = typeof value === 'string' ? value : '';
  const fixed = s
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128);
  return fixed || 'web';
}
