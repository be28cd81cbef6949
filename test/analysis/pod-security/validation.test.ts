// addPodSecurityValidation: synthesis fails when a pod template violates its namespace's enforce level, even when
// the Namespace lives in another chart.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { SecureNamespace } from '../../../lib/access';
import { addPodSecurityValidation, podSecurityValidationErrors } from '../../../lib/analysis/pod-security';

const hardened = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    { name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
  ],
};

function deployment(chart: Chart, name: string, spec: Record<string, unknown>): ApiObject {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  });
}

function setup() {
  const app = Testing.app();
  const platform = new Chart(app, 'platform');
  new SecureNamespace(platform, 'Shop', { name: 'shop' });
  const workloads = new Chart(app, 'workloads', { namespace: 'shop' });
  deployment(workloads, 'web', hardened);
  return { app, platform, workloads };
}

test('a compliant app synthesizes', () => {
  const { app, workloads } = setup();
  addPodSecurityValidation(app);
  expect(Testing.synth(workloads)).toHaveLength(1);
});

test('a violation fails synthesis under the construct that asked, naming workload, field, check and fix', () => {
  const { workloads } = setup();
  deployment(workloads, 'root', {
    ...hardened,
    hostPID: true,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  });
  addPodSecurityValidation(workloads);
  expect(podSecurityValidationErrors(workloads)).toEqual([
    'Deployment/root: spec.template.spec.hostPID: violates Pod Security "restricted:latest" (check hostNamespaces): pod must not set hostPID=true; ' +
      "fix: remove spec.hostPID (the pod would share the node's PID namespace) [psa.hostNamespaces]",
    'Deployment/root: spec.template.spec.securityContext.runAsNonRoot: violates Pod Security "restricted:latest" (check runAsNonRoot): ' +
      'pod or container "app" must set securityContext.runAsNonRoot=true; fix: set spec.securityContext.runAsNonRoot: true (or on every container) ' +
      'and run the image as a non-zero UID [psa.runAsNonRoot]',
  ]);
  expect(() => Testing.synth(workloads)).toThrow(
    /\[workloads\] Deployment\/root: spec\.template\.spec\.hostPID: violates Pod Security "restricted:latest"/,
  );
});

test('a level option applies one level to the scope; the namespace chart alone has nothing to report', () => {
  const { platform, workloads } = setup();
  deployment(workloads, 'net', { ...hardened, hostNetwork: true });
  expect(podSecurityValidationErrors(platform)).toEqual([]);
  expect(podSecurityValidationErrors(workloads, { level: 'baseline' }).map((e) => e.replace(/:.*\[/, ' ['))).toEqual([
    'Deployment/net [psa.hostNamespaces]',
  ]);
});
