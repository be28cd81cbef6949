// Upstream's aggregated wording: one ForbiddenReason and one ForbiddenDetail per failed check, containers grouped
// (`containers "a", "b" must ...`), values sorted as Go's sets.List sorts them, after each
// k8s.io/pod-security-admission policy/check_*.go (pluralize, joinQuote, "pod and containers ..." setters).
import { CheckFinding } from './check';

/** Go's pluralize. */
function pluralize(singular: string, plural: string, n: number): string {
  return n === 1 ? singular : plural;
}

/** Go's joinQuote: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Go's sort.Strings order (byte-wise). */
function sorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function unique(items: Iterable<string>): string[] {
  return [...new Set(items)];
}

/** Containers named by the findings, in visiting order. */
function containers(fs: readonly CheckFinding[]): string[] {
  return unique(fs.map((f) => f.about?.container).filter((c): c is string => c !== undefined));
}

/** `container "a"` / `containers "a", "b"`. */
function containerPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Upstream's bad setters: `pod`, then the containers, joined with ` and `. */
function setters(fs: readonly CheckFinding[]): string {
  const parts: string[] = [];
  if (fs.some((f) => f.about?.pod)) parts.push('pod');
  const names = containers(fs);
  if (names.length > 0) parts.push(containerPhrase(names));
  return parts.join(' and ');
}

function values(fs: readonly CheckFinding[]): string[] {
  return fs.flatMap((f) => f.about?.values ?? []);
}

/** A check's reason and detail as kube-apiserver prints them. */
export interface UpstreamWording {
  readonly reason: string;
  readonly detail: string;
}

type Wording = (fs: readonly CheckFinding[], reason: string) => UpstreamWording;

const forContainers =
  (predicate: string): Wording =>
  (fs, reason) => ({ reason, detail: `${containerPhrase(containers(fs))} ${predicate}` });
const forSetters =
  (predicate: string): Wording =>
  (fs, reason) => ({ reason, detail: `${setters(fs)} ${predicate}` });
const explicitOr =
  (explicit: Wording): Wording =>
  (fs, reason) =>
    fs.some((f) => f.about) ? explicit(fs, reason) : { reason, detail: fs.map((f) => f.message).join('; ') };

const capsDetail = (fs: readonly CheckFinding[]): string =>
  `${containerPhrase(containers(fs))} must not include ${joinQuote(sorted(values(fs)))} in securityContext.capabilities.add`;

const WORDING: { readonly [checkId: string]: Wording } = {
  privileged: forContainers('must not set securityContext.privileged=true'),
  hostNamespaces: (fs, reason) => ({ reason, detail: values(fs).join(', ') }),
  capabilities_baseline: (fs, reason) => ({ reason, detail: capsDetail(fs) }),
  hostPathVolumes: (fs, reason) => {
    const names = unique(fs.map((f) => f.about?.volume ?? ''));
    return { reason, detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}` };
  },
  hostPorts: (fs, reason) => {
    const names = containers(fs);
    const ports = sorted(values(fs));
    return {
      reason,
      detail: `${containerPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
    };
  },
  appArmorProfile: (fs) => {
    const fieldFindings = fs.filter((f) => f.about?.pod || f.about?.container !== undefined);
    const annotations = sorted(
      fs.filter((f) => !(f.about?.pod || f.about?.container !== undefined)).flatMap((f) => f.about?.values ?? []),
    );
    const bad = [...sorted(values(fieldFindings)), ...annotations];
    const who = [
      setters(fieldFindings),
      annotations.length > 0 ? pluralize('annotation', 'annotations', annotations.length) : '',
    ]
      .filter((x) => x)
      .join(' and ');
    return {
      reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.length),
      detail: `${who} must not set AppArmor profile type to ${joinQuote(bad)}`,
    };
  },
  seLinuxOptions: (fs, reason) => {
    const v = values(fs);
    const types = sorted(v.filter((x) => x.startsWith('type:')).map((x) => x.slice(5)));
    const data: string[] = [];
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (v.includes('user')) data.push('user may not be set');
    if (v.includes('role')) data.push('role may not be set');
    return { reason, detail: `${setters(fs)} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
  },
  procMount: (fs, reason) => ({
    reason,
    detail: `${containerPhrase(containers(fs))} must not set securityContext.procMount to ${joinQuote(sorted(values(fs)))}`,
  }),
  procMount_restricted: (fs, reason) => ({
    reason,
    detail: `${containerPhrase(containers(fs))} must not set securityContext.procMount to ${joinQuote(sorted(values(fs)))}`,
  }),
  seccompProfile_baseline: explicitOr((fs, reason) => ({
    reason,
    detail: `${setters(fs)} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values(fs)))}`,
  })),
  seccompProfile_restricted: explicitOr((fs, reason) => ({
    reason,
    detail: `${setters(fs)} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values(fs)))}`,
  })),
  sysctls: (fs, reason) => ({ reason, detail: values(fs).join(', ') }),
  hostProbesAndHostLifecycle: (fs, reason) => {
    const names = sorted(containers(fs));
    const hosts = sorted(values(fs));
    return {
      reason,
      detail: `${containerPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.length)} ${joinQuote(hosts)}`,
    };
  },
  windowsHostProcess: forSetters('must not set securityContext.windowsOptions.hostProcess=true'),
  restrictedVolumes: (fs, reason) => {
    const names = unique(fs.map((f) => f.about?.volume ?? ''));
    const types = sorted(values(fs));
    return {
      reason,
      detail:
        `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
        `${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
    };
  },
  allowPrivilegeEscalation: forContainers('must set securityContext.allowPrivilegeEscalation=false'),
  runAsNonRoot: explicitOr(forSetters('must not set securityContext.runAsNonRoot=false')),
  runAsUser: forSetters('must not set runAsUser=0'),
  capabilities_restricted: (fs, reason) => {
    const drop = fs.filter((f) => f.about?.values?.[0] === 'drop');
    const add = fs.filter((f) => f.about && f.about.values?.[0] !== 'drop');
    const parts: string[] = [];
    if (drop.length > 0)
      parts.push(`${containerPhrase(containers(drop))} must set securityContext.capabilities.drop=["ALL"]`);
    if (add.length > 0) parts.push(capsDetail(add));
    return { reason, detail: parts.join('; ') };
  },
};

/**
 * The reason and detail kube-apiserver prints for one failed check, from its findings (one per field). Checks
 * without a known wording join the findings' messages.
 */
export function upstreamWording(checkId: string, reason: string, findings: readonly CheckFinding[]): UpstreamWording {
  const wording = WORDING[checkId];
  return wording ? wording(findings, reason) : { reason, detail: findings.map((f) => f.message).join('; ') };
}
