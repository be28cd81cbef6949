/**
 * `cnp.fails-closed`: what Calico 3.32.1 cannot enforce as written in a ClusterNetworkPolicy, read from the one
 * converter (lib/model/policy/cluster-network-policy `clusterNetworkPolicyToCalico`), never re-derived here:
 * - its `failedRules`: `nodes`/`domainNames` peers, named ports outside `^[a-zA-Z0-9_.-]{1,128}$`, bad ranges or
 *   CIDRs. An Accept rule is dropped (it matches nothing), a Deny or Pass rule becomes an unconditional Deny
 *   (libcalico-go conversion/clusternetworkpolicy.go `k8sClusterNetPolHandleFailedRules`);
 * - its `problems`: selectors Calico broadens (an unknown operator is dropped by `k8sSelectorToCalico`), `In`/`NotIn`
 *   without values, a policy Calico turns into a tombstone (bad tier, no subject) and so does not enforce at all.
 */
import { FailedClusterRule } from '../model/policy/cluster-network-policy';
import { convertLeniently } from './cnp-policy-shape';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';

const RULE = 'cnp.fails-closed';

/** What to do about a rule Calico cannot convert, by its reason. */
function failedRuleFix(f: FailedClusterRule): string {
  if (/nodes|domainNames/.test(f.reason))
    return 'Calico 3.32 supports only namespaces, pods and networks peers: name the nodes or destinations by their CIDRs in a networks peer, or write the rule as a Calico GlobalNetworkPolicy';
  if (/named port/.test(f.reason))
    return 'rename the container port and this destinationNamedPort to match ^[a-zA-Z0-9_.-]{1,128}$, or use its number';
  return 'correct the field so Calico can convert the rule (see the reason above)';
}

function failedRuleFinding(doc: unknown, f: FailedClusterRule): LintFinding {
  const rule = `spec.${f.direction}[${f.index}]${f.name ? ` (${JSON.stringify(f.name)})` : ''}`;
  const outcome =
    f.outcome === 'dropped'
      ? `Calico 3.32.1 drops this ${f.action || 'action-less'} rule ${rule}, so it matches nothing`
      : `Calico 3.32.1 replaces this ${f.action} rule ${rule} with an unconditional Deny: every peer, protocol and port of the subject's ${f.direction} traffic is dropped there`;
  return lintFinding(doc, f.field, RULE, `${f.reason}: ${outcome}`, failedRuleFix(f));
}

/** Splits `ClusterNetworkPolicy x: spec.a.b: message` into the field and the message. */
function splitProblem(problem: string): { path: string; message: string } {
  const rest = problem.replace(/^ClusterNetworkPolicy [^:]*: /, '');
  const m = /^(spec[^:\s]*): (.*)$/s.exec(rest);
  return m ? { path: m[1], message: m[2] } : { path: '', message: rest };
}

function problemFix(message: string): string {
  if (/tombstone/.test(message)) return 'set spec.tier to Admin or Baseline and spec.subject to namespaces or pods';
  if (/operator/.test(message) && /no values/.test(message))
    return 'list at least one value, or use Exists / DoesNotExist';
  if (/operator/.test(message)) return 'use In, NotIn, Exists or DoesNotExist (operators are case-sensitive)';
  return 'write the field as the ClusterNetworkPolicy CRD and Calico read it';
}

/** Findings for the ClusterNetworkPolicy objects `docs`. */
export function failsClosedFindings(docs: readonly unknown[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const doc of docs) {
    const conversion = convertLeniently(doc);
    if (!conversion) continue; // malformed: validation reports it
    for (const f of conversion.failedRules) out.push(failedRuleFinding(doc, f));
    for (const p of conversion.problems) {
      const { path, message } = splitProblem(p);
      out.push(lintFinding(doc, path, RULE, message, problemFix(message)));
    }
  }
  return out;
}
