/**
 * Reads plain Kubernetes objects into the engine's cluster state: policy inputs, tiers, endpoints, sets,
 * services and configuration. `List` objects are expanded; unknown kinds are ignored; malformed objects
 * raise a {@link ManifestError} naming the object and field.
 */
import { checkCalicoRules } from '../../../validation/rules';
import { formatRef, ManifestError, ObjectRef } from '../model/errors';
import { protocolNumber } from '../match/protocols';
import type { PolicyInput } from '../policy/compiled-policy';
import { convertKubernetesPolicy } from '../policy/kubernetes-bridge';
import { convertClusterNetworkPolicy } from '../policy/cluster-network-policy-bridge';
import {
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_IDENTITY_KIND,
  CLUSTER_NETWORK_POLICY_KIND,
} from '../../../model/policy/cluster-network-policy';
import { BUILTIN_TIERS, TierInfo } from '../../../model/policy/tiers';
import { AutoHepConfig, readAutoHepConfig } from '../model/auto-host-endpoints';
import type {
  HostEndpointInfo,
  NamedPort,
  NetworkSetInfo,
  NodeInfo,
  PodInfo,
  ServiceInfo,
  ServicePortInfo,
} from '../model/endpoints';
import { FLANNEL_ANNOTATIONS, flannelBackend, FlannelConfigInfo, FlannelNodeInfo } from '../model/dataplane';
import { DEFAULT_FELIX, FelixSettings, readFelixSettings } from '../model/felix-config';
import { FieldReader, refOf } from '../model/fields';
import { canonicalIp, toNet } from '../../../model/primitives/ip';
import { CALICO_API_VERSION, NAMESPACE_NAME_LABEL } from '../../../model/primitives/calico-constants';
import { describeValue } from '../../../model/primitives/guard';
import { forEachKubeObject } from '../../../model/documents/kube-list';
import { isPortNumber } from '../../../model/primitives/ports';
import { isValidPortName } from '../../../model/primitives/kube-names';

/** An IP pool (for the encapsulation default). */
export interface IpPoolInfo {
  readonly name: string;
  readonly ipipMode: string;
  readonly vxlanMode: string;
}

/** Everything read from the manifests. */
export interface ClusterState {
  readonly namespaces: Map<string, Record<string, string>>;
  readonly serviceAccounts: Map<string, Record<string, string>>;
  readonly pods: PodInfo[];
  readonly nodes: NodeInfo[];
  readonly services: ServiceInfo[];
  readonly hostEndpoints: HostEndpointInfo[];
  readonly networkSets: NetworkSetInfo[];
  readonly tiers: Map<string, TierInfo>;
  readonly policies: PolicyInput[];
  felix: FelixSettings;
  autoHeps?: AutoHepConfig;
  readonly ipPools: IpPoolInfo[];
  /** Flannel's `net-conf.json` (Canal's `canal-config` ConfigMap, or flannel's own), when given. */
  flannel?: FlannelConfigInfo;
  /** Which object and field claimed each address (pods, nodes, services): one IP, one owner. */
  readonly ipOwners: Map<string, IpOwner>;
}

/** The object and field an address was read from. */
export interface IpOwner {
  readonly ref: ObjectRef;
  readonly field: string;
}

const CALICO_GROUP = 'projectcalico.org/';

/**
 * Expands `List` objects (recursively) into their items, each with its position (`document[2].items[0]`). Null
 * documents are skipped.
 */
export function flattenDocs(docs: readonly unknown[]): Array<{ doc: unknown; where: string }> {
  const out: Array<{ doc: unknown; where: string }> = [];
  forEachKubeObject(docs, (doc, where) => out.push({ doc, where: where! }), true);
  return out;
}

/** Reads all documents. */
export function ingest(docs: readonly unknown[]): ClusterState {
  if (!Array.isArray(docs)) {
    throw new ManifestError(
      undefined,
      'docs',
      `expected an array of Kubernetes objects, got ${describeValue(docs)}`,
      'pass the parsed documents as a list, e.g. chart.toJson() or yaml.parseAllDocuments(text).map((d) => d.toJSON())',
    );
  }
  const state = newClusterState();
  for (const { doc, where } of flattenDocs(docs)) ingestOne(doc, where, state);
  return state;
}

