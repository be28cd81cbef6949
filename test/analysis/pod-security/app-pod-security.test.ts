// podSecurityProblems / evaluateAppPodSecurity over whole apps: each workload against its namespace's labels.
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { SecureNamespace } from '../../../lib/access';
import {
  evaluateAppPodSecurity,
  namespacePodSecurityPolicy,
  podSecurityProblems,
} from '../../../lib/analysis/pod-security';

const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const psa = (enforce: string, extra: Record<string, string> = {}) => ({
  'pod-security.kubernetes.io/enforce': enforce,
  ...extra,
});

/** A container that passes restricted. */
const hardened = {
  name: 'app',
  image: 'registry.example/app:1',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};
const hardenedPodSecurity = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

function deployment(namespace: string | undefined, name: string, podSpec: Record<string, unknown>): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec },
    },
  };
}

describe('a synthesized app: a restricted namespace and a Deployment that violates it', () => {
  function app(): any[] {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    new SecureNamespace(chart, 'Shop', { name: 'shop', checkPodSecurityAtSynth: false }); // enforce restricted:latest
    new ApiObject(
      chart,
      'ok',
      deployment('shop', 'ok', { securityContext: hardenedPodSecurity, containers: [hardened] }),
    );
    new ApiObject(
      chart,
      'root',
      deployment('shop', 'root', {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [hardened],
      }),
    );
    return Testing.synth(chart);
  }

  test('one problem per offending field, rule psa.<checkId>, path in the workload, upstream policy named', () => {
    const problems = podSecurityProblems(app());
    expect(problems).toEqual([
      {
        kind: 'Deployment',
        name: 'root',
        namespace: 'shop',
        path: 'spec.template.spec.securityContext.runAsNonRoot',
        rule: 'psa.runAsNonRoot',
        message:
          'violates Pod Security "restricted:latest" (check runAsNonRoot): pod or container "app" must set securityContext.runAsNonRoot=true; ' +
          'fix: set spec.securityContext.runAsNonRoot: true (or on every container) and run the image as a non-zero UID',
      },
    ]);
  });

  test('a cdk8s-plus Deployment with its defaults misses seccomp and drop ALL under restricted', () => {
    const chart = new Chart(Testing.app(), 'plus', { namespace: 'shop' });
    new SecureNamespace(chart, 'Shop', { name: 'shop', checkPodSecurityAtSynth: false });
    new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
    const problems = podSecurityProblems(Testing.synth(chart));
    expect(problems.map((p) => `${p.rule} ${p.path}`)).toEqual([
      'psa.capabilities_restricted spec.template.spec.containers[0].securityContext.capabilities.drop',
      'psa.seccompProfile_restricted spec.template.spec.securityContext.seccompProfile.type',
    ]);
  });
});

