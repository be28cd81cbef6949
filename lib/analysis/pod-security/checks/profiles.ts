// Security-profile checks: appArmorProfile, seLinuxOptions, seccompProfile_baseline (baseline) and
// seccompProfile_restricted (restricted), after upstream policy/check_appArmorProfile.go, check_seLinuxOptions.go,
// check_seccompProfile_baseline.go and check_seccompProfile_restricted.go.
import { CheckFinding, exempting, finding, FindingSubject, isWindowsPod, PodSecurityCheck } from './check';
import { child, containersPhrase, Json, keyPath, obj, PodView, str } from './pod-view';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Who set a field: `pod` or `container "x"`, and the path of its securityContext. */
interface Setter {
  readonly who: string;
  /** The container's name; undefined for the pod. */
  readonly container?: string;
  readonly path: string;
  readonly securityContext?: Json;
}

/** The pod, then every container, as setters of a securityContext field. */
function setters(pod: PodView): Setter[] {
  return [
    { who: 'pod', path: 'spec.securityContext', securityContext: pod.podSecurityContext },
    ...pod.containers.map((c) => ({
      who: containersPhrase([c.name]),
      container: c.name,
      path: `${c.path}.securityContext`,
      securityContext: c.securityContext,
    })),
  ];
}

/** The finding subject of a setter with its bad value. */
function setterOf(s: Setter, value: string): FindingSubject {
  return s.container === undefined ? { pod: true, values: [value] } : { container: s.container, values: [value] };
}

const validProfileType = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';

function appArmorProfile(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const s of setters(pod)) {
    const profile = s.securityContext && child(s.securityContext, 'appArmorProfile');
    if (profile && !validProfileType(profile.type)) {
      out.push(
        finding(
          `${s.path}.appArmorProfile.type`,
          `${s.who} must not set AppArmor profile type to ${JSON.stringify(profile.type ?? '')}`,
          'use appArmorProfile.type RuntimeDefault or Localhost, or leave it unset',
          setterOf(s, String(profile.type ?? '')),
        ),
      );
    }
  }
  // The deprecated beta annotations still count (upstream checks both channels at every version).
  const annotations = obj(pod.metadata.annotations);
  for (const key of Object.keys(annotations).sort()) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    const value = str(annotations[key]) ?? '';
    if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
    out.push(
      finding(
        keyPath('metadata.annotations', key),
        `annotation ${key}=${JSON.stringify(value)} sets a forbidden AppArmor profile`,
        'use "runtime/default" or "localhost/<profile>", or better the securityContext.appArmorProfile field',
        { values: [`${key}=${JSON.stringify(value)}`] },
      ),
    );
  }
  return out;
}

const SELINUX_TYPES_1_0: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_1_31: readonly string[] = [...SELINUX_TYPES_1_0, 'container_engine_t'];

function seLinuxOptions(allowedTypes: readonly string[]): (pod: PodView) => CheckFinding[] {
  return (pod) => {
    const out: CheckFinding[] = [];
    for (const s of setters(pod)) {
      const opts = s.securityContext && child(s.securityContext, 'seLinuxOptions');
      if (!opts) continue;
      const type = str(opts.type) ?? '';
      if (!allowedTypes.includes(type)) {
        out.push(
          finding(
            `${s.path}.seLinuxOptions.type`,
            `${s.who} must not set securityContext.seLinuxOptions.type to ${JSON.stringify(type)}`,
            `use a type among ${allowedTypes.filter((t) => t).join(', ')}, or leave it empty`,
            setterOf(s, `type:${type}`),
          ),
        );
      }
      for (const field of ['user', 'role']) {
        if (str(opts[field])) {
          out.push(
            finding(
              `${s.path}.seLinuxOptions.${field}`,
              `${s.who} must not set securityContext.seLinuxOptions.${field}`,
              `remove seLinuxOptions.${field}`,
              setterOf(s, field),
            ),
          );
        }
      }
    }
    return out;
  };
}

