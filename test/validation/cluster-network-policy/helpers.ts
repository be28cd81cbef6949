// Shared fixtures of the ClusterNetworkPolicy validation tests: valid objects that, between them, hold every field of
// the standard-channel CRD, and a compact rendering of problems.
import { validateManifests, ValidateManifestsOptions, ValidationProblem } from '../../../lib/validation';

export const API_VERSION = 'policy.networking.k8s.io/v1alpha2';

/** A label selector with both parts. */
export function selector(label: string): Record<string, unknown> {
  return { matchLabels: { team: label }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] };
}

/** Every protocol shape: each of tcp/udp/sctp with a number and with a range, and a named port. */
function protocols(): unknown[] {
  const out: unknown[] = [];
  for (const p of ['tcp', 'udp', 'sctp']) {
    out.push(
      { [p]: { destinationPort: { number: 80 } } },
      { [p]: { destinationPort: { range: { start: 8000, end: 8080 } } } },
    );
  }
  out.push({ destinationNamedPort: 'http' });
  return out;
}

/** A valid ClusterNetworkPolicy whose subject is `subject` and whose rules use every peer and protocol shape. */
export function fullPolicy(name: string, subject: Record<string, unknown>): Record<string, any> {
  const peers = [
    { namespaces: selector('a') },
    { pods: { namespaceSelector: selector('b'), podSelector: selector('c') } },
  ];
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: {
      tier: 'Admin',
      priority: 10,
      subject,
      ingress: [{ name: 'from-peers', action: 'Accept', from: peers, protocols: protocols() }],
      egress: [
        { name: 'to-peers', action: 'Deny', to: peers, protocols: protocols() },
        { name: 'to-nets', action: 'Pass', to: [{ networks: ['10.0.0.0/8', '2001:db8::/32'] }] },
      ],
    },
  };
}

/** Two valid policies that, between them, hold every field of the standard CRD's spec. */
export function basePolicies(): Record<string, any>[] {
  return [
    fullPolicy('by-namespace', { namespaces: selector('s') }),
    fullPolicy('by-pod', { pods: { namespaceSelector: selector('t'), podSelector: selector('u') } }),
  ];
}

/** A small valid policy to change in one place. */
export function policy(spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'guard' },
    spec: { tier: 'Admin', priority: 5, subject: { namespaces: {} }, ...spec },
    ...extra,
  };
}

/** `path [rule] message` of each problem. */
export function render(problems: readonly ValidationProblem[]): string[] {
  return problems.map((p) => `${p.path} [${p.rule}] ${p.message}`);
}

/** The problems of one document. */
export function problemsOf(doc: unknown, options: ValidateManifestsOptions = {}): ValidationProblem[] {
  return validateManifests([doc], options);
}

/** A deep copy. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The field path segments of `spec.egress[1].to[0]`: `['spec', 'egress', 1, 'to', 0]`. */
export function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** The value at a field path, or undefined. */
export function getAt(doc: unknown, path: string): any {
  let node: any = doc;
  for (const s of segments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[s];
  }
  return node;
}

/** Sets (or, with `undefined`, deletes) the value at a field path whose parent exists. */
export function setAt(doc: unknown, path: string, value: unknown): void {
  const segs = segments(path);
  const last = segs.pop()!;
  const parent = getAt(
    doc,
    segs.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s), ''),
  );
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}
