// Offline validation of Kubernetes manifests: Calico CRD schemas and CEL rules, Kubernetes OpenAPI schemas and
// Calico's own rules.
export type { ProblemSource, ValidationProblem } from './problem';
export { formatProblem } from './problem';
export { checkCalicoRules } from './rules';
export type { ValidateManifestsOptions } from './validate-manifests';
export {
  validateManifests,
  validateObject,
  API_VERSION_RULE,
  DOCUMENT_RULE,
  INTERNAL_RULE,
  KIND_RULE,
} from './validate-manifests';
export { loadCalicoCrds, resolveCrdsDir, CALICO_CRDS_DIR_ENV } from './schema/crd-loader';
export type { CompiledCelExpression, CelRuleLocation } from './schema/cel-rules';
export { compileCelExpression, listCelRules, CEL_RULE } from './schema/cel-rules';
export { K8S_SCHEMA_RULE } from './schema/kubernetes-schema';
export { checkKubernetesObject, K8S_DUPLICATE_RULE, K8S_VALIDATION_RULE } from './kubernetes';
export { METADATA_RULE } from './schema/crd-schema-validator';
export { ClusterNetworkPolicyChannel, CLUSTER_NETWORK_POLICY_RULES } from './cluster-network-policy';
export type { ClusterNetworkPolicyRuleId } from './cluster-network-policy';
