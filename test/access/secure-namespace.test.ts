// SecureNamespace: the emitted objects, the refusals, and what its policies really allow (reachability engine).
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { lintNetworkManifests, lintPrivilegedNamespaces, NetworkModel } from '../../lib';
import { AccessRole, PodSecurityLevel, SecureNamespace, Subject } from '../../lib/access';
import { KubeNetworkPolicy, KubePeer, KubePort } from '../../lib/policy/kubernetes';
import { buildExample } from '../../examples/secure-namespace/main';
import { manifestsOf, namespace, pod } from './fixtures';

function chart(namespaceOfChart?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace: namespaceOfChart });
}

const find = (docs: any[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

describe('objects', () => {
  test('defaults: restricted PSA at latest in every mode, deny both ways, DNS, a ServiceAccount without token', () => {
    const c = chart('somewhere-else');
    new SecureNamespace(c, 'Dev');
    const docs = Testing.synth(c);
    const ns = find(docs, 'Namespace', 'dev');
    expect(ns.metadata.namespace).toBeUndefined();
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('latest');
    }
    expect(find(docs, 'NetworkPolicy', 'default-deny-ingress').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    expect(find(docs, 'NetworkPolicy', 'default-deny-egress').spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
    });
    const dns = find(docs, 'NetworkPolicy', 'allow-dns-egress');
    expect(dns.metadata.namespace).toBe('dev');
    expect(dns.spec.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    const sa = find(docs, 'ServiceAccount', 'workload');
    expect(sa.metadata.namespace).toBe('dev');
    expect(sa.automountServiceAccountToken).toBe(false);
    // Namespaced objects land in the namespace they protect, not the chart's.
    expect(docs.filter((d) => d.kind !== 'Namespace').every((d) => d.metadata.namespace === 'dev')).toBe(true);
  });

  test('levels and version are configurable; audit and warn follow enforce unless set', () => {
    const c = chart();
    new SecureNamespace(c, 'Ns', {
      name: 'legacy',
      podSecurity: { enforce: PodSecurityLevel.BASELINE, warn: PodSecurityLevel.RESTRICTED, version: 'v1.30' },
    });
    const labels = find(Testing.synth(c), 'Namespace', 'legacy').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/audit']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/warn-version']).toBe('v1.30');
  });

  test('privileged is refused unless asked for loudly, and then flagged', () => {
    expect(() => new SecureNamespace(chart(), 'Ns', { podSecurity: { enforce: PodSecurityLevel.PRIVILEGED } })).toThrow(
      /"privileged" for enforce, audit, warn lets pods take over their node.*dangerouslyAllowPrivilegedPods/,
    );
    expect(() => new SecureNamespace(chart(), 'Ns', { podSecurity: { audit: PodSecurityLevel.PRIVILEGED } })).toThrow(
      /for audit/,
    );
    const c = chart();
    new SecureNamespace(c, 'Ns', {
      name: 'system',
      podSecurity: { enforce: PodSecurityLevel.PRIVILEGED },
      dangerouslyAllowPrivilegedPods: true,
    });
    const ns = find(Testing.synth(c), 'Namespace', 'system');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ns.metadata.annotations).toEqual({ 'cdk8s-calico.io/acknowledged-risks': 'privileged-pods' });
    // Acknowledged, so the lint does not report it; the same Namespace written by hand is reported.
    expect(lintPrivilegedNamespaces([ns])).toEqual([]);
    expect(
      lintPrivilegedNamespaces([{ ...ns, metadata: { ...ns.metadata, annotations: undefined } }]).map((f) => f.rule),
    ).toEqual(['lint.namespace-privileged']);
    // The flag alone, with no privileged level, records nothing.
    const quiet = chart();
    new SecureNamespace(quiet, 'Ns', { name: 'quiet', dangerouslyAllowPrivilegedPods: true });
    expect(find(Testing.synth(quiet), 'Namespace', 'quiet').metadata.annotations).toBeUndefined();
  });

  test('bad names and versions, duplicate policies and bad peers throw at once', () => {
    expect(() => new SecureNamespace(chart(), 'Ns', { name: 'Dev_1' })).toThrow(
      /\[test\/Ns\] name: expected a namespace name: a DNS-1123 label, got the string "Dev_1".*did you mean "dev-1"/,
    );
    expect(() => new SecureNamespace(chart(), 'Ns', { podSecurity: { version: '1.30' } })).toThrow(
      /"latest" or "v1.N"/,
    );
    const ns = new SecureNamespace(chart(), 'Ns');
    ns.allowIngressFrom('web', KubePeer.namespaceNamed('web'));
    expect(() => ns.allowIngressFrom('web', KubePeer.namespaceNamed('other'))).toThrow(
      /"allow-ingress-web" already exists/,
    );
    expect(() => KubePeer.ipBlock('172.16.0.1/16')).toThrow(/host bits set.*172\.16\.0\.0\/16/);
    expect(() => KubePeer.ipBlock('172.16.0.0/16', ['10.0.0.0/8'])).toThrow(
      /\[KubePeer.ipBlock\] except\[0\]: "10.0.0.0\/8" is not a strict subset of "172.16.0.0\/16"/,
    );
    expect(() => KubePort.tcpRange(90, 80)).toThrow(/ends before it starts/);
    expect(() => KubePort.udp(0)).toThrow(/\[KubePort.udp\] port: expected an integer 1-65535, got 0; fix:/);
  });

  test('optional pieces can be switched off', () => {
    const c = chart();
    new SecureNamespace(c, 'Open', { defaultDenyIngress: false, defaultDenyEgress: false, allowDns: false });
    expect(
      Testing.synth(c)
        .map((d) => d.kind)
        .sort(),
    ).toEqual(['Namespace', 'ServiceAccount']);
  });

  test('the Kubernetes idiom: pod and namespace selectors, ipBlock with except, ports and ranges', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Shop');
    ns.allowIngressFrom(
      'monitoring',
      [
        KubePeer.podsInNamespaces({ app: 'prometheus' }, { team: 'observability' }),
        KubePeer.ipBlock('10.0.0.0/8', ['10.66.0.0/16']),
        KubePeer.pods({ role: 'frontend' }),
      ],
      {
        ports: [KubePort.tcp(9090), KubePort.tcpRange(9100, 9110), KubePort.udpRange(5000, 5000)],
        podLabels: { app: 'api' },
      },
    );
    ns.allowEgressTo('database', KubePeer.ipBlock('192.168.5.0/24'), { ports: [KubePort.tcp(5432)] });
    const docs = Testing.synth(c);
    expect(find(docs, 'NetworkPolicy', 'allow-ingress-monitoring').spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: { matchLabels: { app: 'prometheus' } },
              namespaceSelector: { matchLabels: { team: 'observability' } },
            },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.66.0.0/16'] } },
            { podSelector: { matchLabels: { role: 'frontend' } } },
          ],
          ports: [
            { protocol: 'TCP', port: 9090 },
            { protocol: 'TCP', port: 9100, endPort: 9110 },
            { protocol: 'UDP', port: 5000 },
          ],
        },
      ],
    });
    expect(find(docs, 'NetworkPolicy', 'allow-egress-database').spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '192.168.5.0/24' } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });
});

