// The sysctls check (baseline): only namespaced sysctls known to be safe, a list that grows with the policy version
// (upstream policy/check_sysctls.go: sysctlsAllowedV1Dot0 ... V1Dot37).
import { CheckFinding, finding, PodSecurityCheck, VersionedCheck } from './check';
import { arr, obj, PodView, str } from './pod-view';

/** The safe sysctls added at each policy minor version. */
export const SAFE_SYSCTLS_BY_VERSION: ReadonlyArray<readonly [number, readonly string[]]> = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

/** The safe sysctls at a policy minor version. */
export function safeSysctlsAt(minor: number): string[] {
  return SAFE_SYSCTLS_BY_VERSION.filter(([v]) => v <= minor).flatMap(([, names]) => names);
}

function sysctlsAllowing(allowed: readonly string[]): (pod: PodView) => CheckFinding[] {
  const set = new Set(allowed);
  return (pod) => {
    const out: CheckFinding[] = [];
    // Sysctls exist only at pod level.
    arr(obj(pod.podSecurityContext).sysctls).forEach((s, i) => {
      const name = str(obj(s).name) ?? '';
      if (!set.has(name)) {
        out.push(
          finding(
            `spec.securityContext.sysctls[${i}].name`,
            `sysctl ${JSON.stringify(name)} is not allowed`,
            `set only safe sysctls: ${allowed.join(', ')}`,
            { pod: true, values: [name] },
          ),
        );
      }
    });
    return out;
  };
}

/** `sysctls` (baseline, v1.0+; the safe list grows at v1.27, v1.29, v1.32 and v1.37). */
export const SYSCTLS: PodSecurityCheck = {
  id: 'sysctls',
  level: 'baseline',
  reason: 'forbidden sysctls',
  versions: SAFE_SYSCTLS_BY_VERSION.map(([minVersion]): VersionedCheck => ({
    minVersion,
    evaluate: sysctlsAllowing(safeSysctlsAt(minVersion)),
  })),
};