/** An empty cluster state (built-in tiers, default Felix settings), for {@link ingestObject}. */
export function newClusterState(): ClusterState {
  return {
    namespaces: new Map(),
    serviceAccounts: new Map(),
    pods: [],
    nodes: [],
    services: [],
    hostEndpoints: [],
    networkSets: [],
    tiers: new Map(BUILTIN_TIERS.map((t) => [t.name, t])),
    policies: [],
    felix: DEFAULT_FELIX,
    ipPools: [],
    ipOwners: new Map(),
  };
}

/**
 * Reads one object (not a `List`) into `state`, as {@link ingest} does for each object of its array: a caller that
 * reads documents one at a time need not hold them all (the lint's model summary on large inputs).
 * @param where its position, as ingest names it (`document[3]`)
 * @throws ManifestError as {@link ingest}
 */
export function ingestObject(state: ClusterState, doc: unknown, where: string): void {
  ingestOne(doc, where, state);
}

function ingestOne(raw: unknown, where: string, s: ClusterState): void {
  const ref = refOf(raw, where);
  const r = new FieldReader(ref);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    r.fail(
      '',
      `expected a Kubernetes object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
  const doc = raw as Record<string, unknown>;
  const kind = r.string(doc.kind, 'kind');
  if (kind === undefined) r.fail('kind', 'is required');
  const apiVersion = r.string(doc.apiVersion, 'apiVersion') ?? '';
  const md = r.object(doc.metadata, 'metadata') ?? r.fail('metadata', 'is required');
  const name = r.requiredString(md.name, 'metadata.name');
  const namespace = r.string(md.namespace, 'metadata.namespace') || 'default';
  const labels = r.labels(md.labels, 'metadata.labels');
  const spec = r.object(doc.spec, 'spec') ?? {};
  const calico = apiVersion.startsWith(CALICO_GROUP);
  if (calico && CHECKED_CALICO_KINDS.has(kind ?? '')) refuseCalicoProblems(doc, ref);
  const core = apiVersion === 'v1';
  const seq = s.policies.length;
  const policy = (
    scope: 'global' | 'namespaced',
    staged: boolean,
    identityKind: string,
    d: Record<string, unknown> = doc,
    identityName = name,
  ): void => {
    s.policies.push({ doc: d, ref, scope, staged, identityKind, identityName, seq });
  };
  if (calico) {
    switch (kind) {
      case 'GlobalNetworkPolicy':
        return policy('global', false, 'GlobalNetworkPolicy');
      case 'StagedGlobalNetworkPolicy':
        return policy('global', true, 'GlobalNetworkPolicy');
      case 'NetworkPolicy':
        return policy('namespaced', false, 'NetworkPolicy');
      case 'StagedNetworkPolicy':
        return policy('namespaced', true, 'NetworkPolicy');
      case 'StagedKubernetesNetworkPolicy': {
        const stagedAction = r.string(spec.stagedAction, 'spec.stagedAction') ?? 'Set';
        const asK8s = {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { ...md, namespace },
          spec: stagedAction === 'Delete' ? { podSelector: {} } : spec,
        };
        const calicoDoc = convertKubernetesPolicy(asK8s, ref);
        const cspec = { ...(calicoDoc.spec as Record<string, unknown>), stagedAction };
        return policy('namespaced', true, 'KubernetesNetworkPolicy', { ...calicoDoc, spec: cspec });
      }
      case 'Tier':
        return ingestTier(name, spec, r, s);
      case 'HostEndpoint':
        return void s.hostEndpoints.push(readHostEndpoint(name, labels, spec, r));
      case 'GlobalNetworkSet':
        return void s.networkSets.push({ name, labels, nets: readNets(spec, r) });
      case 'NetworkSet':
        return void s.networkSets.push({ name, namespace, labels, nets: readNets(spec, r) });
      case 'FelixConfiguration':
        if (name === 'default') s.felix = readFelixSettings(spec, r);
        return;
      case 'KubeControllersConfiguration':
        if (name === 'default') s.autoHeps = readAutoHepConfig(spec, r);
        return;
      case 'IPPool':
        s.ipPools.push({
          name,
          ipipMode: r.string(spec.ipipMode, 'spec.ipipMode') ?? 'Never',
          vxlanMode: r.string(spec.vxlanMode, 'spec.vxlanMode') ?? 'Never',
        });
        return;
      default:
        return;
    }
  }
  if (apiVersion === 'networking.k8s.io/v1' && kind === 'NetworkPolicy') {
    return policy(
      'namespaced',
      false,
      'KubernetesNetworkPolicy',
      convertKubernetesPolicy({ ...doc, metadata: { ...md, namespace } }, ref),
    );
  }
  if (apiVersion === CLUSTER_NETWORK_POLICY_API_VERSION && kind === CLUSTER_NETWORK_POLICY_KIND) {
    // A global policy in kube-admin / kube-baseline; a tombstone (bad tier or subject) is not enforced at all.
    const cnp = convertClusterNetworkPolicy(doc, { kind: CLUSTER_NETWORK_POLICY_KIND, name });
    if (cnp) {
      s.policies.push({
        doc: cnp.doc,
        ref: { kind: CLUSTER_NETWORK_POLICY_KIND, name },
        scope: 'global',
        staged: false,
        identityKind: CLUSTER_NETWORK_POLICY_IDENTITY_KIND,
        identityName: name,
        seq,
        converted: cnp.converted,
      });
    }
    return;
  }
  if (!core) return;
  switch (kind) {
    case 'Namespace':
      s.namespaces.set(name, { [NAMESPACE_NAME_LABEL]: name, ...labels });
      return;
    case 'ServiceAccount':
      s.serviceAccounts.set(`${namespace}/${name}`, labels);
      return;
    case 'Pod': {
      const p = readPod(name, namespace, labels, doc, r, s);
      if (p) s.pods.push(p);
      return;
    }
    case 'Node':
      s.nodes.push(readNode(name, labels, md, doc, r, s));
      return;
    case 'Service':
      s.services.push(readService(name, namespace, spec, r, s));
      return;
    case 'ConfigMap':
      return readFlannelConfigMap(name, namespace, doc, r, s);
    default:
      return;
  }
}

/** The Calico kinds the engine reads: each is checked with Calico's own validation first (one rule set, one home). */
const CHECKED_CALICO_KINDS = new Set([
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'Tier',
  'HostEndpoint',
  'GlobalNetworkSet',
  'NetworkSet',
  'FelixConfiguration',
  'KubeControllersConfiguration',
  'IPPool',
]);

/**
 * Calico's own rules (libcalico-go's v3 validator as lib/validation mirrors it: selectors that do not parse, ports
 * out of range, ICMP fields with a port or out of range, ports without a protocol, ...) on an object the engine
 * reads: the first problem is the error, so the engine never answers for an object calicoctl would refuse.
 */
function refuseCalicoProblems(doc: Record<string, unknown>, ref: ObjectRef): void {
  const withVersion = doc.apiVersion === CALICO_API_VERSION ? doc : { ...doc, apiVersion: CALICO_API_VERSION };
  const problem = checkCalicoRules(withVersion, { metadataChecked: true })[0];
  if (problem) throw new ManifestError(ref, problem.path || undefined, plainMessage(problem.message));
}

/** A rule message without a nested `[Selector.parse] text: ` prefix and without a repeated fix. */
function plainMessage(message: string): string {
  const text = message.replace(/\[[^\]]+\] [\w.[\]]+: /, '');
  const parts = text.split('; fix: ');
  return parts.length > 2 && parts[parts.length - 1] === parts[parts.length - 2]
    ? parts.slice(0, -1).join('; fix: ')
    : text;
}

/** Claims `ip` for the object at `field`; a second owner is an error (the engine cannot tell the two apart). */
function claimIp(s: ClusterState, ip: string, ref: ObjectRef, field: string): void {
  const owner = s.ipOwners.get(ip);
  if (!owner) {
    s.ipOwners.set(ip, { ref, field });
    return;
  }
  if (formatRef(owner.ref) === formatRef(ref)) {
    if (owner.field === field) {
      throw new ManifestError(
        ref,
        field,
        `${ip}: ${formatRef(ref)} is given twice`,
        'pass each object once (remove the duplicate document)',
      );
    }
    return; // the same object naming its address twice (podIP and podIPs, InternalIP and an annotation)
  }
  throw new ManifestError(
    ref,
    field,
    `${ip} is also the address of ${formatRef(owner.ref)} (${owner.field}): one IP cannot belong to two endpoints`,
    `give each object its own address, or drop the stale one (a pod that ended: status.phase Succeeded/Failed)`,
  );
}

function ingestTier(name: string, spec: Record<string, unknown>, r: FieldReader, s: ClusterState): void {
  const builtin = s.tiers.get(name);
  const order = r.number(spec.order, 'spec.order') ?? (builtin ? builtin.order : Infinity);
  const action = r.string(spec.defaultAction, 'spec.defaultAction') ?? builtin?.defaultAction ?? 'Deny';
  if (action !== 'Deny' && action !== 'Pass')
    r.fail('spec.defaultAction', `${JSON.stringify(action)} is not Deny or Pass`);
  s.tiers.set(name, { name, order, defaultAction: action });
}

function readNets(spec: Record<string, unknown>, r: FieldReader) {
  return r
    .stringList(spec.nets, 'spec.nets')
    .map((n, i) => toNet(n) ?? r.fail(`spec.nets[${i}]`, `${JSON.stringify(n)} is not an IP or CIDR`));
}

function ip(v: string, field: string, r: FieldReader): string {
  return (
    canonicalIp(v) ??
    r.fail(
      field,
      `${JSON.stringify(v)} is not an IP address`,
      'write an IPv4 or IPv6 address such as 10.0.0.5 (no prefix length)',
    )
  );
}

function readNamedPort(raw: unknown, f: string, r: FieldReader, portField: string): NamedPort | undefined {
  const o = r.object(raw, f) ?? r.fail(f, 'expected an object');
  const port = r.number(o[portField], `${f}.${portField}`);
  if (!isPortNumber(port)) r.fail(`${f}.${portField}`, 'must be a port number 1–65535');
  const protoText = r.string(o.protocol, `${f}.protocol`) ?? 'TCP';
  const protocol = protocolNumber(protoText);
  if (protocol === undefined) r.fail(`${f}.protocol`, `${JSON.stringify(protoText)} is not a protocol`);
  const name = r.string(o.name, `${f}.name`);
  return name ? { name, protocol, port } : undefined;
}

/**
 * A Service port's targetPort as core validation's `validateServicePort` reads it: a number 1-65535, or a container
 * port name (IANA_SVC_NAME: `IsValidPortName`); unset or `''` is the port itself. A numeric string (`"8080"`) is a
 * name the API server refuses, not a number: refused here too, never guessed.
 */
function readTargetPort(v: unknown, port: number, field: string, r: FieldReader): number | string {
  if (v === undefined || v === null || v === '' || v === 0) return port;
  if (typeof v === 'number') {
    if (!isPortNumber(v))
      r.fail(field, `${v}: must be between 1 and 65535, inclusive`, 'use a container port number 1-65535 or its name');
    return v;
  }
  if (typeof v === 'string') {
    if (/^[0-9]+$/.test(v))
      r.fail(
        field,
        `${JSON.stringify(v)}: a port name must contain at least one letter (a-z)`,
        `write the number ${v}, not a string`,
      );
    if (!isValidPortName(v)) {
      r.fail(
        field,
        `${JSON.stringify(v)} is not a port name (1-15 lowercase letters, digits and "-", at least one letter, no "--")`,
        'name a container port as its ports[].name says',
      );
    }
    return v;
  }
  return r.fail(
    field,
    `must be a port number or name, got ${JSON.stringify(v)}`,
    'write a container port number or name',
  );
}

function readHostEndpoint(
  name: string,
  labels: Record<string, string>,
  spec: Record<string, unknown>,
  r: FieldReader,
): HostEndpointInfo {
  const node = r.requiredString(spec.node, 'spec.node');
  const interfaceName = r.string(spec.interfaceName, 'spec.interfaceName') ?? '';
  const expectedIps = r
    .stringList(spec.expectedIPs, 'spec.expectedIPs')
    .map((v, i) => ip(v, `spec.expectedIPs[${i}]`, r));
  if (interfaceName === '' && expectedIps.length === 0)
    r.fail('spec', 'at least one of interfaceName or expectedIPs must be set');
  const ports = r
    .array(spec.ports, 'spec.ports')
    .map((p, i) => readNamedPort(p, `spec.ports[${i}]`, r, 'port'))
    .filter((p): p is NamedPort => !!p);
  return {
    name,
    node,
    interfaceName,
    expectedIps,
    labels,
    profiles: r.stringList(spec.profiles, 'spec.profiles'),
    ports,
    automatic: false,
  };
}

function readPod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  doc: Record<string, unknown>,
  r: FieldReader,
  s: ClusterState,
): PodInfo | undefined {
  const spec = r.object(doc.spec, 'spec') ?? {};
  const status = r.object(doc.status, 'status') ?? {};
  const phase = r.string(status.phase, 'status.phase');
  if (phase === 'Succeeded' || phase === 'Failed') return undefined; // no workload endpoint any more
  const ips: string[] = [];
  const fields: string[] = [];
  r.array(status.podIPs, 'status.podIPs').forEach((p, i) => {
    const o =
      r.object(p, `status.podIPs[${i}]`) ??
      r.fail(`status.podIPs[${i}]`, 'expected {ip}', 'write each entry as { ip: 10.0.0.5 }');
    const v = r.requiredString(o.ip, `status.podIPs[${i}].ip`);
    ips.push(ip(v, `status.podIPs[${i}].ip`, r));
    fields.push(`status.podIPs[${i}].ip`);
  });
  const single = r.string(status.podIP, 'status.podIP');
  if (single) {
    const c = ip(single, 'status.podIP', r);
    if (!ips.includes(c)) {
      ips.unshift(c);
      fields.unshift('status.podIP');
    } else {
      fields[ips.indexOf(c)] = 'status.podIP';
    }
  }
  const ports: NamedPort[] = [];
  r.array(spec.containers, 'spec.containers').forEach((c, ci) => {
    const co = r.object(c, `spec.containers[${ci}]`) ?? r.fail(`spec.containers[${ci}]`, 'expected an object');
    r.array(co.ports, `spec.containers[${ci}].ports`).forEach((p, pi) => {
      const np = readNamedPort(p, `spec.containers[${ci}].ports[${pi}]`, r, 'containerPort');
      if (np) ports.push(np);
    });
  });
  const hostNetwork = r.boolean(spec.hostNetwork, 'spec.hostNetwork') ?? false;
  // hostNetwork pods share their node's address: they are not endpoints of their own.
  if (!hostNetwork) ips.forEach((a, i) => claimIp(s, a, r.ref, fields[i]));
  return {
    namespace,
    name,
    labels,
    ips,
    ports,
    serviceAccount:
      r.string(spec.serviceAccountName, 'spec.serviceAccountName') ||
      r.string(spec.serviceAccount, 'spec.serviceAccount') ||
      'default',
    hostNetwork,
    nodeName: r.string(spec.nodeName, 'spec.nodeName') || undefined,
  };
}

const ANNOTATION_BGP = ['projectcalico.org/IPv4Address', 'projectcalico.org/IPv6Address'];
const ANNOTATION_TUNNEL = [
  'projectcalico.org/IPv4IPIPTunnelAddr',
  'projectcalico.org/IPv4VXLANTunnelAddr',
  'projectcalico.org/IPv6VXLANTunnelAddr',
  'projectcalico.org/IPv4WireguardInterfaceAddr',
  'projectcalico.org/IPv6WireguardInterfaceAddr',
];

function readNode(
  name: string,
  labels: Record<string, string>,
  md: Record<string, unknown>,
  doc: Record<string, unknown>,
  r: FieldReader,
  s: ClusterState,
): NodeInfo {
  const ann = r.labels(md.annotations, 'metadata.annotations');
  const status = r.object(doc.status, 'status') ?? {};
  const spec = r.object(doc.spec, 'spec') ?? {};
  const internal: string[] = [];
  const external: string[] = [];
  r.array(status.addresses, 'status.addresses').forEach((a, i) => {
    const f = `status.addresses[${i}]`;
    const o = r.object(a, f) ?? r.fail(f, 'expected {type, address}');
    const type = r.string(o.type, `${f}.type`);
    if (type !== 'InternalIP' && type !== 'ExternalIP') return;
    const v = ip(r.requiredString(o.address, `${f}.address`), `${f}.address`, r);
    claimIp(s, v, r.ref, `${f}.address`);
    (type === 'InternalIP' ? internal : external).push(v);
  });
  const annotated = (k: string, cidr = false): string => {
    const v = ip(cidr ? ann[k].split('/')[0] : ann[k], `metadata.annotations["${k}"]`, r);
    claimIp(s, v, r.ref, `metadata.annotations["${k}"]`);
    return v;
  };
  const bgp = ANNOTATION_BGP.filter((k) => ann[k]).map((k) => annotated(k, true));
  const tunnel = ANNOTATION_TUNNEL.filter((k) => ann[k]).map((k) => annotated(k));
  const tunnelOf = (k: string): string | undefined => (ann[k] ? canonicalIp(ann[k]) : undefined);
  // flannel's public-ip is the node address VXLAN packets are sent to: one of the node's own addresses.
  const flannelPublic = ann[FLANNEL_ANNOTATIONS.publicIp] ? [annotated(FLANNEL_ANNOTATIONS.publicIp)] : [];
  const all = [...new Set([...internal, ...external, ...bgp, ...tunnel, ...flannelPublic])];
  return {
    name,
    labels,
    ips: all,
    internalIps: [...new Set(internal)],
    tunnelIps: [...new Set(tunnel)],
    tunnels: {
      ipip: tunnelOf('projectcalico.org/IPv4IPIPTunnelAddr'),
      vxlan: tunnelOf('projectcalico.org/IPv4VXLANTunnelAddr'),
      vxlanV6: tunnelOf('projectcalico.org/IPv6VXLANTunnelAddr'),
    },
    bgpIps: [...new Set(bgp)],
    primaryIp: internal[0] ?? bgp[0] ?? external[0] ?? all[0],
    interfaceIps: [],
    podCidrs: readPodCidrs(spec, r),
    flannel: readFlannelNode(ann, r),
  };
}

/** `spec.podCIDRs`, else `spec.podCIDR` (the Node API's pair: podCIDRs[0] equals podCIDR when both are set). */
function readPodCidrs(spec: Record<string, unknown>, r: FieldReader): string[] {
  const list = r.stringList(spec.podCIDRs, 'spec.podCIDRs').map((c, i) => [c, `spec.podCIDRs[${i}]`] as const);
  const one = r.string(spec.podCIDR, 'spec.podCIDR');
  const texts = list.length > 0 ? list : one ? [[one, 'spec.podCIDR'] as const] : [];
  const fix = 'write the pod range with its prefix length, e.g. 10.244.1.0/24';
  return texts.map(
    ([c, f]) => (c.includes('/') ? toNet(c)?.text : undefined) ?? r.fail(f, `${JSON.stringify(c)} is not a CIDR`, fix),
  );
}

/** Flannel's node annotations (`backend-type`, `backend-data` with the VNI), when present. */
function readFlannelNode(ann: Record<string, string>, r: FieldReader): FlannelNodeInfo | undefined {
  const type = ann[FLANNEL_ANNOTATIONS.backendType];
  if (type === undefined) return undefined;
  const data = ann[FLANNEL_ANNOTATIONS.backendData];
  let vni: number | undefined;
  if (data !== undefined && data !== '' && data !== 'null') {
    const field = `metadata.annotations["${FLANNEL_ANNOTATIONS.backendData}"]`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      r.fail(
        field,
        `${JSON.stringify(data)} is not JSON`,
        'copy the annotation flannel wrote, e.g. {"VNI":1,"VtepMAC":"aa:bb:cc:dd:ee:01"}',
      );
    }
    const v = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).VNI : undefined;
    if (typeof v === 'number' && Number.isInteger(v)) vni = v;
  }
  const publicIp = ann[FLANNEL_ANNOTATIONS.publicIp] ? canonicalIp(ann[FLANNEL_ANNOTATIONS.publicIp]) : undefined;
  return { backendType: type.toLowerCase(), vni, publicIp };
}

/** A ConfigMap with flannel's `net-conf.json` (Canal's `canal-config`, flannel's `kube-flannel-cfg`): its backend. */
function readFlannelConfigMap(
  name: string,
  namespace: string,
  doc: Record<string, unknown>,
  r: FieldReader,
  s: ClusterState,
): void {
  const data = r.object(doc.data, 'data') ?? {};
  const text = data['net-conf.json'];
  if (text === undefined) return;
  const field = 'data["net-conf.json"]';
  if (typeof text !== 'string') r.fail(field, 'expected a string', 'write net-conf.json as a JSON string');
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (e) {
    r.fail(
      field,
      `is not JSON (${(e as Error).message})`,
      'write it as flannel expects, e.g. {"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan"}}',
    );
  }
  s.flannel = { source: `${namespace}/${name}`, ...flannelBackend(conf) };
}

function readService(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  r: FieldReader,
  s: ClusterState,
): ServiceInfo {
  const ips = new Set<string>();
  const one = r.string(spec.clusterIP, 'spec.clusterIP');
  if (one && one !== 'None') {
    const v = ip(one, 'spec.clusterIP', r);
    claimIp(s, v, r.ref, 'spec.clusterIP');
    ips.add(v);
  }
  r.stringList(spec.clusterIPs, 'spec.clusterIPs').forEach((text, i) => {
    if (text === 'None') return;
    const v = ip(text, `spec.clusterIPs[${i}]`, r);
    if (!ips.has(v)) claimIp(s, v, r.ref, `spec.clusterIPs[${i}]`);
    ips.add(v);
  });
  const ports: ServicePortInfo[] = r.array(spec.ports, 'spec.ports').map((p, i) => {
    const f = `spec.ports[${i}]`;
    const o = r.object(p, f) ?? r.fail(f, 'expected an object');
    const port = r.number(o.port, `${f}.port`);
    if (!isPortNumber(port)) r.fail(`${f}.port`, 'must be a port number 1–65535');
    const protoText = r.string(o.protocol, `${f}.protocol`) ?? 'TCP';
    const protocol = protocolNumber(protoText);
    if (protocol === undefined) r.fail(`${f}.protocol`, `${JSON.stringify(protoText)} is not a protocol`);
    const targetPort = readTargetPort(o.targetPort, port, `${f}.targetPort`, r);
    const nodePort = r.number(o.nodePort, `${f}.nodePort`);
    if (nodePort !== undefined && !isPortNumber(nodePort)) {
      r.fail(
        `${f}.nodePort`,
        `${nodePort}: must be between 1 and 65535, inclusive`,
        "use a port in the cluster's NodePort range (30000-32767 by default), or leave it unset",
      );
    }
    return { name: r.string(o.name, `${f}.name`), protocol, port, targetPort, nodePort };
  });
  const selector = r.labels(spec.selector, 'spec.selector');
  const etp = r.string(spec.externalTrafficPolicy, 'spec.externalTrafficPolicy') ?? 'Cluster';
  if (etp !== 'Cluster' && etp !== 'Local')
    r.fail('spec.externalTrafficPolicy', `${JSON.stringify(etp)} is not Cluster or Local`);
  return {
    namespace,
    name,
    clusterIps: [...ips],
    ports,
    selector: Object.keys(selector).length > 0 ? selector : undefined,
    externalTrafficPolicy: etp,
    type: r.string(spec.type, 'spec.type') ?? 'ClusterIP',
  };
}
