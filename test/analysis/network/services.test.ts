// Services: DNAT to backends, preDNAT on the receiving node against the cluster IP, SNAT with externalTrafficPolicy
// Cluster.
import { NetworkModel } from '../../../lib/analysis';
import { baseCluster, gnp, hep, pod, service } from './fixtures';

const svc = (etp = 'Cluster') =>
  service('prod', 'web', {
    clusterIP: '10.96.0.10',
    selector: { app: 'web' },
    externalTrafficPolicy: etp,
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  });
const extraWeb = pod('prod', 'web-b', {
  ip: '192.168.2.11',
  node: 'node-b',
  labels: { app: 'web' },
  ports: [{ name: 'http', containerPort: 9090 }],
});
const model = (extra: any[]) => NetworkModel.fromManifests([...baseCluster(), extraWeb, ...extra]);
const ext = '203.0.113.9';

test('pod → service: DNAT to each backend with the named targetPort', () => {
  const r = model([svc()]).evaluate({ from: 'dev/tool', to: 'svc/prod/web', port: 80 });
  expect(r.allowed).toBe(true);
  expect(r.backends!.map((b) => [b.endpoint, b.port])).toEqual([
    ['prod/web', 8080],
    ['prod/web-b', 9090],
  ]);
});

test('bare cluster IP resolves to the service', () => {
  expect(model([svc()]).evaluate({ from: 'dev/tool', to: '10.96.0.10', port: 80 }).backends).toHaveLength(2);
});

test('source egress policy sees the post-DNAT destination', () => {
  const eg = gnp('eg', {
    selector: 'app == "tool"',
    types: ['Egress'],
    egress: [{ action: 'Allow', protocol: 'TCP', destination: { nets: ['192.168.1.0/24'], ports: [8080] } }],
  });
  const r = model([svc(), eg]).evaluate({ from: 'dev/tool', to: 'svc/prod/web', port: 80 });
  expect(r.backends!.map((b) => b.allowed)).toEqual([true, false]);
  expect(r.reason).toContain('1 of 2 backends reachable');
});

test('unknown service port', () => {
  expect(model([svc()]).evaluate({ from: 'dev/tool', to: 'svc/prod/web', port: 81 }).allowed).toBe(false);
});

describe('external clients', () => {
  const onlyFromNodes = gnp('pods', {
    selector: 'app == "web"',
    ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/24'] } }],
  });
  test('Cluster: a backend on another node sees the forwarding node (SNAT), the local one sees the client', () => {
    const r = model([svc('Cluster'), onlyFromNodes]).evaluate({
      from: ext,
      to: 'svc/prod/web',
      port: 80,
      via: 'node-a',
    });
    const byId = Object.fromEntries(r.backends!.map((b) => [b.endpoint, b]));
    expect(byId['prod/web'].seenSource).toBe(ext);
    expect(byId['prod/web'].allowed).toBe(false);
    expect(byId['prod/web-b'].seenSource).toBe('10.0.0.1');
    expect(byId['prod/web-b'].allowed).toBe(true);
  });
  test('Local: only local backends, which see the client', () => {
    const r = model([svc('Local'), onlyFromNodes]).evaluate({ from: ext, to: 'svc/prod/web', port: 80, via: 'node-a' });
    const byId = Object.fromEntries(r.backends!.map((b) => [b.endpoint, b]));
    expect(byId['prod/web'].seenSource).toBe(ext);
    expect(byId['prod/web-b'].allowed).toBe(false);
    expect(byId['prod/web-b'].reason).toContain('externalTrafficPolicy Local');
  });
  test('preDNAT matches the pre-DNAT destination (cluster IP and service port)', () => {
    const heps = [
      hep('a', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: 'x' }),
      hep('b', { node: 'node-b', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'] }, { host: 'x' }),
    ];
    const deny = gnp('fence', {
      selector: 'host == "x"',
      preDNAT: true,
      applyOnForward: true,
      ingress: [{ action: 'Deny', protocol: 'TCP', destination: { nets: ['10.96.0.10/32'], ports: [80] } }],
    });
    const r = model([svc(), ...heps, deny]).evaluate({ from: ext, to: 'svc/prod/web', port: 80, via: 'node-a' });
    expect(r.allowed).toBe(false);
    expect(r.backends!.every((b) => b.steps.some((s) => s.point === 'pre-dnat' && s.decision.policy === 'fence'))).toBe(
      true,
    );
    const denyPostDnatPort = gnp('fence', {
      selector: 'host == "x"',
      preDNAT: true,
      applyOnForward: true,
      ingress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [8080] } }],
    });
    expect(
      model([svc(), ...heps, denyPostDnatPort]).evaluate({ from: ext, to: 'svc/prod/web', port: 80, via: 'node-a' })
        .allowed,
    ).toBe(true);
  });
  test('preDNAT Allow-only policy does not stop other clients (no end-of-tier drop)', () => {
    const heps = [hep('a', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: 'x' })];
    const allowOnly = gnp('guide', {
      selector: 'host == "x"',
      preDNAT: true,
      applyOnForward: true,
      ingress: [{ action: 'Allow', source: { nets: ['198.51.100.0/24'] } }],
    });
    expect(
      model([svc(), ...heps, allowOnly]).evaluate({ from: ext, to: 'svc/prod/web', port: 80, via: 'node-a' }).allowed,
    ).toBe(true);
  });
});

