// lint.forwarded-traffic-unpoliced (Calico docs "Apply on forwarded traffic"; issues 873 and 4171) and
// lint.donottrack-wildcard-hep (Felix ignores doNotTrack on "*" host endpoints, felix/dataplane/linux/endpoint_mgr.go).
import { lintDoNotTrackOnWildcard, lintForwardedTraffic, lintManifests } from '../../lib/lint';
import { autoHeps, deployment, gnp, hep, hits, namespace, node } from './fixtures';

const FWD = 'lint.forwarded-traffic-unpoliced';
const fwd = (docs: any[]) => hits(lintForwardedTraffic(docs), FWD);
const ippool = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'IPPool',
  metadata: { name: 'pods' },
  spec: { cidr: '10.244.0.0/16' },
};
const svc = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.96.0.20', ports: [{ port: 80 }] },
};
const bgp = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'BGPConfiguration',
  metadata: { name: 'default' },
  spec: { serviceClusterIPs: [{ cidr: '10.96.0.0/12' }] },
};

describe('lint.forwarded-traffic-unpoliced', () => {
  const heps = [hep('n1-eth0', { node: 'n1', interfaceName: 'eth0' }, { 'kubernetes-host': '' })];
  const hostPolicy = (ingress: any[], extra: Record<string, unknown> = {}) =>
    gnp('hosts', { selector: 'has(kubernetes-host)', types: ['Ingress'], ingress, ...extra });

  test('pod CIDR on the host side (ingress destination) without applyOnForward is flagged; with it, not', () => {
    const rule = { action: 'Allow', source: { nets: ['192.168.0.0/16'] }, destination: { nets: ['10.244.0.0/16'] } };
    const found = lintManifests([ippool, ...heps, hostPolicy([rule])]).filter((f) => f.rule === FWD);
    expect(found.map((f) => `${f.severity} ${f.name} ${f.path}`)).toEqual([
      'warning hosts spec.ingress[0].destination.nets',
    ]);
    expect(found[0].message).toMatch(
      /^10.244.0.0\/16 overlaps IPPool pods \(10.244.0.0\/16\), but applyOnForward is not set.*traffic forwarded to or from pods is not policed by it; fix: set applyOnForward: true/,
    );
    expect(fwd([ippool, ...heps, hostPolicy([rule], { applyOnForward: true })])).toEqual([]);
  });

  test('service addresses, namespaceSelector, serviceAccounts and pod selectors count; egress looks at the source', () => {
    expect(
      fwd([
        svc,
        ...heps,
        hostPolicy([{ action: 'Allow', protocol: 'TCP', destination: { nets: ['10.96.0.20/32'], ports: [80] } }]),
      ]),
    ).toEqual(['GlobalNetworkPolicy/hosts spec.ingress[0].destination.nets']);
    expect(fwd([bgp, ...heps, hostPolicy([{ action: 'Deny', destination: { nets: ['10.100.0.0/24'] } }])])).toEqual([
      'GlobalNetworkPolicy/hosts spec.ingress[0].destination.nets',
    ]);
    expect(
      fwd([
        ...heps,
        hostPolicy([{ action: 'Allow' }, { action: 'Allow', destination: { namespaceSelector: 'all()' } }]),
      ]),
    ).toEqual(['GlobalNetworkPolicy/hosts spec.ingress[1].destination.namespaceSelector']);
    expect(
      fwd([...heps, hostPolicy([{ action: 'Allow', destination: { serviceAccounts: { names: ['web'] } } }])]),
    ).toEqual(['GlobalNetworkPolicy/hosts spec.ingress[0].destination.serviceAccounts']);
    const pods = [namespace('shop'), deployment('shop', 'web', { app: 'web' })];
    expect(
      fwd([...pods, ...heps, hostPolicy([{ action: 'Allow', destination: { selector: "app == 'web'" } }])]),
    ).toEqual(['GlobalNetworkPolicy/hosts spec.ingress[0].destination.selector']);
    const egress = gnp('hosts-out', {
      selector: 'has(kubernetes-host)',
      types: ['Egress'],
      egress: [{ action: 'Allow', source: { nets: ['10.244.1.0/24'] } }],
    });
    expect(fwd([ippool, ...heps, egress])).toEqual(['GlobalNetworkPolicy/hosts-out spec.egress[0].source.nets']);
  });

  test('not flagged: peers on the remote side, global(), other ranges, no host endpoints, policies that also select pods, preDNAT', () => {
    expect(fwd([ippool, ...heps, hostPolicy([{ action: 'Allow', source: { nets: ['10.244.0.0/16'] } }])])).toEqual([]);
    expect(fwd([...heps, hostPolicy([{ action: 'Allow', destination: { namespaceSelector: 'global()' } }])])).toEqual(
      [],
    );
    expect(fwd([ippool, ...heps, hostPolicy([{ action: 'Allow', destination: { nets: ['172.16.0.0/16'] } }])])).toEqual(
      [],
    );
    expect(fwd([ippool, hostPolicy([{ action: 'Allow', destination: { nets: ['10.244.0.0/16'] } }])])).toEqual([]);
    const both = gnp('all', {
      selector: 'all()',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', destination: { namespaceSelector: "team == 'a'" } }],
    });
    expect(fwd([...heps, both])).toEqual([]);
    expect(
      fwd([
        ippool,
        ...heps,
        hostPolicy([{ action: 'Allow', destination: { nets: ['10.244.0.0/16'] } }], {
          preDNAT: true,
          applyOnForward: true,
        }),
      ]),
    ).toEqual([]);
    // A selector that matches host endpoints as well as pods may mean the host: not flagged.
    const zoned = [
      namespace('shop'),
      deployment('shop', 'web', { app: 'web', zone: 'a' }),
      hep('n1-eth1', { node: 'n1', interfaceName: 'eth1' }, { 'kubernetes-host': '', zone: 'a' }),
    ];
    expect(fwd([...zoned, hostPolicy([{ action: 'Allow', destination: { selector: "zone == 'a'" } }])])).toEqual([]);
    expect(fwd([...zoned, hostPolicy([{ action: 'Allow', destination: { selector: "app == 'web'" } }])])).toEqual([
      'GlobalNetworkPolicy/hosts spec.ingress[0].destination.selector',
    ]);
  });
});

