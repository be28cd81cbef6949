// Baseline checks on host access: windowsHostProcess, hostNamespaces, hostPorts, hostProbesAndHostLifecycle
// (upstream policy/check_windowsHostProcess.go, check_hostNamespaces.go, check_hostPorts.go,
// check_hostProbesAndhostLifecycle.go).
import { CheckFinding, finding, PodSecurityCheck } from './check';
import { arr, child, obj, PodView, str } from './pod-view';

function windowsHostProcess(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  const fix = 'remove windowsOptions.hostProcess or set it to false (HostProcess containers run on the host)';
  if (obj(pod.podSecurityContext?.windowsOptions).hostProcess === true) {
    out.push(
      finding(
        'spec.securityContext.windowsOptions.hostProcess',
        'pod must not set securityContext.windowsOptions.hostProcess=true',
        fix,
        { pod: true },
      ),
    );
  }
  for (const c of pod.containers) {
    if (obj(c.securityContext?.windowsOptions).hostProcess === true) {
      out.push(
        finding(
          `${c.path}.securityContext.windowsOptions.hostProcess`,
          `container ${JSON.stringify(c.name)} must not set securityContext.windowsOptions.hostProcess=true`,
          fix,
          { container: c.name },
        ),
      );
    }
  }
  return out;
}

function hostNamespaces(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const [field, namespace] of [
    ['hostNetwork', 'network'],
    ['hostPID', 'PID'],
    ['hostIPC', 'IPC'],
  ]) {
    if (pod.spec[field] === true) {
      out.push(
        finding(
          `spec.${field}`,
          `pod must not set ${field}=true`,
          `remove spec.${field} (the pod would share the node's ${namespace} namespace)`,
          { pod: true, values: [`${field}=true`] },
        ),
      );
    }
  }
  return out;
}

function hostPorts(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const c of pod.containers) {
    arr(c.container.ports).forEach((p, j) => {
      const hostPort = obj(p).hostPort;
      // Upstream forbids any value but 0 (unset decodes to 0).
      if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
        out.push(
          finding(
            `${c.path}.ports[${j}].hostPort`,
            `container ${JSON.stringify(c.name)} must not set hostPort ${JSON.stringify(hostPort)}`,
            'remove hostPort and expose the port through a Service',
            { container: c.name, values: [String(hostPort)] },
          ),
        );
      }
    });
  }
  return out;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

function hostProbesAndHostLifecycle(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  const fix = "remove host: probes and lifecycle hooks then target the pod's own IP";
  const visit = (c: PodView['containers'][number], handler: ReturnType<typeof child>, where: string) => {
    if (!handler) return;
    for (const h of HANDLERS) {
      const host = str(obj(handler[h]).host);
      if (host)
        out.push(
          finding(
            `${c.path}.${where}.${h}.host`,
            `container ${JSON.stringify(c.name)} must not set ${where}.${h}.host (${JSON.stringify(host)})`,
            fix,
            { container: c.name, values: [host] },
          ),
        );
    }
  };
  for (const c of pod.containers) {
    for (const p of PROBES) visit(c, child(c.container, p), p);
    const lifecycle = child(c.container, 'lifecycle');
    if (lifecycle) for (const hook of HOOKS) visit(c, child(lifecycle, hook), `lifecycle.${hook}`);
  }
  return out;
}

/** `windowsHostProcess` (baseline, v1.0+): no Windows HostProcess pod or container. */
export const WINDOWS_HOST_PROCESS: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  reason: 'hostProcess',
  versions: [{ minVersion: 0, evaluate: windowsHostProcess }],
};

/** `hostNamespaces` (baseline, v1.0+): no hostNetwork, hostPID or hostIPC. */
export const HOST_NAMESPACES: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  reason: 'host namespaces',
  versions: [{ minVersion: 0, evaluate: hostNamespaces }],
};

/** `hostPorts` (baseline, v1.0+): no container port bound on the host. */
export const HOST_PORTS: PodSecurityCheck = {
  id: 'hostPorts',
  level: 'baseline',
  reason: 'hostPort',
  versions: [{ minVersion: 0, evaluate: hostPorts }],
};

/** `hostProbesAndHostLifecycle` (baseline, v1.34+): probes and lifecycle hooks may not name another host. */
export const HOST_PROBES_AND_HOST_LIFECYCLE: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  reason: 'probe or lifecycle host',
  versions: [{ minVersion: 34, evaluate: hostProbesAndHostLifecycle }],
};
