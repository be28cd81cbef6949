/** Boundary checks for the rules of Kubernetes NetworkPolicies (KubeNetworkPolicy, SecureNamespace). */
import { guardInstance, guardKnownKeys, guardObject, guardOptionalArray } from '../../model/primitives/guard';
import { KubePeer } from './kube-peer';
import { KubePort } from './kube-port';

/** Private constructors: `guardInstance` takes the classes as abstract constructors. */
const PEER_CLASS = KubePeer as unknown as abstract new () => KubePeer;
const PORT_CLASS = KubePort as unknown as abstract new () => KubePort;
const PEER_EXPECTED = 'a KubePeer (KubePeer.pods, KubePeer.namespaceNamed, KubePeer.ipBlock, KubePeer.any(), ...)';
const PORT_EXPECTED = 'a KubePort (KubePort.tcp(443), KubePort.udp(53), ...)';
const RULE_KEYS = ['peers', 'ports'];

/** One KubePeer (undefined or null is refused: `KubePeer.any()` says "anyone" explicitly). */
export function guardKubePeer(v: unknown, where: string, field: string): KubePeer {
  return guardInstance(v, PEER_CLASS, where, field, { expected: PEER_EXPECTED });
}

/** One KubePort. */
export function guardKubePort(v: unknown, where: string, field: string): KubePort {
  return guardInstance(v, PORT_CLASS, where, field, { expected: PORT_EXPECTED });
}

/** A list of KubePeers (null, a lone peer or a string is refused: `[]` means anyone, so only a list may say so). */
export function guardKubePeers(v: unknown, where: string, field: string): KubePeer[] {
  return guardOptionalArray(v, where, field, (p, f) => guardKubePeer(p, where, f), { of: 'KubePeers' }) ?? [];
}

/** A list of KubePorts. */
export function guardKubePorts(v: unknown, where: string, field: string): KubePort[] {
  return guardOptionalArray(v, where, field, (p, f) => guardKubePort(p, where, f), { of: 'KubePorts' }) ?? [];
}

/** A whole rule `{ peers?, ports? }` (KubeNetworkPolicyRule), its lists checked. */
export function guardKubeRule(v: unknown, where: string, field: string): { peers: KubePeer[]; ports: KubePort[] } {
  const o = guardObject(v, where, field, { expected: 'a rule { peers?, ports? }' });
  guardKnownKeys(o, RULE_KEYS, where, field);
  return {
    peers: guardKubePeers(o.peers, where, `${field}.peers`),
    ports: guardKubePorts(o.ports, where, `${field}.ports`),
  };
}
