/**
 * `lint.created-by-label`: an object in the manifests carries `projectcalico.org/created-by`, the label Calico's
 * controllers put on the objects they own. kube-controllers treats every HostEndpoint labelled
 * `calico-kube-controllers` as an automatic host endpoint: it rewrites its labels, expectedIPs and interfaceName
 * when they drift from the node and deletes it when the node goes away, the template stops matching or autoCreate
 * is disabled (`kube-controllers/pkg/controllers/node/hostendpoints.go`); policies written for automatic host
 * endpoints select on the label too. On any other object the label claims an ownership that is not true.
 */
import { CREATED_BY_LABEL, CREATED_BY_VALUE } from '../model/primitives';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.created-by-label';

function consequence(doc: any, value: unknown): string {
  if (doc.kind === 'HostEndpoint' && value === CREATED_BY_VALUE) {
    return 'kube-controllers takes this HostEndpoint for one of its automatic host endpoints: it rewrites its labels, expectedIPs and interfaceName from the node and deletes it when the node or template no longer matches or autoCreate is off, and policies meant for automatic host endpoints select it';
  }
  return "the label is reserved for objects Calico's controllers create and own, and tools and policies that select on it will take this object for one of them";
}

/** Objects that carry Calico's ownership label. */
export function lintCreatedByLabels(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintCreatedByLabels');
  const out: LintFinding[] = [];
  const objects = LintContext.of(docs).objects;
  // Indexed: a for-of allocates per step until optimised, and this walks every object.
  for (let i = 0; i < objects.length; i++) {
    const doc = objects[i];
    const labels = doc.metadata?.labels;
    if (
      labels === null ||
      typeof labels !== 'object' ||
      !Object.prototype.hasOwnProperty.call(labels, CREATED_BY_LABEL)
    )
      continue;
    const value = labels[CREATED_BY_LABEL];
    out.push(
      lintFinding(
        doc,
        `metadata.labels.${CREATED_BY_LABEL}`,
        RULE,
        `label ${CREATED_BY_LABEL}=${JSON.stringify(value)} on an object written by hand: ${consequence(doc, value)}`,
        `remove the label (use app.kubernetes.io/managed-by for your own tooling; for automatic host endpoints use KubeControllersConfiguration templates)`,
      ),
    );
  }
  return out;
}
