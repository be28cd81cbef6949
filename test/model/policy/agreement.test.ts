// Every reader of a policy gets the same answer from the one normalised view (lib/model/policy): the offline engine
// (CompiledPolicy), the lint (PolicyView), DenyLogging (governedEndpointSelectors) and the constructs (PolicyBase
// types), over one corpus of Calico GlobalNetworkPolicies, NetworkPolicies, staged policies and Kubernetes
// NetworkPolicies, with and without types, order and tier.
import { Chart, Testing } from 'cdk8s';
import { GlobalNetworkPolicy, NetworkPolicy, Peer, PolicyType, Port, Selector } from '../../../lib';
import { buildModel } from '../../../lib/analysis/network/build/build';
import { ingest } from '../../../lib/analysis/network/ingest/ingest';
import type { CompiledPolicy } from '../../../lib/analysis/network/policy/compiled-policy';
import { policyViewOf, PolicyView } from '../../../lib/lint/policy-view';
import { normalisePolicy } from '../../../lib/model/policy/policy-view';
import { governedEndpointSelectors } from '../../../lib/policy/deny-logging';

const CALICO = 'projectcalico.org/v3';
const K8S = 'networking.k8s.io/v1';
const tcp80 = { action: 'Allow', protocol: 'TCP', destination: { ports: [80] } };
const anyOut = { action: 'Allow' };

const gnp = (name: string, spec: object, kind = 'GlobalNetworkPolicy') => ({
  apiVersion: CALICO,
  kind,
  metadata: { name },
  spec,
});
const np = (name: string, namespace: string | undefined, spec: object, kind = 'NetworkPolicy') => ({
  apiVersion: CALICO,
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
  spec,
});
const knp = (name: string, namespace: string | undefined, spec: object, kind = 'NetworkPolicy', apiVersion = K8S) => ({
  apiVersion,
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
  spec,
});

