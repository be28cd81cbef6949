// RBAC access benchmark: index time of AccessModel.fromManifests, µs per canI (mixed allowed/denied queries) and ms
// per whoCan (and canI with its explanation read), on 5,000 roles (incl. 50 aggregated ClusterRoles) and 20,000
// bindings; baseline in the same run: a naive authorizer scanning every binding per query (no index), checked to give
// the same answers. Usage: npm run build && node build/bench/access.js
// Env: BENCH_ROLES (5000), BENCH_BINDINGS (20000), BENCH_QUERIES (20000).
import { AccessModel, RbacPolicyRule, ruleAllows, UserInfo } from '../lib/analysis/access';
import { resolveQuery } from '../lib/analysis/access/access-query';
import { ResourceCatalog } from '../lib/analysis/access/resource-catalog';
import { firstApplyingSubject } from '../lib/analysis/access/subjects';
import { rng } from './reachability';

const ROLES = Number(process.env.BENCH_ROLES ?? 5000);
const BINDINGS = Number(process.env.BENCH_BINDINGS ?? 20000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20000);
const NAMESPACES = 100;
const USERS = 2000;
const GROUPS = 100;
const AGGREGATED = 50;
const RBAC = 'rbac.authorization.k8s.io';
const RESOURCES: Array<[string, string]> = [
  ['', 'pods'],
  ['', 'services'],
  ['', 'configmaps'],
  ['', 'secrets'],
  ['', 'pods/log'],
  ['apps', 'deployments'],
  ['apps', 'statefulsets'],
  ['batch', 'jobs'],
  ['', 'nodes'],
  ['networking.k8s.io', 'ingresses'],
  ['apps', 'deployments/scale'],
  ['', 'events'],
];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function rules(rand: () => number): any[] {
  const out: any[] = [];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const [group, resource] = pick(rand, RESOURCES);
    const verbs = VERBS.filter(() => rand() < 0.4);
    const rule: any = {
      apiGroups: [group],
      resources: [resource, pick(rand, RESOURCES)[1]],
      verbs: verbs.length ? verbs : ['get'],
    };
    if (rand() < 0.1) rule.resourceNames = [`obj${Math.floor(rand() * 10)}`];
    out.push(rule);
  }
  return out;
}

function subject(rand: () => number): any {
  const r = rand();
  if (r < 0.5) return { kind: 'User', apiGroup: RBAC, name: `u${Math.floor(rand() * USERS)}` };
  if (r < 0.8) return { kind: 'Group', apiGroup: RBAC, name: `g${Math.floor(rand() * GROUPS)}` };
  return {
    kind: 'ServiceAccount',
    name: `sa${Math.floor(rand() * 10)}`,
    namespace: `ns${Math.floor(rand() * NAMESPACES)}`,
  };
}

/** A synthetic cluster's RBAC: 80% ClusterRoles (50 of them aggregated), 20% Roles; 10% ClusterRoleBindings. */
export function rbacCluster(seed = 7): any[] {
  const rand = rng(seed);
  const docs: any[] = [];
  const clusterRoles = Math.floor(ROLES * 0.8);
  for (let i = 0; i < clusterRoles; i++) {
    if (i < AGGREGATED) {
      docs.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRole',
        metadata: { name: `cr${i}` },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: `a${i}` } }] },
        rules: [],
      });
    } else {
      docs.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRole',
        metadata: { name: `cr${i}`, labels: { agg: `a${i % AGGREGATED}` } },
        rules: rules(rand),
      });
    }
  }
  for (let i = 0; i < ROLES - clusterRoles; i++) {
    docs.push({
      apiVersion: `${RBAC}/v1`,
      kind: 'Role',
      metadata: { name: `r${i}`, namespace: `ns${i % NAMESPACES}` },
      rules: rules(rand),
    });
  }
  for (let i = 0; i < BINDINGS; i++) {
    const subjects = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => subject(rand));
    if (i % 10 === 0) {
      // Cluster-wide grants mostly go to narrow roles.
      const roleRef = { apiGroup: RBAC, kind: 'ClusterRole', name: `cr${Math.floor(rand() * clusterRoles)}` };
      docs.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: `crb${i}` },
        roleRef,
        subjects,
      });
    } else {
      const ns = Math.floor(rand() * NAMESPACES);
      const roleRef =
        rand() < 0.3
          ? {
              apiGroup: RBAC,
              kind: 'Role',
              name: `r${ns + NAMESPACES * Math.floor(rand() * ((ROLES - clusterRoles) / NAMESPACES))}`,
            }
          : { apiGroup: RBAC, kind: 'ClusterRole', name: `cr${Math.floor(rand() * clusterRoles)}` };
      docs.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'RoleBinding',
        metadata: { name: `rb${i}`, namespace: `ns${ns}` },
        roleRef,
        subjects,
      });
    }
  }
  return docs;
}

interface Query {
  user?: string;
  groups?: string[];
  serviceAccount?: string;
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
}

function queries(n: number, seed: number): Query[] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => {
    const [group, resource] = pick(rand, RESOURCES);
    const who: Query =
      rand() < 0.8
        ? {
            user: `u${Math.floor(rand() * USERS)}`,
            groups: [`g${Math.floor(rand() * GROUPS)}`, `g${Math.floor(rand() * GROUPS)}`],
            verb: '',
            resource: '',
          }
        : {
            serviceAccount: `ns${Math.floor(rand() * NAMESPACES)}/sa${Math.floor(rand() * 10)}`,
            verb: '',
            resource: '',
          };
    return {
      ...who,
      verb: pick(rand, VERBS),
      resource: group
        ? `${resource.split('/')[0]}.${group}${resource.includes('/') ? `/${resource.split('/')[1]}` : ''}`
        : resource,
      namespace: rand() < 0.9 ? `ns${Math.floor(rand() * NAMESPACES)}` : undefined,
      name: rand() < 0.5 ? `obj${Math.floor(rand() * 10)}` : undefined,
    };
  });
}

