// docs/scenarios.md#003's walkthrough, step by step: what each state of the cluster allows, proved with the
// reachability engine.
import { Testing } from 'cdk8s';
import { NetworkModel, TrafficQuery } from '../../lib';
import { buildExample, DEV, PROD, STEPS } from '../../examples/netpol-walkthrough/main';
import { namespace, pod } from './fixtures';

// The seed's pods: pod-linuxea-1 in dev-linuxea (172.16.4.8, labelled app=linuxea.com in step 3) and one in prod.
const cluster = [
  namespace('default'),
  pod(DEV, 'pod-linuxea-1', '172.16.4.8', { app: 'linuxea.com' }),
  pod(DEV, 'other', '172.16.4.9', { app: 'other' }),
  pod(PROD, 'pod-linuxea-1', '172.16.5.11', { app: 'linuxea.com' }),
  pod('default', 'client', '172.16.1.5'),
];

/** The cluster after applying `step` (each step chart is the whole policy state of that step). */
function modelAt(step: string): NetworkModel {
  const app = Testing.app();
  buildExample(app);
  const charts = app.charts.filter((c) => c.node.id === 'namespaces' || c.node.id === step);
  expect(charts).toHaveLength(2);
  return NetworkModel.fromManifests([...charts.flatMap((c) => Testing.synth(c)), ...cluster]);
}

const allowed = (step: string, q: TrafficQuery) => modelAt(step).evaluate(q).allowed;
const web = `${DEV}/pod-linuxea-1`;

test('step 1, deny all ingress: nothing reaches dev-linuxea; prod, without policies, stays open', () => {
  const r = modelAt(STEPS[0]).evaluate({ from: 'default/client', to: web, port: 80 });
  expect(r.allowed).toBe(false);
  expect(r.reason).toMatch(/destination-workload-ingress \(dev-linuxea\/pod-linuxea-1\): end-of-tier deny/);
  expect(allowed(STEPS[0], { from: '172.16.1.5', to: web, port: 80 })).toBe(false);
  expect(allowed(STEPS[0], { from: 'default/client', to: `${PROD}/pod-linuxea-1`, port: 80 })).toBe(true);
});

test('step 2, ingress: [{}]: everything reaches dev-linuxea again', () => {
  expect(allowed(STEPS[1], { from: 'default/client', to: web, port: 80 })).toBe(true);
  expect(allowed(STEPS[1], { from: '203.0.113.9', to: web, port: 81 })).toBe(true);
});

describe('step 3, 172.16.0.0/16 except 172.16.8.0/24 on TCP 80 and 81 to app=linuxea.com', () => {
  test('172.16.1.5 is admitted on TCP 80 and 81', () => {
    const r = modelAt(STEPS[2]).evaluate({ from: '172.16.1.5', to: web, port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.reason).toMatch(/allow-ingress/);
    expect(allowed(STEPS[2], { from: '172.16.1.5', to: web, port: 81 })).toBe(true);
  });
  test('172.16.8.5 (the excepted /24) is denied, even on TCP 80', () => {
    expect(allowed(STEPS[2], { from: '172.16.8.5', to: web, port: 80 })).toBe(false);
  });
  test('other ports, UDP, addresses outside the block and pods without the label stay denied', () => {
    expect(allowed(STEPS[2], { from: '172.16.1.5', to: web, port: 82 })).toBe(false);
    expect(allowed(STEPS[2], { from: '172.16.1.5', to: web, port: 80, protocol: 'UDP' })).toBe(false);
    expect(allowed(STEPS[2], { from: '10.1.2.3', to: web, port: 80 })).toBe(false);
    expect(allowed(STEPS[2], { from: '172.16.1.5', to: `${DEV}/other`, port: 80 })).toBe(false);
  });
  test('pods inside the block are admitted by their IP (the client pod is 172.16.1.5)', () => {
    expect(allowed(STEPS[2], { from: 'default/client', to: web, port: 80 })).toBe(true);
  });
});

test('step 4, deny all egress in prod-linuxea: its pod cannot ping or connect out; dev-linuxea is unaffected', () => {
  const r = modelAt(STEPS[3]).evaluate({ from: `${PROD}/pod-linuxea-1`, to: web, protocol: 'ICMP' });
  expect(r.allowed).toBe(false);
  expect(r.reason).toMatch(/source-workload-egress \(prod-linuxea\/pod-linuxea-1\): end-of-tier deny/);
  expect(allowed(STEPS[3], { from: `${PROD}/pod-linuxea-1`, to: '8.8.8.8', port: 443 })).toBe(false);
  expect(allowed(STEPS[3], { from: web, to: `${PROD}/pod-linuxea-1`, port: 80 })).toBe(true);
});

test('step 5, egress: [{}]: prod-linuxea reaches out again', () => {
  expect(allowed(STEPS[4], { from: `${PROD}/pod-linuxea-1`, to: web, protocol: 'ICMP' })).toBe(true);
  expect(allowed(STEPS[4], { from: `${PROD}/pod-linuxea-1`, to: '8.8.8.8', port: 443 })).toBe(true);
});
