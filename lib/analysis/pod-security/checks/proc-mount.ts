// /proc mount checks: procMount (baseline; user-namespace pods exempt from v1.35) and procMount_restricted
// (restricted, v1.35+, replaces it without the exemption), after upstream policy/check_procMount_baseline.go and
// check_procMount_restricted.go.
import { CheckFinding, exempting, finding, isUserNamespacePod, PodSecurityCheck } from './check';
import { containersPhrase, PodView } from './pod-view';

function procMount(fix: string): (pod: PodView) => CheckFinding[] {
  return (pod) => {
    const out: CheckFinding[] = [];
    for (const c of pod.containers) {
      const value = c.securityContext?.procMount;
      if (value !== undefined && value !== null && value !== 'Default') {
        out.push(
          finding(
            `${c.path}.securityContext.procMount`,
            `${containersPhrase([c.name])} must not set securityContext.procMount to ${JSON.stringify(value)}`,
            fix,
            { container: c.name, values: [String(value)] },
          ),
        );
      }
    }
    return out;
  };
}

const strict = procMount('remove securityContext.procMount or set it to Default');
const relaxed = procMount(
  'remove securityContext.procMount or set it to Default, or run the pod in a user namespace (spec.hostUsers: false)',
);

/** `procMount` (baseline, v1.0+; from v1.35 any value is allowed when `spec.hostUsers` is false). */
export const PROC_MOUNT: PodSecurityCheck = {
  id: 'procMount',
  level: 'baseline',
  reason: 'procMount',
  versions: [
    { minVersion: 0, evaluate: strict },
    { minVersion: 35, evaluate: exempting(isUserNamespacePod, relaxed) },
  ],
};

/** `procMount_restricted` (restricted, v1.35+, replaces procMount): only Default, even in a user namespace. */
export const PROC_MOUNT_RESTRICTED: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  reason: 'procMount',
  overrides: 'procMount',
  versions: [{ minVersion: 35, evaluate: strict }],
};
