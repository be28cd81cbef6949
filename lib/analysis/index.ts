/**
 * Offline reachability engine for Calico: `NetworkModel.fromManifests(docs).evaluate({ from, to, port })`.
 * @packageDocumentation
 */
export { NetworkModel } from './network-model';
export type { NetworkModelOptions } from './network-model';
export type {
  BackendResult, Decision, DefaultDecision, EnforcementPoint, EvaluateOptions, EvaluateResult, LogHit, Step, StepAction, TrafficQuery,
} from './result';
export type { EndpointRef } from './model/endpoints';
export type { Encapsulation } from './model/build';
export { ManifestError, QueryError } from './errors';
export type { ObjectRef } from './errors';
export { DEFAULT_FAILSAFE_INBOUND, DEFAULT_FAILSAFE_OUTBOUND } from '../model/primitives/failsafe-ports';
export type { EffectiveFailsafePort } from '../model/primitives/failsafe-ports';
// Views over the engine (also exported from the package root): connectivity matrix, diff, port lists.
export { computeMatrix, matrixTotals } from './views/matrix';
export type { ConnectivityMatrix, MatrixCell, MatrixOptions } from './views/matrix';
export { renderMatrixHtml, renderMatrixJson, renderMatrixMarkdown, renderMatrixText } from './views/render-matrix';
export { diffModels, renderDiffText } from './views/diff';
export type { DiffOptions, FlowChange } from './views/diff';
export { parsePortList, formatPortProtocol } from './views/port-spec';
export type { PortProtocol, QueryableModel, TrafficVerdict } from './views/contract';
