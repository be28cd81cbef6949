/**
 * Automatic host endpoints, derived from Nodes as kube-controllers' node controller does
 * (`kube-controllers/pkg/controllers/node/hostendpoints.go`): `<node>-auto-hep`, interface `*`, the node's
 * labels plus `projectcalico.org/created-by: calico-kube-controllers`, expectedIPs from the BGP addresses,
 * tunnel and WireGuard addresses and InternalIPs, profile `projectcalico-default-allow`; plus templates.
 */
import { Selector } from '../../../selector';
import type { HostEndpointInfo, NodeInfo } from './endpoints';
import type { FieldReader } from './fields';
import { Net, netHas, toIpAddr, toNet } from '../../../model/primitives/ip';
import { CREATED_BY_LABEL, CREATED_BY_VALUE, DEFAULT_ALLOW_PROFILE } from '../../../model/primitives/calico-constants';

/** The auto-HEP part of KubeControllersConfiguration `default`. */
export interface AutoHepConfig {
  readonly enabled: boolean;
  readonly createDefault: boolean;
  readonly templates: readonly AutoHepTemplate[];
}

/** One `hostEndpoint.templates[]` entry. */
export interface AutoHepTemplate {
  readonly generateName: string;
  readonly nodeSelector: Selector;
  readonly interfaceCidrs: readonly Net[];
  readonly interfacePattern?: RegExp;
  readonly labels: Readonly<Record<string, string>>;
}

/** Reads `spec.controllers.node.hostEndpoint` of KubeControllersConfiguration `default`. */
export function readAutoHepConfig(spec: Record<string, unknown>, r: FieldReader): AutoHepConfig {
  const controllers = r.object(spec.controllers, 'spec.controllers') ?? {};
  const node = r.object(controllers.node, 'spec.controllers.node') ?? {};
  const hep = r.object(node.hostEndpoint, 'spec.controllers.node.hostEndpoint') ?? {};
  const base = 'spec.controllers.node.hostEndpoint';
  const enabled = r.string(hep.autoCreate, `${base}.autoCreate`) === 'Enabled';
  const createDefault = r.string(hep.createDefaultHostEndpoint, `${base}.createDefaultHostEndpoint`) !== 'Disabled';
  const templates = r.array(hep.templates, `${base}.templates`).map((raw, i) => {
    const f = `${base}.templates[${i}]`;
    const t = r.object(raw, f) ?? r.fail(f, 'expected an object');
    const selText = r.string(t.nodeSelector, `${f}.nodeSelector`) ?? '';
    let nodeSelector: Selector;
    try {
      nodeSelector = Selector.parse(selText);
    } catch (e) {
      r.fail(`${f}.nodeSelector`, `invalid selector: ${(e as Error).message}`);
    }
    const patternText = r.string(t.interfacePattern, `${f}.interfacePattern`);
    let interfacePattern: RegExp | undefined;
    if (patternText) {
      try {
        interfacePattern = new RegExp(patternText);
      } catch (e) {
        r.fail(`${f}.interfacePattern`, `invalid regular expression: ${(e as Error).message}`);
      }
    }
    return {
      generateName: r.requiredString(t.generateName, `${f}.generateName`),
      nodeSelector,
      interfaceCidrs: r
        .stringList(t.interfaceCIDRs, `${f}.interfaceCIDRs`)
        .map((c, j) => toNet(c) ?? r.fail(`${f}.interfaceCIDRs[${j}]`, `${JSON.stringify(c)} is not a CIDR`)),
      interfacePattern,
      labels: r.labels(t.labels, `${f}.labels`),
    };
  });
  return { enabled, createDefault, templates };
}

/** The node IPs kube-controllers collects for the default auto HEP, de-duplicated, in its order. */
export function autoHepIps(node: NodeInfo): string[] {
  return [...new Set([...node.bgpIps, ...node.tunnelIps, ...node.internalIps, ...node.interfaceIps])];
}

/** Derives the automatic HostEndpoints of every node. */
export function deriveAutoHostEndpoints(nodes: readonly NodeInfo[], cfg: AutoHepConfig): HostEndpointInfo[] {
  if (!cfg.enabled) return [];
  const out: HostEndpointInfo[] = [];
  for (const node of nodes) {
    const ips = autoHepIps(node);
    if (cfg.createDefault) {
      out.push({
        name: `${node.name}-auto-hep`,
        node: node.name,
        interfaceName: '*',
        expectedIps: ips,
        labels: { ...node.labels, [CREATED_BY_LABEL]: CREATED_BY_VALUE },
        profiles: [DEFAULT_ALLOW_PROFILE],
        ports: [],
        automatic: true,
      });
    }
    for (const t of cfg.templates) {
      if (!t.nodeSelector.matches(node.labels)) continue;
      // Without interface data (Node interfaces are not in the Kubernetes object), only the CIDR form applies.
      if (t.interfacePattern) continue;
      const filtered = ips.filter((ip) => {
        const a = toIpAddr(ip);
        return a !== undefined && t.interfaceCidrs.some((n) => netHas(n, a));
      });
      if (filtered.length === 0) continue;
      out.push({
        name: `${node.name}-${t.generateName}-auto-hep`,
        node: node.name,
        interfaceName: '',
        expectedIps: filtered,
        labels: { ...node.labels, ...t.labels, [CREATED_BY_LABEL]: CREATED_BY_VALUE },
        profiles: [DEFAULT_ALLOW_PROFILE],
        ports: [],
        automatic: true,
      });
    }
  }
  return out;
}
