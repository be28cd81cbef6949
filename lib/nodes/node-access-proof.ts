/**
 * The lockout proof over plain manifests: the same essential flows and engine as a SecuredNodePool's lockout guard
 * (lockout-guard.ts, the one home of both), for YAML written by hand or by other tools, so `check` and `lint` catch a
 * host deny-all policy that synth never saw.
 */
import { ACKNOWLEDGED_RISKS_ANNOTATION, acknowledgedRisksOf } from '../model/primitives/acknowledged-risks';
import { kubeObjects } from '../model/documents/kube-list';
import {
  guardArray,
  guardEnum,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalEnum,
  withField,
} from '../model/primitives/guard';
import { LintFinding, objectIdentity } from '../validation/problem';
import { Peer } from '../policy/peer';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { flannelVxlanPortIn } from './canal-vxlan';
import { BlockedFlow, findBlockedFlows, formatBlockedFlows, GuardInput, NodeFlow, nodeFlowRisk } from './lockout-guard';
import { PodEncapsulation, resolveBaseline } from './node-baseline';
import { InventoryNode, NodeInventory } from './node-inventory';

/** Options of {@link proveNodeAccess}. */
export interface NodeAccessProofOptions {
  /**
   * Which nodes run the control plane (node labels).
   * @default Selector.has('node-role.kubernetes.io/control-plane'); with no such node (a managed control plane, whose
   * address the manifests do not hold) the control-plane flows are not proven, as in the SecuredNodePool guard
   */
  readonly controlPlaneSelector?: Selector;
  /**
   * Admin networks (CIDRs) that must reach SSH (TCP 22) on every node.
   * @default - SSH is not proven
   */
  readonly sshFrom?: string[];
  /**
   * How pod traffic crosses nodes.
   * @default - inferred by the engine (IPPools, the nodes' tunnel addresses); Canal (flannel's net-conf.json ConfigMap
   * or Nodes annotated by flannel) proves flannel's VXLAN port between nodes and no BGP
   */
  readonly encapsulation?: PodEncapsulation;
  /**
   * Flows blocked on purpose.
   * @default - the `node-flow:<name>` entries of every `cdk8s-calico.io/acknowledged-risks` annotation in the manifests
   */
  readonly acknowledged?: NodeFlow[];
}

/** A blocked essential flow found in manifests. */
export interface NodeAccessProblem {
  /** The flow's name. */
  readonly flow: NodeFlow;
  /** From (`node/<name>` or an address). */
  readonly from: string;
  /** To. */
  readonly to: string;
  /** What blocks it, and the fix. */
  readonly message: string;
}

/** Whether anything polices nodes: a HostEndpoint, or automatic host endpoints switched on. */
function policesNodes(docs: readonly any[]): boolean {
  return docs.some(
    (d) =>
      d?.kind === 'HostEndpoint' ||
      (d?.kind === 'KubeControllersConfiguration' && d.spec?.controllers?.node?.hostEndpoint?.autoCreate === 'Enabled'),
  );
}

function isNode(d: any): boolean {
  return d?.kind === 'Node' && d.apiVersion === 'v1';
}

/** Whether a Node object carries what the proof needs (an InternalIP): documents slimmed to kind and name do not. */
function completeNode(d: any): boolean {
  const addresses = d?.status?.addresses;
  return (
    Array.isArray(addresses) && addresses.some((a: any) => a?.type === 'InternalIP' && typeof a.address === 'string')
  );
}

/**
 * The nodes: Node objects in the manifests when they all carry addresses, else one per host endpoint `spec.node`
 * (its addresses and labels). `docs` are the manifests the engine then reads (incomplete Node objects left out).
 */
