import { LintContext } from './lint-context';
import { Selector } from '../selector';
import { EndpointIndex } from './endpoint-index';
import { objectIdentity } from '../validation/problem';
import { LintFinding } from './lint-finding';
import { guardLintDocs } from './lint-input';
import { CALICO_API_VERSION as CALICO } from '../model/primitives/calico-constants';

const K8S_NP = 'networking.k8s.io/v1';

/** Kinds lintPreDnat, lintKubernetesPolicy and lintStaged may flag. */
function readByPerObjectChecks(kind: unknown): boolean {
  return (
    kind === 'GlobalNetworkPolicy' ||
    kind === 'NetworkPolicy' ||
    (typeof kind === 'string' && kind.startsWith('Staged'))
  );
}

/** Lint rule ids with what they catch. */
export const NETWORK_LINT_RULES = {
  'lint.prednat-without-deny':
    'A preDNAT policy with Allow rules but no Deny: preDNAT never drops by default, so sources outside the allowed ones pass on to normal policy (https://docs.tigera.io/calico/latest/network-policy/services/services-cluster-ips).',
  'lint.host-endpoint-unprotected':
    'An explicit HostEndpoint with no profile that no policy selects: Calico then denies all its traffic except failsafe ports (node lockout).',
  'lint.k8s-policy-types-missing':
    'A Kubernetes NetworkPolicy without policyTypes: Egress is inferred only from an egress section, which is easy to misread (cyclonus CheckSourceMissingPolicyTypes).',
  'lint.k8s-port-protocol-missing':
    'A Kubernetes NetworkPolicy port without protocol: it means TCP only, so UDP (DNS) stays blocked (cyclonus CheckSourcePortMissingProtocol).',
  'lint.staged-policy': 'A staged policy: it is reported in flow logs but never enforced.',
} as const;

function finding(doc: any, path: string, rule: keyof typeof NETWORK_LINT_RULES, message: string): LintFinding {
  return { ...objectIdentity(doc), path, rule, message };
}

function parsesTo(text: unknown): Selector | undefined {
  if (typeof text !== 'string') return typeof text === 'undefined' ? Selector.all() : undefined;
  try {
    return Selector.parse(text);
  } catch {
    return undefined; // reported by validateManifests
  }
}

function hasSourceConstraint(source: any): boolean {
  return (
    source !== null && typeof source === 'object' && Object.keys(source).some((k) => k !== 'ports' && k !== 'notPorts')
  );
}

function lintPreDnat(doc: any, out: LintFinding[]): void {
  if (doc.kind !== 'GlobalNetworkPolicy' || doc.spec?.preDNAT !== true) return;
  const ingress: any[] = Array.isArray(doc.spec.ingress) ? doc.spec.ingress : [];
  // Only Allow rules that pick some sources leave the others to pass through; an Allow for every source does not.
  const allowsSomeSources = ingress.some((r) => r?.action === 'Allow' && hasSourceConstraint(r.source));
  if (allowsSomeSources && !ingress.some((r) => r?.action === 'Deny')) {
    out.push(
      finding(
        doc,
        'spec.ingress',
        'lint.prednat-without-deny',
        'preDNAT policy allows some sources but denies none, and preDNAT policies never drop by default: every other source still reaches the destination; fix: add a Deny rule for the same destinations after the Allow rules',
      ),
    );
  }
}

