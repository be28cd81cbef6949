/**
 * Reads a ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) for the engine:
 * - what the standard-channel CRD Calico 3.32.1 installs would refuse (schema, strict fields, CEL) is a
 *   ManifestError: the API server never stores it, so the engine never guesses what it means;
 * - what the API server accepts is converted exactly as Calico converts it (lib/model/policy/cluster-network-policy,
 *   libcalico-go `K8sClusterNetworkPolicyToCalico`), lossy parts included: rules Calico cannot convert fail closed,
 *   an unknown selector operator is dropped (the selector widens), a bad tier or subject is a tombstone.
 */
import { ManifestError, ObjectRef } from '../model/errors';
import type { ConvertedPolicyInput } from './compiled-policy';
import type { RuleOrigin } from './compiled-rule';
import { clusterNetworkPolicySchema } from '../../../validation/schema/network-policy-api-crds';
import {
  clusterNetworkPolicyToCalico,
  clusterNetworkPolicyViewOf,
  FailedClusterRule,
} from '../../../model/policy/cluster-network-policy';
import { KubernetesConversionError } from '../../../model/policy/kubernetes';

/** A CNP as Calico enforces it: the GlobalNetworkPolicy document and its view, or `undefined` for a tombstone. */
export interface ConvertedClusterPolicy {
  readonly doc: Record<string, unknown>;
  readonly converted: ConvertedPolicyInput;
}

function origins(
  indexes: readonly number[],
  direction: 'ingress' | 'egress',
  rules: readonly unknown[],
  spec: Record<string, unknown>,
  failed: readonly FailedClusterRule[],
): RuleOrigin[] {
  const written = Array.isArray(spec[direction]) ? (spec[direction] as Record<string, unknown>[]) : [];
  return indexes.map((index, i) => {
    const name = written[index]?.name;
    const f = failed.find((x) => x.direction === direction && x.index === index && x.outcome === 'deny-all');
    const replacement = f !== undefined && Object.keys(rules[i] as object).length === 1;
    return {
      index,
      ...(typeof name === 'string' && name !== '' ? { name } : {}),
      ...(replacement ? { failClosed: `${f.field}: ${f.reason}` } : {}),
    };
  });
}

/**
 * Checks `doc` against the standard CRD and converts it.
 * @throws ManifestError for an object the API server would refuse
 */
export function convertClusterNetworkPolicy(
  doc: Record<string, unknown>,
  ref: ObjectRef,
): ConvertedClusterPolicy | undefined {
  const issue = clusterNetworkPolicySchema('standard').validate(doc)[0];
  if (issue) {
    const experimental = /\.(nodes|domainNames)$/.test(issue.path);
    throw new ManifestError(
      ref,
      issue.path || undefined,
      `${issue.message} (the ClusterNetworkPolicy CRD Calico 3.32.1 installs, standard channel, refuses it)`,
      experimental
        ? 'nodes and domainNames peers exist only in the experimental CRD, and Calico 3.32 fails such rules closed: ' +
            'name the nodes by their addresses with a networks peer'
        : undefined,
    );
  }
  let conversion;
  try {
    conversion = clusterNetworkPolicyToCalico(doc);
  } catch (e) {
    if (e instanceof KubernetesConversionError) throw new ManifestError(ref, e.field || undefined, e.problem, e.fix);
    throw e;
  }
  const view = clusterNetworkPolicyViewOf(doc, conversion);
  if (view === undefined || conversion.policy === undefined) return undefined;
  const spec = (doc.spec ?? {}) as Record<string, unknown>;
  const ruleOrigins = conversion.ruleOrigins ?? { ingress: [], egress: [] };
  return {
    doc: conversion.policy,
    converted: {
      view,
      ingressOrigins: origins(ruleOrigins.ingress, 'ingress', view.ingress, spec, conversion.failedRules),
      egressOrigins: origins(ruleOrigins.egress, 'egress', view.egress, spec, conversion.failedRules),
    },
  };
}
