// Issue 11 item 7: PolicyIndex.forEntity builds the ordered policy lists once per set of matching selector matchers
// and endpoint kind, and shares them between endpoints (thousands of host endpoints in a few racks). Every endpoint's
// lists must equal what the plain way (every policy's selector tested on the endpoint) gives, in the enforced and the
// staged preview, on generated workloads and host endpoints with varied labels and policies of every kind.
import { NetworkModel } from '../../../lib/analysis/network/network-model';
import { setPolicyBucketLookups } from '../../../lib/analysis/network/policy/policy-index';
import { seededRandom as random } from '../../support/seeded-random';

const SELECTORS = [
  'all()',
  'rack == "r1"',
  'rack != "r1"',
  'has(kubernetes-host)',
  'has(kubernetes-host) && rack == "r2"',
  'app == "web"',
  'app in {"web", "db"}',
  '!has(gpu)',
  'zone starts with "a"',
  'projectcalico.org/orchestrator == "k8s" && app == "db"',
];

function cluster(seed: number): any[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const docs: any[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }];
  for (let i = 0; i < 60; i++) {
    const labels: Record<string, string> = { 'kubernetes-host': '', 'rack': `r${i % 3}` };
    if (r() < 0.3) labels.gpu = '';
    if (r() < 0.5) labels.zone = pick(['a', 'ab', 'b']);
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'HostEndpoint',
      metadata: { name: `hep-${i}`, labels },
      spec: { node: `node-${i}`, interfaceName: pick(['eth0', '*']), expectedIPs: [`10.0.0.${i + 1}`] },
    });
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      // Some pods carry a host endpoint's labels: the same matchers select both kinds, whose lists still differ.
      metadata: {
        name: `pod-${i}`,
        namespace: 'ns',
        labels: r() < 0.3 ? labels : { app: pick(['web', 'db', 'cache']), rack: `r${i % 3}` },
      },
      spec: { nodeName: `node-${i}`, containers: [{ name: 'c', image: 'i' }] },
      status: { podIP: `172.16.0.${i + 1}` },
    });
  }
  for (let i = 0; i < 40; i++) {
    const kind = pick(['GlobalNetworkPolicy', 'GlobalNetworkPolicy', 'StagedGlobalNetworkPolicy', 'NetworkPolicy']);
    const global = kind === 'GlobalNetworkPolicy';
    // Host endpoint chains: forwarded, preDNAT (ingress only) and untracked policies, on global policies.
    const chain = global ? pick(['normal', 'normal', 'forward', 'preDNAT', 'untracked']) : 'normal';
    const flags =
      chain === 'forward'
        ? { applyOnForward: true }
        : chain === 'preDNAT'
          ? { applyOnForward: true, preDNAT: true }
          : chain === 'untracked'
            ? { applyOnForward: true, doNotTrack: true }
            : {};
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind,
      metadata: { name: `pol-${i}`, ...(kind === 'NetworkPolicy' ? { namespace: 'ns' } : {}) },
      spec: {
        order: Math.floor(r() * 20),
        selector: pick(SELECTORS),
        types: chain === 'preDNAT' ? ['Ingress'] : pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]),
        ...flags,
        ...(kind === 'StagedGlobalNetworkPolicy' && r() < 0.3 ? { stagedAction: 'Ignore' } : {}),
      },
    });
  }
  return docs;
}

/** Every entity's lists, enforced and staged (the list objects, to see which are shared). */
function lists(docs: any[]): any[] {
  const data = (NetworkModel.fromManifests(docs) as any).data;
  return data.entities.flatMap((e: any) => [data.policyIndex.forEntity(e, false), data.policyIndex.forEntity(e, true)]);
}

/** The lists as tier names and policy identities (compiled policies of two models are different objects). */
function named(all: any[]): unknown[] {
  return all.map((l) =>
    Object.fromEntries(
      Object.entries(l).map(([chain, groups]) => [
        chain,
        (groups as any[]).map((g) => [g.tier.name, g.policies.map((p: any) => p.identity)]),
      ]),
    ),
  );
}

test.each([[1], [2], [3]])('shared lists equal the plain lists of every endpoint (seed %d)', (seed) => {
  const docs = cluster(seed);
  const fast = lists(docs);
  const before = setPolicyBucketLookups(false);
  let plain: any[];
  try {
    plain = lists(docs);
  } finally {
    setPolicyBucketLookups(before);
  }
  expect(named(fast)).toEqual(named(plain));
  // Not vacuous: endpoints have policies, and alike endpoints share one object.
  const withPolicies = fast.filter((l: any) => l.ingress.length + l.egress.length > 0);
  expect(withPolicies.length).toBeGreaterThan(20);
  expect(new Set(fast).size).toBeLessThan(fast.length / 2);
});
