/**
 * The names the Kubernetes NetworkPolicy values had before they moved to lib/policy/kubernetes and took their API's
 * name (`KubePeer`, `KubePort`, `KubeProtocol` beside Calico's `Peer`, `Port`, `Protocol`): aliases of the same
 * classes and enum, so `new`, statics and `instanceof` behave as before.
 */
import { KubePeer } from '../policy/kubernetes/kube-peer';
import { KubePort } from '../policy/kubernetes/kube-port';
import { KubeProtocol } from '../policy/kubernetes/kube-protocol';

/** @deprecated use {@link KubePeer} (the same class, named by its API beside Calico's `Peer`). */
export const NetworkPeer = KubePeer;
/** @deprecated use {@link KubePeer} (the same class, named by its API beside Calico's `Peer`). */
export type NetworkPeer = KubePeer;

/** @deprecated use {@link KubePort} (the same class, named by its API beside Calico's `Port`). */
export const NetworkPort = KubePort;
/** @deprecated use {@link KubePort} (the same class, named by its API beside Calico's `Port`). */
export type NetworkPort = KubePort;

/**
 * @deprecated use {@link KubeProtocol} (the same enum; `NetworkProtocol` shadowed cdk8s-plus's enum of that name).
 */
export const NetworkProtocol = KubeProtocol;
/**
 * @deprecated use {@link KubeProtocol} (the same enum; `NetworkProtocol` shadowed cdk8s-plus's enum of that name).
 */
export type NetworkProtocol = KubeProtocol;