const CORPUS: any[] = [
  { apiVersion: CALICO, kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 100 } },
  gnp('ingress-only', { selector: 'app == "web"', order: 10, ingress: [tcp80] }),
  gnp('egress-only', { selector: 'has(team)', egress: [anyOut] }),
  gnp('both', { tier: 'platform', order: 5, selector: 'all()', ingress: [tcp80], egress: [anyOut] }),
  gnp('typed-egress', { selector: 'role == "db"', types: ['Egress'], ingress: [tcp80] }),
  gnp('typed-both-no-rules', { selector: 'role == "cache"', types: ['Ingress', 'Egress'], order: 1.5 }),
  gnp('no-rules', { selector: 'has(kubernetes-host)' }),
  gnp('narrowed', {
    selector: 'app == "api"',
    namespaceSelector: 'env == "prod"',
    serviceAccountSelector: 'role == "x"',
    ingress: [tcp80],
  }),
  gnp('host-prednat', {
    selector: 'has(kubernetes-host)',
    preDNAT: true,
    applyOnForward: true,
    ingress: [{ action: 'Deny' }],
  }),
  gnp('empty-selector', { tier: 'platform', egress: [anyOut] }),
  np('web', 'apps', { selector: 'app == "web"', types: ['Ingress', 'Egress'], order: 20 }),
  np('no-namespace', undefined, { selector: 'app == "x"', egress: [anyOut] }),
  np('sa', 'apps', { tier: 'platform', selector: '', serviceAccountSelector: 'role == "ci"', ingress: [tcp80] }),
  gnp('staged-g', { selector: 'app == "web"', stagedAction: 'Set', egress: [anyOut] }, 'StagedGlobalNetworkPolicy'),
  np('staged-n', 'apps', { order: 3, selector: 'app == "db"', ingress: [tcp80] }, 'StagedNetworkPolicy'),
  knp('k-default', 'apps', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
  }),
  knp('k-egress-rules', 'apps', { podSelector: {}, egress: [{}] }),
  knp('k-egress-typed', 'other', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Egress'] }),
  knp('k-no-ns', undefined, {
    podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
  }),
  knp(
    'k-staged',
    'apps',
    { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'], stagedAction: 'Set' },
    'StagedKubernetesNetworkPolicy',
    CALICO,
  ),
];

/** What every reader must agree on. */
interface Facts {
  display: string;
  staged: boolean;
  tier: string;
  /** `null`: no order (after every ordered policy). */
  order: number | null;
  ingress: boolean;
  egress: boolean;
  selector: string;
}

const engineFacts = (p: CompiledPolicy): Facts => ({
  display: p.display,
  staged: p.staged,
  tier: p.tier,
  order: p.order === Infinity ? null : p.order,
  ingress: p.ingressEnabled,
  egress: p.egressEnabled,
  selector: p.selector.text,
});
const lintFacts = (p: PolicyView): Facts => ({
  display: p.display,
  staged: p.staged,
  tier: p.tier,
  order: p.order ?? null,
  ingress: p.ingressEnabled,
  egress: p.egressEnabled,
  selector: p.effectiveText,
});
const byDisplay = (facts: Facts[]) =>
  [...facts].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
const canonical = (selector: string) => (selector === '' ? 'all()' : Selector.parse(selector).toString());

describe('one corpus, one answer', () => {
  const compiled = buildModel(ingest(CORPUS)).policies;
  const lint = CORPUS.map((d, i) => policyViewOf(d, i)).filter((v): v is PolicyView => v !== undefined);

  test('the corpus covers what it claims (every policy kind, defaulted and written types, orders and tiers)', () => {
    expect(compiled).toHaveLength(CORPUS.length - 1);
    expect(new Set(compiled.map((p) => p.kind))).toEqual(
      new Set([
        'GlobalNetworkPolicy',
        'NetworkPolicy',
        'StagedGlobalNetworkPolicy',
        'StagedNetworkPolicy',
        'StagedKubernetesNetworkPolicy',
      ]),
    );
    const facts = compiled.map(engineFacts);
    expect(facts.filter((f) => f.order === null).length).toBeGreaterThan(2);
    expect(new Set(facts.map((f) => `${f.ingress}/${f.egress}`))).toEqual(
      new Set(['true/false', 'false/true', 'true/true']),
    );
    expect(new Set(facts.map((f) => f.tier))).toEqual(new Set(['default', 'platform']));
  });

  test('the engine and the lint read every policy alike', () => {
    expect(byDisplay(lint.map(lintFacts))).toEqual(byDisplay(compiled.map(engineFacts)));
  });

  test('the ground-floor view is what both are made from', () => {
    const views = CORPUS.map((d) => normalisePolicy(d)).filter((v) => v !== undefined);
    const facts = views.map((v): Facts => ({
      display: v!.display,
      staged: v!.staged,
      tier: v!.tier,
      order: v!.order ?? null,
      ingress: v!.ingressEnabled,
      egress: v!.egressEnabled,
      selector: v!.selector!,
    }));
    expect(byDisplay(facts)).toEqual(byDisplay(compiled.map(engineFacts)));
  });

  test.each(['default', 'platform'])('DenyLogging governs, in tier %s, what the engine enforces there', (tier) => {
    const enforcing = compiled.filter((p) => p.tier === tier && !p.staged && !p.preDNAT && !p.doNotTrack);
    const expected = (dir: 'ingressEnabled' | 'egressEnabled') =>
      [...new Set(enforcing.filter((p) => p[dir]).map((p) => canonical(p.selector.text)))].sort();
    const governed = governedEndpointSelectors(CORPUS, tier);
    expect(governed.ingress).toEqual(expected('ingressEnabled'));
    expect(governed.egress).toEqual(expected('egressEnabled'));
    expect(governed.ingress.length + governed.egress.length).toBeGreaterThan(1);
  });

  test('constructs emit the types the readers default to', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'apps' });
    new GlobalNetworkPolicy(chart, 'In', { selector: Selector.has('a') }).allowIngress(Peer.any(), Port.tcp(80));
    new GlobalNetworkPolicy(chart, 'Out', { selector: Selector.has('b') }).allowEgress(Peer.any(), Port.udp(53));
    const both = new NetworkPolicy(chart, 'Both', { selector: Selector.has('c') });
    both.allowIngress(Peer.any(), Port.tcp(80));
    both.allowEgress(Peer.any());
    new NetworkPolicy(chart, 'None', { selector: Selector.has('d') });
    new NetworkPolicy(chart, 'Written', { selector: Selector.has('e'), types: [PolicyType.EGRESS] }).allowIngress(
      Peer.any(),
    );
    const docs = Testing.synth(chart);
    const withoutTypes = docs.map((d) =>
      d.metadata.name === 'written' ? d : { ...d, spec: { ...d.spec, types: undefined } },
    );
    const read = buildModel(ingest(withoutTypes)).policies;
    for (const doc of docs) {
      const p = read.find((c) => c.name === doc.metadata.name)!;
      expect({ name: doc.metadata.name, types: doc.spec.types }).toEqual({
        name: doc.metadata.name,
        types: [...(p.ingressEnabled ? ['Ingress'] : []), ...(p.egressEnabled ? ['Egress'] : [])],
      });
    }
    expect(docs.map((d) => d.spec.types)).toEqual([
      ['Ingress'],
      ['Egress'],
      ['Ingress', 'Egress'],
      ['Ingress'],
      ['Egress'],
    ]);
  });
});
