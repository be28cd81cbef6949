/**
 * Pod specs as kube-apiserver validates them (pkg/apis/core/validation `ValidatePodSpec`, `validateContainers`,
 * `validateContainerPorts`, `AccumulateUniqueHostPorts`, `ValidateVolumes`, `validateVolumeMounts`,
 * `validateRestartPolicy`, `validateDNSPolicy`, `ValidateServiceAccountName`, `ValidatePodTemplateSpec`): the
 * basics the analysis engines read (container names and ports, service account, volumes). Pod templates of
 * workloads go through {@link validatePodTemplate}.
 */
import type { FieldIssue } from '../schema/schema-errors';
import {
  dns1123LabelErrors,
  nameIsDnsSubdomain,
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
  notFound,
  notSupported,
  objectAt,
  required,
  stringAt,
} from './issues';
import { validateAnnotations, validateLabels } from './labels';
import { PORT_PROTOCOLS } from './service';

const RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

/** `ValidatePodSpec` (the cheap, clear part) at `path` (`spec`, `spec.template.spec`, ...). */
export function validatePodSpec(value: unknown, path: string): FieldIssue[] {
  const spec = objectAt(value);
  if (!spec) return [];
  const out: FieldIssue[] = [];
  const volumes = validateVolumes(spec.volumes, `${path}.volumes`, out);
  const containers = arrayAt(spec.containers);
  if (containers.length === 0 && Array.isArray(spec.containers)) {
    out.push(required(`${path}.containers`, '', 'add at least one container'));
  }
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  const hostNetwork = spec.hostNetwork === true;
  for (const group of ['initContainers', 'containers'] as const) {
    arrayAt(spec[group]).forEach((c, i) =>
      out.push(...validateContainer(c, `${path}.${group}[${i}]`, { names, hostPorts, volumes, hostNetwork })),
    );
  }
  const restart = spec.restartPolicy;
  if (typeof restart === 'string' && restart && !RESTART_POLICIES.includes(restart))
    out.push(notSupported(`${path}.restartPolicy`, restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy;
  if (typeof dns === 'string' && dns && !DNS_POLICIES.includes(dns))
    out.push(notSupported(`${path}.dnsPolicy`, dns, DNS_POLICIES));
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const sa = stringAt(spec[field]);
    if (sa)
      for (const m of nameIsDnsSubdomain(sa, false))
        out.push(
          invalid(`${path}.${field}`, sa, m, 'use the name of a ServiceAccount (a lowercase DNS-1123 subdomain)'),
        );
  }
  out.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  return out;
}

interface ContainerContext {
  readonly names: Set<string>;
  readonly hostPorts: Set<string>;
  readonly volumes: ReadonlySet<string>;
  readonly hostNetwork: boolean;
}

/** `validateContainers` / `validateInitContainers` for one container. */
function validateContainer(value: unknown, path: string, ctx: ContainerContext): FieldIssue[] {
  const c = objectAt(value);
  if (!c) return [];
  const out: FieldIssue[] = [];
  const name = stringAt(c.name);
  if (!name) {
    out.push(required(`${path}.name`, '', 'name the container (a DNS-1123 label like "app")'));
  } else {
    for (const m of dns1123LabelErrors(name))
      out.push(invalid(`${path}.name`, name, m, 'use a lowercase container name like "app"'));
    if (ctx.names.has(name))
      out.push(duplicate(`${path}.name`, name, 'give each container (init containers included) a unique name'));
    ctx.names.add(name);
  }
  if (!isSet(c.image)) {
    out.push(required(`${path}.image`, '', 'set the container image (e.g. nginx:1.27)'));
  }
  out.push(...validateContainerPorts(c.ports, `${path}.ports`, ctx));
  arrayAt(c.volumeMounts).forEach((mnt, i) => {
    const m = objectAt(mnt);
    if (!m) return;
    const mountName = stringAt(m.name);
    if (!mountName) out.push(required(`${path}.volumeMounts[${i}].name`, '', 'name the volume to mount'));
    else if (!ctx.volumes.has(mountName)) {
      out.push(
        notFound(
          `${path}.volumeMounts[${i}].name`,
          mountName,
          `add a volume named ${JSON.stringify(mountName)} to the pod's volumes, or fix the name`,
        ),
      );
    }
    if (!stringAt(m.mountPath))
      out.push(required(`${path}.volumeMounts[${i}].mountPath`, '', 'set the path to mount the volume at'));
  });
  return out;
}

/** `validateContainerPorts` and `AccumulateUniqueHostPorts`. */
function validateContainerPorts(value: unknown, path: string, ctx: ContainerContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  const names = new Set<string>();
  arrayAt(value).forEach((p, i) => {
    const port = objectAt(p);
    if (!port) return;
    const at = `${path}[${i}]`;
    const name = stringAt(port.name);
    if (name) {
      const msgs = portNameMessages(name);
      for (const m of msgs)
        out.push(
          invalid(
            `${at}.name`,
            name,
            m,
            'use an IANA service name: at most 15 of a-z, 0-9 and "-", with a letter (e.g. "http")',
          ),
        );
      if (msgs.length === 0 && names.has(name))
        out.push(duplicate(`${at}.name`, name, 'give each port of the container a unique name'));
      names.add(name);
    }
    const containerPort = integerAt(port.containerPort);
    if (containerPort === 0) {
      // absent is the schema's `Required value`; 0 is what the API server sees as unset
      out.push(required(`${at}.containerPort`, '', 'set containerPort to the port the container listens on (1-65535)'));
    } else if (containerPort !== undefined) {
      for (const m of portNumErrors(containerPort))
        out.push(invalid(`${at}.containerPort`, containerPort, m, 'use a port number from 1 to 65535'));
    }
    const hostPort = integerAt(port.hostPort);
    if (hostPort !== undefined && hostPort !== 0) {
      for (const m of portNumErrors(hostPort))
        out.push(invalid(`${at}.hostPort`, hostPort, m, 'use a port number from 1 to 65535, or leave hostPort out'));
    }
    // With hostNetwork the container's port is the host's port (validateHostNetwork).
    if (ctx.hostNetwork && hostPort && containerPort !== undefined && hostPort !== containerPort) {
      out.push(
        invalid(
          `${at}.hostPort`,
          hostPort,
          'must match `containerPort` when `hostNetwork` is true',
          'set hostPort equal to containerPort, or leave it out',
        ),
      );
    }
    const protocol = port.protocol;
    if (typeof protocol === 'string' && !PORT_PROTOCOLS.includes(protocol))
      out.push(notSupported(`${at}.protocol`, protocol, PORT_PROTOCOLS));
    const effectiveHostPort = ctx.hostNetwork ? hostPort || containerPort : hostPort;
    if (effectiveHostPort) {
      const key = `${stringAt(port.protocol) || 'TCP'}/${stringAt(port.hostIP) ?? ''}/${effectiveHostPort}`;
      if (ctx.hostPorts.has(key)) {
        out.push(
          duplicate(
            `${at}.hostPort`,
            `${stringAt(port.protocol) || 'TCP'}/${effectiveHostPort}`,
            'use each host port once per pod',
          ),
        );
      }
      ctx.hostPorts.add(key);
    }
  });
  return out;
}

/** `ValidateVolumes`: names DNS labels and unique, exactly one volume source. Returns the volume names. */
function validateVolumes(value: unknown, path: string, out: FieldIssue[]): Set<string> {
  const names = new Set<string>();
  arrayAt(value).forEach((v, i) => {
    const vol = objectAt(v);
    if (!vol) return;
    const at = `${path}[${i}]`;
    const name = stringAt(vol.name);
    if (!name) {
      out.push(required(`${at}.name`, '', 'name the volume'));
    } else {
      for (const m of dns1123LabelErrors(name))
        out.push(invalid(`${at}.name`, name, m, 'use a lowercase volume name like "data"'));
      if (names.has(name)) out.push(duplicate(`${at}.name`, name, 'give each volume a unique name'));
      names.add(name);
    }
    const sources = Object.keys(vol).filter((k) => k !== 'name' && vol[k] !== null && vol[k] !== undefined);
    if (sources.length === 0)
      out.push(
        required(at, 'must specify a volume type', 'add a volume source (e.g. emptyDir: {}, configMap, secret)'),
      );
    else if (sources.length > 1)
      out.push(
        forbidden(
          `${at}.${sources[1]}`,
          'may not specify more than 1 volume type',
          `keep one of ${sources.join(', ')}`,
        ),
      );
  });
  return names;
}

/**
 * `ValidatePodTemplateSpec`: the template's labels and annotations, then its pod spec.
 * @param value the template (`spec.template` of a workload)
 * @param path its path
 */
export function validatePodTemplate(value: unknown, path: string): FieldIssue[] {
  const template = objectAt(value);
  if (!template) return [];
  const meta = objectAt(template.metadata) ?? {};
  return [
    ...validateLabels(meta.labels, `${path}.metadata.labels`),
    ...validateAnnotations(meta.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
}