function inventoryOf(
  all: readonly any[],
): { inventory: NodeInventory; fromManifests: boolean; docs: readonly any[] } | undefined {
  const nodes = all.filter(isNode);
  if (nodes.length > 0 && nodes.every(completeNode)) {
    return { inventory: NodeInventory.fromKubectlObjects(nodes), fromManifests: true, docs: all };
  }
  const byNode = new Map<string, { ips: string[]; labels: Record<string, string> }>();
  for (let i = 0; i < all.length; i++) {
    const h = all[i];
    if (h?.kind !== 'HostEndpoint' || typeof h.spec?.node !== 'string') continue;
    let e = byNode.get(h.spec.node);
    if (!e) byNode.set(h.spec.node, (e = { ips: [], labels: {} }));
    if (Array.isArray(h.spec.expectedIPs))
      for (const ip of h.spec.expectedIPs) if (typeof ip === 'string') e.ips.push(ip);
    Object.assign(e.labels, h.metadata?.labels ?? {});
  }
  const list: { name: string; labels: Record<string, string>; internalIps: string[] }[] = [];
  for (const [name, e] of byNode) {
    if (e.ips.length > 0)
      list.push({ name, labels: e.labels, internalIps: e.ips.length === 1 ? e.ips : [...new Set(e.ips)] });
  }
  if (list.length === 0) return undefined;
  // Without Node objects there is nothing to leave out: the manifests as they are (not a copy of 300,000).
  const docs = nodes.length === 0 ? all : all.filter((d) => !isNode(d));
  return { inventory: NodeInventory.fromNodes(list), fromManifests: false, docs };
}

/** The acknowledged flows the manifests record (`node-flow:<name>` in acknowledged-risks annotations). */
function acknowledgedIn(docs: readonly any[]): Set<NodeFlow> {
  const names = new Set<string>(Object.values(NodeFlow));
  const out = new Set<NodeFlow>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    // Only an annotation text acknowledges anything (acknowledgedRisksOf): no Set read for the others.
    if (typeof d?.metadata?.annotations?.[ACKNOWLEDGED_RISKS_ANNOTATION] !== 'string') continue;
    for (const r of acknowledgedRisksOf(d)) {
      const name = r.startsWith('node-flow:') ? r.slice('node-flow:'.length) : '';
      if (names.has(name)) out.add(name as NodeFlow);
    }
  }
  return out;
}

/** How an acknowledgement is written in manifests. */
function manifestAcknowledgement(flow: NodeFlow): string {
  return (
    `acknowledge it by adding \`${nodeFlowRisk(flow)}\` to the cdk8s-calico.io/acknowledged-risks annotation of the policy or tier ` +
    '(SecuredNodePool: acknowledgeBlockedFlows)'
  );
}

function guardOptions(options: NodeAccessProofOptions, where: string): NodeAccessProofOptions {
  const expected = 'an options object { controlPlaneSelector?, sshFrom?, encapsulation?, acknowledged? }';
  const o = guardObject(options, where, 'options', { expected });
  guardKnownKeys(o, ['controlPlaneSelector', 'sshFrom', 'encapsulation', 'acknowledged'], where, 'options');
  guardOptionalSelector(o.controlPlaneSelector, where, 'options.controlPlaneSelector');
  if (o.sshFrom !== undefined) {
    guardArray(o.sshFrom, where, 'options.sshFrom', (c, f) => withField(where, f, () => Peer.nets(c as string)), {
      of: 'CIDRs',
    });
  }
  guardOptionalEnum(o.encapsulation, PodEncapsulation, where, 'options.encapsulation', {
    enumName: 'PodEncapsulation',
  });
  const flow = (f: unknown, field: string) => guardEnum(f, NodeFlow, where, field, { enumName: 'NodeFlow' });
  guardOptionalArray(o.acknowledged, where, 'options.acknowledged', flow, { of: 'NodeFlow values' });
  return options;
}

/** Runs the proof; the blocked flows with the manifests' nodes, or undefined when nothing polices nodes. */
function blockedIn(docs: readonly any[], options: NodeAccessProofOptions): BlockedFlow[] | undefined {
  if (!policesNodes(docs)) return undefined;
  const found = inventoryOf(docs);
  if (!found) return undefined;
  docs = found.docs;
  // Canal in the manifests (flannel's net-conf.json, Nodes annotated by flannel): its VXLAN port, and no BGP.
  const flannel = options.encapsulation === undefined ? flannelVxlanPortIn(docs) : undefined;
  const baseline = resolveBaseline(
    { controlPlaneSelector: options.controlPlaneSelector, sshFrom: options.sshFrom },
    flannel !== undefined
      ? { encapsulation: PodEncapsulation.FLANNEL_VXLAN, flannelVxlanPort: flannel }
      : { encapsulation: options.encapsulation },
  );
  const nodes: readonly InventoryNode[] = found.inventory.nodes;
  const input: GuardInput = {
    manifests: docs,
    inventory: found.inventory,
    nodes,
    labelsOf: (n) => n.labels,
    baseline,
    nodesInManifests: found.fromManifests,
    acknowledged: new Set([...acknowledgedIn(docs), ...(options.acknowledged ?? [])]),
  };
  return findBlockedFlows(input);
}