describe('namespace labels decide', () => {
  const privilegedPod = { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] };

  test('no Namespace object, or no enforce label: privileged, nothing to report', () => {
    expect(podSecurityProblems([deployment('ghost', 'd', privilegedPod)])).toEqual([]);
    expect(podSecurityProblems([ns('open'), deployment('open', 'd', privilegedPod)])).toEqual([]);
    const all = evaluateAppPodSecurity([ns('open'), deployment('open', 'd', privilegedPod)]);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      kind: 'Deployment',
      name: 'd',
      namespace: 'open',
      policy: 'privileged:latest',
      result: { allowed: true },
    });
  });

  test('workloads without a namespace are in default; each kind with a template is checked', () => {
    const docs = [
      ns('default', psa('baseline')),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: privilegedPod },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj' },
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: privilegedPod } } } },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
    ];
    expect(podSecurityProblems(docs).map((p) => `${p.kind}/${p.name} ${p.namespace} ${p.rule} ${p.path}`)).toEqual([
      'Pod/p default psa.privileged spec.containers[0].securityContext.privileged',
      'CronJob/cj default psa.privileged spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
    ]);
  });

  test('the enforce version is honoured', () => {
    const docs = [
      ns('old', psa('restricted', { 'pod-security.kubernetes.io/enforce-version': 'v1.22' })),
      deployment('old', 'd', { securityContext: { ...hardenedPodSecurity, runAsUser: 0 }, containers: [hardened] }),
    ];
    expect(podSecurityProblems(docs)).toEqual([]); // runAsUser exists from v1.23
    const latest = [
      ns('new', psa('restricted')),
      deployment('new', 'd', { securityContext: { ...hardenedPodSecurity, runAsUser: 0 }, containers: [hardened] }),
    ];
    expect(podSecurityProblems(latest).map((p) => p.rule)).toEqual(['psa.runAsUser']);
  });

  test('warn and audit are a separate list (mode), marked as such', () => {
    const docs = [
      ns('mixed', psa('baseline', { 'pod-security.kubernetes.io/warn': 'restricted' })),
      deployment('mixed', 'd', { containers: [{ name: 'c', image: 'x' }] }),
    ];
    expect(podSecurityProblems(docs)).toEqual([]);
    const warnings = podSecurityProblems(docs, { mode: 'warn' });
    expect(warnings.map((p) => p.rule)).toEqual([
      'psa.allowPrivilegeEscalation',
      'psa.capabilities_restricted',
      'psa.runAsNonRoot',
      'psa.seccompProfile_restricted',
    ]);
    expect(warnings[0].message).toMatch(
      /^violates Pod Security "restricted:latest" in warn mode \(check allowPrivilegeEscalation\)/,
    );
    expect(podSecurityProblems(docs, { mode: 'audit' })).toEqual([]);
  });

  test('a bad enforce label is reported on the Namespace and fails closed to restricted, as the API server does', () => {
    const docs = [
      ns('typo', psa('strict', { 'pod-security.kubernetes.io/enforce-version': '1.30' })),
      deployment('typo', 'd', { containers: [hardened] }),
    ];
    const problems = podSecurityProblems(docs);
    expect(problems.filter((p) => p.kind === 'Namespace').map((p) => `${p.rule} ${p.path}`)).toEqual([
      'psa.invalid-label metadata.labels[pod-security.kubernetes.io/enforce]',
      'psa.invalid-label metadata.labels[pod-security.kubernetes.io/enforce-version]',
    ]);
    expect(problems.find((p) => p.kind === 'Namespace')?.message).toMatch(
      /"strict" is not a Pod Security level, so the API server evaluates "restricted"; fix: /,
    );
    expect(problems.filter((p) => p.kind === 'Deployment').map((p) => p.rule)).toEqual([
      'psa.runAsNonRoot',
      'psa.seccompProfile_restricted',
    ]);
    // Upstream: a bad warn or audit level fails open.
    expect(namespacePodSecurityPolicy({ 'pod-security.kubernetes.io/warn': 'nope' }).warn.level).toBe('privileged');
  });

  test('a level option checks every workload against it, whatever the labels', () => {
    const docs = [ns('open'), deployment('open', 'd', { hostNetwork: true, containers: [{ name: 'c', image: 'x' }] })];
    expect(podSecurityProblems(docs, { level: 'baseline' }).map((p) => p.message)).toEqual([
      'violates Pod Security "baseline:latest" (check hostNamespaces): pod must not set hostNetwork=true; fix: remove spec.hostNetwork (the pod would share the node\'s network namespace)',
    ]);
    expect(() => podSecurityProblems(docs, { level: 'baseline', version: 'v2' })).toThrow(
      /version "v2" is invalid; fix:/,
    );
  });

  test('kubectl List dumps are flattened', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        ns('x', psa('baseline')),
        deployment('x', 'd', { hostPID: true, containers: [{ name: 'c', image: 'x' }] }),
      ],
    };
    expect(podSecurityProblems([list]).map((p) => p.rule)).toEqual(['psa.hostNamespaces']);
  });
});
