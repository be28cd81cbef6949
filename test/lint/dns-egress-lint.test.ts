// lint.dns-egress-blocked: cyclonus's CheckDNSBlockedOnUDP (mattfenwick/cyclonus pkg/linter/checks.go, which asks
// whether each egress target allows UDP 53 to an outside address), made Calico-aware: tiers, Pass, order, and, with
// pods and kube-dns in the manifests, proven pod by pod with the reachability engine.
import { lintDnsEgress, lintManifests } from '../../lib/lint';
import { allowDns, denyAll, gnp, hep, hits, knp, namespace, node, np, pod, tier } from './fixtures';

const RULE = 'lint.dns-egress-blocked';
const dns = (docs: any[]) => hits(lintManifests(docs), RULE);

describe('static check (no pods with IPs, or no kube-dns)', () => {
  test('egress deny-all without a DNS allowance is an error on the isolating policy; with it, nothing', () => {
    const found = lintManifests([namespace('shop'), denyAll('shop', ['Egress'])]).filter((f) => f.rule === RULE);
    expect(found.map((f) => `${f.severity} ${f.kind}/${f.namespace}/${f.name} ${f.path}`)).toEqual([
      'error NetworkPolicy/shop/default-deny-egress spec.egress',
    ]);
    expect(found[0].message).toMatch(
      /isolates egress of pods in namespace shop.*no egress rule of a policy applying there allows UDP 53.*; fix: allow egress to kube-dns on UDP and TCP 53/,
    );
    expect(dns([namespace('shop'), denyAll('shop', ['Egress']), allowDns('shop')])).toEqual([]);
  });

  test('port 53 without protocol means TCP only, so DNS over UDP stays blocked', () => {
    const docs = [denyAll('shop', ['Egress']), allowDns('shop', [{ port: 53 }])];
    expect(dns(docs)).toEqual(['NetworkPolicy/shop/default-deny-egress spec.egress']);
    expect(hits(lintManifests(docs), 'lint.k8s-port-protocol-missing')).toEqual([
      'NetworkPolicy/shop/allow-dns spec.egress[0].ports[0]',
    ]);
  });

  test('an allowance in another namespace does not help; each isolated namespace is reported once', () => {
    const docs = [
      denyAll('shop', ['Egress']),
      denyAll('shop', ['Egress'], 'second'),
      allowDns('billing'),
      denyAll('billing', ['Egress']),
    ];
    const found = lintManifests(docs).filter((f) => f.rule === RULE);
    expect(found.map((f) => `${f.namespace}/${f.name}`)).toEqual(['shop/default-deny-egress']);
    expect(found[0].message).toContain('(so do Kubernetes NetworkPolicy shop/second)');
  });

  test('egress-only policies without DNS isolate too; an allow-all egress rule or a named port counts as allowing', () => {
    const toDb = knp('shop', 'web-to-db', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    expect(dns([toDb])).toEqual(['NetworkPolicy/shop/web-to-db spec.egress']);
    const allowAll = knp('shop', 'open', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] });
    expect(dns([toDb, allowAll])).toEqual([]);
    const named = np('shop', 'named', {
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: ['dns'] } }],
    });
    expect(dns([toDb, named])).toEqual([]);
  });

  test('rules that cannot match UDP 53 do not count: other protocol, other ports, notPorts, notProtocol, ICMP', () => {
    const base = np('shop', 'iso', { selector: 'all()', types: ['Egress'] });
    for (const rule of [
      { action: 'Allow', protocol: 'TCP', destination: { ports: [53] } },
      { action: 'Allow', protocol: 'UDP', destination: { ports: ['1:52', 54] } },
      { action: 'Allow', protocol: 'UDP', destination: { notPorts: [53] } },
      { action: 'Allow', notProtocol: 'UDP' },
      { action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } },
      { action: 'Deny', protocol: 'UDP', destination: { ports: [53] } },
    ]) {
      expect(dns([base, np('shop', 'allow', { selector: 'all()', types: ['Egress'], egress: [rule] })])).toEqual([
        'NetworkPolicy/shop/iso spec.egress',
      ]);
    }
    for (const rule of [
      { action: 'Allow', protocol: 'UDP', destination: { ports: ['50:60'] } },
      { action: 'Allow', protocol: 17, destination: { ports: [53] } },
      { action: 'Pass', protocol: 'UDP', destination: { ports: [53] } },
      { action: 'Allow', destination: { nets: ['10.96.0.10/32'] } },
    ]) {
      expect(dns([base, np('shop', 'allow', { selector: 'all()', types: ['Egress'], egress: [rule] })])).toEqual([]);
    }
  });

  test('GlobalNetworkPolicies: isolate every namespace they cover; namespaceSelector scopes both isolation and allowance', () => {
    const global = gnp('egress-deny', { selector: 'all()', types: ['Egress'] });
    expect(dns([namespace('a'), namespace('b'), global])).toEqual([
      'GlobalNetworkPolicy/egress-deny spec.egress',
      'GlobalNetworkPolicy/egress-deny spec.egress',
    ]);
    const allowA = gnp('dns-a', {
      namespaceSelector: "kubernetes.io/metadata.name == 'a'",
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
    });
    const found = lintManifests([namespace('a'), namespace('b'), global, allowA]).filter((f) => f.rule === RULE);
    expect(found.map((f) => f.message.match(/namespace (\w+)/)![1])).toEqual(['b']);
    const onlyTeam = gnp('team', { namespaceSelector: "team == 'x'", types: ['Egress'] });
    expect(dns([namespace('a'), namespace('b', { team: 'x' }), onlyTeam]).length).toBe(1);
  });

  test('no isolation where nothing drops: Pass tiers, staged policies, preDNAT, ingress-only policies', () => {
    const passTier = np('shop', 'p', { tier: 'audit', selector: 'all()', types: ['Egress'] });
    expect(dns([tier('audit', 100, 'Pass'), passTier])).toEqual([]);
    expect(
      dns([
        { ...denyAll('shop', ['Egress']), apiVersion: 'projectcalico.org/v3', kind: 'StagedKubernetesNetworkPolicy' },
      ]),
    ).toEqual([]);
    expect(dns([denyAll('shop', ['Ingress'])])).toEqual([]);
    expect(
      dns([gnp('pre', { selector: 'has(host)', preDNAT: true, applyOnForward: true, types: ['Ingress'] })]),
    ).toEqual([]);
    // An explicit Deny in a Pass tier denies something but isolates nothing: no end-of-tier drop.
    expect(
      dns([
        tier('audit', 100, 'Pass'),
        np('shop', 'q', {
          tier: 'audit',
          selector: 'all()',
          types: ['Egress'],
          egress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [25] } }],
        }),
      ]),
    ).toEqual([]);
  });
});

