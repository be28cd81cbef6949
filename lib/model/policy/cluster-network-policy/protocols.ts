/**
 * A CNP rule's `protocols` → Calico protocols and destination ports, one entry per protocol key, as upstream's
 * `unpackCNPProtocols`, `k8sCNPPortToCalicoFields` and `k8sCNPPortToCalico` (libcalico-go/lib/backend/k8s/
 * conversion/clusternetworkpolicy.go, v3.32.1):
 * - no `protocols` (or an entry with no field set): one key with no protocol and no ports, i.e. every protocol;
 * - `tcp`/`udp`/`sctp`: entries of one protocol merge into one port list (`SimplifyPorts`); a missing
 *   `destinationPort` means every port of that protocol;
 * - `destinationNamedPort`: a named port under the protocol-less key (PR #12227), so Felix resolves it with
 *   `ProtocolAny`; the name must match numorstring's `^[a-zA-Z0-9_.-]{1,128}$` and all-digit names stay names
 *   (PR #12228);
 * - keys sorted as Go's `sort.Strings`: `""` (named ports) first, then `SCTP`, `TCP`, `UDP`.
 */
import { CalicoPort, simplifyPorts } from '../kubernetes/calico-port';
import { childOf, FieldLocation, indexOf } from '../kubernetes/errors';
import {
  isJsonObject,
  isUnset,
  optionalInt32,
  optionalList,
  optionalObject,
  optionalString,
  wrongType,
} from '../kubernetes/json-fields';
import { FailedRuleError } from './failed-rule';

/** The destination ports of one protocol key: `protocol` undefined is "any protocol", `ports` undefined every port. */
export interface ClusterProtocolPorts {
  readonly protocol?: string;
  readonly ports?: CalicoPort[];
}

/** numorstring's `namedPortRegex` (projectcalico/api pkg/lib/numorstring/port.go). */
const NAMED_PORT = /^[a-zA-Z0-9_.-]{1,128}$/;

const PROTOCOL_FIELDS: readonly (readonly [string, string])[] = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['sctp', 'SCTP'],
];

/** Go's `uint16(int32)` conversion, which upstream applies to port numbers without a range check. */
function goUint16(n: number): number {
  return ((n % 65536) + 65536) % 65536;
}

/**
 * Upstream `k8sCNPPortToCalico`: a `destinationPort` → one Calico port; `undefined` when unset (every port).
 * A non-zero `number` wins over `range`, as upstream checks it first.
 */
function destinationPort(v: unknown, at: FieldLocation, problems: string[]): CalicoPort | undefined {
  const port = optionalObject(v, at);
  if (port === undefined) return undefined;
  const n = optionalInt32(port.number, childOf(at, 'number')) ?? 0;
  if (n !== 0) {
    if (goUint16(n) !== n)
      problems.push(`${at.object}: ${at.path}.number: ${n} is outside 1-65535; Calico reads it as ${goUint16(n)}`);
    return { min: goUint16(n), max: goUint16(n) };
  }
  const rangeAt = childOf(at, 'range');
  const range = optionalObject(port.range, rangeAt);
  if (range === undefined) return undefined;
  const start = goUint16(optionalInt32(range.start, childOf(rangeAt, 'start')) ?? 0);
  const end = goUint16(optionalInt32(range.end, childOf(rangeAt, 'end')) ?? 0);
  if (start > end) {
    // numorstring.PortFromRange
    throw new FailedRuleError(
      rangeAt.path,
      'failed to parse k8s protocol: ' +
        `minimum port number (${start}) is greater than maximum port number (${end}) in port range`,
    );
  }
  return { min: start, max: end };
}

/** One entry: its protocol (undefined for a named port or an empty entry) and port (undefined: every port). */
function protocolEntry(v: unknown, at: FieldLocation, problems: string[]): { protocol?: string; port?: CalicoPort } {
  if (!isJsonObject(v)) wrongType(at, 'an object', v);
  for (const [field, protocol] of PROTOCOL_FIELDS) {
    if (isUnset(v[field])) continue;
    const fieldAt = childOf(at, field);
    const body = optionalObject(v[field], fieldAt) ?? {};
    return { protocol, port: destinationPort(body.destinationPort, childOf(fieldAt, 'destinationPort'), problems) };
  }
  const name = optionalString(v.destinationNamedPort, childOf(at, 'destinationNamedPort')) ?? '';
  if (name === '') return {};
  if (!NAMED_PORT.test(name)) {
    throw new FailedRuleError(
      childOf(at, 'destinationNamedPort').path,
      `named port ${JSON.stringify(name)} is not a valid Calico port name (it must match ^[a-zA-Z0-9_.-]{1,128}$)`,
    );
  }
  return { port: { name } };
}

/**
 * Unpacks a rule's `protocols` (upstream `unpackCNPProtocols`).
 * @throws FailedRuleError when an entry does not convert (the whole rule fails)
 */
export function unpackClusterProtocols(v: unknown, at: FieldLocation, problems: string[]): ClusterProtocolPorts[] {
  const list = optionalList(v, at);
  const byKey = new Map<string, CalicoPort[] | undefined>();
  if (list.length === 0) byKey.set('', undefined);
  for (let i = 0; i < list.length; i++) {
    const { protocol, port } = protocolEntry(list[i], indexOf(at, i), problems);
    if (protocol === undefined && port === undefined) {
      // An entry with nothing set allows everything; upstream keeps only that and stops.
      byKey.clear();
      byKey.set('', undefined);
      break;
    }
    const key = protocol ?? '';
    const current = byKey.get(key);
    if (port === undefined) byKey.set(key, undefined);
    else if (!byKey.has(key)) byKey.set(key, [port]);
    else if (current !== undefined) current.push(port);
  }
  return [...byKey.keys()].sort(goLess).map((key) => {
    const ports = byKey.get(key);
    const simplified = ports === undefined ? undefined : simplifyPorts(ports);
    return key === '' ? { ports: simplified } : { protocol: key, ports: simplified };
  });
}

function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
