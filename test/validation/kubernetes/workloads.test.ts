// Pod specs and workload templates: valid variants pass, invalid ones are reported at the template's path.
import { container, cronJob, deployment, job, meta, pod, podWith, templateWith } from './fixtures';
import { k8sProblems, problemPaths } from './helpers';

describe('valid pods and workloads pass', () => {
  test.each([
    [
      'hostNetwork with hostPort = containerPort',
      podWith({ ports: [{ containerPort: 8080, hostPort: 8080 }] }, { hostNetwork: true }),
    ],
    [
      'init and app containers with their own names',
      pod({ initContainers: [container({ name: 'init' })], containers: [container()] }),
    ],
    [
      'volumes mounted by name',
      pod({
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/d' }] })],
      }),
    ],
    [
      'named ports, UDP and TCP on one hostPort',
      podWith({
        ports: [
          { containerPort: 53, hostPort: 53, protocol: 'UDP', name: 'dns' },
          { containerPort: 53, hostPort: 53, protocol: 'TCP', name: 'dns-tcp' },
        ],
      }),
    ],
    ['a generateName prefix ending in a dash', pod({}, { generateName: 'web-', namespace: 'shop' })],
    [
      'a Deployment selected by matchExpressions',
      deployment({
        selector: {
          matchExpressions: [
            { key: 'app', operator: 'In', values: ['web', 'api'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
      }),
    ],
    [
      'a Deployment with 0 replicas and restartPolicy Always',
      deployment({ replicas: 0, template: templateWith({ restartPolicy: 'Always' }) }),
    ],
    ['a Job with restartPolicy OnFailure', job({ restartPolicy: 'OnFailure' })],
    ['a CronJob named with 52 characters', cronJob(undefined, meta('a'.repeat(52), 'shop'))],
  ])('%s', (_name, doc) => {
    expect(problemPaths(doc)).toEqual([]);
  });
});

describe('invalid pods and workloads', () => {
  test('every container problem of a Deployment is reported under spec.template.spec', () => {
    const doc = deployment({
      template: templateWith({
        containers: [container({ name: 'App', ports: [{ containerPort: 70000, name: 'HTTP' }] })],
      }),
    });
    expect(k8sProblems(doc).map((p) => p.slice(0, p.indexOf(': ')))).toEqual([
      'spec.template.spec.containers[0].name',
      'spec.template.spec.containers[0].ports[0].containerPort',
      'spec.template.spec.containers[0].ports[0].name', // only lowercase alphanumerics and '-'
      'spec.template.spec.containers[0].ports[0].name', // at least one letter a-z
    ]);
  });
  test('a NotIn selector excluding the template labels does not match', () => {
    const doc = deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } });
    expect(k8sProblems(doc)).toEqual([
      expect.stringMatching(
        /^spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`; fix: /,
      ),
    ]);
  });
});
