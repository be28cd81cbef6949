// A namespace's Pod Security policy from its labels, with upstream's fallbacks (api/helpers.go PolicyToEvaluate):
// no label means privileged:latest; a bad enforce level fails closed (restricted), a bad audit/warn level fails open
// (privileged), a bad version means latest.
import {
  parsePodSecurityVersion,
  PodSecurityLevelName,
  PodSecurityVersion,
  POD_SECURITY_LEVEL_NAMES,
  tryParsePodSecurityVersion,
} from './levels';

/** The three Pod Security Admission modes. */
export type PodSecurityMode = 'enforce' | 'audit' | 'warn';

/** Every mode, in the order they are reported. */
export const POD_SECURITY_MODES: readonly PodSecurityMode[] = ['enforce', 'warn', 'audit'];

/** Prefix of the Pod Security Admission namespace labels. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** A level at a version, e.g. `restricted:latest`. */
export interface PodSecurityLevelVersion {
  /** The level. */
  readonly level: PodSecurityLevelName;
  /** The version. */
  readonly version: PodSecurityVersion;
}

/** A namespace label the API server would reject, and what PSA evaluates instead. */
export interface PodSecurityLabelError {
  /** The mode the label configures. */
  readonly mode: PodSecurityMode;
  /** The label key, e.g. `pod-security.kubernetes.io/enforce`. */
  readonly label: string;
  /** Its value. */
  readonly value: string;
  /** What is wrong and what PSA falls back to. */
  readonly message: string;
}

/** What PSA evaluates in a namespace, per mode. */
export interface NamespacePodSecurityPolicy {
  /** Violations reject pods. */
  readonly enforce: PodSecurityLevelVersion;
  /** Violations are recorded in the audit log. */
  readonly audit: PodSecurityLevelVersion;
  /** Violations are returned as warnings. */
  readonly warn: PodSecurityLevelVersion;
  /** Labels that do not parse (empty when all are fine). */
  readonly labelErrors: readonly PodSecurityLabelError[];
}

const LATEST = parsePodSecurityVersion('latest', 'pod-security');

/** `restricted:latest`, `baseline:v1.30`. */
export function formatLevelVersion(lv: PodSecurityLevelVersion): string {
  return `${lv.level}:${lv.version.label}`;
}

/** Resolves a namespace's Pod Security policy from its labels (anything not a string map counts as no labels). */
export function namespacePodSecurityPolicy(labels: unknown): NamespacePodSecurityPolicy {
  const map =
    labels !== null && typeof labels === 'object' && !Array.isArray(labels) ? (labels as Record<string, unknown>) : {};
  const labelErrors: PodSecurityLabelError[] = [];
  const mode = (m: PodSecurityMode): PodSecurityLevelVersion => {
    const levelKey = `${POD_SECURITY_LABEL_PREFIX}${m}`;
    const versionKey = `${levelKey}-version`;
    let level: PodSecurityLevelName = 'privileged';
    if (levelKey in map) {
      const raw = map[levelKey];
      if ((POD_SECURITY_LEVEL_NAMES as readonly unknown[]).includes(raw)) {
        level = raw as PodSecurityLevelName;
      } else {
        // Upstream: enforce fails closed, audit and warn fail open.
        level = m === 'enforce' ? 'restricted' : 'privileged';
        labelErrors.push({
          mode: m,
          label: levelKey,
          value: String(raw),
          message: `${JSON.stringify(raw)} is not a Pod Security level, so the API server evaluates "${level}"`,
        });
      }
    }
    let version = LATEST;
    if (versionKey in map) {
      const raw = map[versionKey];
      const parsed = tryParsePodSecurityVersion(raw);
      if (parsed) {
        version = parsed;
      } else {
        labelErrors.push({
          mode: m,
          label: versionKey,
          value: String(raw),
          message: `${JSON.stringify(raw)} is not "latest" or "v1.N", so the API server evaluates "latest"`,
        });
      }
    }
    return { level, version };
  };
  return { enforce: mode('enforce'), audit: mode('audit'), warn: mode('warn'), labelErrors };
}
