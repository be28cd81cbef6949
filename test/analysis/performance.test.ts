// Query cost after fromManifests: a few-hundred-endpoint model answers a warm query in ≤ 50 µs on average.
import { NetworkModel } from '../../lib/analysis';
import { gnp, namespace, node, np, pod } from './fixtures';

export function syntheticCluster(pods: number, policies: number): any[] {
  const docs: any[] = [];
  for (let n = 0; n < 10; n++) docs.push(node(`node-${n}`, `10.0.0.${n + 1}`));
  for (let s = 0; s < 10; s++) docs.push(namespace(`ns-${s}`, { team: `t${s % 3}` }));
  for (let i = 0; i < pods; i++) {
    docs.push(pod(`ns-${i % 10}`, `p-${i}`, { ip: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}`, node: `node-${i % 10}`, labels: { app: `app-${i % 25}`, tier: i % 2 ? 'fe' : 'be' }, ports: [{ name: 'http', containerPort: 8080 }] }));
  }
  for (let k = 0; k < policies; k++) {
    if (k % 2 === 0) {
      docs.push(np(`ns-${k % 10}`, `np-${k}`, { selector: `app == "app-${k % 25}"`, types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: `app == "app-${(k + 1) % 25}"` }, destination: { ports: ['http', 443] } }],
        egress: [{ action: 'Allow', protocol: 'TCP', destination: { namespaceSelector: `team == "t${k % 3}"`, ports: [8080] } }, { action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }] }));
    } else {
      docs.push(gnp(`gnp-${k}`, { order: k, selector: `tier == "${k % 4 ? 'fe' : 'be'}"`, types: ['Ingress'],
        ingress: [{ action: 'Deny', protocol: 'TCP', source: { nets: [`172.16.${k % 250}.0/24`] } }, { action: 'Pass', source: { selector: 'app in {"app-1", "app-2"}' } }] }));
    }
  }
  return docs;
}

test('≤ 50 µs per warm query on a 300-endpoint, 200-policy model', () => {
  const m = NetworkModel.fromManifests(syntheticCluster(300, 200));
  const ids = m.endpoints().filter((e) => e.kind === 'workload').map((e) => e.id);
  const queries = [];
  for (let i = 0; i < 2000; i++) queries.push({ from: ids[(i * 7) % ids.length], to: ids[(i * 13 + 1) % ids.length], port: [8080, 443, 53][i % 3], protocol: i % 3 === 2 ? 'UDP' : 'TCP' });
  for (const q of queries) m.evaluate(q); // warm the lazy caches
  const start = process.hrtime.bigint();
  let allowed = 0;
  for (const q of queries) if (m.evaluate(q).allowed) allowed++;
  const us = Number(process.hrtime.bigint() - start) / 1000 / queries.length;
  // eslint-disable-next-line no-console
  console.log(`warm query: ${us.toFixed(1)} µs (${allowed}/${queries.length} allowed)`);
  expect(us).toBeLessThanOrEqual(50);
});
