// A description of every check (ID, level, revisions, what it replaces), for documentation, the CLI and tests.
import { POD_SECURITY_CHECKS } from './checks/registry';
import { formatPolicyMinor } from './levels';

/** What one check is. */
export interface PodSecurityCheckInfo {
  /** Upstream's check ID. */
  readonly id: string;
  /** `baseline` (also runs at restricted) or `restricted`. */
  readonly level: 'baseline' | 'restricted';
  /** Upstream's short forbidden reason. */
  readonly reason: string;
  /** Policy versions at which the check gets a new revision, oldest first: `['v1.0', 'v1.35']`. */
  readonly minimumVersions: readonly string[];
  /**
   * The baseline check this one replaces at restricted.
   * @default - none
   */
  readonly overrides?: string;
}

/** Every check, baseline first, in evaluation order. */
export function podSecurityCheckCatalog(): PodSecurityCheckInfo[] {
  return POD_SECURITY_CHECKS.map((c) => ({
    id: c.id,
    level: c.level,
    reason: c.reason,
    minimumVersions: c.versions.map((v) => formatPolicyMinor(v.minVersion)),
    ...(c.overrides ? { overrides: c.overrides } : {}),
  }));
}
