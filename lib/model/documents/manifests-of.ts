import { App, Chart } from 'cdk8s';

/** What a jest matcher returns (the traffic, access and Pod Security matchers alike). */
export interface MatcherResult {
  /** Whether the expectation holds. */
  pass: boolean;
  /** The failure message, with the trace. */
  message: () => string;
}

/**
 * The plain manifests of whatever a test holds: a cdk8s `Chart` (its synthesized objects), an `App` (every chart's),
 * or already an array of documents.
 * @throws Error when `subject` is none of those
 */
export function manifestsOf(subject: unknown): any[] {
  if (Array.isArray(subject)) return subject;
  if (subject instanceof App) return (subject as App).charts.flatMap((c) => c.toJson());
  if (Chart.isChart(subject)) return (subject as Chart).toJson();
  throw new Error(
    `expected a cdk8s Chart, an App or an array of manifests, got ${subject === null ? 'null' : typeof subject}`,
  );
}
