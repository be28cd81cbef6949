/**
 * `lint.namespace-privileged`: a namespace whose Pod Security `enforce` level is `privileged`, so its pods may run
 * privileged, share the host's namespaces and mount its filesystem: any of them can take over its node. Flagged
 * when the label says so explicitly, unless the risk is acknowledged on the Namespace
 * (`cdk8s-calico.io/acknowledged-risks: privileged-pods`, which `SecureNamespace` writes for
 * `dangerouslyAllowPrivilegedPods`), and, as info, for a namespace holding workloads with no `enforce` label at
 * all (Pod Security Admission then defaults to privileged). Calico's and Kubernetes' own namespaces are skipped.
 */
import { acknowledgedRisksOf, PRIVILEGED_PODS_RISK } from '../model/primitives/acknowledged-risks';
import { namespacePodSecurityPolicy } from '../analysis/pod-security';
import { PLATFORM_NAMESPACES } from './default-deny-lint';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { guardLintDocs } from './lint-input';

const EXPLICIT = 'lint.namespace-privileged';
const IMPLICIT = 'lint.namespace-pod-security-unset';
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
// Defined with the other acknowledged risks (constructs write it, lint reads it); re-exported for old importers.
export { PRIVILEGED_PODS_RISK };

/** Namespaces whose enforced Pod Security level lets pods take over their node. */
export function lintPrivilegedNamespaces(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintPrivilegedNamespaces');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const [name, ns] of c.namespaceDocs) {
    if (PLATFORM_NAMESPACES.includes(name) || acknowledgedRisksOf(ns).has(PRIVILEGED_PODS_RISK)) continue;
    const labels = ns.metadata?.labels ?? {};
    if (labels[ENFORCE_LABEL] === 'privileged') {
      out.push(
        lintFinding(
          ns,
          `metadata.labels.${ENFORCE_LABEL}`,
          EXPLICIT,
          `Pod Security enforce level "privileged" admits privileged pods, host namespaces and hostPath mounts in ${name}: any pod there can take over its node`,
          `enforce baseline or restricted; if privileged pods are really needed, acknowledge it with the annotation cdk8s-calico.io/acknowledged-risks: ${PRIVILEGED_PODS_RISK} (SecureNamespace: dangerouslyAllowPrivilegedPods)`,
        ),
      );
    } else if (
      !(ENFORCE_LABEL in labels) &&
      namespacePodSecurityPolicy(labels).enforce.level === 'privileged' &&
      c.workloadsIn(name).length > 0
    ) {
      out.push(
        lintFinding(
          ns,
          'metadata.labels',
          IMPLICIT,
          `namespace ${name} holds workloads but has no ${ENFORCE_LABEL} label, so Pod Security Admission enforces "privileged" there (nothing is checked)`,
          `label it ${ENFORCE_LABEL}: restricted (or baseline), as SecureNamespace does`,
        ),
      );
    }
  }
  return out;
}
