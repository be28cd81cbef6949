/**
 * Flannel's VXLAN packets between nodes (Canal). Pod traffic to another node leaves `flannel.<VNI>` wrapped in UDP
 * from the node's address to the peer's `public-ip` on flannel's port (8472 unless `Backend.Port` says otherwise).
 * Felix admits only Calico's own IPIP/VXLAN between hosts (`felix/rules/static.go`, on FelixConfiguration `vxlanPort`,
 * 4789, and only when Calico runs VXLAN), so on Canal the outer packet is host traffic like any other: the source
 * node's host endpoint egress and the destination node's host endpoint ingress police it, and a node policy that does
 * not admit it cuts pods off from other nodes.
 */
import { toIpAddr } from '../../../model/primitives/ip';
import type { NodeInfo } from '../model/endpoints';
import { FLANNEL_VXLAN_DEFAULT_PORT } from '../model/dataplane';
import type { Packet } from '../match/packet';
import { PROTO_UDP } from '../match/protocols';
import { governingHep, hostLocalEgress, hostLocalIngress } from './host-endpoint-path';
import { addStep, EvalContext } from './steps';

/** The address a node's VXLAN packets come from and go to: flannel's `public-ip`, else its main address. */
export function underlayAddress(node: NodeInfo | undefined): string | undefined {
  return node ? (node.flannel?.publicIp ?? node.primaryIp) : undefined;
}

/**
 * Checks the outer VXLAN packet of a packet that crosses from `sNode` to `dNode` over flannel: true when both nodes'
 * host endpoints let it through (or there are none). Adds no step when neither node has a host endpoint.
 */
export function flannelUnderlay(
  c: EvalContext,
  sNode: string | undefined,
  dNode: string | undefined,
  inner: Packet,
): boolean {
  if (c.m.encapsulation !== 'FlannelVXLAN' || !sNode || !dNode || sNode === dNode || inner.src.family !== 4)
    return true;
  const out = governingHep(c.m, sNode, 'main');
  const into = governingHep(c.m, dNode, 'main');
  if (!out && !into) return true;
  const src = toIpAddr(underlayAddress(c.m.nodes.get(sNode)) ?? '');
  const dst = toIpAddr(underlayAddress(c.m.nodes.get(dNode)) ?? '');
  if (!src || !dst || src.family !== 4 || dst.family !== 4) return true;
  const port = c.m.state.flannel?.port ?? FLANNEL_VXLAN_DEFAULT_PORT;
  const outer: Packet = { src, dst, protocol: PROTO_UDP, dstPort: port };
  const vni = c.m.nodes.get(sNode)?.flannel?.vni ?? c.m.state.flannel?.vni ?? 1;
  addStep(c, 'route', `node/${sNode}`, sNode, outer, true, {
    action: 'Continue',
    default: 'flannel VXLAN encapsulation',
    note:
      `flannel.${vni} sends ${inner.src.text} → ${inner.dst.text} inside UDP ${src.text} → ${dst.text}:${port}, ` +
      "which both nodes' host endpoints police " +
      "(Felix admits only Calico's own tunnels between hosts)",
  });
  if (out && !hostLocalEgress(c, out, outer)) return false;
  return !into || hostLocalIngress(c, into, outer);
}
