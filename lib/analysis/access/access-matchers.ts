/**
 * Jest matchers over RBAC: `expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' })`.
 */
import { manifestsOf } from '../views/manifests-of';
import { AccessQuery } from './access-query';
import { AccessDecision, AccessModel } from './access-model';

/** What a jest matcher returns. */
export interface AccessMatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The failure message, with the reason. */
  readonly message: () => string;
}

function modelOf(subject: unknown): AccessModel {
  if (subject instanceof AccessModel) return subject;
  let docs: unknown[];
  try {
    docs = manifestsOf(subject);
  } catch {
    throw new Error(`toPermit/toForbid: expected a cdk8s Chart, an App, an array of manifests or an AccessModel, got ${subject === null ? 'null' : typeof subject}`);
  }
  return AccessModel.fromManifests(docs);
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

function check(subject: unknown, query: AccessQuery, expectAllowed: boolean): AccessMatcherResult {
  const decision = modelOf(subject).canI(query);
  const pass = decision.allowed === expectAllowed;
  const want = expectAllowed ? 'permitted' : 'forbidden';
  const actual = decision.allowed ? 'permitted' : 'forbidden';
  return {
    pass,
    message: () => `expected ${who(query)}${pass ? ' not' : ''} to be ${want} to ${what(query)}, but it is ${actual}\n${details(decision)}`,
  };
}

/**
 * Jest matchers backed by {@link AccessModel}. The received value is a cdk8s Chart, an App, an array of manifests
 * or an AccessModel:
 *
 * ```ts
 * import { accessMatchers } from 'cdk8s-calico';
 * expect.extend(accessMatchers);
 * expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
 * expect(chart).toForbid({ serviceAccount: 'dev/workload', verb: 'get', resource: 'secrets', namespace: 'dev' });
 * ```
 * A failure prints the reason: the binding and rule that allowed it, or why nothing did (with near misses).
 */
export const accessMatchers = {
  /** Passes when RBAC allows the request. */
  toPermit(subject: unknown, query: AccessQuery): AccessMatcherResult {
    return check(subject, query, true);
  },
  /** Passes when RBAC denies the request. */
  toForbid(subject: unknown, query: AccessQuery): AccessMatcherResult {
    return check(subject, query, false);
  },
};
