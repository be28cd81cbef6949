// toBeAdmittedByPodSecurity / toBeRejectedByPodSecurity: each pod template against its namespace's
// pod-security.kubernetes.io labels, the Namespace taken from the manifests or from the cluster state (as the traffic
// matchers take it).
import { podSecurityMatchers, PodSecurityAdmissionMatcherOptions } from '../../../lib/analysis/pod-security';

expect.extend(podSecurityMatchers);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeAdmittedByPodSecurity(options?: PodSecurityAdmissionMatcherOptions): R;
      toBeRejectedByPodSecurity(options?: PodSecurityAdmissionMatcherOptions): R;
    }
  }
}

const namespace = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const restrictedDev = namespace('dev', {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
});
const pod = (
  name: string,
  ns: string,
  securityContext: Record<string, unknown>,
  podContext: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { securityContext: podContext, containers: [{ name: 'nginx', image: 'nginx', securityContext }] },
});
// docs/scenarios.md#004's bad-pod (privileged: true) and a pod that meets restricted.
const badPod = pod('bad-pod', 'dev', { privileged: true });
const goodPod = pod(
  'good',
  'dev',
  { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
);

test('the namespace labels come from the cluster state when the manifests do not define the namespace', () => {
  const cluster = [restrictedDev];
  expect(badPod).toBeRejectedByPodSecurity({ cluster });
  expect(goodPod).toBeAdmittedByPodSecurity({ cluster });
  // without the cluster state dev has no labels: privileged, everything admitted (Pod Security Admission's default)
  expect(badPod).toBeAdmittedByPodSecurity();
  // a kubectl List is read too
  expect([badPod]).toBeRejectedByPodSecurity({ cluster: [{ apiVersion: 'v1', kind: 'List', items: cluster }] });
});

test("the manifests' own Namespace replaces the cluster's (applying it relabels the namespace)", () => {
  const relaxed = namespace('dev', { 'pod-security.kubernetes.io/enforce': 'privileged' });
  expect([relaxed, badPod]).toBeAdmittedByPodSecurity({ cluster: [restrictedDev] });
  expect([restrictedDev, badPod]).toBeRejectedByPodSecurity({ cluster: [relaxed] });
});

test('mode picks the label: warn and audit can differ from enforce', () => {
  const warnOnly = namespace('dev', { 'pod-security.kubernetes.io/warn': 'baseline' });
  expect(badPod).toBeAdmittedByPodSecurity({ cluster: [warnOnly] });
  expect(badPod).toBeRejectedByPodSecurity({ cluster: [warnOnly], mode: 'warn' });
});

test('every pod template must match; a failure names each workload, its namespace and policy, and its violations', () => {
  const both = [badPod, goodPod];
  const admitted = podSecurityMatchers.toBeAdmittedByPodSecurity(both, { cluster: [restrictedDev] });
  expect(admitted.pass).toBe(false);
  expect(admitted.message()).toMatch(
    /^expected every pod template to be admitted by Pod Security \(enforce labels\), but 1 of 2 are not:\n  Pod dev\/bad-pod: \d+ violation\(s\)\n    privileged at spec.containers\[0\].securityContext.privileged: .*\(namespace dev, enforce restricted:latest\)$/s,
  );
  expect(podSecurityMatchers.toBeRejectedByPodSecurity(both, { cluster: [restrictedDev] }).pass).toBe(false);
});

test('bad arguments are refused naming the matcher and the field', () => {
  expect(() => podSecurityMatchers.toBeAdmittedByPodSecurity(badPod, { cluster: restrictedDev as any })).toThrow(
    /^\[toBeAdmittedByPodSecurity\] options.cluster: expected/,
  );
  expect(() => podSecurityMatchers.toBeRejectedByPodSecurity(badPod, { mode: 'Enforce' as any })).toThrow(
    /^\[toBeRejectedByPodSecurity\] options.mode: .*did you mean "enforce"/,
  );
  expect(() => podSecurityMatchers.toBeAdmittedByPodSecurity(badPod, { clusters: [] } as any)).toThrow(
    /options.clusters: .*did you mean "cluster"/,
  );
  expect(() => podSecurityMatchers.toBeAdmittedByPodSecurity([restrictedDev])).toThrow(
    /^toBeAdmittedByPodSecurity: no pod template found/,
  );
});
