/**
 * The `ports` of one Kubernetes NetworkPolicy rule → Calico destination ports grouped by protocol, as upstream's
 * `k8sRuleToCalico` groups them (one Calico rule per protocol).
 */
import { CalicoPort, parseCalicoPort, simplifyPorts } from './calico-port';
import { childOf, FieldLocation, indexOf, KubernetesConversionError } from './errors';
import { isJsonObject, isUnset, optionalInt32, optionalList, optionalString, wrongType } from './json-fields';
import { calicoProtocolFromString, KUBERNETES_PROTOCOLS } from '../../primitives/protocols';
import { isStrict, refuse } from './strict';
import { ianaSvcNameErrors } from '../../primitives/kube-names';
import { portNumErrors } from '../../primitives/kube-name-errors';

/**
 * The destination ports of one protocol: `protocol` undefined means "any protocol" (the rule had no `ports`),
 * `ports` undefined means every port of the protocol.
 */
export interface ProtocolPorts {
  readonly protocol?: string;
  readonly ports?: CalicoPort[];
}

/** A rule upstream drops because one of its ports does not parse; the message is upstream's error text. */
export class DroppedRuleError extends Error {}

/** The fields of one `NetworkPolicyPort`, after Kubernetes' TCP default. */
interface PortSpec {
  readonly protocol: string;
  readonly port?: string;
  readonly endPort?: number;
}

function readPortValue(v: unknown, at: FieldLocation): string | undefined {
  if (isUnset(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return String(v);
  return wrongType(at, 'an integer or a string (IntOrString)', v);
}

function readPortSpec(p: unknown, at: FieldLocation, problems: string[]): PortSpec {
  if (!isJsonObject(p)) wrongType(at, 'an object', p);
  const protocol = optionalString(p.protocol, childOf(at, 'protocol')) ?? 'TCP';
  if (!KUBERNETES_PROTOCOLS.includes(protocol)) {
    const slip = KUBERNETES_PROTOCOLS.find((k) => k.toLowerCase() === protocol.toLowerCase());
    refuse(
      problems,
      childOf(at, 'protocol'),
      `protocol ${JSON.stringify(protocol)}: Kubernetes accepts only TCP, UDP and SCTP`,
      `unsupported value ${JSON.stringify(protocol)}: Kubernetes accepts only TCP, UDP and SCTP`,
      slip ? `did you mean ${JSON.stringify(slip)}? protocols are case-sensitive` : 'use TCP, UDP or SCTP',
    );
  }
  const port = readPortValue(p.port, childOf(at, 'port'));
  const endPort = optionalInt32(p.endPort, childOf(at, 'endPort'));
  if (isStrict(problems)) checkPortSpec(p.port, endPort, at);
  return { protocol, port, endPort };
}

/** Upstream's `k8sPortToCalico`: the port (with `:endPort`) parsed as a Calico port; no port → every port. */
function toCalicoPorts(spec: PortSpec): CalicoPort[] | undefined {
  if (spec.port === undefined) return undefined;
  const text = spec.endPort === undefined ? spec.port : `${spec.port}:${spec.endPort}`;
  const parsed = parseCalicoPort(text);
  if ('error' in parsed) throw new DroppedRuleError(`failed to parse k8s port: invalid port ${text}: ${parsed.error}`);
  return [parsed];
}

/**
 * Groups a rule's ports by protocol like upstream: protocols in sorted order; a protocol-only port (no `port`)
 * means every port of that protocol and absorbs the other ports of that protocol; the ports of each protocol are
 * simplified (`SimplifyPorts`). No ports at all gives one entry with neither protocol nor ports.
 *
 * @throws DroppedRuleError when a port does not parse (upstream drops the whole rule and reports it)
 * @throws KubernetesConversionError when a port has the wrong shape
 */
export function groupPortsByProtocol(rawPorts: unknown, at: FieldLocation, problems: string[]): ProtocolPorts[] {
  const specs = optionalList(rawPorts, at).map((p, i) => readPortSpec(p, indexOf(at, i), problems));
  if (specs.length === 0) return [{}];

  // Map value undefined = "all ports of this protocol" (Go's nil slice).
  const byProtocol = new Map<string, CalicoPort[] | undefined>();
  for (const spec of specs) {
    const ports = toCalicoPorts(spec);
    const protocol = calicoProtocolFromString(spec.protocol);
    if (ports === undefined) {
      byProtocol.set(protocol, undefined);
    } else if (!byProtocol.has(protocol) || (byProtocol.get(protocol)?.length ?? 0) > 0) {
      byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), ...ports]);
    }
  }
  return [...byProtocol.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((protocol) => {
      const ports = byProtocol.get(protocol);
      // Upstream keys "no protocol" as "" and turns "" back into no protocol (only reachable with `protocol: ""`).
      const proto = protocol === '' ? {} : { protocol };
      return ports === undefined ? proto : { ...proto, ports: simplifyPorts(ports) };
    });
}

/**
 * Strict mode: networking validation's `ValidateNetworkPolicyPort` (pkg/apis/networking/validation): a numeric port
 * 1-65535 (`IsValidPortNum`), a named port per `IsValidPortName` (IANA_SVC_NAME), `endPort` only after a numeric
 * port, at least `port`, at most 65535.
 */
function checkPortSpec(port: unknown, endPort: number | undefined, at: FieldLocation): void {
  const portAt = childOf(at, 'port');
  const endAt = childOf(at, 'endPort');
  if (typeof port === 'number') {
    // Upstream `IsValidPortNum` (k8s.io/apimachinery/pkg/util/validation), from the ground floor.
    const [portProblem] = portNumErrors(port);
    if (portProblem)
      throw new KubernetesConversionError(portAt, `${port}: ${portProblem}`, 'use a port number 1-65535');
    if (endPort !== undefined) {
      if (endPort < port) {
        throw new KubernetesConversionError(
          endAt,
          `${endPort}: must be greater than or equal to \`port\` (${port})`,
          `set endPort to ${port} or more, or remove it`,
        );
      }
      const [endProblem] = portNumErrors(endPort);
      if (endProblem)
        throw new KubernetesConversionError(endAt, `${endPort}: ${endProblem}`, 'use a port number 1-65535');
    }
    return;
  }
  if (typeof port === 'string') {
    if (endPort !== undefined) {
      const hint = /^[0-9]+$/.test(port) ? ` (${port}, not "${port}")` : '';
      throw new KubernetesConversionError(
        endAt,
        'may not be specified when `port` is non-numeric',
        `remove endPort, or give port as a number${hint}`,
      );
    }
    const problem = portNameProblem(port);
    if (problem) {
      const fix = /^[0-9]+$/.test(port)
        ? `write the number ${port}, not a string`
        : 'name a container port (1-15 lowercase letters, digits and "-", at least one letter)';
      throw new KubernetesConversionError(portAt, `${JSON.stringify(port)}: ${problem}`, fix);
    }
    return;
  }
  if (endPort !== undefined)
    throw new KubernetesConversionError(
      endAt,
      'may not be specified when `port` is not specified',
      'set port, or remove endPort',
    );
}

/** apimachinery `IsValidPortName`, its messages. */
function portNameProblem(name: string): string | undefined {
  return ianaSvcNameErrors(name)[0];
}
