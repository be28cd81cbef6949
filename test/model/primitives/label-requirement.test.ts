// One home for a label selector requirement (k8s.io/apimachinery pkg/labels `Requirement.Matches`) and for the
// Calico name of a protocol number: the RBAC engine's aggregation selectors and the kube-apiserver workload check
// agree with it, and Protocol.number emits the names numorstring knows.
import { labelRequirementMatches } from '../../../lib/model/primitives/label-requirement';
import { calicoProtocolName, protocolName } from '../../../lib/model/primitives/protocols';
import { selectorMatches } from '../../../lib/validation/kubernetes/labels';
import { Protocol } from '../../../lib';

const labels = { app: 'web', tier: '' };

test.each<[string, string, string[], boolean | undefined]>([
  ['app', 'In', ['web', 'api'], true],
  ['app', 'In', ['api'], false],
  ['missing', 'In', ['web'], false],
  ['app', 'NotIn', ['web'], false],
  ['app', 'NotIn', ['api'], true],
  ['missing', 'NotIn', ['web'], true], // a missing key is not in any set
  ['tier', 'Exists', [], true], // an empty value still exists
  ['missing', 'Exists', [], false],
  ['missing', 'DoesNotExist', [], true],
  ['app', 'DoesNotExist', [], false],
  ['app', 'Equals', ['web'], undefined],
])('%s %s %j', (key, operator, values, expected) => {
  expect(labelRequirementMatches(labels, key, operator, values)).toBe(expected);
  // The workload check reads the same requirement from a selector object.
  expect(selectorMatches({ matchExpressions: [{ key, operator, values }] }, labels)).toBe(expected);
});

test('protocol numbers: the six Calico names, IPIP for display only, numbers otherwise', () => {
  expect([6, 17, 1, 58, 132, 136, 4, 47].map(calicoProtocolName)).toEqual([
    'TCP',
    'UDP',
    'ICMP',
    'ICMPv6',
    'SCTP',
    'UDPLite',
    undefined,
    undefined,
  ]);
  expect([4, 47].map(protocolName)).toEqual(['IPIP', '47']);
  expect(Protocol.number(58).value).toBe('ICMPv6');
  expect(Protocol.number(4).value).toBe(4);
});
