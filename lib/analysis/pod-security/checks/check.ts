// The shape of a Pod Security check, after kubernetes/pod-security-admission policy/checks.go: an ID, a level, and
// one evaluation per minimum policy version (the newest one at or below the evaluated version applies).
import { PodView } from './pod-view';

/** One offending field found by a check, before the check ID is attached. */
export interface CheckFinding {
  /** Field path relative to the pod: `spec.containers[0].securityContext.privileged`. */
  readonly fieldPath: string;
  /**
   * What is wrong, in upstream's words where it has some: `container "app" must not set
   * securityContext.privileged=true`.
   */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * What upstream's aggregated message names (see `details.ts`): the container, the pod, a volume, and the bad
   * value (a capability, a profile type, a host port, a sysctl).
   * @default - nothing: the message is the detail
   */
  readonly about?: FindingSubject;
}

/** The container, pod or volume a finding is about, and its bad value. */
export interface FindingSubject {
  /** The container's name. @default - not a container */
  readonly container?: string;
  /** True when the pod itself sets the field. @default false */
  readonly pod?: boolean;
  /** The volume's name. @default - not a volume */
  readonly volume?: string;
  /** The offending value(s), as upstream prints them. @default - none */
  readonly values?: readonly string[];
}

/** Evaluates one check revision against a pod; an empty array means allowed. */
export type CheckFunction = (pod: PodView) => readonly CheckFinding[];

/** One revision of a check. */
export interface VersionedCheck {
  /** The first policy minor version (`1.N`) this revision applies to. */
  readonly minVersion: number;
  /** The evaluation. */
  readonly evaluate: CheckFunction;
}

/** A Pod Security check. */
export interface PodSecurityCheck {
  /** Upstream's check ID: `privileged`, `runAsNonRoot`, `seccompProfile_restricted`, ... */
  readonly id: string;
  /** Baseline checks run at baseline and restricted; restricted checks only at restricted. */
  readonly level: 'baseline' | 'restricted';
  /** Upstream's short forbidden reason: `privileged`, `host namespaces`, `runAsNonRoot != true`, ... */
  readonly reason: string;
  /**
   * A baseline check this restricted check replaces wherever it applies (upstream OverrideCheckIDs).
   * @default - replaces none
   */
  readonly overrides?: string;
  /** Revisions by strictly increasing `minVersion`. */
  readonly versions: readonly VersionedCheck[];
}

/** The revision of `check` in force at policy minor version `minor`, if any. */
export function revisionAt(check: PodSecurityCheck, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.minVersion <= minor) found = v;
  return found;
}

/** Shorthand for a finding. */
export function finding(fieldPath: string, message: string, fix: string, about?: FindingSubject): CheckFinding {
  return about ? { fieldPath, message, fix, about } : { fieldPath, message, fix };
}

/** A revision that admits every pod the predicate exempts and otherwise defers to `inner`. */
export function exempting(exempt: (pod: PodView) => boolean, inner: CheckFunction): CheckFunction {
  return (pod) => (exempt(pod) ? [] : inner(pod));
}

/** Policy v1.25+: `spec.os.name: windows` pods skip Linux-only restricted checks. */
export const isWindowsPod = (pod: PodView): boolean => pod.windows;

/** Policy v1.35+: pods in a user namespace (`hostUsers: false`) skip the root and /proc checks. */
export const isUserNamespacePod = (pod: PodView): boolean => pod.userNamespace;
