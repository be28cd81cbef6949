// The host endpoints a pool plans from its inventory skip the props guard and share their validation per plan;
// these tests prove the errors a bad input gives are still those of a plain HostEndpoint, at the same place.
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Cluster, HostEndpoint } from '../../lib';
import { FelixConfiguration } from '../../lib/network/felix-configuration';
import { IpipTunnelEndpoints, NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';
import { defaultFelixConfiguration } from '../../lib/nodes/node-failsafe';
import { calicoSynthProblems } from '../../lib/validation/synth-validation';

// Counts the validations (the module as it is, its entry point wrapped).
jest.mock('../../lib/validation/synth-validation', () => {
  const actual = jest.requireActual('../../lib/validation/synth-validation');
  return { ...actual, calicoSynthProblems: jest.fn(actual.calicoSynthProblems) };
});

const node = (name: string, i: number) => ({
  name,
  labels: { 'kubernetes-host': '', rack: `r${i % 2}` },
  internalIps: [`10.0.0.${i}`],
  ipipTunnelAddress: `172.16.0.${i}`,
});

function pool(chart: Chart, names: string[], hostEndpointLabels: { [key: string]: string } = {}): SecuredNodePool {
  const p = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: NodeInventory.fromNodes(names.map(node)),
    hostEndpointLabels,
    dangerouslySkipLockoutGuard: true,
  });
  new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
  return p;
}

/** The error of a plain HostEndpoint with these labels, without its path. */
function plainError(labels: { [key: string]: string }): string {
  try {
    new HostEndpoint(new Chart(Testing.app(), 'c'), 'h', {
      name: 'node-1-eth0',
      node: 'node-1',
      expectedIPs: ['10.0.0.1'],
      labels,
    });
  } catch (e) {
    return (e as Error).message.replace('[c/h] ', '');
  }
  throw new Error('expected an error');
}

describe('planned host endpoints', () => {
  test.each([
    ['a bad label key', { 'bad key!': 'x' }],
    ['a bad label value', { tier: 'bad value!' }],
  ])('%s in hostEndpointLabels fails as on a plain HostEndpoint, under the pool prop', (_what, labels) => {
    expect(() => pool(new Chart(Testing.app(), 'c'), ['node-1', 'node-2'], labels)).toThrow(
      `[c/Nodes] hostEndpoints: ${plainError(labels)}`,
    );
  });

  test('the name of every endpoint is checked, not only the first of the plan', () => {
    expect(() => pool(new Chart(Testing.app(), 'c'), ['node-1', 'n'.repeat(250)])).toThrow(
      '[c/Nodes] hostEndpoints: metadata.name: name is too long by 2 bytes (max 253); fix: use a shorter name',
    );
  });

  test('endpoints of one shape are validated once per plan, not once each', () => {
    const spy = calicoSynthProblems as jest.MockedFunction<typeof calicoSynthProblems>;
    spy.mockClear();
    const p = pool(new Chart(Testing.app(), 'c'), ['node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
    const endpointCalls = spy.mock.calls.filter(([, , cls]) => cls?.startsWith('HostEndpoint|')).length;
    expect(p.hostEndpoints).toHaveLength(5);
    // One class in the pool's plan, one in the tunnels' plan (10 endpoints).
    expect(endpointCalls).toBe(2);
  });
});

describe('defaultFelixConfiguration', () => {
  test('finds what FelixConfiguration.defaultOf finds: none, the cluster one, not another cluster, not a removed one', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const a = new Chart(app, 'a');
    const prod = new Chart(new Cluster(app, 'prod'), 'p');
    expect(defaultFelixConfiguration(a)).toBeUndefined();
    const felix = new FelixConfiguration(new Construct(prod, 'Holder'), 'Felix', {});
    for (const scope of [a, prod]) {
      expect(defaultFelixConfiguration(scope)).toBe(FelixConfiguration.defaultOf(scope));
    }
    expect(defaultFelixConfiguration(prod)).toBe(felix);
    prod.node.tryRemoveChild('Holder');
    expect(FelixConfiguration.defaultOf(prod)).toBeUndefined();
    expect(defaultFelixConfiguration(prod)).toBeUndefined();
  });
});
