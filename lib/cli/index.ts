/**
 * The CLI as a library: `main(argv)` runs a `cdk8s-calico` command in process and returns its exit code (what the bin
 * does), and the manifest reader the commands share (files, folders, `-` for standard input; YAML or JSON).
 * @packageDocumentation
 */
export { main } from './main';
export { expandManifestPaths, manifestDocuments, readManifestFile, readManifests } from './manifest-files';
export type { DocumentPlace, SourcedDoc } from './manifest-files';
