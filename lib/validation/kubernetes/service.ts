/**
 * Service (core/v1) as kube-apiserver validates it on create: pkg/apis/core/validation `ValidateService`,
 * `validateServicePort`, `ValidatePortNumOrName`, `ValidateServiceClusterIPsRelatedFields`,
 * `validateServiceExternalTrafficPolicy`, `validateServiceInternalTrafficFieldsValue`,
 * `validateClientIPAffinityConfig`. Fields the API server defaults (type ClusterIP, protocol TCP, sessionAffinity None,
 * externalTrafficPolicy Cluster) are read with their defaults.
 */
import { parseCidr, parseIp } from '../../model/primitives/cidr';
import type { FieldIssue } from '../schema/schema-errors';
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  portNameMessages,
  portNumErrors,
} from '../../model/primitives/kube-name-errors';
import {
  arrayAt,
  duplicate,
  forbidden,
  integerAt,
  invalid,
  isSet,
  notSupported,
  objectAt,
  required,
  stringAt,
} from './issues';
import { qualifiedNameMessages, validateLabels } from './labels';

/** `supportedPortProtocols`. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
/** `ports.KubeletPort`: a LoadBalancer may not expose it. */
const KUBELET_PORT = 10250;
/** `core.MaxClientIPServiceAffinitySeconds`. */
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const IP_EXAMPLE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** `ValidatePortNumOrName`: an int-or-string port (a targetPort, a probe port): 1–65535 or an IANA port name. */
export function validatePortNumOrName(value: unknown, path: string, fix: string): FieldIssue[] {
  if (typeof value === 'number' && Number.isInteger(value))
    return portNumErrors(value).map((m) => invalid(path, value, m, fix));
  if (typeof value === 'string') return portNameMessages(value).map((m) => invalid(path, value, m, fix));
  return [];
}

/** `ValidateService` on a core/v1 Service. */
export function validateService(doc: Record<string, unknown>): FieldIssue[] {
  const spec = objectAt(doc.spec);
  if (!spec) return [];
  const out: FieldIssue[] = [];
  const rawType = spec.type;
  const type = isSet(rawType) ? rawType : 'ClusterIP';
  if (typeof type === 'string' && !SERVICE_TYPES.includes(type))
    out.push(notSupported('spec.type', type, SERVICE_TYPES));

  // clusterIP / clusterIPs (v1 keeps clusterIPs[0] == clusterIP): "None" (headless), empty (allocate) or an IP.
  const clusterIP = stringAt(spec.clusterIP);
  const clusterIPs = arrayAt(spec.clusterIPs).filter((x): x is string => typeof x === 'string');
  const firstIP = clusterIP || clusterIPs[0] || '';
  const firstIPPath = clusterIP ? 'spec.clusterIP' : 'spec.clusterIPs[0]';
  const headless = firstIP === 'None';
  out.push(...validateClusterIPs(spec, clusterIP, clusterIPs));

  const ports = arrayAt(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    out.push(
      required('spec.ports', '', 'add at least one port (only headless and ExternalName Services may have none)'),
    );
  }
  switch (type) {
    case 'LoadBalancer':
      if (headless)
        out.push(
          invalid(
            firstIPPath,
            'None',
            "may not be set to 'None' for LoadBalancer services",
            'remove clusterIP: None, or use type ClusterIP',
          ),
        );
      ports.forEach((p, i) => {
        if (objectAt(p)?.port === KUBELET_PORT) {
          out.push(
            invalid(
              `spec.ports[${i}]`,
              KUBELET_PORT,
              `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`,
              'expose another port',
            ),
          );
        }
      });
      break;
    case 'NodePort':
      if (headless)
        out.push(
          invalid(
            firstIPPath,
            'None',
            "may not be set to 'None' for NodePort services",
            'remove clusterIP: None, or use type ClusterIP',
          ),
        );
      break;
    case 'ExternalName':
      out.push(...validateExternalName(spec, clusterIP, clusterIPs));
      break;
    default:
      break;
  }

  const names = new Set<string>();
  ports.forEach((p, i) => out.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (isSet(objectAt(p)?.nodePort) && objectAt(p)?.nodePort !== 0) {
        out.push(
          forbidden(
            `spec.ports[${i}].nodePort`,
            "may not be used when `type` is 'ClusterIP'",
            'remove nodePort, or set type: NodePort',
          ),
        );
      }
    });
  }
  out.push(...duplicatePorts(ports));

  out.push(...validateLabels(spec.selector, 'spec.selector'));
  out.push(...validateSessionAffinity(spec));
  arrayAt(spec.externalIPs).forEach((ip, i) => {
    if (typeof ip === 'string' && !parseIp(ip))
      out.push(invalid(`spec.externalIPs[${i}]`, ip, IP_EXAMPLE, 'use a plain IP address'));
  });
  const ranges = arrayAt(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    // upstream names this path `spec.LoadBalancerSourceRanges`; the field is spelt loadBalancerSourceRanges.
    if (type !== 'LoadBalancer') {
      out.push(
        forbidden(
          'spec.loadBalancerSourceRanges',
          "may only be used when `type` is 'LoadBalancer'",
          'remove it, or set type: LoadBalancer',
        ),
      );
    }
    ranges.forEach((r, i) => {
      // values may be space-padded (a historical accident of the annotation it replaced)
      if (typeof r === 'string' && !parseCidr(r.trim()))
        out.push(invalid(`spec.loadBalancerSourceRanges[${i}]`, r, CIDR_EXAMPLE, 'use a CIDR like 203.0.113.0/24'));
    });
  }
  out.push(...validateTrafficPolicies(spec, type));
  return out;
}

