// User checks (restricted): runAsNonRoot and runAsUser, after upstream policy/check_runAsNonRoot.go and
// check_runAsUser.go. From policy v1.35 both skip pods in a user namespace (`hostUsers: false`); before v1.35 there
// is no relaxation (upstream dropped the old feature-gated one from the 1.0 and 1.23 revisions).
import { CheckFinding, exempting, finding, isUserNamespacePod, PodSecurityCheck } from './check';
import { containersPhrase, PodView } from './pod-view';

function runAsNonRoot(pod: PodView): CheckFinding[] {
  const explicit: CheckFinding[] = [];
  const fixFalse =
    'remove runAsNonRoot: false, set spec.securityContext.runAsNonRoot: true and run the image as a non-zero UID';
  const podValue = pod.podSecurityContext?.runAsNonRoot;
  if (podValue === false)
    explicit.push(
      finding('spec.securityContext.runAsNonRoot', 'pod must not set securityContext.runAsNonRoot=false', fixFalse, {
        pod: true,
      }),
    );
  const implicit: string[] = [];
  for (const c of pod.containers) {
    const value = c.securityContext?.runAsNonRoot;
    if (value === false) {
      explicit.push(
        finding(
          `${c.path}.securityContext.runAsNonRoot`,
          `${containersPhrase([c.name])} must not set securityContext.runAsNonRoot=false`,
          fixFalse,
          { container: c.name },
        ),
      );
    } else if (value !== true && podValue !== true) {
      implicit.push(c.name);
    }
  }
  if (explicit.length > 0) return explicit; // upstream reports the explicit setters first, and only them
  if (implicit.length === 0) return [];
  return [
    finding(
      'spec.securityContext.runAsNonRoot',
      `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`,
      'set spec.securityContext.runAsNonRoot: true (or on every container) and run the image as a non-zero UID',
    ),
  ];
}

function runAsUser(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  const fix = 'use a non-zero UID (e.g. runAsUser: 65532) or leave runAsUser unset';
  if (pod.podSecurityContext?.runAsUser === 0)
    out.push(finding('spec.securityContext.runAsUser', 'pod must not set runAsUser=0', fix, { pod: true }));
  for (const c of pod.containers) {
    if (c.securityContext?.runAsUser === 0)
      out.push(
        finding(`${c.path}.securityContext.runAsUser`, `${containersPhrase([c.name])} must not set runAsUser=0`, fix, {
          container: c.name,
        }),
      );
  }
  return out;
}

/**
 * `runAsNonRoot` (restricted, v1.0+; user-namespace pods exempt from v1.35): pod or every container sets
 * runAsNonRoot=true.
 */
export const RUN_AS_NON_ROOT: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  reason: 'runAsNonRoot != true',
  versions: [
    { minVersion: 0, evaluate: runAsNonRoot },
    { minVersion: 35, evaluate: exempting(isUserNamespacePod, runAsNonRoot) },
  ],
};

/** `runAsUser` (restricted, v1.23+; user-namespace pods exempt from v1.35): no runAsUser=0. */
export const RUN_AS_USER: PodSecurityCheck = {
  id: 'runAsUser',
  level: 'restricted',
  reason: 'runAsUser=0',
  versions: [
    { minVersion: 23, evaluate: runAsUser },
    { minVersion: 35, evaluate: exempting(isUserNamespacePod, runAsUser) },
  ],
};
