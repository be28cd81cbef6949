// ExposedClusterIpService and ServiceExposureFoundation: input checks with their fixes, the externalTrafficPolicy
// patch on cdk8s-plus Services, the shared pieces emitted once per app, SecuredNodePool reuse, names.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Kplus, KPLUS_LINES } from '../kplus/lines';
import { NetworkModel, NodeInventory, Peer, Protocol, Selector } from '../../lib';
import { NodeHostEndpoints, SecuredNodePool } from '../../lib/nodes';
import { ExposedClusterIpService, ExternalTrafficPolicy, ServiceExposureFoundation } from '../../lib/services';

const inventory = NodeInventory.fromNodes(
  [1, 2].map((i) => ({ name: `n${i}`, labels: { zone: 'a' }, internalIps: [`10.0.0.${i}`] })),
);
const clients = [Peer.nets('50.60.0.0/16')];

function setup(ns = 'shop'): Chart {
  const chart = new Chart(Testing.app(), 'c', { namespace: ns });
  new ServiceExposureFoundation(chart, 'Exposure', { podCidrs: ['192.168.0.0/16'], inventory });
  return chart;
}

const byName = (docs: any[], name: string) => docs.find((d) => d.metadata.name === name);

describe.each(KPLUS_LINES)('the Service, a %s Service', (_line, kplus: Kplus) => {
  function kplusService(chart: Chart, id: string, props: Partial<ConstructorParameters<Kplus['Service']>[2]> = {}) {
    return new kplus.Service(chart, id, {
      metadata: { name: id.toLowerCase() },
      clusterIP: '10.20.30.40',
      selector: kplus.Pods.select(chart, `${id}Pods`, { labels: { app: id.toLowerCase() } }),
      ports: [{ port: 80, targetPort: 8080 }],
      ...props,
    });
  }

  test('a cdk8s-plus Service without a cluster IP is an error that says how to set it', () => {
    const chart = setup();
    const svc = kplusService(chart, 'Web', { clusterIP: undefined });
    expect(() => new ExposedClusterIpService(chart, 'Expose', { service: svc, allowFrom: clients })).toThrow(
      /\[c\/Expose\] clusterIP: the Service has no explicit cluster IP.*fix: pass `clusterIP` to the Service: new kplus.Service\(scope, id, \{ clusterIP: '10.20.30.40'/,
    );
  });

  test('headless Services, attributes without a cluster IP, no selector, no ports, nobody allowed', () => {
    const chart = setup();
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E1', {
          service: kplusService(chart, 'H', { clusterIP: 'None' }),
          allowFrom: clients,
        }),
    ).toThrow(/headless Service/);
    const attrs = { name: 'web', namespace: 'shop', clusterIp: '', ports: [{ port: 80 }], podSelector: { app: 'web' } };
    expect(() => new ExposedClusterIpService(chart, 'E2', { service: attrs, allowFrom: clients })).toThrow(
      /no explicit cluster IP.*fix: pass `clusterIp`/,
    );
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E3', {
          service: { ...attrs, clusterIp: '10.20.30.1', podSelector: {} },
          allowFrom: clients,
        }),
    ).toThrow(/selects no pods/);
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E4', {
          service: { ...attrs, clusterIp: '10.20.30.2', ports: [] },
          allowFrom: clients,
        }),
    ).toThrow(/service.ports: no ports/);
    expect(
      () => new ExposedClusterIpService(chart, 'E5', { service: { ...attrs, clusterIp: '10.20.30.3' }, allowFrom: [] }),
    ).toThrow(/allowFrom: nobody outside the cluster/);
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E6', {
          service: { ...attrs, clusterIp: '10.20.30.4', ports: [{ port: 80, targetPort: 'Bad_Name' }] },
          allowFrom: clients,
        }),
    ).toThrow(/targetPort: "Bad_Name" is not a container port name/);
  });

  test('externalTrafficPolicy reaches the synthesized Service where Kubernetes allows it', () => {
    const chart = setup();
    new ExposedClusterIpService(chart, 'E1', { service: kplusService(chart, 'Plain'), allowFrom: clients });
    new ExposedClusterIpService(chart, 'E2', {
      service: kplusService(chart, 'Np', { type: kplus.ServiceType.NODE_PORT, clusterIP: '10.20.30.41' }),
      allowFrom: clients,
    });
    new ExposedClusterIpService(chart, 'E3', {
      service: kplusService(chart, 'Lb', { type: kplus.ServiceType.LOAD_BALANCER, clusterIP: '10.20.30.42' }),
      allowFrom: clients,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    });
    const docs = Testing.synth(chart);
    // A ClusterIP Service behaves as Cluster; Kubernetes rejects the field on it ("may only be set for
    // externally-accessible services").
    expect(byName(docs, 'plain').spec.externalTrafficPolicy).toBeUndefined();
    expect(byName(docs, 'np').spec.externalTrafficPolicy).toBe('Cluster');
    expect(byName(docs, 'lb').spec.externalTrafficPolicy).toBe('Local');
    expect(byName(docs, 'expose-shop-lb').kind).toBe('GlobalNetworkPolicy'); // local mode with a foundation: fenced too
    expect(byName(docs, 'expose-shop-lb-pods')).toBeUndefined();
    expect(docs.find((d) => d.kind === 'NetworkPolicy').metadata).toMatchObject({
      name: 'expose-shop-lb',
      namespace: 'shop',
    });
  });

  test('Local on a ClusterIP Service is an error with the fix', () => {
    const chart = setup();
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E', {
          service: kplusService(chart, 'Web'),
          allowFrom: clients,
          externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        }),
    ).toThrow(/Kubernetes accepts Local only on externally accessible Services .*fix: make the Service type NodePort/);
  });

  test('a Service changed after it was wrapped fails synth', () => {
    const chart = setup();
    const svc = kplusService(chart, 'Web');
    new ExposedClusterIpService(chart, 'E', { service: svc, allowFrom: clients });
    svc.bind(8443);
    expect(() => Testing.synth(chart)).toThrow(/\[c\/E\] service: the Service shop\/web changed after it was wrapped/);
  });

  test("Deployment.exposeViaService(): the pod policy selects the Deployment's pods by cdk8s.io/metadata.addr", () => {
    const chart = setup();
    const deployment = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
    // exposeViaService() takes no cluster IP: wrapping its Service as is names the fix.
    const svc = deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    expect(() => new ExposedClusterIpService(chart, 'E0', { service: svc, allowFrom: clients })).toThrow(
      /no explicit cluster IP.*or `clusterIp` to ExposedClusterIpService/,
    );
    expect(
      () => new ExposedClusterIpService(chart, 'E1', { service: svc, allowFrom: clients, clusterIp: '10.20.30' }),
    ).toThrow(/"10.20.30" is not an IP address/);
    const e = new ExposedClusterIpService(chart, 'E', { service: svc, allowFrom: clients, clusterIp: '10.20.30.40' });
    const docs = Testing.synth(chart);
    expect(docs.find((d) => d.kind === 'Service').spec.clusterIP).toBe('10.20.30.40');
    const template = docs.find((d) => d.kind === 'Deployment').spec.template.metadata.labels;
    const pods = byName(docs, e.podPolicy.name);
    expect(Selector.parse(pods.spec.selector).matches({ ...template, 'projectcalico.org/namespace': 'shop' })).toBe(
      true,
    );
    expect(e.podLabels).toEqual(template);
  });
});