describe('engine check (pods with IPs and kube-dns in the manifests)', () => {
  const state = [
    namespace('shop'),
    namespace('kube-system'),
    pod('shop', 'web', { ip: '10.244.0.10', labels: { app: 'web' } }),
    pod('shop', 'api', { ip: '10.244.0.11', labels: { app: 'api' } }),
    pod('kube-system', 'coredns-1', { ip: '10.244.0.53', labels: { 'k8s-app': 'kube-dns' } }),
  ];

  test('an end-of-tier drop is attributed to the first policy of the tier selecting the pod, one finding per namespace', () => {
    const found = lintDnsEgress([...state, denyAll('shop', ['Egress'])]);
    expect(found.map((f) => `${f.kind}/${f.namespace}/${f.name} ${f.path}`)).toEqual([
      'NetworkPolicy/shop/default-deny-egress spec.egress',
    ]);
    expect(found[0].message).toMatch(
      /^2 pod\(s\) of namespace shop \(shop\/api, shop\/web\) cannot reach kube-dns on UDP 53.*egress policy of source pod shop\/\w+.*end-of-tier deny in tier default; fix: allow egress to kube-dns/,
    );
    expect(lintDnsEgress([...state, denyAll('shop', ['Egress']), allowDns('shop')])).toEqual([]);
  });

  test('a DNS allowance for some pods only leaves the others reported', () => {
    const webOnly = knp('shop', 'web-dns', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    const found = lintDnsEgress([...state, denyAll('shop', ['Egress']), webOnly]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^1 pod\(s\) of namespace shop \(shop\/api\)/);
  });

  test('a Calico Deny ordered before the Kubernetes allowance decides, and is named', () => {
    const block = np('shop', 'block-dns', {
      order: 10,
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Deny', protocol: 'UDP', destination: { ports: [53] } }],
    });
    const found = lintDnsEgress([...state, denyAll('shop', ['Egress']), allowDns('shop'), block]);
    expect(found.map((f) => `${f.kind}/${f.namespace}/${f.name} ${f.path}`)).toEqual([
      'NetworkPolicy/shop/block-dns spec.egress',
    ]);
    expect(found[0].message).toContain('Deny by rule 0 of NetworkPolicy shop/block-dns');
  });

  test('kube-dns refusing ingress is reported on its policy, with the matching fix', () => {
    const found = lintDnsEgress([...state, denyAll('kube-system', ['Ingress'])]);
    expect(found.map((f) => `${f.namespace}/${f.name} ${f.path}`)).toEqual([
      'kube-system/default-deny-ingress spec.ingress',
    ]);
    expect(found[0].message).toMatch(
      /ingress policy of destination pod kube-system\/coredns-1.*; fix: let the kube-dns pods \(kube-system\/coredns-1\) accept UDP and TCP 53/,
    );
  });

  test('a host endpoint applyOnForward policy dropping forwarded DNS is named, on its egress rules', () => {
    const crossNode = [
      namespace('shop'),
      namespace('kube-system'),
      node('node-a', '10.0.0.1'),
      node('node-b', '10.0.0.2'),
      pod('shop', 'web', { ip: '10.244.1.10', node: 'node-a' }),
      pod('kube-system', 'coredns-1', { ip: '10.244.2.53', node: 'node-b', labels: { 'k8s-app': 'kube-dns' } }),
      hep('node-a-eth0', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: 'a' }),
      hep('node-b-eth0', { node: 'node-b', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'] }, { host: 'b' }),
      gnp('hosts-allow', {
        selector: 'has(host)',
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow' }],
        egress: [{ action: 'Allow' }],
      }),
    ];
    expect(lintDnsEgress(crossNode)).toEqual([]);
    const tcpOnly = gnp('forward-tcp-only', {
      selector: "host == 'a'",
      applyOnForward: true,
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'TCP' }],
    });
    const found = lintDnsEgress([...crossNode, tcpOnly]);
    expect(found.map((f) => `${f.kind}/${f.name} ${f.path}`)).toEqual([
      'GlobalNetworkPolicy/forward-tcp-only spec.egress',
    ]);
    expect(found[0].message).toMatch(
      /applyOnForward egress on host endpoint hep:node-a-eth0.*end-of-tier deny in tier default; fix: allow UDP and TCP 53 between these pods and kube-dns in the host endpoint policy/,
    );
  });

  test('namespaces without evaluable pods still get the static check; evaluated ones are not reported twice', () => {
    const found = lintDnsEgress([
      ...state,
      denyAll('shop', ['Egress']),
      denyAll('empty', ['Egress']),
      pod('empty', 'no-ip'),
    ]);
    expect(found.map((f) => `${f.namespace}/${f.name}`)).toEqual([
      'shop/default-deny-egress',
      'empty/default-deny-egress',
    ]);
    expect(found[1].message).toMatch(/isolates egress of pods in namespace empty/);
  });
});
