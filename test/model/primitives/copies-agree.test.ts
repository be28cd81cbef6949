// Every caller of a ground-floor predicate accepts and refuses what the predicate does (lib/model/primitives): the
// Calico validator, the Kubernetes validators, the engine's ingest, the construct guards. Rows marked "was wrong"
// are the copies that disagreed before they called the one predicate.
import { NetworkModel, Port } from '../../../lib';
import { guardDnsLabel } from '../../../lib/model/primitives/kube-name-guards';
import {
  isDns1035Label,
  isDns1123Label,
  isIcmpCode,
  isIcmpType,
  isPortNumber,
  isValidPortName,
} from '../../../lib/model/primitives';
import { describeAttributes } from '../../../lib/services/service-description';
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  portNameMessages,
} from '../../../lib/model/primitives/kube-name-errors';
import { checkCalicoRules } from '../../../lib/validation/rules';
import { parsePort } from '../../../lib/validation/rules/ports';

const throws = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

// Names that are not all digits (an all-digit string is a number to Calico's port parser).
const PORT_NAMES = [
  'http',
  'metrics',
  'a',
  'a-1',
  '1-a',
  'h2c',
  'abcdefghijklmno',
  'abcdefghijklmnop',
  'a--b',
  '1-2',
  '-a',
  'a-',
  'Http',
  'a_b',
  'a.b',
  '',
];

/** The engine reads a Service's targetPort name as core validation does. */
function engineAcceptsTargetPort(name: string): boolean {
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'prod' },
    spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, targetPort: name }] },
  };
  return !throws(() => NetworkModel.fromManifests([svc]));
}

/** ExposedClusterIpService's attributes: a targetPort name. */
function serviceAcceptsTargetPort(name: string): boolean {
  return !throws(() =>
    describeAttributes('c/E', {
      name: 'web',
      namespace: 'shop',
      clusterIp: '10.20.30.40',
      podSelector: { app: 'web' },
      ports: [{ port: 80, targetPort: name }],
    }),
  );
}

describe.each(PORT_NAMES.map((n) => [n, isValidPortName(n)]))('port name %j (valid: %s)', (name, valid) => {
  test('the Calico validator (numorstring.Port)', () => expect(parsePort(name).error === undefined).toBe(valid));
  test('the Kubernetes validators (IsValidPortName)', () => expect(portNameMessages(name).length === 0).toBe(valid));
  test('Port.named', () => expect(!throws(() => Port.named(name))).toBe(valid));
  // was wrong: the engine let `1-2` (no letter) through; `''` is an unset targetPort there, the Service port itself
  test("the engine's Service targetPort", () => expect(engineAcceptsTargetPort(name)).toBe(name === '' || valid));
  // was wrong: ExposedClusterIpService let `a--b` (doubled hyphen) through
  test('ExposedClusterIpService targetPort', () => expect(serviceAcceptsTargetPort(name)).toBe(valid));
});

const LABELS = ['web', 'a', '0', '1a', 'a-1', 'a'.repeat(63), 'a'.repeat(64), 'A', 'a_b', 'a.b', '-a', 'a-', ''];

describe.each(LABELS.map((s) => [s, isDns1123Label(s)]))('DNS-1123 label %j (valid: %s)', (s, valid) => {
  test('the Kubernetes validators (IsDNS1123Label)', () => expect(dns1123LabelErrors(s).length === 0).toBe(valid));
  test('the construct guard', () => expect(!throws(() => guardDnsLabel(s, 'c/X', 'name'))).toBe(valid));
  test('the Calico validator (tier names)', () => {
    const tier = { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: s }, spec: {} };
    const problems = checkCalicoRules(tier);
    expect(problems.some((p) => p.path === 'metadata.name')).toBe(!valid);
  });
});

describe.each(LABELS.map((s) => [s, isDns1035Label(s)]))('DNS-1035 label %j (valid: %s)', (s, valid) => {
  test('the Kubernetes validators (IsDNS1035Label)', () => expect(dns1035LabelErrors(s).length === 0).toBe(valid));
  test('ExposedClusterIpService service name (ValidateServiceName)', () => {
    const ok = !throws(() =>
      describeAttributes('c/E', {
        name: s,
        namespace: 'shop',
        clusterIp: '10.20.30.40',
        podSelector: { app: 'web' },
        ports: [{ port: 80 }],
      }),
    );
    expect(ok).toBe(valid);
  });
});

const icmpRule = (icmp: object) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name: 'p' },
  spec: { selector: 'all()', ingress: [{ action: 'Allow', protocol: 'ICMP', icmp }] },
});

describe.each([0, 8, 254, 255, -1, 1.5].map((n) => [n, isIcmpType(n)]))('ICMP type %p (valid: %s)', (n, valid) => {
  test('Port.icmp', () => expect(!throws(() => Port.icmp(n))).toBe(valid));
  test('the Calico validator', () => expect(checkCalicoRules(icmpRule({ type: n })).length === 0).toBe(valid));
});

describe.each([0, 255, 256, -1].map((n) => [n, isIcmpCode(n)]))('ICMP code %p (valid: %s)', (n, valid) => {
  test('Port.icmp', () => expect(!throws(() => Port.icmp(3, n))).toBe(valid));
  test('the Calico validator', () => expect(checkCalicoRules(icmpRule({ type: 3, code: n })).length === 0).toBe(valid));
});

describe.each([1, 80, 65535, 0, 65536, -1, 8.5].map((n) => [n, isPortNumber(n)]))('port %p (valid: %s)', (n, valid) => {
  test('Port.tcp', () => expect(!throws(() => Port.tcp(n))).toBe(valid));
  test('the Calico validator (numorstring.Port)', () => expect(parsePort(n).error === undefined).toBe(valid));
  test("the engine's Service port", () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'prod' },
      spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: n }] },
    };
    expect(!throws(() => NetworkModel.fromManifests([svc]))).toBe(valid);
  });
});
