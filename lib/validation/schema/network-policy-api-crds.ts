/**
 * The vendored ClusterNetworkPolicy CRDs (crds/network-policy-api/{standard,experimental}: kubernetes-sigs/
 * network-policy-api v0.2.0, the version Calico 3.32.1 bundles; crds/README.md), as kinds of the same schema machinery
 * as the Calico CRDs: {@link CalicoKindSchema} prunes nulls, applies defaults, runs the ajv validator (precompiled by
 * scripts/snapshot-crds.js, see precompiled-validators.ts) with strict field validation, the ObjectMeta basics and the
 * CEL rules. The CRD is read from the snapshot (vendored-crd-snapshot.ts) when the vendored file's text is the one the
 * snapshot was made from, or when the file is not there; else the YAML is parsed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readYamlFile } from '../../model/documents/yaml-file';
import { CalicoKindSchema, createAjv } from './crd-schema-validator';
import { resolveVendoredPath } from './crd-loader';
import { sha256Hex } from './vendored-crd-snapshot';
import { VENDORED_NETWORK_POLICY_API_CRDS } from './vendored-crds.generated';

/** The API group of the Kubernetes network policy API (sig-network network-policy-api). */
export const NETWORK_POLICY_API_GROUP = 'policy.networking.k8s.io';

/** The only version the v0.2.0 ClusterNetworkPolicy CRD serves. */
export const CLUSTER_NETWORK_POLICY_VERSION = 'v1alpha2';

/** A channel of the network-policy-api CRDs, named as its `policy.networking.k8s.io/channel` annotation. */
export type NetworkPolicyApiChannel = 'standard' | 'experimental';

/** The CRD file of each channel folder (the same name in both). */
const CRD_FILE = 'policy.networking.k8s.io_clusternetworkpolicies.yaml';

/** The vendored folder, relative to the package root. */
export const NETWORK_POLICY_API_CRDS_DIR = path.join('crds', 'network-policy-api');

/**
 * The parsed ClusterNetworkPolicy CRD of a channel: the snapshot when the vendored file's text matches it (or the
 * file cannot be found: the snapshot is the vendored file, carried in code), else the vendored file's YAML.
 * @param channel which channel
 * @returns the CustomResourceDefinition object
 * @throws Error when the vendored file differs from the snapshot and does not parse
 */
export function loadClusterNetworkPolicyCrd(channel: NetworkPolicyApiChannel): any {
  const key = `${channel}/${CRD_FILE}`;
  const entry = Object.hasOwn(VENDORED_NETWORK_POLICY_API_CRDS, key)
    ? VENDORED_NETWORK_POLICY_API_CRDS[key]
    : undefined;
  const file = resolveVendoredPath(path.join(NETWORK_POLICY_API_CRDS_DIR, channel, CRD_FILE));
  const text = file ? fs.readFileSync(file, 'utf8') : undefined;
  let docs: any[];
  if (entry && (text === undefined || sha256Hex(text) === entry.sha256)) {
    docs = JSON.parse(entry.json);
  } else if (file) {
    docs = readYamlFile(file);
  } else {
    throw new Error(
      `cannot find the ClusterNetworkPolicy CRD of the ${channel} channel (${NETWORK_POLICY_API_CRDS_DIR}/${key} in the ` +
        'cdk8s-calico package); fix: reinstall cdk8s-calico',
    );
  }
  const crd = docs.find((d) => d?.kind === 'CustomResourceDefinition' && d?.spec?.group === NETWORK_POLICY_API_GROUP);
  if (!crd) throw new Error(`${file ?? key} holds no ${NETWORK_POLICY_API_GROUP} CustomResourceDefinition`);
  return crd;
}

const schemas = new Map<NetworkPolicyApiChannel, CalicoKindSchema>();

/**
 * The ClusterNetworkPolicy kind of a channel's CRD (the served `v1alpha2` version), prepared once per process.
 * @param channel which channel
 * @throws Error when the CRD cannot be read or serves no v1alpha2 schema
 */
export function clusterNetworkPolicySchema(channel: NetworkPolicyApiChannel): CalicoKindSchema {
  let kind = schemas.get(channel);
  if (!kind) {
    const crd = loadClusterNetworkPolicyCrd(channel);
    const version = (crd.spec?.versions ?? []).find(
      (v: any) => v?.name === CLUSTER_NETWORK_POLICY_VERSION && v.served !== false,
    );
    const schema = version?.schema?.openAPIV3Schema;
    if (!schema) throw new Error(`the ${channel} ClusterNetworkPolicy CRD serves no ${CLUSTER_NETWORK_POLICY_VERSION}`);
    kind = new CalicoKindSchema(crd.spec.names.kind, crd.spec.scope === 'Namespaced', schema, createAjv());
    schemas.set(channel, kind);
  }
  return kind;
}
