// toPassPodSecurity over a workload object, an array of manifests, a Chart and an App.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { podSecurityMatchers } from '../../../lib/analysis/pod-security';
import { PodSecurityCheckOptions } from '../../../lib/analysis/pod-security/check-pod-security';

expect.extend(podSecurityMatchers);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassPodSecurity(level: string, options?: PodSecurityCheckOptions): R;
    }
  }
}

const container = (securityContext: Record<string, unknown>) => ({ name: 'app', image: 'x', securityContext });
const restrictedSpec = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [container({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } })],
};
const deployment = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
});

function chart(app: App, id: string, ...deployments: any[]): Chart {
  const c = new Chart(app, id);
  deployments.forEach((d, i) => new ApiObject(c, `d${i}`, d));
  return c;
}

test('a single workload object', () => {
  expect(deployment('ok', restrictedSpec)).toPassPodSecurity('restricted');
  const escalating = deployment('esc', {
    ...restrictedSpec,
    containers: [container({ capabilities: { drop: ['ALL'] } })],
  });
  expect(escalating).not.toPassPodSecurity('restricted');
  expect(escalating).toPassPodSecurity('baseline');
  expect(escalating).toPassPodSecurity('restricted', { version: 'v1.7' }); // allowPrivilegeEscalation exists from v1.8
});

test('a Chart, an App and an array of manifests: every pod template must pass', () => {
  const app = Testing.app();
  const good = chart(app, 'good', deployment('a', restrictedSpec), deployment('b', restrictedSpec));
  const bad = chart(app, 'bad', deployment('c', restrictedSpec), deployment('d', { ...restrictedSpec, hostPID: true }));
  expect(good).toPassPodSecurity('restricted');
  expect(bad).not.toPassPodSecurity('restricted');
  expect(app).not.toPassPodSecurity('baseline');
  expect(good.toJson()).toPassPodSecurity('restricted', { version: 'v1.30' });
});

test('a failure names every violating workload, check and field path', () => {
  const docs = [
    deployment('ok', restrictedSpec),
    deployment('root', {
      ...restrictedSpec,
      securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    }),
  ];
  const r = podSecurityMatchers.toPassPodSecurity(docs, 'restricted');
  expect(r.pass).toBe(false);
  const msg = r.message();
  expect(msg).toContain('expected every pod template to pass Pod Security "restricted:latest", but 1 of 2 violate it');
  expect(msg).toContain('Deployment shop/root: 2 violation(s)');
  expect(msg).toContain(
    'runAsNonRoot at spec.template.spec.securityContext.runAsNonRoot: pod or container "app" must set securityContext.runAsNonRoot=true',
  );
  expect(msg).toContain('runAsUser at spec.template.spec.securityContext.runAsUser: pod must not set runAsUser=0');
  expect(msg).not.toContain('shop/ok');
  const ok = podSecurityMatchers.toPassPodSecurity([docs[0]], 'restricted');
  expect(ok.pass).toBe(true);
  expect(ok.message()).toContain(
    'expected a violation of Pod Security "restricted:latest", but all 1 pod template(s) are allowed',
  );
});

test('nothing to check, or a bad level: an Error, not a silent pass', () => {
  expect(() =>
    podSecurityMatchers.toPassPodSecurity(
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }],
      'restricted',
    ),
  ).toThrow(/no pod template found .*; fix: /);
  expect(() =>
    podSecurityMatchers.toPassPodSecurity({ kind: 'Service', metadata: { name: 's' } }, 'restricted'),
  ).toThrow(/Service\/s has no pod template/);
  expect(() => podSecurityMatchers.toPassPodSecurity(deployment('x', restrictedSpec), 'strict')).toThrow(
    /not a level; fix:/,
  );
});