describe('NodePorts from outside: kube-proxy DNATs <node>:<nodePort> to the backends (KUBE-NODEPORTS)', () => {
  const nodePortSvc = (etp: string, type = 'NodePort') =>
    service('prod', 'web', {
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      externalTrafficPolicy: etp,
      type,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }],
    });
  const onlyFromNodes = gnp('pods', {
    selector: 'app == "web"',
    ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/24'] } }],
  });

  test('Cluster: every backend; the one on another node sees the receiving node (SNAT), the local one the client', () => {
    const r = model([nodePortSvc('Cluster'), onlyFromNodes]).evaluate({ from: ext, to: 'node/node-a', port: 30080 });
    const byId = Object.fromEntries(r.backends!.map((b) => [b.endpoint, b]));
    expect(Object.keys(byId).sort()).toEqual(['prod/web', 'prod/web-b']);
    expect([byId['prod/web'].via, byId['prod/web'].seenSource, byId['prod/web'].allowed]).toEqual([
      'node-a',
      ext,
      false,
    ]);
    expect([byId['prod/web-b'].seenSource, byId['prod/web-b'].port, byId['prod/web-b'].allowed]).toEqual([
      '10.0.0.1',
      9090,
      true,
    ]);
    expect(r.allowed).toBe(true);
  });

  test("Local: only the receiving node's backends, which see the client", () => {
    const m = model([nodePortSvc('Local'), onlyFromNodes]);
    const r = m.evaluate({ from: ext, to: 'node/node-b', port: 30080 });
    const byId = Object.fromEntries(r.backends!.map((b) => [b.endpoint, b]));
    expect(byId['prod/web'].reason).toContain('externalTrafficPolicy Local');
    expect([byId['prod/web-b'].seenSource, byId['prod/web-b'].allowed]).toEqual([ext, false]);
    expect(r.allowed).toBe(false);
  });

  test('preDNAT sees the node address and the NodePort; a deny there closes it before DNAT', () => {
    const heps = [hep('a', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: 'x' })];
    const closeNodePorts = gnp('close-node-ports', {
      selector: 'host == "x"',
      preDNAT: true,
      applyOnForward: true,
      ingress: [{ action: 'Deny', protocol: 'TCP', destination: { nets: ['10.0.0.1/32'], ports: ['30000:32767'] } }],
    });
    const r = model([nodePortSvc('Cluster'), ...heps, closeNodePorts]).evaluate({
      from: ext,
      to: 'node/node-a',
      port: 30080,
    });
    expect(r.allowed).toBe(false);
    expect(
      r.backends!.every((b) => b.steps.some((s) => s.point === 'pre-dnat' && s.decision.policy === 'close-node-ports')),
    ).toBe(true);
  });

  test('not DNATed: another port, a ClusterIP Service, a source inside the cluster (host traffic, as before)', () => {
    const hostOnly = (docs: any[], q: { from: string; port: number }) =>
      model(docs).evaluate({ from: q.from, to: 'node/node-a', port: q.port }).backends;
    expect(hostOnly([nodePortSvc('Cluster')], { from: ext, port: 30081 })).toBeUndefined();
    expect(hostOnly([nodePortSvc('Cluster', 'ClusterIP')], { from: ext, port: 30080 })).toBeUndefined();
    expect(hostOnly([nodePortSvc('Cluster')], { from: 'dev/tool', port: 30080 })).toBeUndefined();
  });
});