const DNT = 'lint.donottrack-wildcard-hep';
const dnt = (docs: any[]) => hits(lintDoNotTrackOnWildcard(docs), DNT);

describe('lint.donottrack-wildcard-hep', () => {
  const untracked = gnp('untracked', {
    selector: 'has(kubernetes-host)',
    doNotTrack: true,
    applyOnForward: true,
    types: ['Ingress'],
    ingress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
  });

  test('selecting only "*" host endpoints (explicit or automatic) is flagged', () => {
    const star = hep('n1-all', { node: 'n1', interfaceName: '*' }, { 'kubernetes-host': '' });
    const found = lintManifests([star, untracked]).filter((f) => f.rule === DNT);
    expect(found.map((f) => `${f.severity} ${f.name} ${f.path}`)).toEqual(['warning untracked spec.doNotTrack']);
    expect(found[0].message).toMatch(
      /only all-interfaces \("\*"\) host endpoints \(n1-all\), where Felix ignores doNotTrack policy.*; fix: select per-interface host endpoints/,
    );
    expect(dnt([autoHeps(), node('n1', '10.0.0.1', { 'kubernetes-host': '' }), untracked])).toEqual([
      'GlobalNetworkPolicy/untracked spec.doNotTrack',
    ]);
  });

  test('not flagged: a per-interface host endpoint among those selected, none selected, or not doNotTrack', () => {
    const star = hep('n1-all', { node: 'n1', interfaceName: '*' }, { 'kubernetes-host': '' });
    const eth = hep('n2-eth0', { node: 'n2', interfaceName: 'eth0' }, { 'kubernetes-host': '' });
    expect(dnt([star, eth, untracked])).toEqual([]);
    expect(dnt([untracked])).toEqual([]);
    expect(dnt([star, { ...untracked, spec: { ...untracked.spec, doNotTrack: false } }])).toEqual([]);
  });
});