describe('what the handbook dev namespace allows (reachability engine)', () => {
  const app = Testing.app();
  buildExample(app);
  const cluster = [
    namespace('kube-system'),
    namespace('staging'),
    namespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
    pod('dev', 'web', '10.244.1.10', { app: 'web' }),
    pod('dev', 'api', '10.244.1.11', { app: 'api' }),
    pod('staging', 'client', '10.244.2.10', { app: 'client' }),
    pod('kube-system', 'coredns', '10.244.0.53', { 'k8s-app': 'kube-dns' }),
    pod('kube-system', 'metrics', '10.244.0.60', { 'k8s-app': 'metrics-server' }),
    pod('ingress-nginx', 'controller', '10.244.3.10', { app: 'controller' }),
  ];
  const model = NetworkModel.fromManifests([...manifestsOf(app), ...cluster]);

  test('a pod from another namespace is denied into dev', () => {
    const r = model.evaluate({ from: 'staging/client', to: 'dev/web', port: 8080 });
    expect(r.allowed).toBe(false);
    expect(r.reason).toMatch(/denied at destination-workload-ingress \(dev\/web\): end-of-tier deny/);
  });

  test('the ingress controller reaches web on 8080 only, and not the other pods', () => {
    expect(model.evaluate({ from: 'ingress-nginx/controller', to: 'dev/web', port: 8080 }).allowed).toBe(true);
    expect(model.evaluate({ from: 'ingress-nginx/controller', to: 'dev/web', port: 9090 }).allowed).toBe(false);
    expect(model.evaluate({ from: 'ingress-nginx/controller', to: 'dev/api', port: 8080 }).allowed).toBe(false);
  });

  test('pods inside dev do not reach each other either (default deny both ways)', () => {
    expect(model.evaluate({ from: 'dev/api', to: 'dev/web', port: 8080 }).allowed).toBe(false);
  });

  test('DNS egress to kube-dns works over UDP and TCP; nothing else leaves', () => {
    const udp = model.evaluate({ from: 'dev/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    expect(udp.allowed).toBe(true);
    expect(udp.reason).toMatch(/Allow by rule 1 of NetworkPolicy dev\/knp\.default\.allow-dns-egress/);
    expect(model.evaluate({ from: 'dev/web', to: 'kube-system/coredns', port: 53, protocol: 'TCP' }).allowed).toBe(
      true,
    );
    expect(model.evaluate({ from: 'dev/web', to: 'kube-system/metrics', port: 53, protocol: 'UDP' }).allowed).toBe(
      false,
    );
    expect(model.evaluate({ from: 'dev/web', to: 'kube-system/coredns', port: 443 }).allowed).toBe(false);
    expect(model.evaluate({ from: 'dev/web', to: 'staging/client', port: 80 }).allowed).toBe(false);
    expect(model.evaluate({ from: 'dev/web', to: '8.8.8.8', port: 53, protocol: 'UDP' }).allowed).toBe(false);
  });

  test('without the DNS policy, name lookups break', () => {
    const c = chart();
    new SecureNamespace(c, 'Dev', { allowDns: false });
    const m = NetworkModel.fromManifests([...Testing.synth(c), ...cluster]);
    const r = m.evaluate({ from: 'dev/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    expect(r.allowed).toBe(false);
    expect(r.reason).toMatch(/denied at source-workload-egress \(dev\/web\)/);
  });
});

describe('KubeNetworkPolicy', () => {
  test('a policy that isolates nothing fails synth instead of silently becoming an ingress deny-all', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new KubeNetworkPolicy(c, 'Empty', { name: 'empty', namespace: 'dev' });
    expect(() => app.synth()).toThrow(/NetworkPolicy dev\/empty has no rules and isolates nothing/);
    expect(() => new KubeNetworkPolicy(chart(), 'Bad', { name: 'Deny_All', namespace: 'dev' })).toThrow(
      /\[test\/Bad\] name: expected a NetworkPolicy name: a DNS-1123 subdomain.*did you mean "deny-all"/,
    );
    expect(() => new KubeNetworkPolicy(chart(), 'Bad', { name: 'deny', namespace: 'Dev' })).toThrow(
      /\[test\/Bad\] namespace: expected a namespace name: a DNS-1123 label, got the string "Dev"/,
    );
  });

  test('rules added after construction are emitted; the example passes the lint', () => {
    const c = chart();
    const p = new KubeNetworkPolicy(c, 'P', { name: 'late', namespace: 'dev', podLabels: { app: 'db' } });
    p.addIngress([KubePeer.pods({ app: 'api' })], [KubePort.tcp(5432)]);
    expect(Testing.synth(c)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    const app = Testing.app();
    buildExample(app);
    expect(lintNetworkManifests(manifestsOf(app))).toEqual([]);
  });
});

describe('SecureNamespace.grant', () => {
  test('binds the role in this namespace only, after the namespace, and refuses a second binding of the same name', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Team', { name: 'team' });
    const role = AccessRole.podsViewer(c, 'Viewer');
    ns.grant(role, Subject.user('li'));
    const docs = Testing.synth(c);
    const kinds = docs.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(kinds.indexOf('RoleBinding/pods-viewer-user-li')).toBeGreaterThan(kinds.indexOf('Namespace/team'));
    expect(docs.find((d) => d.kind === 'RoleBinding').metadata).toEqual({
      name: 'pods-viewer-user-li',
      namespace: 'team',
    });
    expect(() => ns.grant(role, Subject.user('li'))).toThrow(/binding "pods-viewer-user-li" in team exists already/);
  });
});

describe('SecureNamespace checks Pod Security at synth', () => {
  const deployment = (c: Chart, ns: string, hardened: boolean) =>
    new kplus.Deployment(c, `Web-${ns}-${hardened}`, {
      metadata: { namespace: ns },
      containers: [
        {
          image: 'nginx',
          portNumber: 8080,
          securityContext: hardened
            ? { ensureNonRoot: true, allowPrivilegeEscalation: false, user: 1000 }
            : { privileged: true, ensureNonRoot: false },
        },
      ],
      securityContext: hardened ? { ensureNonRoot: true } : undefined,
    });

  test('a privileged workload in a restricted namespace fails synth, naming the workload, field and check', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new SecureNamespace(c, 'Dev', { name: 'dev' });
    deployment(c, 'dev', false);
    expect(() => app.synth()).toThrow(
      /Deployment\/c-web-dev-false-.*spec\.template\.spec\.containers\[0\]\.securityContext\.privileged.*\[psa\.privileged\]/s,
    );
  });

  test("the same workload elsewhere, or with the check off, is not this namespace's business", () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new SecureNamespace(c, 'Dev', { name: 'dev' });
    new SecureNamespace(c, 'Lab', { name: 'lab', checkPodSecurityAtSynth: false });
    deployment(c, 'other', false);
    deployment(c, 'lab', false);
    expect(() => app.synth()).not.toThrow();
  });
});
