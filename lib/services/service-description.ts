import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { IKubeResource } from '../core/kube-resource';
import {
  guardArray,
  guardKnownKeys,
  guardObject,
  guardOptionalBoolean,
  guardOptionalInstance,
  guardString,
} from '../model/primitives/guard';
import { Protocol } from '../policy/protocol';
import { parseIp } from '../model/primitives/cidr';
import {
  isDns1035Label,
  isDns1123Label,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from '../model/primitives';
import { isExternallyAccessible } from './plan-service-changes';
import { isPortNumber } from '../model/primitives/ports';

/** One port of an exposed Service. */
export interface ExposedServicePort {
  /** The Service port (what clients connect to on the cluster IP), 1-65535. */
  readonly port: number;
  /**
   * The port on the pods after DNAT: a number, or the name of a container port.
   * @default - the same as `port`
   */
  readonly targetPort?: number | string;
  /**
   * TCP, UDP or SCTP.
   * @default Protocol.tcp()
   */
  readonly protocol?: Protocol;
  /**
   * The NodePort of a NodePort or LoadBalancer Service: in local mode, the listed networks may reach it on the nodes
   * (the foundation closes the NodePort range before DNAT to everyone else).
   * @default - not known: in local mode the listed networks may reach the whole NodePort range on the nodes
   */
  readonly nodePort?: number;
}

/** A Service this app does not define, described by what the policies need. */
export interface ClusterIpServiceAttributes {
  /** The Service name. */
  readonly name: string;
  /** The Service namespace. */
  readonly namespace: string;
  /**
   * The Service's `spec.clusterIP`. Must be set explicitly in the Service manifest (docs/scenarios.md#002, step 1): the
   * policies name it, so it cannot be left for Kubernetes to allocate.
   */
  readonly clusterIp: string;
  /** The Service ports. */
  readonly ports: ExposedServicePort[];
  /** The Service's `spec.selector`: the labels of its pods. */
  readonly podSelector: { [key: string]: string };
  /**
   * Whether Kubernetes lets the Service carry `externalTrafficPolicy` (type NodePort or LoadBalancer, or with
   * externalIPs). Only used to check `ExternalTrafficPolicy.LOCAL`.
   * @default true
   */
  readonly externallyAccessible?: boolean;
}

/** A port of an exposed Service with every default resolved ({@link ExposedClusterIpService.ports}). */
export interface ServicePortMapping {
  /** The Service port (what clients connect to on the cluster IP). */
  readonly port: number;
  /** The port on the pods after DNAT: a number, or the name of a container port. */
  readonly targetPort: number | string;
  /** `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
}

/** A port with every default resolved. @internal */
export interface ResolvedServicePort {
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** The NodePort, when the Service names one. */
  readonly nodePort?: number;
}

/** What the exposure constructs need to know about a Service. @internal */
export interface ServiceDescription {
  readonly name: string;
  readonly namespace: string;
  /** The cluster IP (canonical text). */
  readonly clusterIp: string;
  readonly ports: readonly ResolvedServicePort[];
  readonly podLabels: { readonly [key: string]: string };
  readonly externallyAccessible: boolean;
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

function fail(path: string, field: string, problem: string, fix: string): never {
  throw new Error(`[${path}] ${field}: ${problem}; fix: ${fix}`);
}

/** `n` as a port; `field` names it in the error (a function: the name is built only when it fails). */
function checkPort(path: string, field: () => string, n: unknown): number {
  if (!isPortNumber(n)) fail(path, field(), `${JSON.stringify(n)} is not a port`, 'use an integer 1-65535');
  return n;
}

function resolvePort(
  path: string,
  i: number,
  p: { port?: unknown; targetPort?: unknown; protocol?: unknown; nodePort?: unknown },
  prefix = '',
): ResolvedServicePort {
  const port = checkPort(path, () => `${prefix}ports[${i}].port`, p.port);
  let targetPort: number | string = port;
  if (typeof p.targetPort === 'string' && !/^[0-9]+$/.test(p.targetPort)) {
    if (!isValidPortName(p.targetPort)) {
      fail(
        path,
        `${prefix}ports[${i}].targetPort`,
        `"${p.targetPort}" is not a container port name`,
        'use a port number or an IANA service name (1-15 lowercase letters, digits and -)',
      );
    }
    targetPort = p.targetPort;
  } else if (p.targetPort !== undefined) {
    targetPort = checkPort(
      path,
      () => `${prefix}ports[${i}].targetPort`,
      typeof p.targetPort === 'string' ? Number(p.targetPort) : p.targetPort,
    );
  }
  const protocol = p.protocol === undefined ? 'TCP' : String(p.protocol);
  if (!PROTOCOLS.has(protocol))
    fail(path, `${prefix}ports[${i}].protocol`, `${protocol} is not a Service protocol`, 'use TCP, UDP or SCTP');
  const resolved = { port, targetPort, protocol: protocol as ResolvedServicePort['protocol'] };
  if (p.nodePort === undefined || p.nodePort === null) return resolved;
  return { ...resolved, nodePort: checkPort(path, () => `${prefix}ports[${i}].nodePort`, p.nodePort) };
}

function checkClusterIp(path: string, value: unknown, how: string, field = 'clusterIP'): string {
  if (value === undefined || value === null || value === '') {
    fail(
      path,
      field,
      'the Service has no explicit cluster IP, and the policies must name it (Kubernetes would allocate one only when the Service is created)',
      `${how}, choosing a free address inside the service CIDR (and inside the advertised serviceClusterIPs)`,
    );
  }
  if (value === 'None')
    fail(
      path,
      field,
      'a headless Service (clusterIP: None) has no cluster IP to advertise or protect',
      `${how}, or expose its pods another way`,
    );
  const ip = typeof value === 'string' ? parseIp(value) : undefined;
  if (!ip) fail(path, field, `${JSON.stringify(value)} is not an IP address`, how);
  return value as string;
}

function checkLabels(
  path: string,
  labels: { [k: string]: unknown },
  how: string,
  field = 'selector',
): { [k: string]: string } {
  const keys = Object.keys(labels);
  if (keys.length === 0) fail(path, field, 'the Service selects no pods, so there is nothing to admit traffic to', how);
  for (const k of keys) {
    const v = labels[k];
    if (!isQualifiedName(k) || typeof v !== 'string' || !isValidLabelValue(v))
      fail(
        path,
        `${field}["${k}"]`,
        `${JSON.stringify(k)}: ${JSON.stringify(v)} is not a valid label`,
        'use Kubernetes label keys and values',
      );
  }
  return labels as { [k: string]: string };
}

/** Reads what a Service construct (any cdk8s-plus line, or an ApiObject) will synthesize. @internal */
export function kplusServiceSpec(service: IKubeResource): any {
  return ApiObject.of(service).toJson();
}

/**
 * What the policies depend on in a rendered Service, compared at synth to detect a Service changed after it was
 * wrapped. @internal
 */
export function serviceFingerprint(json: any): string {
  const s = json.spec ?? {};
  return JSON.stringify([
    json.metadata?.name,
    json.metadata?.namespace,
    s.clusterIP,
    s.ports,
    s.selector,
    s.type,
    s.externalIPs,
  ]);
}

/**
 * Describes a Service construct from its synthesized manifest (`json`: that manifest when the caller has it, with
 * what it will write into it). @internal
 */
export function describeKplusService(
  path: string,
  service: IKubeResource,
  json: any = kplusServiceSpec(service),
): ServiceDescription {
  const spec = json.spec ?? {};
  const name: string = json.metadata?.name;
  const namespace: string | undefined = json.metadata?.namespace ?? Chart.of(service).namespace;
  if (!namespace)
    fail(
      path,
      'namespace',
      `Service ${name} has no namespace, and the pod policies must name one`,
      'create the Service in a chart with a namespace, or pass `metadata: { namespace }`',
    );
  const clusterIp = checkClusterIp(
    path,
    spec.clusterIP,
    "pass `clusterIP` to the Service: new kplus.Service(scope, id, { clusterIP: '10.20.30.40', ... }), or `clusterIp` to ExposedClusterIpService (for deployment.exposeViaService(), which takes none)",
  );
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0)
    fail(
      path,
      'ports',
      `Service ${name} has no ports`,
      'pass `ports` to the Service, or call service.bind(port) before wrapping it',
    );
  return {
    name,
    namespace,
    clusterIp,
    ports: ports.map((p: any, i: number) => resolvePort(path, i, p)),
    podLabels: checkLabels(
      path,
      spec.selector ?? {},
      'pass `selector` to the Service (a workload or Pods.select(...)), or call service.select(...) before wrapping it',
    ),
    externallyAccessible: isExternallyAccessible(spec),
  };
}

const ATTRIBUTES = ['name', 'namespace', 'clusterIp', 'ports', 'podSelector', 'externallyAccessible'];
const PORT_KEYS = ['port', 'targetPort', 'protocol', 'nodePort'];

/** The runtime shape of plain attributes (plain JavaScript, values read from YAML). */
function guardAttributes(path: string, a: unknown): ClusterIpServiceAttributes {
  const attrs = guardObject(a, path, 'service', {
    expected:
      'a Service construct (any cdk8s-plus line) or its attributes { name, namespace, clusterIp, ports, podSelector }',
  });
  guardKnownKeys(attrs, ATTRIBUTES, path, 'service');
  guardString(attrs.name, path, 'service.name', { expected: 'a Service name' });
  guardString(attrs.namespace, path, 'service.namespace', { expected: 'a namespace name' });
  guardArray(
    attrs.ports,
    path,
    'service.ports',
    (p, f) => {
      const port = guardObject(p, path, f, { expected: 'a port { port, targetPort?, protocol? }' });
      guardKnownKeys(port, PORT_KEYS, path, f);
      guardOptionalInstance(port.protocol, Protocol as unknown as abstract new () => Protocol, path, `${f}.protocol`, {
        expected: 'a Protocol (Protocol.tcp(), Protocol.udp(), Protocol.sctp())',
      });
      return port;
    },
    { of: 'ports' },
  );
  guardObject(attrs.podSelector, path, 'service.podSelector', {
    expected: "an object of pod labels (the Service's spec.selector)",
  });
  guardOptionalBoolean(attrs.externallyAccessible, path, 'service.externallyAccessible');
  return attrs as unknown as ClusterIpServiceAttributes;
}

/** Describes a Service from plain attributes. @internal */
export function describeAttributes(path: string, attributes: ClusterIpServiceAttributes): ServiceDescription {
  const a = guardAttributes(path, attributes);
  // Upstream: pkg/apis/core/validation.ValidateService (ValidateServiceName: DNS-1035 label) and ValidateNamespaceName.
  if (!isDns1035Label(a.name))
    fail(
      path,
      'service.name',
      `"${a.name}" is not a Service name`,
      'use a DNS-1035 label (lowercase letters, digits and -, starting with a letter)',
    );
  if (!isDns1123Label(a.namespace))
    fail(path, 'service.namespace', `"${a.namespace}" is not a namespace name`, 'use a DNS-1123 label');
  const clusterIp = checkClusterIp(
    path,
    a.clusterIp,
    "pass `clusterIp` (the Service's spec.clusterIP, set explicitly in its manifest)",
    'service.clusterIp',
  );
  if (a.ports.length === 0) fail(path, 'service.ports', 'no ports', 'list the Service ports');
  return {
    name: a.name,
    namespace: a.namespace,
    clusterIp,
    ports: a.ports.map((p, i) =>
      resolvePort(
        path,
        i,
        { port: p.port, targetPort: p.targetPort, protocol: p.protocol?.value, nodePort: p.nodePort },
        'service.',
      ),
    ),
    podLabels: checkLabels(
      path,
      { ...a.podSelector },
      "pass `podSelector` (the Service's spec.selector)",
      'service.podSelector',
    ),
    externallyAccessible: a.externallyAccessible ?? true,
  };
}

/** Whether `x` is a construct (a Service of any cdk8s-plus line) rather than plain attributes. @internal */
export function isServiceConstruct(x: unknown): x is IKubeResource {
  return Construct.isConstruct(x);
}
