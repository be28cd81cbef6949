/**
 * `lint.explicit-host-endpoints`: the manifests carry host endpoints written per node (explicit `HostEndpoint`s,
 * not kube-controllers' automatic ones), and perhaps rules that name each node's own addresses (a node reaching
 * itself over `lo` under an all-interfaces endpoint: Calico issue 4478). Both were made from the nodes known at
 * synth: a node that joins later has no host endpoint (so no protection) and no such rule until the manifests are
 * synthesized again from a fresh inventory. Automatic host endpoints (KubeControllersConfiguration `autoCreate`)
 * are created and kept current by kube-controllers for every node (`kube-controllers/pkg/controllers/node/
 * hostendpoints.go`), so they need no reminder. One finding per manifest set, on the first such endpoint.
 */
import { CREATED_BY_LABEL, CREATED_BY_VALUE } from '../model/primitives';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { guardLintDocs } from './lint-input';
import { lintFinding, listSome } from './make-finding';

const RULE = 'lint.explicit-host-endpoints';

/** The rule's catalogue summary (lint-rules.ts). */
export const EXPLICIT_HOST_ENDPOINTS_SUMMARY =
  "Host endpoints written per node (and rules naming each node's own addresses) cover only " +
  'the nodes known at synth: re-synthesize when nodes join or leave.';

function isExplicitHostEndpoint(doc: any): boolean {
  return (
    doc?.kind === 'HostEndpoint' &&
    typeof doc.apiVersion === 'string' &&
    doc.apiVersion.startsWith('projectcalico.org/') &&
    doc.metadata?.labels?.[CREATED_BY_LABEL] !== CREATED_BY_VALUE
  );
}

/** Rules whose source and destination are the same single addresses: a node reaching itself, one node per rule. */
function selfRuleCount(doc: any): number {
  const calico = typeof doc?.apiVersion === 'string' && doc.apiVersion.startsWith('projectcalico.org/');
  if (!calico || doc.kind !== 'GlobalNetworkPolicy') return 0;
  let n = 0;
  for (const dir of ['ingress', 'egress']) {
    for (const r of Array.isArray(doc.spec?.[dir]) ? doc.spec[dir] : []) {
      const src = r?.source?.nets;
      const dst = r?.destination?.nets;
      if (
        Array.isArray(src) &&
        Array.isArray(dst) &&
        src.length > 0 &&
        JSON.stringify(src) === JSON.stringify(dst) &&
        src.every((c: unknown) => typeof c === 'string' && /\/(32|128)$/.test(c))
      )
        n++;
    }
  }
  return n;
}

const plural = (n: number, what: string) => `${n} ${what}${n > 1 ? 's' : ''}`;

/** `localeCompare` of the names, through one collator (what `localeCompare` without locales makes on each call). */
const collator = new Intl.Collator();
const byName = (a: any, b: any): number => collator.compare(String(a.metadata?.name), String(b.metadata?.name));

/** Explicit (per-node) host endpoints and per-node self rules: a reminder to re-synthesize when nodes change. */
export function lintExplicitHostEndpoints(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintExplicitHostEndpoints');
  const c = LintContext.of(docs);
  // One pass over the HostEndpoints (45,000 in bench/large-input.ts): how many are explicit, their nodes, and the first
  // of them sorted by name (a stable sort's first: the earliest of the smallest).
  let count = 0;
  let first: any;
  const nodes = new Set<string>();
  for (const h of c.ofKind('HostEndpoint')) {
    if (!isExplicitHostEndpoint(h)) continue;
    count++;
    const node = String(h.spec?.node ?? '');
    if (node !== '') nodes.add(node);
    if (first === undefined || byName(h, first) < 0) first = h;
  }
  if (count === 0) return [];
  // Only GlobalNetworkPolicies have self rules (selfRuleCount is 0 for any other kind).
  let selfRules = 0;
  for (const d of c.ofKind('GlobalNetworkPolicy')) selfRules += selfRuleCount(d);
  const rules = selfRules > 0 ? ` and ${plural(selfRules, 'rule')} naming a node's own addresses` : '';
  return [
    lintFinding(
      first,
      'spec.node',
      RULE,
      `${plural(count, 'host endpoint')} written per node (${plural(nodes.size, 'node')}: ${listSome(nodes)})${rules}: ` +
        'a node that joins later gets no host endpoint, so no protection, until the manifests are synthesized again from a fresh inventory',
      're-synthesize whenever nodes join or leave (kubectl get nodes -o json > nodes.json, then cdk8s synth), or use ' +
        'NodeHostEndpoints.automatic(): kube-controllers creates and updates an endpoint for every node',
    ),
  ];
}
