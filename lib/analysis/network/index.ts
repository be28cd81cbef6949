/**
 * The network engine: Calico reachability offline, `NetworkModel.fromManifests(docs).evaluate({ from, to, port })`.
 * Its folders are its pipeline, lowest first: `model/` (types and readers) < `match/` < `policy/` < `ingest/` <
 * `build/` < `evaluate/` < `matrix/` < `report/` (matrix, diff, matchers) < this face.
 * @packageDocumentation
 */
export { NetworkModel } from './network-model';
export type { NetworkModelOptions } from './network-model';
export type {
  BackendResult,
  Decision,
  DefaultDecision,
  EnforcementPoint,
  EvaluateOptions,
  EvaluateResult,
  LogHit,
  Step,
  StepAction,
  TrafficQuery,
} from './model/result';
export type { EndpointRef } from './model/endpoints';
export type { Encapsulation } from './build/build';
export { ManifestError, QueryError } from './model/errors';
export type { ObjectRef } from './model/errors';
export { DEFAULT_FAILSAFE_INBOUND, DEFAULT_FAILSAFE_OUTBOUND } from '../../model/primitives/failsafe-ports';
export type { EffectiveFailsafePort } from '../../model/primitives/failsafe-ports';
// Views over the engine (also exported from the package root): connectivity matrix, diff, port lists.
export { computeMatrix, matrixTotals } from './report/matrix';
export type { ConnectivityMatrix, MatrixCell, MatrixOptions } from './report/matrix';
export { renderMatrixHtml, renderMatrixJson, renderMatrixMarkdown, renderMatrixText } from './report/render-matrix';
export type { MatrixHtmlOptions } from './report/render-matrix';
export { diffModels, renderDiffText } from './report/diff';
export type { DiffOptions, FlowChange } from './report/diff';
export { parsePortList, formatPortProtocol } from './report/port-spec';
export type { PortProtocol, QueryableModel, TrafficVerdict } from './report/contract';
