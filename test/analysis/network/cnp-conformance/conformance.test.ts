// The upstream ClusterNetworkPolicy conformance suite (kubernetes-sigs/network-policy-api conformance/tests) as truth
// tables, each row evaluated by the engine on the world of conformance/base/manifests.yaml plus the test's fixtures
// with the mutations of the subtests so far.
import { NetworkModel } from '../../../../lib/analysis';
import { CONFORMANCE_TESTS, ConformanceTest, Probe } from './cases';
import { fixtureDocuments } from './fixtures';
import { applyMutation } from './mutate';
import { worldManifests, worldPod } from './world';

/** `from → to proto/port: expected X, got Y (reason)` for every row the engine gets wrong. */
function mismatches(model: NetworkModel, probes: readonly Probe[]): string[] {
  const out: string[] = [];
  for (const p of probes) {
    const r = model.evaluate({ from: worldPod(p.from).id, to: worldPod(p.to).id, protocol: p.protocol, port: p.port });
    if (r.allowed !== p.allowed)
      out.push(`${p.from} → ${p.to} ${p.protocol}/${p.port}: expected ${p.allowed}, got ${r.allowed} (${r.reason})`);
  }
  return out;
}

/** Runs a test's subtests in order, mutations accumulating; the rows that differ, per subtest. */
function runTest(test: ConformanceTest): Record<string, string[]> {
  let policies = test.manifests.flatMap(fixtureDocuments);
  const failures: Record<string, string[]> = {};
  for (const sub of test.subtests) {
    for (const m of sub.mutations ?? []) policies = applyMutation(policies, m);
    const model = NetworkModel.fromManifests([...worldManifests(), ...structuredClone(policies)]);
    const wrong = mismatches(model, sub.probes);
    if (wrong.length) failures[sub.name] = wrong;
  }
  return failures;
}

describe('network-policy-api conformance (ClusterNetworkPolicy, Admin and Baseline tiers)', () => {
  test.each(CONFORMANCE_TESTS.map((t) => [t.name, t.source, t] as const))('%s (%s)', (_name, _source, t) => {
    expect(runTest(t)).toEqual({});
  });

  test('without the fixtures every probe is allowed, so each denied row is the policies doing', () => {
    const model = NetworkModel.fromManifests(worldManifests());
    const probes = CONFORMANCE_TESTS.flatMap((t) => t.subtests.flatMap((s) => s.probes));
    expect(probes.filter((p) => !p.allowed).length).toBeGreaterThan(50);
    expect(
      mismatches(
        model,
        probes.map((p) => ({ ...p, allowed: true })),
      ),
    ).toEqual([]);
  });

  test('the tables cover the 18 standard and 4 named-port tests, every subtest probing', () => {
    const byFeature = (f: string) => CONFORMANCE_TESTS.filter((t) => t.features.includes(f)).length;
    expect(CONFORMANCE_TESTS.length).toBe(22);
    expect(byFeature('ClusterNetworkPolicyNamedPorts')).toBe(4);
    expect(CONFORMANCE_TESTS.every((t) => t.subtests.every((s) => s.probes.length > 0))).toBe(true);
    expect(new Set(CONFORMANCE_TESTS.map((t) => t.name)).size).toBe(CONFORMANCE_TESTS.length);
  });
});
