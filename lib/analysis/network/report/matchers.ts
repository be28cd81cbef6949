import { guardArray, guardKnownKeys, guardObject, guardOptionalBoolean } from '../../../model/primitives/guard';
import { describeStep, QueryableModel, TrafficQuery, TrafficVerdict } from './contract';
import { manifestsOf, MatcherResult } from '../../../model/documents/manifests-of';

/** Options of `toAllowTraffic` / `toDenyTraffic`. */
export interface TrafficMatcherOptions {
  /**
   * The cluster the manifests are applied to: namespaces, pods, nodes, services (for example
   * `kubectl get namespaces,pods,nodes,services -A -o json` items), added to the subject's manifests.
   * @default - none
   */
  readonly cluster?: any[];
  /**
   * Evaluate staged policies as if they were enforced.
   * @default false
   */
  readonly staged?: boolean;
}

/** Builds a model from manifests (the engine's `NetworkModel.fromManifests`). */
export type ModelFactory = (
  docs: any[],
  options?: { staged?: boolean },
) => QueryableModel & { evaluate(q: TrafficQuery, o?: { staged?: boolean }): TrafficVerdict };

export type { MatcherResult } from '../../../model/documents/manifests-of';

function describeQuery(q: TrafficQuery): string {
  return `${q.from} -> ${q.to}${q.port !== undefined ? ` port ${q.port}` : ''}/${q.protocol ?? 'TCP'}`;
}

function trace(v: TrafficVerdict): string {
  return [`  reason: ${v.reason}`, ...v.steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`)].join('\n');
}

/**
 * Jest matchers over synthesized manifests, for anyone's cdk8s tests:
 * `expect.extend(createTrafficMatchers(NetworkModel.fromManifests))`, then
 * `expect(chart).toAllowTraffic({ from: 'shop/web', to: 'shop/db', port: 5432 }, { cluster })`.
 * A failure prints the whole trace: every enforcement point crossed and what decided.
 */
export function createTrafficMatchers(factory: ModelFactory) {
  function check(
    subject: unknown,
    query: TrafficQuery,
    options: TrafficMatcherOptions | undefined,
    expectAllowed: boolean,
  ): MatcherResult {
    const where = expectAllowed ? 'toAllowTraffic' : 'toDenyTraffic';
    const o =
      options === undefined
        ? {}
        : guardObject(options, where, 'options', { expected: 'an options object { cluster?, staged? }' });
    guardKnownKeys(o, ['cluster', 'staged'], where, 'options');
    // A string or a single object where the cluster list belongs would be spread into characters or dropped.
    const cluster =
      o.cluster === undefined
        ? []
        : guardArray(o.cluster, where, 'options.cluster', (d) => d, { of: 'Kubernetes objects' });
    guardOptionalBoolean(o.staged, where, 'options.staged');
    const docs = [...manifestsOf(subject), ...cluster];
    const verdict = factory(docs).evaluate(query, { staged: options?.staged });
    const pass = verdict.allowed === expectAllowed;
    const want = expectAllowed ? 'allowed' : 'denied';
    const actual = verdict.allowed ? 'allowed' : 'denied';
    return {
      pass,
      message: () =>
        pass
          ? `expected ${describeQuery(query)} not to be ${want}, but it is ${actual}\n${trace(verdict)}`
          : `expected ${describeQuery(query)} to be ${want}, but it is ${actual}\n${trace(verdict)}`,
    };
  }
  return {
    /** Passes when the flow is allowed. */
    toAllowTraffic(subject: unknown, query: TrafficQuery, options?: TrafficMatcherOptions): MatcherResult {
      return check(subject, query, options, true);
    },
    /** Passes when the flow is denied. */
    toDenyTraffic(subject: unknown, query: TrafficQuery, options?: TrafficMatcherOptions): MatcherResult {
      return check(subject, query, options, false);
    },
  };
}
