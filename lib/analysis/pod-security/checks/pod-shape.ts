// The JSON types of the pod fields the Pod Security checks read, checked before any check runs. The API server
// decodes a pod with Go's encoding/json: `privileged: "true"`, `runAsNonRoot: "yes"`, `capabilities.add: "NET_ADMIN"`
// or `hostNetwork: 1` make it refuse the object, so reading them as absent (and admitting the pod) would be a guess,
// and a dangerous one. `null` is Go's nil, as absent. Types follow k8s.io/api/core/v1 (PodSpec, SecurityContext,
// PodSecurityContext, Container, Probe, LifecycleHandler, Volume).

/** One field of the wrong JSON type. */
export interface ShapeError {
  /** Path relative to the pod: `spec.containers[0].securityContext.privileged`. */
  readonly fieldPath: string;
  /** `expected a boolean, got the string "true"`. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

type Kind = 'boolean' | 'integer' | 'string' | 'object' | 'list' | 'stringList' | 'stringMap';

const EXPECTED: Record<Kind, string> = {
  boolean: 'a boolean',
  integer: 'an integer',
  string: 'a string',
  object: 'an object',
  list: 'a list',
  stringList: 'a list of strings',
  stringMap: 'a map of strings',
};

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function fixFor(kind: Kind, key: string, v: unknown): string {
  if (kind === 'boolean' && (v === 'true' || v === 'false')) return `write ${key}: ${v} (a boolean, not a string)`;
  if (kind === 'boolean' && (v === 1 || v === 0)) return `write ${key}: ${v === 1} (a boolean, not a number)`;
  if (kind === 'boolean') return `write ${key}: true or false (a boolean)`;
  if (kind === 'integer' && typeof v === 'string' && /^-?[0-9]+$/.test(v))
    return `write ${key}: ${v} (a number, not a string)`;
  if ((kind === 'list' || kind === 'stringList') && typeof v === 'string')
    return `write ${key} as a list: [${JSON.stringify(v)}]`;
  return `write ${key} as ${EXPECTED[kind]}`;
}

function matches(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'list':
      return Array.isArray(v);
    case 'stringList':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'stringMap':
      return (
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).every((x) => typeof x === 'string' || x === null)
      );
  }
}

/** Collects the first wrong type under a path. */
class Walker {
  readonly errors: ShapeError[] = [];

  /** Whether a list item at `at` is an object; records `expected <what>, got ...` with `fix` otherwise. */
  item(v: unknown, at: string, fix: string, what = 'an object'): boolean {
    if (matches('object', v)) return true;
    this.errors.push({ fieldPath: at, problem: `expected ${what}, got ${describe(v)}`, fix });
    return false;
  }

