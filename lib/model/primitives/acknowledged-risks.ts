/**
 * The annotation that records, on the object itself, the risks its author acknowledged in code (for example
 * `AccessRisk.WILDCARD` on an AccessRole). Reviews and audits see it in the manifest, and the lint does not report
 * the acknowledged risks of that object again.
 */
export const ACKNOWLEDGED_RISKS_ANNOTATION = 'cdk8s-calico.io/acknowledged-risks';

/**
 * The risk id a Namespace acknowledges to run privileged pods knowingly (`SecureNamespace` writes it for
 * `dangerouslyAllowPrivilegedPods`; the lint `lint.namespace-privileged` reads it).
 */
export const PRIVILEGED_PODS_RISK = 'privileged-pods';

/** The annotation for `risks` (sorted, without repeats), or undefined when there is none. */
export function acknowledgedRisksAnnotation(risks: Iterable<string>): Record<string, string> | undefined {
  const list = [...new Set(risks)].sort();
  return list.length > 0 ? { [ACKNOWLEDGED_RISKS_ANNOTATION]: list.join(',') } : undefined;
}

/** The risks a manifest acknowledges through {@link ACKNOWLEDGED_RISKS_ANNOTATION}, tolerant of malformed input. */
export function acknowledgedRisksOf(doc: unknown): Set<string> {
  const value = (doc as { metadata?: { annotations?: Record<string, unknown> } } | null)?.metadata?.annotations?.[
    ACKNOWLEDGED_RISKS_ANNOTATION
  ];
  return new Set(
    typeof value === 'string'
      ? value
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r.length > 0)
      : [],
  );
}
