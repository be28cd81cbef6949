// CalicoObject.toJson renders plain metadata itself (plainMetadataJson) instead of through cdk8s's resolve per value;
// these tests prove it is exactly what cdk8s's ApiObjectMetadataDefinition.toJson renders, or left to cdk8s.
import { ApiObject, Chart, Lazy, Testing } from 'cdk8s';
import { plainMetadataJson } from '../../lib/core/plain-json';
import { GlobalNetworkPolicy, NetworkPolicy, Peer, Port, Selector } from '../../lib';

/** ApiObjects with varied metadata, each made in a fresh chart (with or without chart labels and a namespace). */
function objects(): Array<[string, ApiObject, boolean]> {
  const out: Array<[string, ApiObject, boolean]> = [];
  const make = (what: string, plain: boolean, metadata: any, chartProps: any = {}) => {
    const chart = new Chart(Testing.app(), 'c', chartProps);
    out.push([what, new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata }), plain]);
  };
  make('name only', true, { name: 'a' });
  make('empty name', true, { name: '' });
  make('namespace', true, { name: 'a', namespace: 'ns' });
  make('chart namespace', true, { name: 'a' }, { namespace: 'chart-ns' });
  make('chart labels', true, { name: 'a' }, { labels: { team: 'x', app: 'y' } });
  make('labels sorted', true, { name: 'a', labels: { z: '1', a: '2', B: '3', 'é': '4', '10': '5', '9': '6' } });
  make('empty label value', true, { name: 'a', labels: { a: '' } });
  make('annotations', true, { name: 'a', annotations: { 'b.io/x': 'y', 'a.io/z': 'w' } });
  make('empty maps', true, { name: 'a', labels: {}, annotations: {} });
  make('label keys a resolver reads', true, { name: 'a', labels: { value: 'v', resolve: 'r' } });
  make('a constructor label', false, { name: 'a', labels: { constructor: 'c', value: 'v' } });
  make('a null label', false, { name: 'a', labels: { a: null } });
  make('a number label', false, { name: 'a', labels: { a: 1 } });
  make('a Lazy annotation', false, { name: 'a', annotations: { a: Lazy.any({ produce: () => 'lazy' }) } });
  make('finalizers', false, { name: 'a', finalizers: ['f'] });
  make('owner references', false, {
    name: 'a',
    ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u' }],
  });
  make('another attribute', false, { name: 'a', generateName: 'g-' });
  make('empty finalizers', true, { name: 'a', finalizers: [] });
  const chart = new Chart(Testing.app(), 'c', { labels: { team: 'x' } });
  const gnp = new GlobalNetworkPolicy(chart, 'Gnp', { selector: Selector.has('h'), order: 1 });
  gnp.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(22));
  gnp.addAnnotation('example.com/note', 'n');
  out.push(['a GlobalNetworkPolicy', gnp, true]);
  out.push(['a NetworkPolicy', new NetworkPolicy(chart, 'Np', { namespace: 'web', labels: { app: 'w' } }), true]);
  const added = new ApiObject(new Chart(Testing.app(), 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
  added.metadata.addLabel('later', 'l');
  added.metadata.add('clusterName', 'c');
  out.push(['an attribute added later', added, false]);
  return out;
}

describe('plainMetadataJson', () => {
  test.each(objects())('%s: what cdk8s renders, or left to cdk8s', (_what, o, plain) => {
    const fast = plainMetadataJson(o.metadata);
    if (plain) {
      expect(fast).toBeDefined();
      // JSON text: the key order is part of the output.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(o.metadata.toJson()));
    } else {
      expect(fast).toBeUndefined();
    }
  });

  test('a whole object renders as cdk8s renders it', () => {
    for (const [, o] of objects()) {
      if (!(o instanceof GlobalNetworkPolicy || o instanceof NetworkPolicy)) continue;
      expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(ApiObject.prototype.toJson.call(o)));
    }
  });
});
