/**
 * Jest matchers over RBAC: `expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev'
 * })`.
 */
import { boundaryError, guardArray, guardKnownKeys, guardObject } from '../../model/primitives/guard';
import { manifestsOf } from '../../model/documents/manifests-of';
import { AccessQuery } from './access-query';
import {
  AccessDecision,
  AccessModel,
  AccessModelOptions,
  ACCESS_MODEL_OPTION_KEYS,
  checkModelOptions,
} from './access-model';

/**
 * Options of `toPermit` / `toForbid`: the cluster the manifests are applied to, as the traffic matchers take it, and
 * the {@link AccessModelOptions} the model is built with.
 */
export interface AccessMatcherOptions extends AccessModelOptions {
  /**
   * Objects already in the cluster (for example `kubectl get clusterroles,clusterrolebindings,roles,rolebindings,
   * serviceaccounts -A -o json` items), added to the received manifests; the received manifests' own objects replace
   * those of the same kind, namespace and name, as applying them would.
   * @default [] (the bootstrap policy only, see `bootstrapPolicy`)
   */
  readonly cluster?: any[];
}

/** What a jest matcher returns. */
export interface AccessMatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The failure message, with the reason. */
  readonly message: () => string;
}

function modelOf(subject: unknown, options: AccessMatcherOptions | undefined, where: string): AccessModel {
  const expected = 'an options object { cluster?, bootstrapPolicy?, kubernetesVersion?, ... }';
  const o = options === undefined ? {} : guardObject(options, where, 'options', { expected });
  guardKnownKeys(o, ['cluster', ...ACCESS_MODEL_OPTION_KEYS], where, 'options');
  // A string or a single object where the cluster list belongs would be spread into characters or dropped.
  const cluster =
    o.cluster === undefined
      ? []
      : guardArray(o.cluster, where, 'options.cluster', (d) => d, { of: 'Kubernetes objects' });
  const { cluster: _cluster, ...modelOptions } = o;
  checkModelOptions(modelOptions, where);
  if (subject instanceof AccessModel) {
    if (Object.keys(o).length > 0) {
      throw boundaryError(
        where,
        'options',
        'an AccessModel is already built with its cluster state and options; ' +
          'fix: pass the manifests (a Chart, an App or an array) with the options, ' +
          'or build the model with AccessModel.fromManifests([...docs, ...cluster], options)',
      );
    }
    return subject;
  }
  let docs: unknown[];
  try {
    docs = manifestsOf(subject);
  } catch {
    throw new Error(
      `toPermit/toForbid: expected a cdk8s Chart, an App, an array of manifests or an AccessModel, got ${subject === null ? 'null' : typeof subject}`,
    );
  }
  // Cluster state first: a later document with the same identity replaces an earlier one (the manifests are applied).
  return AccessModel.fromManifests(
    cluster.length > 0 ? [...cluster, ...docs] : docs,
    modelOptions as AccessModelOptions,
  );
}

function who(q: AccessQuery): string {
  if (q.serviceAccount) return `ServiceAccount ${q.serviceAccount}`;
  if (q.user !== undefined) return `user "${q.user}"${q.groups?.length ? ` (groups ${q.groups.join(', ')})` : ''}`;
  return `groups ${(q.groups ?? []).join(', ')}`;
}

function what(q: AccessQuery): string {
  if (q.nonResourceURL) return `${q.verb} ${q.nonResourceURL}`;
  const sub = q.subresource ? `/${q.subresource}` : '';
  const name = q.name ? ` "${q.name}"` : '';
  return `${q.verb} ${q.resource}${sub}${name}${q.namespace ? ` in namespace ${q.namespace}` : ''}`;
}

function details(d: AccessDecision): string {
  return [`  reason: ${d.reason}`, ...d.errors.map((e) => `  error: ${e}`)].join('\n');
}

function check(
  subject: unknown,
  query: AccessQuery,
  options: AccessMatcherOptions | undefined,
  expectAllowed: boolean,
): AccessMatcherResult {
  const decision = modelOf(subject, options, expectAllowed ? 'toPermit' : 'toForbid').canI(query);
  const pass = decision.allowed === expectAllowed;
  const want = expectAllowed ? 'permitted' : 'forbidden';
  const actual = decision.allowed ? 'permitted' : 'forbidden';
  return {
    pass,
    message: () =>
      `expected ${who(query)}${pass ? ' not' : ''} to be ${want} to ${what(query)}, but it is ${actual}\n${details(decision)}`,
  };
}

/**
 * Jest matchers backed by {@link AccessModel}. The received value is a cdk8s Chart, an App, an array of manifests
 * or an AccessModel; the cluster's bootstrap roles and bindings (cluster-admin, view, system:discovery, ...) are
 * known without a dump, and `options.cluster` adds what else the cluster holds:
 *
 * ```ts
 * import { accessMatchers } from 'cdk8s-calico';
 * expect.extend(accessMatchers);
 * expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
 * expect(chart).toForbid({ serviceAccount: 'dev/workload', verb: 'get', resource: 'secrets', namespace: 'dev' }, {
 * cluster });
 * ```
 * A failure prints the reason: the binding and rule that allowed it, or why nothing did (with near misses).
 */
export const accessMatchers = {
  /** Passes when RBAC allows the request. */
  toPermit(subject: unknown, query: AccessQuery, options?: AccessMatcherOptions): AccessMatcherResult {
    return check(subject, query, options, true);
  },
  /** Passes when RBAC denies the request. */
  toForbid(subject: unknown, query: AccessQuery, options?: AccessMatcherOptions): AccessMatcherResult {
    return check(subject, query, options, false);
  },
};