  /** The value when it has `kind` (undefined when absent or null); records an error otherwise. */
  field(parent: unknown, key: string, path: string, kind: Kind): any {
    const v = (parent as Record<string, unknown>)[key];
    if (v === undefined || v === null) return undefined;
    if (!matches(kind, v)) {
      const at = `${path}.${key}`;
      let problem = `expected ${EXPECTED[kind]}, got ${describe(v)}`;
      if (kind === 'stringList' && Array.isArray(v)) {
        const i = v.findIndex((x) => typeof x !== 'string');
        this.errors.push({
          fieldPath: `${at}[${i}]`,
          problem: `expected a string, got ${describe(v[i])}`,
          fix: `quote the value: "${String(v[i])}"`,
        });
        return undefined;
      }
      if (kind === 'stringMap' && typeof v === 'object' && !Array.isArray(v)) {
        const [k, x] = Object.entries(v as object).find(([, y]) => typeof y !== 'string' && y !== null)!;
        problem = `expected a string, got ${describe(x)}`;
        this.errors.push({ fieldPath: `${at}[${k}]`, problem, fix: `quote the value: "${String(x)}"` });
        return undefined;
      }
      this.errors.push({
        fieldPath: at,
        problem,
        fix: `${fixFor(kind, key, v)}; the API server refuses the object as written`,
      });
      return undefined;
    }
    return v;
  }
}

const SECCOMP_LIKE = ['seccompProfile', 'appArmorProfile'];

function checkProfiles(w: Walker, sc: unknown, path: string): void {
  for (const key of SECCOMP_LIKE) {
    const p = w.field(sc, key, path, 'object');
    if (p) {
      w.field(p, 'type', `${path}.${key}`, 'string');
      w.field(p, 'localhostProfile', `${path}.${key}`, 'string');
    }
  }
  const se = w.field(sc, 'seLinuxOptions', path, 'object');
  if (se) for (const k of ['user', 'role', 'type', 'level']) w.field(se, k, `${path}.seLinuxOptions`, 'string');
  const win = w.field(sc, 'windowsOptions', path, 'object');
  if (win) w.field(win, 'hostProcess', `${path}.windowsOptions`, 'boolean');
  w.field(sc, 'runAsNonRoot', path, 'boolean');
  w.field(sc, 'runAsUser', path, 'integer');
}

function checkHandler(w: Walker, h: unknown, path: string): void {
  for (const kind of ['httpGet', 'tcpSocket']) {
    const x = w.field(h, kind, path, 'object');
    if (x) w.field(x, 'host', `${path}.${kind}`, 'string');
  }
}

function checkContainer(w: Walker, c: unknown, path: string): void {
  w.field(c, 'name', path, 'string');
  const sc = w.field(c, 'securityContext', path, 'object');
  if (sc) {
    const scPath = `${path}.securityContext`;
    w.field(sc, 'privileged', scPath, 'boolean');
    w.field(sc, 'allowPrivilegeEscalation', scPath, 'boolean');
    w.field(sc, 'procMount', scPath, 'string');
    const caps = w.field(sc, 'capabilities', scPath, 'object');
    if (caps) {
      w.field(caps, 'add', `${scPath}.capabilities`, 'stringList');
      w.field(caps, 'drop', `${scPath}.capabilities`, 'stringList');
    }
    checkProfiles(w, sc, scPath);
  }
  const ports = w.field(c, 'ports', path, 'list') as unknown[] | undefined;
  ports?.forEach((p, i) => {
    const at = `${path}.ports[${i}]`;
    if (!w.item(p, at, 'write each port as { containerPort: 8080 }')) return;
    w.field(p, 'hostPort', at, 'integer');
    w.field(p, 'containerPort', at, 'integer');
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = w.field(c, probe, path, 'object');
    if (p) checkHandler(w, p, `${path}.${probe}`);
  }
  const lc = w.field(c, 'lifecycle', path, 'object');
  if (lc) {
    for (const hook of ['postStart', 'preStop']) {
      const h = w.field(lc, hook, `${path}.lifecycle`, 'object');
      if (h) checkHandler(w, h, `${path}.lifecycle.${hook}`);
    }
  }
}

/**
 * The fields of the wrong JSON type among those the checks read (paths relative to the pod), in document order;
 * empty for a well-typed pod. `spec` itself not being an object is reported too.
 */
export function podShapeErrors(metadata: unknown, spec: unknown): ShapeError[] {
  const w = new Walker();
  const root = { metadata, spec };
  const md = w.field(root, 'metadata', '', 'object');
  if (md) w.field(md, 'annotations', 'metadata', 'stringMap');
  const s = w.field(root, 'spec', '', 'object');
  if (!s) return w.errors.map((e) => ({ ...e, fieldPath: e.fieldPath.replace(/^\./, '') }));
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers']) w.field(s, key, 'spec', 'boolean');
  const os = w.field(s, 'os', 'spec', 'object');
  if (os) w.field(os, 'name', 'spec.os', 'string');
  const psc = w.field(s, 'securityContext', 'spec', 'object');
  if (psc) {
    checkProfiles(w, psc, 'spec.securityContext');
    const sysctls = w.field(psc, 'sysctls', 'spec.securityContext', 'list') as unknown[] | undefined;
    sysctls?.forEach((x, i) => {
      const at = `spec.securityContext.sysctls[${i}]`;
      if (w.item(x, at, 'write each sysctl as { name, value }')) w.field(x, 'name', at, 'string');
    });
  }
  const volumes = w.field(s, 'volumes', 'spec', 'list') as unknown[] | undefined;
  volumes?.forEach((v, i) => {
    const at = `spec.volumes[${i}]`;
    if (!w.item(v, at, 'write each volume as { name, <source>: {...} }')) return;
    w.field(v, 'name', at, 'string');
    // Every volume source is a struct: a string there (`hostPath: /var`) is refused, not read as no source.
    for (const [k, x] of Object.entries(v as object)) {
      if (k !== 'name' && x !== null && x !== undefined) {
        w.item(x, `${at}.${k}`, `write ${k} as an object (e.g. hostPath: { path: /var/log })`);
      }
    }
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const items = w.field(s, list, 'spec', 'list') as unknown[] | undefined;
    items?.forEach((c, i) => {
      const at = `spec.${list}[${i}]`;
      if (w.item(c, at, 'write each container as { name, image, ... }', 'a container object')) checkContainer(w, c, at);
    });
  }
  return w.errors.map((e) => ({ ...e, fieldPath: e.fieldPath.replace(/^\./, '') }));
}
