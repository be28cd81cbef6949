/**
 * Canal: Calico policy on flannel's VXLAN overlay. Pod traffic between nodes travels inside UDP packets on flannel's
 * port (8472, the Linux kernel's default, or net-conf.json `Backend.Port`), which the nodes' host endpoints police like
 * any host traffic (Felix admits only Calico's own tunnels, lib/analysis/network/evaluate/flannel-path.ts). The node
 * baseline has to open that port between nodes, so a pool needs to know it runs on Canal: these read it the way the
 * engine does (lib/analysis/network/model/dataplane.ts inferDataplane: a node's flannel `backend-type` first, else
 * net-conf.json).
 */
import { IConstruct } from 'constructs';
import {
  FLANNEL_ANNOTATIONS,
  FLANNEL_VXLAN_DEFAULT_PORT,
  FlannelBackend,
  flannelBackend,
  flannelVxlanEvidence,
} from '../analysis/network/model/dataplane';
import { constructsInCluster } from '../core/cluster';
import { FlannelNetwork } from '../network/flannel-network';
import { NodeNetworkProps, PodEncapsulation } from './node-baseline';

/** flannel's backend as a net-conf.json ConfigMap states it, read as the engine reads it. */
function configBackend(doc: any): FlannelBackend | undefined {
  const text = doc?.kind === 'ConfigMap' ? doc.data?.['net-conf.json'] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    return flannelBackend(JSON.parse(text));
  } catch {
    return undefined; // validation reports a net-conf.json that is not JSON
  }
}

/**
 * flannel's VXLAN UDP port when `manifests` show Canal / flannel VXLAN (by the engine's {@link flannelVxlanEvidence}:
 * a Node annotated `backend-type: vxlan`, or a net-conf.json ConfigMap with a vxlan backend when no Node is annotated
 * with another backend); else undefined.
 */
export function flannelVxlanPortIn(manifests: readonly any[]): number | undefined {
  // One pass without copies: the lockout proof reads 300,000 manifests this way.
  const backends: string[] = [];
  let config: FlannelBackend | undefined;
  for (let i = 0; i < manifests.length; i++) {
    const d = manifests[i];
    if (d?.kind === 'Node' && typeof d.metadata?.annotations?.[FLANNEL_ANNOTATIONS.backendType] === 'string')
      backends.push(String(d.metadata.annotations[FLANNEL_ANNOTATIONS.backendType]).toLowerCase());
    else if (config === undefined) config = configBackend(d);
  }
  return flannelVxlanEvidence(backends, config?.backendType) ? (config?.port ?? FLANNEL_VXLAN_DEFAULT_PORT) : undefined;
}

/** flannel's VXLAN port when a {@link FlannelNetwork} of `scope`'s cluster runs the vxlan backend; else undefined. */
export function flannelVxlanPortOf(scope: IConstruct): number | undefined {
  const flannels = constructsInCluster(scope).filter((c): c is FlannelNetwork => c instanceof FlannelNetwork);
  return flannelVxlanPortIn(flannels.map((f) => f.apiObject.toJson()));
}

/**
 * A pool's `network` with Canal filled in from `scope`'s cluster: with no encapsulation given and a FlannelNetwork
 * running vxlan, FLANNEL_VXLAN on its port; with FLANNEL_VXLAN and no port given, the FlannelNetwork's port.
 */
export function withCanal(scope: IConstruct, network: NodeNetworkProps = {}): NodeNetworkProps {
  const e = network.encapsulation;
  const open = e === undefined || (e === PodEncapsulation.FLANNEL_VXLAN && network.flannelVxlanPort === undefined);
  if (!open) return network;
  const port = flannelVxlanPortOf(scope);
  if (port === undefined) return network;
  return {
    ...network,
    encapsulation: PodEncapsulation.FLANNEL_VXLAN,
    flannelVxlanPort: network.flannelVxlanPort ?? port,
  };
}
