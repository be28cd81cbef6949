import { Chart, Testing } from 'cdk8s';
import { GlobalNetworkPolicy, Selector } from '../../../../lib';
import { TrafficQuery } from '../../../../lib/analysis/network/report/contract';
import { createTrafficMatchers } from '../../../../lib/analysis/network/report/matchers';
import { manifestsOf } from '../../../../lib/model/documents/manifests-of';

// A stand-in engine: allows when the manifests contain a policy named like the destination namespace.
const seen: any[][] = [];
const matchers = createTrafficMatchers((docs) => {
  seen.push(docs);
  return {
    endpoints: () => [],
    evaluate: (q: TrafficQuery) => {
      const allowed = docs.some((d) => d.metadata?.name === `allow-${q.to.split('/')[0]}`);
      return {
        allowed,
        reason: allowed ? 'rule 0 allows' : 'end-of-tier deny',
        steps: [{ text: 'destination ingress: tier default' }],
      };
    },
  };
});
expect.extend(matchers);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toAllowTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
      toDenyTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
    }
  }
}

function chartWith(name: string): Chart {
  const c = new Chart(Testing.app(), 'test');
  new GlobalNetworkPolicy(c, 'P', { name, selector: Selector.all() });
  return c;
}

test('charts, apps and arrays all work as subjects; cluster docs are added', () => {
  const cluster = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }];
  expect(chartWith('allow-shop')).toAllowTraffic({ from: 'x/a', to: 'shop/db', port: 5432 }, { cluster });
  expect(seen[seen.length - 1].map((d) => d.kind)).toEqual(['GlobalNetworkPolicy', 'Namespace']);
  expect(chartWith('allow-other')).toDenyTraffic({ from: 'x/a', to: 'shop/db', port: 5432 });
  expect([{ metadata: { name: 'allow-shop' } }]).toAllowTraffic({ from: 'x/a', to: 'shop/db' });
  expect(manifestsOf(chartWith('allow-shop').node.root)).toHaveLength(1);
  expect(() => manifestsOf(42)).toThrow(/expected a cdk8s Chart/);
});

test('a failure prints the verdict and the whole trace', () => {
  const result = matchers.toAllowTraffic(chartWith('allow-other'), {
    from: 'x/a',
    to: 'shop/db',
    port: 5432,
    protocol: 'TCP',
  });
  expect(result.pass).toBe(false);
  expect(result.message()).toBe(
    'expected x/a -> shop/db port 5432/TCP to be allowed, but it is denied\n  reason: end-of-tier deny\n  1. destination ingress: tier default',
  );
  const negated = matchers.toDenyTraffic(chartWith('allow-other'), { from: 'x/a', to: 'shop/db' });
  expect(negated.pass).toBe(true);
  expect(negated.message()).toMatch(/^expected x\/a -> shop\/db\/TCP not to be denied, but it is denied/);
});
