// Host endpoints share one clean validation per shape (what validating them depends on): bad values are never
// hidden behind a clean endpoint of the same shape.
import { Chart, Testing } from 'cdk8s';
import { HostEndpoint } from '../../lib';

describe('HostEndpoint validation by shape', () => {
  test('a bad address, node name, interface or profile still fails after clean endpoints of the same shape', () => {
    const chart = new Chart(Testing.app(), 'c');
    for (let i = 1; i <= 3; i++)
      new HostEndpoint(chart, `ok-${i}`, {
        node: `node-${i}`,
        interfaceName: 'eth0',
        expectedIPs: [`10.0.0.${i}`, `fd00::${i}`],
      });
    expect(
      () =>
        new HostEndpoint(chart, 'bad-ip', {
          node: 'node-9',
          interfaceName: 'eth0',
          expectedIPs: ['10.0.0.300', 'fd00::9'],
        }),
    ).toThrow(/\[c\/bad-ip\] spec\.expectedIPs\[0\]: expectedIPs entry "10\.0\.0\.300" is not a plain IP address/);
    expect(
      () =>
        new HostEndpoint(chart, 'cidr', {
          node: 'node-9',
          interfaceName: 'eth0',
          expectedIPs: ['10.0.0.9/32', 'fd00::9'],
        }),
    ).toThrow(/CIDRs are not allowed/);
    expect(
      () =>
        new HostEndpoint(chart, 'bad-node', {
          node: 'Node_9',
          interfaceName: 'eth0',
          expectedIPs: ['10.0.0.9', 'fd00::9'],
        }),
    ).toThrow(/\[c\/bad-node\] spec\.node: node "Node_9" is not a valid node name/);
    expect(
      () =>
        new HostEndpoint(chart, 'bad-if', {
          node: 'node-9',
          interfaceName: 'an-interface-name-too-long',
          expectedIPs: ['10.0.0.9'],
        }),
    ).toThrow(/interfaceName "an-interface-name-too-long" is invalid/);
    expect(
      () =>
        new HostEndpoint(chart, 'bad-profile', {
          node: 'node-9',
          interfaceName: 'eth0',
          expectedIPs: ['10.0.0.9'],
          profiles: ['Not_A_Profile'],
        }),
    ).toThrow(/profile name "Not_A_Profile" is not a valid name/);
  });

  test('the clean endpoints synthesize and validate', () => {
    const chart = new Chart(Testing.app(), 'c');
    for (let i = 1; i <= 3; i++)
      new HostEndpoint(chart, `ok-${i}`, { node: `node-${i}`, interfaceName: 'eth0', expectedIPs: [`10.0.0.${i}`] });
    expect(Testing.synth(chart).map((d) => d.spec.expectedIPs[0])).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });
});
