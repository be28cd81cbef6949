// The l2-policies example, applied to a small cluster and checked with the reachability engine: what its node
// policies really allow, including the parts people trip over (failsafe ports, Pass falling through to profiles).
import { App, Testing } from 'cdk8s';
import { calicoMatchers, NetworkModel, TrafficQuery } from '../../lib';
import { buildExample } from '../../examples/l2-policies/main';

expect.extend(calicoMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toAllowTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
      toDenyTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
    }
  }
}

const node = (name: string, ip: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes-host': '', ...labels } },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});
const cluster = [
  node('dev-1', '10.10.0.11', { environment: 'dev' }),
  node('prod-1', '10.10.0.21', { environment: 'prod' }),
];

function app(): App {
  const a = Testing.app();
  buildExample(a);
  return a;
}

test('ping is allowed by the platform tier; SSH is open to anyone because 22 is a failsafe port', () => {
  const model = NetworkModel.fromManifests([...app().charts.flatMap((c) => c.toJson()), ...cluster]);
  const ping = model.evaluate({ from: '203.0.113.9', to: 'node/dev-1', protocol: 'ICMP', icmp: { type: 8 } });
  expect(ping.allowed).toBe(true);
  expect(ping.reason).toMatch(/node-baseline/);
  const ssh = model.evaluate({ from: '203.0.113.9', to: 'node/dev-1', port: 22 });
  expect(ssh.allowed).toBe(true);
  expect(ssh.reason).toMatch(/failsafe port tcp:22/);
});

test('dev nodes: NodePorts only from 10.0.0.0/8; other ports end at the default tier, except failsafe ports', () => {
  expect(app()).toAllowTraffic({ from: '10.1.2.3', to: 'node/dev-1', port: 30080 }, { cluster });
  expect(app()).toDenyTraffic({ from: '203.0.113.9', to: 'node/dev-1', port: 30080 }, { cluster });
  expect(app()).toDenyTraffic({ from: '203.0.113.9', to: 'node/dev-1', port: 10250 }, { cluster });
  // 6443 is in the example's failsafe list: open whatever the policies say.
  expect(app()).toAllowTraffic({ from: '203.0.113.9', to: 'node/dev-1', port: 6443 }, { cluster });
});

test('prod nodes: the platform tier passes and no default-tier policy selects them, so the auto host endpoint profile allows', () => {
  expect(app()).toAllowTraffic({ from: '203.0.113.9', to: 'node/prod-1', port: 10250 }, { cluster });
});