const validSeccompAnnotation = (v: string): boolean =>
  v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

/** Policy before v1.19: the alpha seccomp annotations, for the pod and for each container by name. */
function seccompProfileBaselineAnnotations(pod: PodView): CheckFinding[] {
  const annotations = obj(pod.metadata.annotations);
  const keys = [SECCOMP_POD_ANNOTATION, ...pod.containers.map((c) => SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name)];
  const out: CheckFinding[] = [];
  for (const key of new Set(keys)) {
    if (!(key in annotations)) continue;
    const value = str(annotations[key]) ?? '';
    if (!validSeccompAnnotation(value)) {
      out.push(
        finding(
          keyPath('metadata.annotations', key),
          `annotation ${key}=${JSON.stringify(value)} sets a forbidden seccomp profile`,
          'use "runtime/default", "docker/default" or "localhost/<profile>"',
        ),
      );
    }
  }
  return out;
}

/** Explicitly bad seccompProfile types (pod or container). */
function badSeccompTypes(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const s of setters(pod)) {
    const profile = s.securityContext && child(s.securityContext, 'seccompProfile');
    if (profile && !validProfileType(profile.type)) {
      out.push(
        finding(
          `${s.path}.seccompProfile.type`,
          `${s.who} must not set securityContext.seccompProfile.type to ${JSON.stringify(profile.type ?? '')}`,
          'use seccompProfile.type RuntimeDefault or Localhost',
          setterOf(s, String(profile.type ?? '')),
        ),
      );
    }
  }
  return out;
}

function seccompProfileRestricted(pod: PodView): CheckFinding[] {
  const explicit = badSeccompTypes(pod);
  if (explicit.length > 0) return explicit; // upstream reports the explicit setters first, and only them
  const podSet = validProfileType(obj(pod.podSecurityContext?.seccompProfile).type);
  if (podSet) return [];
  const unset = pod.containers
    .filter((c) => !(c.securityContext && child(c.securityContext, 'seccompProfile')))
    .map((c) => c.name);
  if (unset.length === 0) return [];
  return [
    finding(
      'spec.securityContext.seccompProfile.type',
      `pod or ${containersPhrase(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      'set spec.securityContext.seccompProfile.type: RuntimeDefault (or set it on every container)',
    ),
  ];
}

/** `appArmorProfile` (baseline, v1.0+): no Unconfined AppArmor profile, by field or annotation. */
export const APPARMOR_PROFILE: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  reason: 'forbidden AppArmor profile',
  versions: [{ minVersion: 0, evaluate: appArmorProfile }],
};

/**
 * `seLinuxOptions` (baseline, v1.0+; `container_engine_t` allowed from v1.31): no custom SELinux user, role or type.
 */
export const SELINUX_OPTIONS: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  reason: 'seLinuxOptions',
  versions: [
    { minVersion: 0, evaluate: seLinuxOptions(SELINUX_TYPES_1_0) },
    { minVersion: 31, evaluate: seLinuxOptions(SELINUX_TYPES_1_31) },
  ],
};

/** `seccompProfile_baseline` (baseline; annotations before v1.19, the field from v1.19): no Unconfined seccomp. */
export const SECCOMP_PROFILE_BASELINE: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  reason: 'seccompProfile',
  versions: [
    { minVersion: 0, evaluate: seccompProfileBaselineAnnotations },
    { minVersion: 19, evaluate: badSeccompTypes },
  ],
};

/**
 * `seccompProfile_restricted` (restricted, v1.19+, replaces seccompProfile_baseline; Windows pods exempt from v1.25).
 */
export const SECCOMP_PROFILE_RESTRICTED: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  reason: 'seccompProfile',
  overrides: 'seccompProfile_baseline',
  versions: [
    { minVersion: 19, evaluate: seccompProfileRestricted },
    { minVersion: 25, evaluate: exempting(isWindowsPod, seccompProfileRestricted) },
  ],
};
