import {
  guardKnownKeys,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardProps,
  rejectInput,
} from '../model/primitives/guard';
import { ClusterNetworkPolicyChannel } from './cluster-network-policy/channel';

/** The keys of ValidateManifestsOptions (a misspelt `kubernets: false` would otherwise be ignored silently). */
const OPTION_KEYS = ['crds', 'kubernetes', 'clusterNetworkPolicyChannel'];
const API = 'validateManifests';

/**
 * The runtime shape of validateManifests' options: thrown, unlike problems with the documents, since a
 * wrong option changes what is checked. `kubernetes: "false"` (a YAML quoting slip) is refused, never read as true.
 */
export function guardValidateOptions<T extends object>(options: T | undefined): T {
  const o = guardProps(options, API, 'options');
  guardKnownKeys(o, OPTION_KEYS, API, 'options');
  const crds = (o as { crds?: unknown }).crds;
  if (crds !== undefined && typeof crds !== 'string' && !Array.isArray(crds)) {
    rejectInput(
      API,
      'options.crds',
      'a directory of CRD YAML files (a string) or an array of parsed CRD objects',
      crds,
      "pass the folder, e.g. crds: 'calico-crds/v3', or leave it out to use CALICO_CRDS_DIR or the vendored CRDs",
    );
  }
  if (typeof crds === 'string' && crds.length === 0)
    rejectInput(API, 'options.crds', 'a directory path', crds, 'pass the folder, or leave crds out');
  guardOptionalBoolean((o as { kubernetes?: unknown }).kubernetes, API, 'options.kubernetes');
  guardOptionalEnum(
    (o as { clusterNetworkPolicyChannel?: unknown }).clusterNetworkPolicyChannel,
    ClusterNetworkPolicyChannel,
    API,
    'options.clusterNetworkPolicyChannel',
    { enumName: 'ClusterNetworkPolicyChannel' },
  );
  return o;
}
