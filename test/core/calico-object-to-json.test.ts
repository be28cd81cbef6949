// CalicoObject.toJson copies its plain-JSON spec itself instead of going through cdk8s's resolve per value; these
// tests prove it renders exactly what cdk8s's own ApiObject.toJson renders, and leaves every other case to cdk8s.
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { CalicoObject } from '../../lib/core/calico-object';
import { NOT_PLAIN, resolvesPlainJsonAsIs, sanitizedPlainJson } from '../../lib/core/plain-json';
import { GlobalNetworkPolicy, HostEndpoint, NetworkPolicy, Peer, Port, Selector, Tier } from '../../lib';

/** What cdk8s renders for the object (the method CalicoObject overrides). */
const cdk8sJson = (o: ApiObject) => ApiObject.prototype.toJson.call(o);

function objects(app: App): CalicoObject[] {
  const chart = new Chart(app, 'c', { labels: { team: 'a' } });
  const tier = new Tier(chart, 'Tier', { name: 'platform', order: 100 });
  const gnp = new GlobalNetworkPolicy(chart, 'Gnp', { tier, selector: Selector.has('kubernetes-host'), order: 10 });
  gnp.allowIngress(Peer.nets('10.0.0.0/8', '192.168.0.0/16'), Port.tcp(22), { description: 'ssh' });
  gnp.denyEgress(Peer.any());
  const np = new NetworkPolicy(chart, 'Np', { namespace: 'web', selector: Selector.eq('app', 'web') });
  np.allowIngress(Peer.selector(Selector.eq('app', 'lb')), Port.tcp(8080));
  const hep = new HostEndpoint(chart, 'Hep', {
    node: 'node-1',
    interfaceName: 'eth0',
    expectedIPs: ['10.0.0.1'],
    labels: { role: 'node' },
    ports: [{ name: 'metrics', port: 9100 }],
  });
  hep.addAnnotation('example.com/note', 'kept');
  return [tier, gnp, np, hep];
}

describe('CalicoObject.toJson', () => {
  test.each([
    ['sorted keys', undefined],
    ['CDK8S_DISABLE_SORT', '1'],
  ])('renders what cdk8s renders (%s)', (_what, disableSort) => {
    const before = process.env.CDK8S_DISABLE_SORT;
    if (disableSort === undefined) delete process.env.CDK8S_DISABLE_SORT;
    else process.env.CDK8S_DISABLE_SORT = disableSort;
    try {
      for (const o of objects(Testing.app())) {
        expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(cdk8sJson(o)));
      }
    } finally {
      if (before === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = before;
    }
  });

  test('applies JSON patches, Lazy metadata and custom resolvers as cdk8s does', () => {
    const toEth1: IResolver = {
      resolve(context: ResolutionContext) {
        if (context.value === 'eth0') context.replaceValue('eth1');
      },
    };
    const app = new App({ resolvers: [toEth1], outdir: Testing.app().outdir });
    expect(resolvesPlainJsonAsIs(new Chart(app, 'x'))).toBe(false);
    const [, gnp, , hep] = objects(app);
    expect(hep.toJson().spec.interfaceName).toBe('eth1');
    gnp.addJsonPatch(JsonPatch.add('/spec/doNotTrack', true));
    gnp.metadata.add('generateName', Lazy.any({ produce: () => 'made-lazily' }));
    expect(gnp.toJson().spec.doNotTrack).toBe(true);
    expect(gnp.toJson().metadata.generateName).toBe('made-lazily');
    for (const o of [gnp, hep]) expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(cdk8sJson(o)));
  });
});

describe('sanitizedPlainJson', () => {
  test('copies plain JSON as cdk8s sanitizes it: null and undefined members dropped, keys sorted on request', () => {
    const value = { b: [1, null, 'x', { d: undefined, c: true }], a: { z: 1, y: null }, e: [] };
    expect(JSON.stringify(sanitizedPlainJson(value, true))).toBe('{"a":{"z":1},"b":[1,null,"x",{"c":true}],"e":[]}');
    expect(Object.keys(sanitizedPlainJson(value, false) as object)).toEqual(['b', 'a', 'e']);
    expect(sanitizedPlainJson(value, true)).not.toBe(value);
  });

  test.each([
    ['a class instance', { spec: new Date(0) }],
    ['a Lazy', { spec: Lazy.any({ produce: () => 1 }) }],
    ['an object with a resolve method', { spec: { resolve: () => 1 } }],
    ['an array carrying a union value', [Object.assign([1], { value: 'x' })]],
    ['a function', { f: () => 1 }],
  ])('answers NOT_PLAIN for %s, which a resolver or the sanitizer would change', (_what, value) => {
    expect(sanitizedPlainJson(value, true)).toBe(NOT_PLAIN);
  });
});
