// The cdk8s validation plugin: the library's checks during a plain `cdk8s synth` (cdk8s.yaml `validations:`).
export * from './calico-validation';
export type { IPluginContext, IPluginReport, PluginViolation, PluginViolatingResource } from './validation-contract';
