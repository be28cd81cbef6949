/**
 * Kubernetes objects as Calico sees them: the conversion of `networking.k8s.io/v1` NetworkPolicies into the
 * `projectcalico.org/v3` NetworkPolicies Calico enforces (libcalico-go's `K8sNetworkPolicyToCalico`).
 * @packageDocumentation
 */
export type { FieldLocation } from './errors';
export { KubernetesConversionError } from './errors';
export type { LabelSelectorKind, LabelSelectorToCalicoOptions } from './label-selector';
export { kubernetesLabelSelectorToCalico, K8S_ORCHESTRATOR_TERM, ORCHESTRATOR_LABEL } from './label-selector';
export type {
  ConvertedNetworkPolicy,
  KubernetesPolicyConversion,
  KubernetesPolicyConversionOptions,
} from './network-policy';
export {
  kubernetesNetworkPolicyToCalico,
  DEFAULT_NAMESPACE,
  K8S_NETWORK_POLICY_API_VERSION,
  K8S_NETWORK_POLICY_NAME_PREFIX,
  K8S_NETWORK_POLICY_ORDER,
  K8S_NETWORK_POLICY_TIER,
} from './network-policy';
export type { CalicoAllowRule, CalicoEntityRule } from './rule';
export type { CalicoPolicyType } from './policy-types';
export type { CalicoPort, CalicoPortJson } from './calico-port';
export { calicoPortToJson, parseCalicoPort, simplifyPorts } from './calico-port';
export { calicoProtocolFromString } from '../../primitives/protocols';