describe('the Service', () => {
  test('a plain cdk8s ApiObject Service is read from its manifest, and its clusterIP is patched under the wire name', () => {
    const chart = setup();
    const svc = new ApiObject(chart, 'Raw', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'raw' },
      spec: { type: 'NodePort', selector: { app: 'raw' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const e = new ExposedClusterIpService(chart, 'E', { service: svc, allowFrom: clients, clusterIp: '10.20.30.50' });
    expect([e.serviceName, e.namespace, e.clusterIp]).toEqual(['raw', 'shop', '10.20.30.50']);
    const spec = byName(Testing.synth(chart), 'raw').spec;
    expect(spec.clusterIP).toBe('10.20.30.50');
    expect(spec.clusterIp).toBeUndefined();
    expect(spec.externalTrafficPolicy).toBe('Cluster');
  });

  test('a Service that states its externalTrafficPolicy keeps it: read as the mode, never overwritten; a different prop is an error', () => {
    const chart = setup();
    const raw = (id: string, externalTrafficPolicy: string) =>
      new ApiObject(chart, id, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: id.toLowerCase() },
        spec: {
          type: 'NodePort',
          clusterIP: `10.20.30.${id.length}`,
          externalTrafficPolicy,
          selector: { app: 'raw' },
          ports: [{ port: 80 }],
        },
      });
    const e = new ExposedClusterIpService(chart, 'E', { service: raw('Local', 'Local'), allowFrom: clients });
    expect(e.externalTrafficPolicy).toBe(ExternalTrafficPolicy.LOCAL);
    expect(e.podPolicy.kind).toBe('NetworkPolicy');
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E2', {
          service: raw('Cluster', 'Cluster'),
          allowFrom: clients,
          externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        }),
    ).toThrow(
      /\[c\/E2\] externalTrafficPolicy: Local differs from the Service's own externalTrafficPolicy Cluster; fix: remove one of them/,
    );
    const docs = Testing.synth(chart);
    expect(byName(docs, 'local').spec.externalTrafficPolicy).toBe('Local');
    expect(docs.filter((d) => d.kind === 'Service').map((d) => d.spec.externalTrafficPolicy)).toEqual([
      'Local',
      'Cluster',
    ]);
  });

  test('named target ports and several protocols render one rule per protocol', () => {
    const chart = setup();
    new ExposedClusterIpService(chart, 'E', {
      service: {
        name: 'dns',
        namespace: 'kube-system',
        clusterIp: '10.20.0.10',
        podSelector: { 'k8s-app': 'kube-dns' },
        ports: [
          { port: 53, targetPort: 'dns', protocol: Protocol.udp() },
          { port: 53, targetPort: 'dns-tcp' },
          { port: 9153 },
        ],
      },
      allowFrom: clients,
    });
    const docs = Testing.synth(chart);
    const fence = byName(docs, 'expose-kube-system-dns').spec.ingress;
    expect(fence.map((r: any) => [r.action, r.protocol, r.destination.ports])).toEqual([
      ['Allow', 'UDP', [53]],
      ['Allow', 'TCP', [53, 9153]],
      ['Deny', undefined, undefined],
    ]);
    const pods = byName(docs, 'expose-kube-system-dns-pods').spec.ingress;
    expect(pods.slice(0, 2).map((r: any) => [r.protocol, r.destination.ports])).toEqual([
      ['UDP', ['dns']],
      ['TCP', ['dns-tcp', 9153]],
    ]);
  });

  test('an IPv6 cluster IP gets /128 and refuses IPv4 client networks', () => {
    const chart = setup();
    const svc = {
      name: 'v6',
      namespace: 'shop',
      clusterIp: 'fd00:20::40',
      ports: [{ port: 80 }],
      podSelector: { app: 'v6' },
    };
    expect(() => new ExposedClusterIpService(chart, 'E1', { service: svc, allowFrom: clients })).toThrow(
      /allowFrom: nets 50.60.0.0\/16 is not of the cluster IP's family/,
    );
    new ExposedClusterIpService(chart, 'E2', { service: svc, allowFrom: [Peer.nets('2001:db8::/32')] });
    expect(byName(Testing.synth(chart), 'expose-shop-v6').spec.ingress[1].destination.nets).toEqual([
      'fd00:20::40/128',
    ]);
  });

  test('long names are shortened with a hash to valid policy names', () => {
    const chart = setup('a-namespace-with-a-rather-long-name-for-testing');
    const svc = {
      name: 'a-service-with-an-equally-long-name-for-testing-x',
      namespace: 'a-namespace-with-a-rather-long-name-for-testing',
      clusterIp: '10.20.0.1',
      ports: [{ port: 80 }],
      podSelector: { app: 'x' },
    };
    const e = new ExposedClusterIpService(chart, 'E', { service: svc, allowFrom: clients });
    expect(e.fencePolicy!.name.length).toBeLessThanOrEqual(63);
    expect(e.podPolicy.name).toMatch(/^expose-a-namespace-.*-[0-9a-f]{8}-pods$/);
    expect(e.podPolicy.name.length).toBeLessThanOrEqual(63);
    Testing.synth(chart);
  });
});