/** `gnps`: the GlobalNetworkPolicy objects, `hostEndpoints` the HostEndpoint ones (any apiVersion), in order. */
function lintHostEndpoints(gnps: readonly any[], hostEndpoints: readonly any[], out: LintFinding[]): void {
  const heps: Array<{ doc: any; labels: Record<string, string> }> = [];
  for (const doc of hostEndpoints) {
    if (doc.apiVersion !== CALICO) continue;
    const profiles = doc.spec?.profiles;
    if (Array.isArray(profiles) && profiles.length > 0) continue;
    const labels = doc.metadata?.labels;
    heps.push({ doc, labels: labels !== null && typeof labels === 'object' && !Array.isArray(labels) ? labels : {} });
  }
  if (heps.length === 0) return; // (no finding whatever the policies)
  // Each distinct selector marks the host endpoints it selects, through a label index: not every selector against
  // every host endpoint (10,000 of each would be 10^8 matches).
  const index = new EndpointIndex(heps);
  const selected = new Set<unknown>();
  // Many policies share a selector text: each distinct one is parsed and matched once (the marks are the same).
  const texts = new Set<unknown>();
  const distinct = new Map<string, Selector>();
  for (const d of gnps) {
    if (d.apiVersion !== CALICO) continue;
    const text = d.spec?.selector;
    if (texts.has(text)) continue;
    texts.add(text);
    const s = parsesTo(text);
    if (s !== undefined && !distinct.has(s.toString())) distinct.set(s.toString(), s);
  }
  for (const s of distinct.values()) for (const h of index.filter(s)) selected.add(h);
  for (const h of heps) {
    if (!selected.has(h)) {
      const doc = h.doc;
      out.push(
        finding(
          doc,
          'metadata.labels',
          'lint.host-endpoint-unprotected',
          'no policy selects this host endpoint and it has no profile, so Calico denies all its traffic except failsafe ports; fix: add a policy selecting its labels before applying it, or profiles: [projectcalico-default-allow]',
        ),
      );
    }
  }
}

function lintKubernetesPolicy(doc: any, out: LintFinding[]): void {
  if (doc?.apiVersion !== K8S_NP || doc.kind !== 'NetworkPolicy') return;
  const spec = doc.spec ?? {};
  if (!Array.isArray(spec.policyTypes)) {
    out.push(
      finding(
        doc,
        'spec.policyTypes',
        'lint.k8s-policy-types-missing',
        `policyTypes is not set, so Kubernetes infers ${spec.egress ? '[Ingress, Egress]' : '[Ingress] (egress is not isolated)'}; fix: set policyTypes explicitly`,
      ),
    );
  }
  for (const dir of ['ingress', 'egress'] as const) {
    const rules: any[] = Array.isArray(spec[dir]) ? spec[dir] : [];
    rules.forEach((rule, i) => {
      const ports: any[] = Array.isArray(rule?.ports) ? rule.ports : [];
      ports.forEach((p, j) => {
        if (p && p.protocol === undefined && p.port !== undefined) {
          out.push(
            finding(
              doc,
              `spec.${dir}[${i}].ports[${j}]`,
              'lint.k8s-port-protocol-missing',
              `port ${p.port} has no protocol, which means TCP only${p.port === 53 ? ' (DNS over UDP stays blocked)' : ''}; fix: set protocol explicitly (add a UDP entry for DNS)`,
            ),
          );
        }
      });
    });
  }
}

function lintStaged(doc: any, out: LintFinding[]): void {
  if (doc?.apiVersion === CALICO && typeof doc.kind === 'string' && doc.kind.startsWith('Staged')) {
    out.push(
      finding(
        doc,
        '',
        'lint.staged-policy',
        'staged policies are only previewed in flow logs, never enforced; fix: none needed if that is the intent, else use the non-staged kind',
      ),
    );
  }
}

/**
 * Network lint over a set of manifests: things that validate but probably do not do what their author meant.
 * Per-object findings come in document order, then the host-endpoint findings.
 */
export function lintNetworkManifests(docs: any[]): LintFinding[] {
  guardLintDocs(docs, 'lintNetworkManifests');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  // The kinds the three checks read (any other object passes them untouched), in document order.
  for (const doc of c.objectsWhereKind(readByPerObjectChecks)) {
    lintPreDnat(doc, out);
    lintKubernetesPolicy(doc, out);
    lintStaged(doc, out);
  }
  lintHostEndpoints(c.ofKind('GlobalNetworkPolicy'), c.ofKind('HostEndpoint'), out);
  return out;
}