/** `validateServicePort`. */
function validateServicePort(value: unknown, requireName: boolean, names: Set<string>, path: string): FieldIssue[] {
  const sp = objectAt(value);
  if (!sp) return [];
  const out: FieldIssue[] = [];
  const name = stringAt(sp.name) ?? '';
  if (requireName && !name) {
    out.push(
      required(`${path}.name`, '', 'name every port of a Service with more than one port (e.g. "http", "metrics")'),
    );
  } else if (name) {
    for (const m of dns1123LabelErrors(name))
      out.push(invalid(`${path}.name`, name, m, 'use a lowercase port name like "http"'));
    if (names.has(name)) out.push(duplicate(`${path}.name`, name, 'give each port a unique name'));
    names.add(name);
  }
  const port = integerAt(sp.port);
  if (port !== undefined)
    for (const m of portNumErrors(port))
      out.push(invalid(`${path}.port`, port, m, 'use a port number from 1 to 65535'));
  const protocol = sp.protocol;
  if (typeof protocol === 'string' && !PORT_PROTOCOLS.includes(protocol))
    out.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
  // targetPort 0 or "" is defaulted to port (SetDefaults_Service).
  if (sp.targetPort !== 0 && sp.targetPort !== '') {
    out.push(
      ...validatePortNumOrName(
        sp.targetPort,
        `${path}.targetPort`,
        'use a port number from 1 to 65535 or the name of a container port (e.g. "http")',
      ),
    );
  }
  const nodePort = integerAt(sp.nodePort);
  if (nodePort !== undefined && nodePort !== 0) {
    for (const m of portNumErrors(nodePort))
      out.push(
        invalid(
          `${path}.nodePort`,
          nodePort,
          m,
          'use a port in the node port range (30000-32767 by default), or leave it out',
        ),
      );
  }
  const appProtocol = stringAt(sp.appProtocol);
  if (appProtocol !== undefined) {
    for (const m of qualifiedNameMessages(appProtocol))
      out.push(
        invalid(`${path}.appProtocol`, appProtocol, m, 'use a protocol name like "http" or "kubernetes.io/h2c"'),
      );
  }
  return out;
}

/** Duplicate (protocol, port) and (protocol, nodePort) pairs; protocol defaults to TCP. */
function duplicatePorts(ports: unknown[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seenNode = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const sp = objectAt(p);
    if (!sp) return;
    const protocol = stringAt(sp.protocol) || 'TCP';
    const nodePort = integerAt(sp.nodePort);
    if (nodePort) {
      const key = `${protocol}/${nodePort}`;
      if (seenNode.has(key))
        out.push(
          duplicate(`spec.ports[${i}].nodePort`, nodePort, 'give each port its own nodePort, or leave nodePort out'),
        );
      seenNode.add(key);
    }
    const port = integerAt(sp.port);
    if (port === undefined) return;
    const key = `${protocol}/${port}`;
    if (seen.has(key)) {
      out.push(
        duplicate(
          `spec.ports[${i}]`,
          { port, protocol },
          `remove the repeated ${protocol} port ${port}, or use another port number`,
        ),
      );
    }
    seen.add(key);
  });
  return out;
}

