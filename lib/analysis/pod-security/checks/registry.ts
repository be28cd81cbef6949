// Which check revisions run at a level and version (upstream policy/registry.go): baseline checks at baseline and
// restricted, restricted checks at restricted only, and at restricted a baseline check is dropped wherever a restricted
// check that overrides it applies.
import { CheckFunction, PodSecurityCheck, revisionAt } from './check';
import { HOST_NAMESPACES, HOST_PORTS, HOST_PROBES_AND_HOST_LIFECYCLE, WINDOWS_HOST_PROCESS } from './host';
import { ALLOW_PRIVILEGE_ESCALATION, CAPABILITIES_BASELINE, CAPABILITIES_RESTRICTED, PRIVILEGED } from './privileges';
import { PROC_MOUNT, PROC_MOUNT_RESTRICTED } from './proc-mount';
import { APPARMOR_PROFILE, SECCOMP_PROFILE_BASELINE, SECCOMP_PROFILE_RESTRICTED, SELINUX_OPTIONS } from './profiles';
import { SYSCTLS } from './sysctls';
import { RUN_AS_NON_ROOT, RUN_AS_USER } from './users';
import { HOST_PATH_VOLUMES, RESTRICTED_VOLUMES } from './volumes';

const byId = (a: PodSecurityCheck, b: PodSecurityCheck): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ALL: readonly PodSecurityCheck[] = [
  WINDOWS_HOST_PROCESS,
  HOST_NAMESPACES,
  PRIVILEGED,
  CAPABILITIES_BASELINE,
  HOST_PATH_VOLUMES,
  HOST_PORTS,
  APPARMOR_PROFILE,
  SELINUX_OPTIONS,
  PROC_MOUNT,
  SECCOMP_PROFILE_BASELINE,
  SYSCTLS,
  HOST_PROBES_AND_HOST_LIFECYCLE,
  RESTRICTED_VOLUMES,
  ALLOW_PRIVILEGE_ESCALATION,
  RUN_AS_NON_ROOT,
  RUN_AS_USER,
  SECCOMP_PROFILE_RESTRICTED,
  CAPABILITIES_RESTRICTED,
  PROC_MOUNT_RESTRICTED,
];

/**
 * Every check in upstream's order, which results and denial messages follow: baseline check IDs sorted byte-wise,
 * then restricted ones (policy/registry.go `populate`: "Sort the IDs to maintain consistent error messages").
 */
export const POD_SECURITY_CHECKS: readonly PodSecurityCheck[] = [
  ...ALL.filter((c) => c.level === 'baseline').sort(byId),
  ...ALL.filter((c) => c.level === 'restricted').sort(byId),
];

/** A check revision ready to run. */
export interface ActiveCheck {
  /** The check. */
  readonly check: PodSecurityCheck;
  /** Its revision at the evaluated version. */
  readonly evaluate: CheckFunction;
}

const cache = new Map<string, readonly ActiveCheck[]>();

/** The check revisions in force at `level` and policy minor version `minor` (none at privileged). */
export function activeChecks(level: 'privileged' | 'baseline' | 'restricted', minor: number): readonly ActiveCheck[] {
  const key = `${level}:${minor}`;
  let active = cache.get(key);
  if (active) return active;
  const candidates =
    level === 'privileged' ? [] : POD_SECURITY_CHECKS.filter((c) => c.level === 'baseline' || level === 'restricted');
  const withRevision = candidates
    .map((check) => ({ check, revision: revisionAt(check, minor) }))
    .filter((c) => c.revision !== undefined);
  const overridden = new Set(withRevision.map((c) => c.check.overrides).filter((o): o is string => o !== undefined));
  active = withRevision
    .filter((c) => !overridden.has(c.check.id))
    .map((c) => ({ check: c.check, evaluate: c.revision!.evaluate }));
  cache.set(key, active);
  return active;
}
