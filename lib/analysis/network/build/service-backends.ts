/** Service backends (what kube-proxy DNATs to), and the `services` rule-field lookup built on them. */
import type { MatchContext, ServiceLookup } from '../policy/rule-matcher';
import type { Packet } from '../match/packet';
import type { PodInfo, ServiceInfo, ServicePortInfo } from '../model/endpoints';
import type { ModelData } from './build';
import type { IpAddr } from '../../../model/primitives/ip';

/** Pods a service selects (same namespace, labels match, has an IP). Sorted by name. */
export function serviceBackendPods(m: ModelData, svc: ServiceInfo): PodInfo[] {
  const sel = svc.selector;
  if (!sel) return [];
  const selected = (p: PodInfo) => Object.entries(sel).every(([k, v]) => p.labels[k] === v);
  return m.state.pods
    .filter((p) => p.namespace === svc.namespace && p.ips.length > 0 && selected(p))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The target port of `sp` on `pod` (named target ports resolve on the pod's container ports). */
export function resolveTargetPort(sp: ServicePortInfo, pod: PodInfo): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  return pod.ports.find((p) => p.name === sp.targetPort && p.protocol === sp.protocol)?.port;
}

/** The backend addresses of a pod (hostNetwork pods use their node's addresses). */
export function backendIps(m: ModelData, pod: PodInfo): readonly string[] {
  if (pod.hostNetwork && pod.nodeName) return m.nodes.get(pod.nodeName)?.ips ?? pod.ips;
  return pod.ips;
}

/** A {@link ServiceLookup} over the model. */
export function serviceLookup(m: ModelData): ServiceLookup {
  const cache = new Map<string, { ips: Set<string>; targets: Set<string>; cluster: Set<string> }>();
  const info = (ns: string, name: string) => {
    const key = `${ns}/${name}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = { ips: new Set(), targets: new Set(), cluster: new Set() };
      const svc = m.services.get(key);
      if (svc) {
        for (const pod of serviceBackendPods(m, svc)) {
          for (const ip of backendIps(m, pod)) {
            hit.ips.add(ip);
            for (const sp of svc.ports) {
              const tp = resolveTargetPort(sp, pod);
              if (tp !== undefined) hit.targets.add(`${ip}|${sp.protocol}|${tp}`);
            }
          }
        }
        for (const ip of svc.clusterIps) for (const sp of svc.ports) hit.cluster.add(`${ip}|${sp.protocol}|${sp.port}`);
      }
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    isServiceDestination(ns: string, name: string, p: Packet): boolean {
      const i = info(ns, name);
      const key = `${p.dst.text}|${p.protocol}|${p.dstPort}`;
      return i.targets.has(key) || i.cluster.has(key);
    },
    isServiceSource(ns: string, name: string, ip: IpAddr): boolean {
      return info(ns, name).ips.has(ip.text);
    },
  };
}

/** The rule-matching context of a model. */
export function matchContext(m: ModelData): MatchContext {
  return { index: m.index, services: serviceLookup(m) };
}