/** `ValidateServiceClusterIPsRelatedFields` (the IP syntax part). */
function validateClusterIPs(
  spec: Record<string, unknown>,
  clusterIP: string | undefined,
  clusterIPs: string[],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const fix = 'use "None" (headless), a valid IP in the service CIDR, or leave clusterIP out';
  if (clusterIP && clusterIP !== 'None' && !parseIp(clusterIP))
    out.push(invalid('spec.clusterIP', clusterIP, IP_EXAMPLE, fix));
  if (clusterIP && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
    out.push(
      invalid(
        'spec.clusterIPs',
        spec.clusterIPs,
        'first value must match `clusterIP`',
        'make clusterIPs[0] equal clusterIP',
      ),
    );
  }
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1)
        out.push(
          invalid('spec.clusterIPs', spec.clusterIPs, "'None' must be the first and only value", 'list only "None"'),
        );
      return;
    }
    if (!(i === 0 && ip === clusterIP) && !parseIp(ip)) out.push(invalid(`spec.clusterIPs[${i}]`, ip, IP_EXAMPLE, fix));
  });
  if (clusterIPs.length > 2)
    out.push(
      invalid(
        'spec.clusterIPs',
        spec.clusterIPs,
        'may only hold up to 2 values',
        'list at most one IPv4 and one IPv6 address',
      ),
    );
  return out;
}

/** The `ExternalName` case of `ValidateService`. */
function validateExternalName(
  spec: Record<string, unknown>,
  clusterIP: string | undefined,
  clusterIPs: string[],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (clusterIP || clusterIPs.length > 0) {
    out.push(
      forbidden(
        clusterIP ? 'spec.clusterIP' : 'spec.clusterIPs',
        'may not be set for ExternalName services',
        'remove clusterIP',
      ),
    );
  }
  if (isSet(spec.ipFamilies))
    out.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services', 'remove ipFamilies'));
  if (isSet(spec.ipFamilyPolicy))
    out.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services', 'remove ipFamilyPolicy'));
  // The value (a CNAME) may have a trailing dot to denote it as fully qualified.
  const cname = (stringAt(spec.externalName) ?? '').replace(/\.$/, '');
  if (!cname) {
    out.push(
      required('spec.externalName', '', 'set externalName to the DNS name the Service aliases (e.g. db.example.com)'),
    );
  } else {
    for (const m of dns1123SubdomainErrors(cname))
      out.push(invalid('spec.externalName', spec.externalName, m, 'use a lowercase DNS name like db.example.com'));
  }
  return out;
}

/** sessionAffinity enum, `validateClientIPAffinityConfig`. */
function validateSessionAffinity(spec: Record<string, unknown>): FieldIssue[] {
  const out: FieldIssue[] = [];
  const affinity = isSet(spec.sessionAffinity) ? spec.sessionAffinity : 'None';
  if (typeof affinity === 'string' && !SESSION_AFFINITIES.includes(affinity))
    out.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  const config = objectAt(spec.sessionAffinityConfig);
  if (affinity === 'None' && config) {
    out.push(
      forbidden(
        'spec.sessionAffinityConfig',
        'must not be set when session affinity is None',
        'remove sessionAffinityConfig, or set sessionAffinity: ClientIP',
      ),
    );
  }
  if (affinity === 'ClientIP' && config) {
    const timeout = integerAt(objectAt(config.clientIP)?.timeoutSeconds);
    if (timeout !== undefined && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      out.push(
        invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          timeout,
          `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
          `use 1 to ${MAX_CLIENT_IP_AFFINITY_SECONDS} seconds (default 10800)`,
        ),
      );
    }
  }
  return out;
}

/** `validateServiceExternalTrafficPolicy`, `validateServiceInternalTrafficFieldsValue`, healthCheckNodePort. */
function validateTrafficPolicies(spec: Record<string, unknown>, type: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  // apiservice.ExternallyAccessible: NodePort, LoadBalancer, or a ClusterIP Service with externalIPs.
  const external =
    type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && arrayAt(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (isSet(etp)) {
    if (!external) {
      out.push(
        invalid(
          'spec.externalTrafficPolicy',
          etp,
          'may only be set for externally-accessible services',
          'remove externalTrafficPolicy, or set type: NodePort or LoadBalancer',
        ),
      );
    } else if (typeof etp === 'string' && !TRAFFIC_POLICIES.includes(etp)) {
      out.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
    }
  }
  const itp = spec.internalTrafficPolicy;
  if (typeof itp === 'string' && itp && !TRAFFIC_POLICIES.includes(itp))
    out.push(notSupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  const hc = integerAt(spec.healthCheckNodePort);
  if (hc !== undefined && hc !== 0) {
    if (!(type === 'LoadBalancer' && etp === 'Local')) {
      out.push(
        invalid(
          'spec.healthCheckNodePort',
          hc,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
          'remove healthCheckNodePort',
        ),
      );
    } else {
      for (const m of portNumErrors(hc))
        out.push(invalid('spec.healthCheckNodePort', hc, m, 'use a port from 1 to 65535'));
    }
  }
  return out;
}
