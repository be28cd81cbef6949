// Sanity checks of the transcribed e2e and cyclonus data (the cases themselves are run by the engine's tests).
import { kubernetesNetworkPolicyToCalico } from '../../../../lib/model/policy/kubernetes';
import { validateManifests } from '../../../../lib/validation';
import { CYCLONUS_CASES } from './cyclonus-cases';
import { E2E_CASES } from './e2e-cases';
import { E2E_ALL_PODS, e2eContainerPorts, resolvePodIpPlaceholders } from './e2e-model';
import { Reachability } from './e2e-reachability';

const fakeIp = (pod: string) => `10.0.${E2E_ALL_PODS.indexOf(pod)}.${E2E_ALL_PODS.indexOf(pod) + 10}`;

describe('e2e truth tables', () => {
  test('at least 25 cases, unique names', () => {
    expect(E2E_CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(E2E_CASES.map((c) => c.name)).size).toBe(E2E_CASES.length);
  });

  test.each(E2E_CASES.map((c) => [c.name, c] as const))(
    '%s: complete table; policies convert cleanly and validate',
    (_name, c) => {
      expect(Object.keys(c.expected).sort()).toEqual([...c.pods].sort());
      for (const from of c.pods) expect(Object.keys(c.expected[from]).sort()).toEqual([...c.pods].sort());
      const names = c.policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      expect(new Set(names).size).toBe(names.length);
      for (const doc of resolvePodIpPlaceholders(c.policies, fakeIp)) {
        const { policy, problems } = kubernetesNetworkPolicyToCalico(doc);
        expect(problems).toEqual([]);
        expect(validateManifests([policy], { kubernetes: false })).toEqual([]);
      }
    },
  );

  test('placeholders resolve to CIDR text and leave the source untouched', () => {
    const c = E2E_CASES.find((x) => x.name.startsWith('should allow egress access to server in CIDR block'))!;
    const resolved = resolvePodIpPlaceholders(c.policies, fakeIp);
    expect(resolved[0].spec.egress[0].to[0].ipBlock.cidr).toBe(`${fakeIp('y/b')}/32`);
    expect(c.policies[0].spec.egress[0].to[0].ipBlock.cidr).toEqual({ podIp: 'y/b', prefix: 32 });
  });

  test('the model serves named ports serve-<port>-<protocol>', () => {
    expect(e2eContainerPorts().map((p) => p.name)).toEqual([
      'serve-80-tcp',
      'serve-80-udp',
      'serve-80-sctp',
      'serve-81-tcp',
      'serve-81-udp',
      'serve-81-sctp',
    ]);
  });

  test('the Reachability builder follows upstream semantics', () => {
    const t = new Reachability(['x/a', 'x/b', 'y/a'], true)
      .expectPeer({}, { namespace: 'x' }, false)
      .expect('x/b', 'x/a', true)
      .table();
    expect(t).toEqual({
      'x/a': { 'x/a': false, 'x/b': false, 'y/a': true },
      'x/b': { 'x/a': true, 'x/b': false, 'y/a': true },
      'y/a': { 'x/a': false, 'x/b': false, 'y/a': true },
    });
    expect(() => new Reachability(['x/a'], true).expect('x/a', 'q/q', true)).toThrow(/not in the model/);
  });
});

describe('cyclonus cases', () => {
  test.each(CYCLONUS_CASES.map((c) => [c.name, c] as const))(
    '%s: policies convert cleanly and validate',
    (_name, c) => {
      expect(c.port !== undefined || c.portName !== undefined).toBe(true);
      for (const doc of c.policies) {
        const { policy, problems } = kubernetesNetworkPolicyToCalico(doc);
        expect(problems.filter((p) => !/metadata\.namespace: not set/.test(p))).toEqual([]);
        expect(validateManifests([policy], { kubernetes: false })).toEqual([]);
      }
    },
  );
});