/**
 * Proves over manifests that the nodes keep their essential flows (the control plane reaching the kubelets, the
 * kubelets reaching the API server, etcd, BGP, Typha, DNS, ICMP, a node reaching its own address and pods on other
 * nodes, SSH from `sshFrom`, flannel's VXLAN on Canal): the lockout guard of {@link SecuredNodePool}, for any YAML,
 * asking the engine the same question per flow (lockout-guard.ts findBlockedFlows), so both give one answer on the
 * same objects. Nodes are the `Node` objects in the manifests (`kubectl get nodes -o yaml` as cluster state), else
 * one per HostEndpoint `spec.node`. Control-plane flows are proven from nodes labelled as control plane only (a
 * managed control plane's address is not in the manifests). Nothing is proven when nothing polices nodes (no
 * HostEndpoint, no automatic host endpoints). Each kind of blocked flow is reported once, with the policy and rule
 * that block it and the specific fix.
 */
export function proveNodeAccess(docs: readonly unknown[], options: NodeAccessProofOptions = {}): NodeAccessProblem[] {
  const where = 'proveNodeAccess';
  guardArray(docs, where, 'docs', (d) => d, { of: 'manifests' });
  guardOptions(options, where);
  return proof(kubeObjects(docs), options).map((p) => p.problem);
}

/** The first blocked flow of each kind with its problem. */
function proof(
  all: readonly any[],
  options: NodeAccessProofOptions,
): { blocked: BlockedFlow; problem: NodeAccessProblem }[] {
  const blocked = blockedIn(all, options) ?? [];
  const messages = formatBlockedFlows(blocked, manifestAcknowledgement);
  // The first blocked flow of each kind: the one formatBlockedFlows names in that kind's message (a Map fed every
  // flow would keep the last one, and the finding would sit on another policy than its message names).
  const firsts: BlockedFlow[] = [];
  const seen = new Set<string>();
  for (const b of blocked)
    if (!seen.has(b.flow.what)) {
      seen.add(b.flow.what);
      firsts.push(b);
    }
  return firsts.map((b, i) => ({
    blocked: b,
    problem: { flow: b.flow.id, from: b.flow.from, to: b.flow.to, message: messages[i] },
  }));
}

/** Lint rule ids of this proof. */
export const NODE_ACCESS_LINT_RULES = {
  'lint.node-access-blocked':
    'Host endpoint policy in the manifests blocks an essential node flow (the control plane reaching the ' +
    'kubelets, DNS, a node reaching pods on other nodes...): the lockout guard of SecuredNodePool, run over any YAML.',
} as const;

/**
 * `lint.node-access-blocked`: {@link proveNodeAccess} as a lint rule set, each finding on the policy that blocks the
 * flow (or the first HostEndpoint when no rule does, e.g. a missing tunnel endpoint). Malformed cluster state the
 * proof reads yields nothing here (validation reports it); a malformed object the flows cannot involve (a pod or
 * namespaced policy elsewhere: guard-model-docs.ts) is not read, so it no longer silences the proof.
 */
export function lintNodeAccess(docs: any[]): LintFinding[] {
  const all: any[] = kubeObjects(docs);
  let found: ReturnType<typeof proof>;
  try {
    found = proof(all, {});
  } catch {
    return []; // malformed cluster state: validation reports it
  }
  return found.map(({ blocked, problem }) => {
    const d = [...blocked.result.steps].reverse().find((s) => !s.allowed)?.decision;
    const isPolicy = (x: any) => x?.metadata?.name === d?.policy && /NetworkPolicy$/.test(x?.kind ?? '');
    const policy = d?.policy !== undefined ? all.find(isPolicy) : undefined;
    const target = policy ?? all.find((x) => x?.kind === 'HostEndpoint') ?? {};
    const message = problem.message.replace(/^lockout guard: /, '');
    return { ...objectIdentity(target), path: policy ? 'spec' : '', rule: 'lint.node-access-blocked', message };
  });
}
