// BgpServiceAdvertisement: the BGPConfiguration `default` with the service CIDRs, validated, one per app, emitted
// after the fences; exposed cluster IPs outside the advertised ranges fail synth.
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { BgpConfiguration, NodeInventory, Peer } from '../../lib';
import {
  BgpServiceAdvertisement,
  ExposedClusterIpService,
  ExternalTrafficPolicy,
  ServiceExposureFoundation,
} from '../../lib/services';

const inventory = NodeInventory.fromNodes([{ name: 'n1', internalIps: ['10.0.0.1'] }]);

test('emits the BGPConfiguration default with the three lists', () => {
  const chart = Testing.chart();
  new BgpServiceAdvertisement(chart, 'Adv', {
    clusterIpCidrs: ['10.96.0.0/12'],
    externalIpCidrs: ['203.0.113.0/24'],
    loadBalancerIpCidrs: ['198.51.100.0/24', '2001:db8::/64'],
  });
  expect(Testing.synth(chart)).toEqual([
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPConfiguration',
      metadata: { name: 'default' },
      spec: {
        serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
        serviceExternalIPs: [{ cidr: '203.0.113.0/24' }],
        serviceLoadBalancerIPs: [{ cidr: '198.51.100.0/24' }, { cidr: '2001:db8::/64' }],
      },
    },
  ]);
});

test('a namespaced chart does not leak its namespace onto the cluster-scoped object', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  new BgpServiceAdvertisement(chart, 'Adv', { clusterIpCidrs: ['10.96.0.0/12'] });
  expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'default' });
});

test.each([
  [
    { clusterIpCidrs: ['10.96.0.1/12'] },
    /clusterIpCidrs\[0\]: "10.96.0.1\/12" has host bits set .*fix: use "10.96.0.0\/12"/,
  ],
  [
    { externalIpCidrs: ['203.0.113.7'] },
    /externalIpCidrs\[0\]: "203.0.113.7" is not a CIDR; fix: write "203.0.113.7\/32"/,
  ],
  [{ loadBalancerIpCidrs: ['nope'] }, /loadBalancerIpCidrs\[0\]: "nope" is not a CIDR/],
  [{}, /nothing to advertise/],
])('rejects %j', (props, message) => {
  expect(() => new BgpServiceAdvertisement(Testing.chart(), 'Adv', props)).toThrow(message);
});

test('one per app: a second advertisement, or a BgpConfiguration named default, is an error', () => {
  const chart = Testing.chart();
  new BgpServiceAdvertisement(chart, 'Adv', { clusterIpCidrs: ['10.96.0.0/12'] });
  expect(() => new BgpServiceAdvertisement(chart, 'Adv2', { clusterIpCidrs: ['10.97.0.0/16'] })).toThrow(
    /already advertises service IPs with \[test\/Adv\]/,
  );
  expect(() => new BgpConfiguration(chart, 'Bgp', { asNumber: 64512 })).toThrow(
    /BGPConfiguration\/default is already defined/,
  );
});

test('advertisesClusterIp checks containment and family', () => {
  const adv = new BgpServiceAdvertisement(Testing.chart(), 'Adv', {
    clusterIpCidrs: ['10.20.0.0/16', 'fd00:20::/108'],
  });
  expect(
    ['10.20.30.40', '10.21.0.1', 'fd00:20::a', 'fd00:21::a', 'x'].map((ip) => adv.advertisesClusterIp(ip)),
  ).toEqual([true, false, true, false, false]);
  expect(BgpServiceAdvertisement.of(adv)).toBe(adv);
  expect(BgpServiceAdvertisement.tryOf(adv)).toBe(adv);
});

test('lookups: of throws with the fix when the app advertises nothing (as ServiceExposureFoundation.of), tryOf gives undefined', () => {
  const chart = Testing.chart();
  expect(BgpServiceAdvertisement.tryOf(chart)).toBeUndefined();
  expect(() => BgpServiceAdvertisement.of(chart)).toThrow(
    /^\[test\] advertisement: the app advertises no service IPs over BGP; fix: create one first.*or call BgpServiceAdvertisement.tryOf/,
  );
  expect(() => ServiceExposureFoundation.of(chart)).toThrow(/^\[test\] foundation: .*fix: create one first/);
  expect(ServiceExposureFoundation.tryOf(chart)).toBeUndefined();
});

describe('exposed services against the advertisement', () => {
  const expose = (chart: Construct, id: string, clusterIp: string) =>
    new ExposedClusterIpService(chart, id, {
      service: {
        name: id.toLowerCase(),
        namespace: 'shop',
        clusterIp,
        ports: [{ port: 80 }],
        podSelector: { app: id.toLowerCase() },
      },
      allowFrom: [Peer.nets('50.60.0.0/16')],
    });

  test('a cluster IP outside the advertised ranges fails synth, whichever was created first', () => {
    const chart = Testing.chart();
    new ServiceExposureFoundation(chart, 'F', { podCidrs: ['192.168.0.0/16'], inventory });
    expose(chart, 'Web', '10.30.0.5');
    new BgpServiceAdvertisement(chart, 'Adv', { clusterIpCidrs: ['10.20.0.0/16'] });
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/Web\] clusterIP: 10.30.0.5 \(shop\/web\) is outside the advertised cluster IP ranges \[10.20.0.0\/16\] of \[test\/Adv\]/,
    );
  });

  test('inside the ranges it synthesizes, and the BGPConfiguration comes after every fence', () => {
    const chart = Testing.chart();
    new BgpServiceAdvertisement(chart, 'Adv', { clusterIpCidrs: ['10.20.0.0/16'] });
    new ServiceExposureFoundation(chart, 'F', { podCidrs: ['192.168.0.0/16'], inventory });
    expose(chart, 'Web', '10.20.0.5');
    expose(chart, 'Api', '10.20.0.6');
    const order = Testing.synth(chart).map((d) => `${d.kind}/${d.metadata.name}`);
    const bgp = order.indexOf('BGPConfiguration/default');
    for (const name of ['expose-shop-web', 'expose-shop-api']) {
      expect(order.indexOf(`GlobalNetworkPolicy/${name}`)).toBeLessThan(bgp);
    }
  });

  test('without a foundation (local mode), the pod policy is what protects, so it comes before the BGPConfiguration', () => {
    const chart = Testing.chart();
    new BgpServiceAdvertisement(chart, 'Adv', { clusterIpCidrs: ['10.20.0.0/16'] });
    new ExposedClusterIpService(chart, 'Web', {
      service: {
        name: 'web',
        namespace: 'shop',
        clusterIp: '10.20.0.5',
        ports: [{ port: 80 }],
        podSelector: { app: 'web' },
      },
      allowFrom: [Peer.nets('50.60.0.0/16')],
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    });
    const order = Testing.synth(chart).map((d) => `${d.kind}/${d.metadata.name}`);
    expect(order).toEqual(['NetworkPolicy/expose-shop-web', 'BGPConfiguration/default']);
  });
});