describe('the foundation', () => {
  test('cluster mode without a foundation is an error that says how to create one', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new ExposedClusterIpService(chart, 'E', {
          service: {
            name: 'w',
            namespace: 'shop',
            clusterIp: '10.20.0.1',
            ports: [{ port: 80 }],
            podSelector: { app: 'w' },
          },
          allowFrom: clients,
        }),
    ).toThrow(
      /app has no ServiceExposureFoundation; fix: create one first, e\.g\. new ServiceExposureFoundation\(chart, 'Exposure', \{ podCidrs/,
    );
  });

  test('bad foundation props', () => {
    const pool = new SecuredNodePool(Testing.chart(), 'Pool', { dangerouslySkipLockoutGuard: true });
    expect(() => new ServiceExposureFoundation(Testing.chart(), 'F', { podCidrs: ['192.168.0.0/16'] })).toThrow(
      /inventory: cluster mode needs host endpoints/,
    );
    expect(
      () =>
        new ServiceExposureFoundation(Testing.chart(), 'F', {
          podCidrs: ['192.168.0.0/16'],
          nodePool: pool,
          inventory,
        }),
    ).toThrow(/nodePool or inventory, not both/);
    expect(() => new ServiceExposureFoundation(Testing.chart(), 'F', { podCidrs: [], inventory })).toThrow(/podCidrs/);
    expect(
      () => new ServiceExposureFoundation(Testing.chart(), 'F', { podCidrs: ['192.168.0.1/16'], inventory }),
    ).toThrow(/host bits set/);
    expect(
      () =>
        new ServiceExposureFoundation(Testing.chart(), 'F', {
          podCidrs: ['192.168.0.0/16'],
          inventory,
          nodeSelector: Selector.has('exposed'),
        }),
    ).toThrow(/would carry .* which has\(exposed\) does not select/);
    const chart = setup();
    expect(() => new ServiceExposureFoundation(chart, 'F2', { podCidrs: ['192.168.0.0/16'], inventory })).toThrow(
      /already has a ServiceExposureFoundation at \[c\/Exposure\]/,
    );
  });

  test('a cluster IP twice, or inside the pod CIDR, is an error', () => {
    const chart = setup();
    const svc = (name: string, clusterIp: string) => ({
      name,
      namespace: 'shop',
      clusterIp,
      ports: [{ port: 80 }],
      podSelector: { app: name },
    });
    new ExposedClusterIpService(chart, 'A', { service: svc('a', '10.20.0.1'), allowFrom: clients });
    expect(
      () => new ExposedClusterIpService(chart, 'B', { service: svc('b', '10.20.0.1'), allowFrom: clients }),
    ).toThrow(/10.20.0.1 is already exposed by \[c\/A\]/);
    expect(
      () => new ExposedClusterIpService(chart, 'C', { service: svc('c', '192.168.4.4'), allowFrom: clients }),
    ).toThrow(/inside the pod CIDR 192.168.0.0\/16/);
  });

  test('shared pieces are emitted once however many services are exposed; two policies per service', () => {
    const chart = setup();
    for (let i = 0; i < 50; i++) {
      new ExposedClusterIpService(chart, `S${i}`, {
        service: {
          name: `s${i}`,
          namespace: 'shop',
          clusterIp: `10.20.1.${i}`,
          ports: [{ port: 80 }],
          podSelector: { app: `s${i}` },
        },
        allowFrom: clients,
      });
    }
    const docs = Testing.synth(chart);
    const count = (pred: (d: any) => boolean) => docs.filter(pred).length;
    expect(count((d) => d.metadata.name === 'allow-to-pods')).toBe(1);
    expect(count((d) => d.metadata.name === 'allow-traffic-hostendpoints')).toBe(1);
    expect(count((d) => d.kind === 'HostEndpoint')).toBe(2);
    expect(count((d) => d.metadata.name === 'deny-node-ports')).toBe(1);
    expect(count((d) => d.kind === 'GlobalNetworkPolicy')).toBe(3 + 2 * 50);
  });

  test('reuses a SecuredNodePool: its host endpoints and selector, no host-traffic policy, lockout guard green, proven with the engine', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const pool = new SecuredNodePool(chart, 'Nodes', {
      selector: Selector.eq('k8s-role', 'node'),
      hostEndpoints: NodeHostEndpoints.explicit(),
      inventory,
      hostEndpointLabels: { 'k8s-role': 'node' },
    });
    const f = new ServiceExposureFoundation(chart, 'Exposure', { podCidrs: ['192.168.0.0/16'], nodePool: pool });
    expect(f.hostTrafficPolicy).toBeUndefined();
    expect(f.hostEndpoints).toEqual([]);
    new ExposedClusterIpService(chart, 'E', {
      service: {
        name: 'web',
        namespace: 'shop',
        clusterIp: '10.20.0.1',
        ports: [{ port: 80, targetPort: 8080 }],
        podSelector: { app: 'web' },
      },
      allowFrom: clients,
    });
    const docs = Testing.synth(chart); // runs the pool's lockout guard over everything, the exposure policies included
    expect(docs.filter((d) => d.kind === 'HostEndpoint').map((d) => d.metadata.name)).toEqual(['n1-eth0', 'n2-eth0']);
    expect(byName(docs, 'allow-traffic-hostendpoints')).toBeUndefined();
    const cluster = [
      ...inventory.toNodeManifests(),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { clusterIP: '10.20.0.1', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
        spec: { nodeName: 'n2', containers: [{ name: 'c', image: 'x' }] },
        status: { podIP: '192.168.2.2' },
      },
    ];
    const m = NetworkModel.fromManifests([...docs, ...cluster]);
    expect(m.evaluate({ from: '50.60.1.1', to: 'svc/shop/web', port: 80, via: 'n1' }).allowed).toBe(true);
    expect(m.evaluate({ from: '50.60.1.1', to: 'svc/shop/web', port: 80, via: 'n2' }).allowed).toBe(true);
    expect(m.evaluate({ from: '8.8.8.8', to: 'svc/shop/web', port: 80, via: 'n1' }).allowed).toBe(false);
  });
});
