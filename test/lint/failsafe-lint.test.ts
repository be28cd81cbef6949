// lint.failsafe-ports-disabled on hand-written FelixConfiguration manifests (felix/config/config_params.go and
// https://github.com/projectcalico/calicoctl/issues/1559: an empty list disables the failsafes; older releases wrote
// "none").
import { FAILSAFE_LINT_RULES, failsafeLintFindings } from '../../lib/lint/failsafe-lint';

const felix = (spec: any, annotations?: any, apiVersion = 'projectcalico.org/v3') => ({
  apiVersion,
  kind: 'FelixConfiguration',
  metadata: { name: 'default', ...(annotations ? { annotations } : {}) },
  spec,
});
const rules = (docs: any[]) => failsafeLintFindings(docs).map((f) => `${f.kind}/${f.name} ${f.path} ${f.rule}`);

test('the rule id is documented', () => {
  expect(Object.keys(FAILSAFE_LINT_RULES)).toEqual(['lint.failsafe-shadows-rule', 'lint.failsafe-ports-disabled']);
});

test.each([
  ['not set', {}, []],
  ['other fields only', { bpfEnabled: false }, []],
  [
    'the defaults written out, plus one',
    {
      failsafeInboundHostPorts: [
        { protocol: 'TCP', port: 22 },
        { protocol: 'UDP', port: 68 },
        { protocol: 'TCP', port: 179 },
        { protocol: 'TCP', port: 2379 },
        { protocol: 'TCP', port: 2380 },
        { protocol: 'TCP', port: 5473 },
        { protocol: 'TCP', port: 6443 },
        { port: 6666 },
        { port: 6667 },
        { protocol: 'TCP', port: 9100 },
      ],
    },
    [],
  ],
  [
    'inbound []',
    { failsafeInboundHostPorts: [] },
    ['FelixConfiguration/default spec.failsafeInboundHostPorts lint.failsafe-ports-disabled'],
  ],
  [
    'outbound without DNS',
    {
      failsafeOutboundHostPorts: [
        { protocol: 'UDP', port: 67 },
        { port: 179 },
        { port: 2379 },
        { port: 2380 },
        { port: 5473 },
        { port: 6443 },
        { port: 6666 },
        { port: 6667 },
      ],
    },
    ['FelixConfiguration/default spec.failsafeOutboundHostPorts lint.failsafe-ports-disabled'],
  ],
  [
    'both, the old "none" spelling',
    { failsafeInboundHostPorts: 'none', failsafeOutboundHostPorts: [] },
    [
      'FelixConfiguration/default spec.failsafeInboundHostPorts lint.failsafe-ports-disabled',
      'FelixConfiguration/default spec.failsafeOutboundHostPorts lint.failsafe-ports-disabled',
    ],
  ],
])('%s', (_name, spec, expected) => {
  expect(rules([felix(spec)])).toEqual(expected);
});

test('the message names the ports and gives the exact acknowledgement', () => {
  const [f] = failsafeLintFindings([felix({ failsafeInboundHostPorts: [{ port: 22 }] })]);
  expect(f.message).toMatch(
    /leaves out Calico's default failsafe ports udp:68 \(DHCP client\), tcp:179 \(BGP\), tcp:2379 \(etcd\)/,
  );
  expect(f.message).toMatch(
    /fix: add them back to the list, or acknowledge with the annotation cdk8s-calico\.io\/failsafe-ports-removed: "inbound udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667; outbound none"/,
  );
});

test('an annotation naming exactly what is removed silences it; a stale one does not', () => {
  const spec = { failsafeInboundHostPorts: [] };
  const exact = 'inbound tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667; outbound none';
  expect(rules([felix(spec, { 'cdk8s-calico.io/failsafe-ports-removed': exact })])).toEqual([]);
  const [stale] = failsafeLintFindings([
    felix(
      { failsafeInboundHostPorts: [], failsafeOutboundHostPorts: [] },
      { 'cdk8s-calico.io/failsafe-ports-removed': exact },
    ),
  ]);
  expect(stale.message).toMatch(/annotation says .* which is not what is removed/);
});

test('v1 manifests and List objects are read; other kinds and malformed entries are ignored', () => {
  expect(rules([felix({ failsafeInboundHostPorts: [] }, undefined, 'crd.projectcalico.org/v1')])).toHaveLength(1);
  expect(rules([{ apiVersion: 'v1', kind: 'List', items: [felix({ failsafeOutboundHostPorts: [] })] }])).toEqual([
    'FelixConfiguration/default spec.failsafeOutboundHostPorts lint.failsafe-ports-disabled',
  ]);
  expect(
    rules([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'IPPool',
        metadata: { name: 'p' },
        spec: { failsafeInboundHostPorts: [] },
      },
      null,
      'x',
    ]),
  ).toEqual([]);
  expect(rules([felix({ failsafeInboundHostPorts: 'tcp:22' })])).toEqual([]);
});
