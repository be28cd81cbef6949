// ValidateNetworkPolicySpec truth table.
import { ingressPeer, ingressPort, netpol } from './fixtures';
import { k8sProblems, problemPaths } from './helpers';

describe('valid NetworkPolicies pass', () => {
  test.each([
    ['endPort equal to port', ingressPort({ port: 80, endPort: 80 })],
    ['a port range', ingressPort({ protocol: 'TCP', port: 32000, endPort: 32768 })],
    ['a named port', ingressPort({ port: 'http' })],
    ['a protocol without port', ingressPort({ protocol: 'SCTP' })],
    ['an ipBlock with host bits (accepted upstream)', ingressPeer({ ipBlock: { cidr: '10.0.0.1/8' } })],
    [
      'an ipBlock with strict excepts',
      ingressPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } }),
    ],
    ['an IPv6 ipBlock', ingressPeer({ ipBlock: { cidr: 'fd00::/48', except: ['fd00::/64'] } })],
    [
      'podSelector with namespaceSelector in one peer',
      ingressPeer({ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {} }),
    ],
    ['both policyTypes', netpol({ policyTypes: ['Ingress', 'Egress'], egress: [{}] })],
  ])('%s', (_name, doc) => {
    expect(problemPaths(doc)).toEqual([]);
  });
});

test('problems of one port and one peer come together, each at its field', () => {
  const doc = netpol({
    ingress: [
      {
        ports: [{ port: 'web_ui', endPort: 90 }],
        from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/8'] } }],
      },
    ],
  });
  expect(k8sProblems(doc).map((p) => p.slice(0, p.indexOf(': ')))).toEqual([
    'spec.ingress[0].from[0].ipBlock.except[0]',
    'spec.ingress[0].ports[0].endPort',
    'spec.ingress[0].ports[0].port',
  ]);
});
