// Privilege checks: privileged and capabilities_baseline (baseline); allowPrivilegeEscalation and
// capabilities_restricted (restricted), after upstream policy/check_privileged.go, check_capabilities_baseline.go,
// check_allowPrivilegeEscalation.go and check_capabilities_restricted.go.
import { CheckFinding, exempting, finding, isWindowsPod, PodSecurityCheck } from './check';
import { arr, containersPhrase, obj, PodView } from './pod-view';

/**
 * Capabilities baseline lets containers add: Docker's historical defaults, spelled exactly (no `CAP_` prefix, upper
 * case).
 */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

const BASELINE_CAPS = new Set(BASELINE_ALLOWED_CAPABILITIES);

function privileged(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const c of pod.containers) {
    if (c.securityContext?.privileged === true) {
      out.push(
        finding(
          `${c.path}.securityContext.privileged`,
          `container ${JSON.stringify(c.name)} must not set securityContext.privileged=true`,
          'remove securityContext.privileged or set it to false',
          { container: c.name },
        ),
      );
    }
  }
  return out;
}

/** Capabilities added by a container that are not in `allowed`, in their listed order, deduplicated. */
function forbiddenAdds(c: PodView['containers'][number], allowed: (cap: unknown) => boolean): string[] {
  const bad = arr(obj(c.securityContext?.capabilities).add)
    .filter((cap) => !allowed(cap))
    .map((cap) => String(cap));
  return [...new Set(bad)];
}

function capabilitiesBaseline(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const c of pod.containers) {
    const bad = forbiddenAdds(c, (cap) => typeof cap === 'string' && BASELINE_CAPS.has(cap));
    if (bad.length > 0) {
      out.push(
        finding(
          `${c.path}.securityContext.capabilities.add`,
          `container ${JSON.stringify(c.name)} must not include ${bad.map((b) => JSON.stringify(b)).join(', ')} in securityContext.capabilities.add`,
          `add only ${BASELINE_ALLOWED_CAPABILITIES.join(', ')} (exact spelling)`,
          { container: c.name, values: bad },
        ),
      );
    }
  }
  return out;
}

function allowPrivilegeEscalation(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const c of pod.containers) {
    // Unset is not enough: escalation is allowed by default, so restricted requires an explicit false.
    if (c.securityContext?.allowPrivilegeEscalation !== false) {
      out.push(
        finding(
          `${c.path}.securityContext.allowPrivilegeEscalation`,
          `${containersPhrase([c.name])} must set securityContext.allowPrivilegeEscalation=false`,
          'set securityContext.allowPrivilegeEscalation: false on the container',
          { container: c.name },
        ),
      );
    }
  }
  return out;
}

function capabilitiesRestricted(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const c of pod.containers) {
    const caps = obj(c.securityContext?.capabilities);
    if (!arr(caps.drop).includes('ALL')) {
      out.push(
        finding(
          `${c.path}.securityContext.capabilities.drop`,
          `${containersPhrase([c.name])} must set securityContext.capabilities.drop=["ALL"]`,
          'set securityContext.capabilities.drop: ["ALL"] on the container',
          { container: c.name, values: ['drop'] },
        ),
      );
    }
    const bad = forbiddenAdds(c, (cap) => cap === 'NET_BIND_SERVICE');
    if (bad.length > 0) {
      out.push(
        finding(
          `${c.path}.securityContext.capabilities.add`,
          `${containersPhrase([c.name])} must not include ${bad.map((b) => JSON.stringify(b)).join(', ')} in securityContext.capabilities.add`,
          'add no capability but NET_BIND_SERVICE',
          { container: c.name, values: bad },
        ),
      );
    }
  }
  return out;
}

/** `privileged` (baseline, v1.0+): no privileged container. */
export const PRIVILEGED: PodSecurityCheck = {
  id: 'privileged',
  level: 'baseline',
  reason: 'privileged',
  versions: [{ minVersion: 0, evaluate: privileged }],
};

/** `capabilities_baseline` (baseline, v1.0+): added capabilities only from the default set. */
export const CAPABILITIES_BASELINE: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  reason: 'non-default capabilities',
  versions: [{ minVersion: 0, evaluate: capabilitiesBaseline }],
};

/** `allowPrivilegeEscalation` (restricted, v1.8+; Windows pods exempt from v1.25). */
export const ALLOW_PRIVILEGE_ESCALATION: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  reason: 'allowPrivilegeEscalation != false',
  versions: [
    { minVersion: 8, evaluate: allowPrivilegeEscalation },
    { minVersion: 25, evaluate: exempting(isWindowsPod, allowPrivilegeEscalation) },
  ],
};

/** `capabilities_restricted` (restricted, v1.22+, replaces capabilities_baseline; Windows pods exempt from v1.25). */
export const CAPABILITIES_RESTRICTED: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  reason: 'unrestricted capabilities',
  overrides: 'capabilities_baseline',
  versions: [
    { minVersion: 22, evaluate: capabilitiesRestricted },
    { minVersion: 25, evaluate: exempting(isWindowsPod, capabilitiesRestricted) },
  ],
};
