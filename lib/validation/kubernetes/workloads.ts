/**
 * Workloads with pod templates (apps/v1 Deployment, DaemonSet, ReplicaSet, StatefulSet; batch/v1 Job, CronJob;
 * core/v1 ReplicationController, PodTemplate) as kube-apiserver validates them: pkg/apis/apps/validation
 * `ValidateDeploymentSpec`, `ValidateDaemonSetSpec`, `ValidateReplicaSetSpec`, `ValidateStatefulSetSpec`,
 * `ValidatePodTemplateSpecForReplicaSet` (selector required, not empty, matching the template's labels; restartPolicy
 * Always), pkg/apis/batch/validation `validateJobSpec` (restartPolicy OnFailure or Never), and
 * `ValidateNonnegativeField` on replicas.
 */
import type { FieldIssue } from '../schema/schema-errors';
import { integerAt, invalid, notSupported, objectAt, required } from './issues';
import { isEmptySelector, selectorMatches, validateLabelSelector } from './labels';
import { validatePodSpec, validatePodTemplate } from './pod';

const APPS_KINDS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);

/** Validates the pod template (and its selector) of a workload kind; other kinds give nothing. */
export function validateWorkload(doc: Record<string, unknown>, group: string, kind: string): FieldIssue[] {
  const spec = objectAt(doc.spec);
  if (group === '' && kind === 'Pod') return validatePodSpec(doc.spec, 'spec');
  if (group === '' && kind === 'PodTemplate') return validatePodTemplate(doc.template, 'template');
  if (!spec) return [];
  if (group === 'apps' && APPS_KINDS.has(kind)) return validateReplicated(spec, kind, 'spec', true);
  if (group === '' && kind === 'ReplicationController') return validateReplicated(spec, kind, 'spec', false);
  if (group === 'batch' && kind === 'Job') return validateJobSpec(spec, 'spec');
  if (group === 'batch' && kind === 'CronJob') {
    const out: FieldIssue[] = [];
    if (spec.schedule === '') out.push(required('spec.schedule', '', 'set a cron schedule like "*/5 * * * *"'));
    const jobTemplate = objectAt(spec.jobTemplate);
    const jobSpec = objectAt(jobTemplate?.spec);
    if (jobSpec) out.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
    return out;
  }
  return [];
}

/** Deployment, DaemonSet, ReplicaSet, StatefulSet (label selector) and ReplicationController (map selector). */
function validateReplicated(
  spec: Record<string, unknown>,
  kind: string,
  path: string,
  labelSelector: boolean,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const replicas = integerAt(spec.replicas);
  if (replicas !== undefined && replicas < 0) {
    out.push(invalid(`${path}.replicas`, replicas, 'must be greater than or equal to 0', 'use 0 or more replicas'));
  }
  const template = objectAt(spec.template);
  const templateLabels = objectAt(objectAt(template?.metadata)?.labels) ?? {};
  // ReplicaSet-like kinds match with a label selector; ReplicationController with a plain map.
  let selectorMismatch = false;
  if (labelSelector) {
    if (spec.selector === undefined || spec.selector === null) {
      out.push(required(`${path}.selector`, '', `set spec.selector.matchLabels to the labels of the pod template`));
    } else if (objectAt(spec.selector)) {
      out.push(...validateLabelSelector(spec.selector, `${path}.selector`));
      if (isEmptySelector(spec.selector)) {
        out.push(
          invalid(
            `${path}.selector`,
            spec.selector,
            `empty selector is invalid for ${kind.toLowerCase()}`,
            'select the pods by their template labels',
          ),
        );
      } else {
        selectorMismatch = !!template && selectorMatches(spec.selector, templateLabels) === false;
      }
    }
  } else {
    const selector = objectAt(spec.selector);
    selectorMismatch = !!selector && !!template && Object.entries(selector).some(([k, v]) => templateLabels[k] !== v);
  }
  if (selectorMismatch) {
    out.push(
      invalid(
        `${path}.template.metadata.labels`,
        templateLabels,
        '`selector` does not match template `labels`',
        'give the pod template the labels spec.selector asks for',
      ),
    );
  }
  if (template) {
    out.push(...validatePodTemplate(template, `${path}.template`));
    const restart = objectAt(template.spec)?.restartPolicy;
    // Templates of replicated pods must restart them: only Always (the default) is accepted.
    if (typeof restart === 'string' && restart && restart !== 'Always') {
      out.push(
        notSupported(
          `${path}.template.spec.restartPolicy`,
          restart,
          ['Always'],
          `remove restartPolicy (a ${kind}'s pods always restart), or use a Job`,
        ),
      );
    }
  }
  return out;
}

/** `validateJobSpec`: the template's restartPolicy must be OnFailure or Never (Always, the pod default, is refused). */
function validateJobSpec(spec: Record<string, unknown>, path: string): FieldIssue[] {
  const template = objectAt(spec.template);
  if (!template) return [];
  const out = validatePodTemplate(template, `${path}.template`);
  const podSpec = objectAt(template.spec);
  if (podSpec) {
    const restart = podSpec.restartPolicy;
    // Always is the pod default, so upstream reports it, and the empty value, as a missing choice.
    if (restart === undefined || restart === null || restart === '' || restart === 'Always') {
      out.push(
        required(
          `${path}.template.spec.restartPolicy`,
          'valid values: "OnFailure", "Never"',
          "set restartPolicy: OnFailure or Never (a Job's pods may not restart Always)",
        ),
      );
    } else if (typeof restart === 'string' && restart !== 'OnFailure' && restart !== 'Never') {
      out.push(notSupported(`${path}.template.spec.restartPolicy`, restart, ['OnFailure', 'Never']));
    }
  }
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit']) {
    const n = integerAt(spec[field]);
    if (n !== undefined && n < 0)
      out.push(invalid(`${path}.${field}`, n, 'must be greater than or equal to 0', `use 0 or more for ${field}`));
  }
  return out;
}
