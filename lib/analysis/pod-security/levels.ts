// Pod Security levels and policy versions, parsed the way kubernetes/pod-security-admission api/helpers.go does.
import { boundaryError } from '../../model/primitives/guard';

/**
 * A Pod Security Standards level (kubernetes/pod-security-admission api/constants.go `Level`), as written in
 * `pod-security.kubernetes.io/<mode>` labels. The one definition: lib/access re-exports it for SecureNamespace.
 */
export enum PodSecurityLevel {
  /** Unrestricted: anything goes, including host access. Only with `dangerouslyAllowPrivilegedPods`. */
  PRIVILEGED = 'privileged',
  /** Blocks known privilege escalations (host namespaces, privileged containers, hostPath, ...). */
  BASELINE = 'baseline',
  /** Current hardening best practice: non-root, no privilege escalation, dropped capabilities, seccomp. */
  RESTRICTED = 'restricted',
}

/** A Pod Security Standards level as text (`'restricted'`) or as the enum ({@link PodSecurityLevel}). */
export type PodSecurityLevelName = `${PodSecurityLevel}`;

/** The three levels, least strict first. */
export const POD_SECURITY_LEVEL_NAMES: readonly PodSecurityLevelName[] = [
  PodSecurityLevel.PRIVILEGED,
  PodSecurityLevel.BASELINE,
  PodSecurityLevel.RESTRICTED,
];

/**
 * The newest policy version any check defines (`sysctls` gained two names in v1.37). Upstream evaluates `latest`, and
 * every version newer than this one, as this one (registry.go clamps to the registry's maxVersion).
 */
export const POD_SECURITY_LATEST_MINOR = 37;

/** A parsed policy version: what was asked for and the minor version the checks are evaluated at. */
export interface PodSecurityVersion {
  /** As written: `latest` or `v1.N`. */
  readonly label: string;
  /** The minor version evaluated: `latest` and anything newer than {@link POD_SECURITY_LATEST_MINOR} become it. */
  readonly minor: number;
}

/** The same version regexp as upstream: `v1.` then a number without leading zeros (`v1.0` is the oldest). */
const VERSION_RE = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** True when `value` is one of the three level names. */
export function isPodSecurityLevel(value: unknown): value is PodSecurityLevelName {
  return typeof value === 'string' && (POD_SECURITY_LEVEL_NAMES as readonly string[]).includes(value);
}

/**
 * Parses a level name.
 * @param where who asks, for the error message (`checkPodSecurity`, `Namespace/shop`, ...)
 * @throws Error naming the value and the fix when it is not `privileged`, `baseline` or `restricted`
 */
export function parsePodSecurityLevel(value: unknown, where: string, field = 'level'): PodSecurityLevelName {
  if (isPodSecurityLevel(value)) return value;
  const slip = typeof value === 'string' ? POD_SECURITY_LEVEL_NAMES.find((l) => l === value.toLowerCase()) : undefined;
  throw boundaryError(
    where,
    field,
    `Pod Security level ${JSON.stringify(value) ?? String(value)} is not a level; fix: ` +
      (slip ? `did you mean "${slip}"? levels are case-sensitive` : 'use privileged, baseline or restricted'),
  );
}

/** Parses `latest` or `v1.N`; undefined when the text is neither (callers choose: throw, or upstream's fallback). */
export function tryParsePodSecurityVersion(value: unknown): PodSecurityVersion | undefined {
  if (value === 'latest') return { label: 'latest', minor: POD_SECURITY_LATEST_MINOR };
  if (typeof value !== 'string') return undefined;
  const m = VERSION_RE.exec(value);
  if (!m) return undefined;
  return { label: value, minor: Math.min(Number(m[1]), POD_SECURITY_LATEST_MINOR) };
}

/**
 * Parses a policy version.
 * @param where who asks, for the error message
 * @throws Error naming the value and the fix when it is neither `latest` nor `v1.N`
 */
export function parsePodSecurityVersion(value: unknown, where: string, field = 'version'): PodSecurityVersion {
  const v = tryParsePodSecurityVersion(value);
  if (v) return v;
  throw boundaryError(
    where,
    field,
    `Pod Security version ${JSON.stringify(value) ?? String(value)} is invalid; fix: use "latest" or "v1.N", e.g. "v1.30"`,
  );
}

/** Renders an evaluated minor version as `v1.N`. */
export function formatPolicyMinor(minor: number): string {
  return `v1.${minor}`;
}

/** -1, 0 or 1 as `a` is less strict than, as strict as, or stricter than `b` (upstream CompareLevels). */
export function comparePodSecurityLevels(a: PodSecurityLevelName, b: PodSecurityLevelName): number {
  return Math.sign(POD_SECURITY_LEVEL_NAMES.indexOf(a) - POD_SECURITY_LEVEL_NAMES.indexOf(b));
}