/**
 * The naive authorizer: every binding, every query; roles looked up in maps (aggregated rules taken from the model).
 */
function naive(docs: any[], model: AccessModel): (q: Query) => boolean {
  const catalog = ResourceCatalog.builtIn();
  const bindings = docs
    .filter((d) => d.kind === 'ClusterRoleBinding' || d.kind === 'RoleBinding')
    .map((d) => ({
      namespace: d.metadata.namespace ?? '',
      subjects: d.subjects,
      rules: (d.roleRef.kind === 'Role'
        ? model.effectiveRules('Role', d.roleRef.name, d.metadata.namespace)
        : model.effectiveRules('ClusterRole', d.roleRef.name)
      )?.map((e) => e.rule) as RbacPolicyRule[] | undefined,
    }));
  return (q) => {
    const { user, attributes } = resolveQuery(q, catalog);
    for (const b of bindings) {
      if (b.namespace !== '' && b.namespace !== attributes.namespace) continue;
      if (!b.rules || firstApplyingSubject(user as UserInfo, b.subjects, b.namespace) < 0) continue;
      if (b.rules.some((r) => ruleAllows(attributes, r))) return true;
    }
    return false;
  };
}

function time<T>(f: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const docs = rbacCluster();
  const nBindings = docs.filter((d) => d.kind.endsWith('Binding')).length;
  console.log(
    `access benchmark: ${docs.length - nBindings} roles (${AGGREGATED} aggregated), ${nBindings} bindings, ${NAMESPACES} namespaces`,
  );

  AccessModel.fromManifests(docs); // warm-up
  const builds = [0, 1, 2].map(() => time(() => AccessModel.fromManifests(docs)));
  const model = builds[builds.length - 1].value;
  console.log(`index (fromManifests): ${median(builds.map((b) => b.ms)).toFixed(0)} ms (median of 3)`);

  const qs = queries(QUERIES, 11);
  let allowed = 0;
  for (const q of qs.slice(0, 2000)) model.canI(q); // warm-up
  const runs = [0, 1, 2, 3, 4].map(() =>
    time(() => {
      let a = 0;
      for (const q of qs) if (model.canI(q).allowed) a++;
      return a;
    }),
  );
  allowed = runs[0].value;
  const canIUs = (median(runs.map((r) => r.ms)) * 1000) / qs.length;
  console.log(
    `canI: ${canIUs.toFixed(2)} µs/query (median of 5 runs x ${qs.length} queries; ${((100 * allowed) / qs.length).toFixed(1)}% allowed)`,
  );

  // The explanation (reason, near misses in other namespaces) is computed when read: measured separately.
  const explained = [0, 1, 2].map(() =>
    time(() => {
      let chars = 0;
      for (const q of qs) chars += model.canI(q).reason.length;
      return chars;
    }),
  );
  console.log(
    `canI + reading .reason: ${((median(explained.map((r) => r.ms)) * 1000) / qs.length).toFixed(2)} µs/query (median of 3 runs)`,
  );

  const scan = naive(docs, model);
  const baseQs = qs.slice(0, Math.max(200, Math.floor(qs.length / 20)));
  for (const q of baseQs.slice(0, 50)) scan(q); // warm-up
  const baseRuns = [0, 1, 2].map(() => time(() => baseQs.filter((q) => scan(q)).length));
  const baseUs = (median(baseRuns.map((r) => r.ms)) * 1000) / baseQs.length;
  const mismatches = baseQs.filter((q) => scan(q) !== model.canI(q).allowed).length;
  console.log(
    `naive scan baseline: ${baseUs.toFixed(1)} µs/query (median of 3 runs x ${baseQs.length} queries); canI is ${(baseUs / canIUs).toFixed(0)}x faster; ` +
      `${mismatches === 0 ? 'same answers' : `${mismatches} MISMATCHES`}`,
  );

  const rand = rng(23);
  const who = Array.from({ length: 200 }, () => {
    const [group, resource] = pick(rand, RESOURCES);
    return {
      verb: pick(rand, VERBS),
      resource: group ? `${resource}`.replace(/^([^/]+)/, `$1.${group}`) : resource,
      namespace: rand() < 0.9 ? `ns${Math.floor(rand() * NAMESPACES)}` : undefined,
    };
  });
  for (const w of who.slice(0, 20)) model.whoCan(w.verb, w.resource, { namespace: w.namespace });
  const perWho = who.map((w) => time(() => model.whoCan(w.verb, w.resource, { namespace: w.namespace })));
  const subjects = perWho.reduce((n, r) => n + r.value.subjects.length, 0) / perWho.length;
  console.log(
    `whoCan: ${median(perWho.map((r) => r.ms)).toFixed(2)} ms/query median, ${Math.max(...perWho.map((r) => r.ms)).toFixed(2)} ms max ` +
      `(${who.length} queries, ${subjects.toFixed(0)} subjects on average)`,
  );
  if (mismatches > 0) process.exitCode = 1;
}

if (require.main === module) main();
