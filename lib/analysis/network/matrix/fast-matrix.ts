/**
 * The full connectivity matrix without evaluating every pair.
 *
 * The split path (most pairs): a pair of pods, or of a pod and a host, on nodes without host endpoints meets only
 * the source pod's egress chain and the destination pod's ingress chain (or the node's endpoint-to-host action; a
 * host's own traffic is policed by the destination pod only): evaluate.ts runPath. Two pods also meet only those on
 * nodes whose host endpoints police no forwarded traffic. Each pod's egress verdict towards every destination address,
 * and ingress verdict from every source address, is computed at once by set operations (direction-verdicts.ts), so a
 * cell is two bit reads: the cost follows the policies and endpoints, not their pairs.
 *
 * The class path (pairs with a host endpoint on the way, and IPIP/VXLAN ports): rows (sources) and columns
 * (destinations) are partitioned into equivalence classes whose verdicts cannot differ (see `signatures.ts`): same
 * kind, same ordered policy list for the direction, same address signatures, same host-endpoint picture of their
 * node. One pair per (row class, column class, port) is evaluated with the real `evaluate` and its verdict
 * broadcast, separately for pairs on different nodes and on the same node (the paths differ: no host endpoint between
 * two local pods, host → local pod never policed, pod → own node is DefaultEndpointToHostAction). When neither side is
 * a workload with a host endpoint on its node, the same-node and cross-node verdicts of two workloads coincide and
 * share one memo entry. Classes are computed only for the rows and columns that take this path.
 *
 * Pairs whose path depends on the exact pair take the exact path (a real `evaluate` per pair): services,
 * external addresses and ids that do not resolve (which then throw as `evaluate` does), two host parties
 * on the same node (a host reaching itself over `lo`), and two ids of one pod (a pod reaching its own IP is never
 * policed).
 */
import { QueryError } from '../model/errors';
import type { ModelData } from '../build/build';
import { matchContext } from '../build/service-backends';
import type { Flow } from '../evaluate/evaluate';
import { governingHep } from '../evaluate/host-endpoint-path';
import { nodeOf, Party, resolveParty } from '../evaluate/resolve';
import type { EvaluateOptions, EvaluateResult, TrafficQuery } from '../model/result';
import { PROTO_IPIP, PROTO_UDP, protocolNumber, VXLAN_PORT } from '../match/protocols';
import type { MatchContext } from '../policy/rule-matcher';
import type { IpAddr } from '../../../model/primitives/ip';
import { toIpAddr } from '../../../model/primitives/ip';
import { hasBit } from './bitset';
import { AddressTable, DirectionVerdicts, PeerSetCache } from './direction-verdicts';
import { Interner, SignatureContext } from './signatures';

/** A destination port of the matrix. */
export interface MatrixPort {
  /** Port number. */
  readonly port: number;
  /** Protocol name or number (`TCP`, `UDP`, `SCTP`, 6, ...). */
  readonly protocol: string | number;
}

/** What {@link computeFastMatrix} (and `NetworkModel.matrix`) evaluates. */
export interface MatrixRequest {
  /**
   * Row and column endpoint ids, in this order (anything `evaluate` accepts).
   * @default - every endpoint of the model except services, in the model's order
   */
  readonly endpoints?: readonly string[];
  /** The destination ports, one grid each. */
  readonly ports: readonly MatrixPort[];
  /** Preview staged policies as if enforced (as `evaluate(q, { staged: true })`). */
  readonly staged?: boolean;
  /**
   * Called as rows are done: `done` of `total` (rows × ports), for a progress bar.
   * @default - no progress reports
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How the matrix was computed. */
export interface MatrixStats {
  /** Distinct source classes (rows that take the exact path count as none). */
  readonly rowClasses: number;
  /** Distinct destination classes. */
  readonly columnClasses: number;
  /** Calls of `evaluate` made (class representatives plus exact pairs). */
  readonly evaluations: number;
  /** Pairs evaluated exactly (not broadcast). */
  readonly exactPairs: number;
  /**
   * Pairs decided by the split path: the source's egress and the destination's ingress, each computed for every peer
   * at once by set operations.
   * @default 0
   */
  readonly splitPairs?: number;
  /**
   * Tier walks the split path made (one per distinct policy list, family and port, and what the endpoint's own side of
   * its rules matches).
   * @default 0
   */
  readonly walks?: number;
}

/** A connectivity matrix: one verdict bit per ordered pair and port, traces on demand. */
export interface FastMatrix {
  /** Row and column endpoint ids. */
  readonly endpoints: readonly string[];
  /** The ports, one grid each. */
  readonly ports: readonly MatrixPort[];
  /**
   * Per port, row-major `from × to` (`allowed[p][i * n + j]`): 1 allowed, 0 denied. An endpoint to itself (same
   * id) is 0 and never evaluated.
   */
  readonly allowed: readonly Uint8Array[];
  /** How it was computed. */
  readonly stats: MatrixStats;
  /** The full result of one cell, with its trace: exactly `evaluate` of that pair (computed now). */
  explain(port: number, from: number | string, to: number | string): EvaluateResult;
}

const EXACT = 1;
const HOST = 2;
/** A workload whose node has no host endpoint: no policy point between it and a peer besides the pods' own. */
const PLAIN_WORKLOAD = 4;
/** A workload or host on a node without host endpoints: its pairs with other such parties take the split path. */
const SPLIT = 8;
const WORKLOAD = 16;
/**
 * A node whose host endpoints (if any) police no forwarded traffic: no applyOnForward, preDNAT or doNotTrack policy
 * selects them, so a pod's traffic to a pod on another node meets only the two pods' own policy
 * (host-endpoint-path.ts forwardedDeparture/forwardedArrival allow then). Implied by SPLIT.
 */
const FORWARD_OPEN = 32;

const contexts = new WeakMap<ModelData, [SignatureContext | undefined, SignatureContext | undefined]>();

function signatureContext(m: ModelData, preview: boolean): SignatureContext {
  let pair = contexts.get(m);
  if (!pair) contexts.set(m, (pair = [undefined, undefined]));
  const i = preview ? 1 : 0;
  return (pair[i] ??= new SignatureContext(m, preview));
}

function tryResolve(m: ModelData, id: string, what: 'from' | 'to'): Party | undefined {
  try {
    return resolveParty(m, id, what);
  } catch {
    return undefined;
  }
}

let splitPath = true;

/**
 * Whether matrices computed from now on use the split path (the default) or classes only (the previous engine, which
 * benches compare with). Returns the previous setting. @internal
 */
export function setMatrixSplitPath(on: boolean): boolean {
  const before = splitPath;
  splitPath = on;
  return before;
}

/** The first address of each family in `ips` ([v4, v6]). */
function firstByFamily(ips: readonly string[]): [IpAddr | undefined, IpAddr | undefined] {
  let v4: IpAddr | undefined;
  let v6: IpAddr | undefined;
  for (const t of ips) {
    const a = toIpAddr(t);
    if (!a) continue;
    if (a.family === 4) v4 ??= a;
    else v6 ??= a;
  }
  return [v4, v6];
}

/** The flow `NetworkModel.evaluate` builds for a port (undefined for a protocol it would refuse). */
function flowOf(port: MatrixPort): Flow | undefined {
  const protocol = protocolNumber(port.protocol);
  if (protocol === undefined) return undefined;
  const isIcmp = protocol === 1 || protocol === 58;
  return {
    protocol,
    dstPort: port.port,
    icmpType: isIcmp ? (protocol === 1 ? 8 : 128) : undefined,
    icmpCode: isIcmp ? 0 : undefined,
  };
}

/** Computes the matrix of `ids` on `request.ports`; `evaluate` is the model's own (the ground truth). */
export function computeFastMatrix(
  m: ModelData,
  ids: readonly string[],
  request: MatrixRequest,
  evaluate: (q: TrafficQuery, o: EvaluateOptions) => EvaluateResult,
  match: MatchContext = matchContext(m),
): FastMatrix {
  if (!request || !Array.isArray(request.ports)) {
    throw new QueryError(
      'NetworkModel.matrix',
      'request.ports',
      'expected a list of ports',
      "pass { ports: [{ port: 80, protocol: 'TCP' }] }",
    );
  }
  const staged = request.staged === true;
  const opts: EvaluateOptions = { staged };
  const ports = request.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
  const n = ids.length;
  const onProgress = request.onProgress;

  // Resolve rows and columns.
  const selfId = new Int32Array(n);
  const rowNode = new Int32Array(n);
  const colNode = new Int32Array(n);
  // The pod behind a workload row/column (-1 otherwise): two ids of one pod are a pod reaching itself.
  const rowPod = new Int32Array(n).fill(-1);
  const colPod = new Int32Array(n).fill(-1);
  const podIntern = new Interner();
  const rowFlags = new Uint8Array(n);
  const colFlags = new Uint8Array(n);
  const idIntern = new Interner();
  const nodeIntern = new Interner();
  const rows: Array<Party | undefined> = new Array(n);
  const cols: Array<Party | undefined> = new Array(n);
  const plainNode = (node: string | undefined) => !node || !(m.hepsByNode.get(node)?.length ?? 0);
  const openNodes = new Map<string, boolean>();
  const forwardOpen = (node: string | undefined): boolean => {
    if (plainNode(node)) return true;
    // Canal's outer VXLAN packet crosses the host endpoints as host traffic (flannel-path.ts).
    if (m.encapsulation === 'FlannelVXLAN') return false;
    let v = openNodes.get(node!);
    if (v === undefined) {
      v = (['main', 'tunnel'] as const).every((cls) => {
        const h = governingHep(m, node, cls);
        if (!h) return true;
        const p = m.policyIndex.forEntity(h.entity, staged);
        return (
          p.forwardEgress.length === 0 &&
          p.forwardIngress.length === 0 &&
          p.preDnatIngress.length === 0 &&
          (h.hep.interfaceName === '*' || p.untrackedIngress.length === 0)
        );
      });
      openNodes.set(node!, v);
    }
    return v;
  };
  const nodeFlags = (node: string | undefined): number =>
    (plainNode(node) ? SPLIT : 0) | (forwardOpen(node) ? FORWARD_OPEN : 0);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    selfId[i] = idIntern.id(id);
    const src = tryResolve(m, id, 'from');
    if (!src || (src.kind !== 'workload' && src.kind !== 'host')) {
      rowFlags[i] = EXACT;
      rowNode[i] = -(2 * i + 1);
    } else {
      rows[i] = src;
      const node = nodeOf(src);
      rowNode[i] = node === undefined ? -(2 * i + 1) : nodeIntern.id(node);
      if (src.kind === 'workload') rowPod[i] = podIntern.id(src.id);
      rowFlags[i] = (src.kind === 'host' ? HOST : WORKLOAD) | nodeFlags(node);
    }
    const dst = tryResolve(m, id, 'to');
    if (!dst || (dst.kind !== 'workload' && dst.kind !== 'host')) {
      colFlags[i] = EXACT;
      colNode[i] = -(2 * i + 2);
    } else {
      cols[i] = dst;
      const node = nodeOf(dst);
      colNode[i] = node === undefined ? -(2 * i + 2) : nodeIntern.id(node);
      if (dst.kind === 'workload') colPod[i] = podIntern.id(dst.id);
      colFlags[i] = (dst.kind === 'host' ? HOST : WORKLOAD) | nodeFlags(node);
    }
  }

  // Classes of the class path, computed for the rows and columns that need them (a pair with a host endpoint).
  const rowClass = new Int32Array(n).fill(-1);
  const colClass = new Int32Array(n).fill(-1);
  const rowKeys = new Interner();
  const colKeys = new Interner();
  let sig: SignatureContext | undefined;
  const classOf = (i: number, side: 'row' | 'col'): number => {
    const classes = side === 'row' ? rowClass : colClass;
    if (classes[i] >= 0) return classes[i];
    sig ??= signatureContext(m, staged);
    const party = (side === 'row' ? rows[i] : cols[i])!;
    const ns = sig.node(nodeOf(party));
    const dir = side === 'row' ? 'egress' : 'ingress';
    const pol = party.kind === 'workload' ? sig.policies(party.rec.entity, dir) : -1;
    const addrs = side === 'row' ? sig.sourceAddresses(party) : sig.destinationAddresses(party);
    const flags = side === 'row' ? rowFlags : colFlags;
    if (party.kind === 'workload' && ns.noHep) flags[i] |= PLAIN_WORKLOAD;
    return (classes[i] = (side === 'row' ? rowKeys : colKeys).id(`${party.kind}|${pol}|${addrs}|${ns.id}`));
  };

  // The address table of the split path: every address a split row or column can put in a packet.
  const table = new AddressTable();
  const rowAddr = [new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)];
  const rowTunnel = [new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)];
  const colAddr = [new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)];
  const rowFams = new Uint8Array(n);
  const colFam0 = new Uint8Array(n);
  const colFam1 = new Uint8Array(n);
  const rowFirst: Array<[IpAddr | undefined, IpAddr | undefined]> = new Array(n);
  const colFirst: Array<[IpAddr | undefined, IpAddr | undefined]> = new Array(n);
  for (let i = 0; i < n; i++) {
    const src = rows[i];
    if (src && rowFlags[i] & FORWARD_OPEN) {
      const first = (rowFirst[i] = firstByFamily(src.ips));
      first.forEach((a, f) => {
        if (!a) return;
        rowFams[i] |= 1 << f;
        rowAddr[f][i] = table.slot(a);
        // A host sends to a remote pod from its tunnel address under encapsulation (evaluate.ts hostSourceAddress).
        if (src.kind === 'host') {
          const t = firstByFamily((m.tunnelSources.get(src.node.name) ?? []).map((x) => x.ip))[f];
          rowTunnel[f][i] = table.slot(t ?? a);
        }
      });
    }
    const dst = cols[i];
    if (dst && colFlags[i] & FORWARD_OPEN) {
      const first = (colFirst[i] = firstByFamily(dst.ips));
      first.forEach((a, f) => {
        if (a) colAddr[f][i] = table.slot(a);
      });
      // Families in the destination's order (pickAddresses takes the first one the source has).
      for (const t of dst.ips) {
        const fam = toIpAddr(t)?.family === 6 ? 2 : 1;
        if (colFam0[i] === 0) colFam0[i] = fam;
        else if (colFam0[i] !== fam && colFam1[i] === 0) colFam1[i] = fam;
      }
    }
  }
  // Rows that are IPv4-only pods and columns that are pods with an IPv4 address, both on nodes without host endpoints.
  const rowFast = new Uint8Array(n);
  const colFast = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fast = FORWARD_OPEN | WORKLOAD;
    if ((rowFlags[i] & fast) === fast && rowFams[i] === 1) rowFast[i] = 1;
    if ((colFlags[i] & fast) === fast && colAddr[0][i] >= 0) colFast[i] = 1;
  }
  const fastCols = Int32Array.from(colFast.keys()).filter((j) => colFast[j] === 1);
  const otherCols = Int32Array.from(colFast.keys()).filter((j) => colFast[j] !== 1);
  const shared = new PeerSetCache();
  const hostToPodClass = m.encapsulation !== 'None';
  const endpointToHost = m.state.felix.endpointToHostAction !== 'Drop';

  let evaluations = 0;
  let exactPairs = 0;
  let splitPairs = 0;
  let walks = 0;
  const allowed: Uint8Array[] = [];
  const total = ports.length * n;
  for (let pi = 0; pi < ports.length; pi++) {
    const port = ports[pi];
    const out = new Uint8Array(n * n);
    const cross = new Map<number, boolean>();
    const same = new Map<number, boolean>();
    const run = (i: number, j: number): boolean => {
      evaluations++;
      return evaluate({ from: ids[i], to: ids[j], port: port.port, protocol: port.protocol }, opts).allowed;
    };
    const flow = flowOf(port);
    // Workloads drop IPIP/VXLAN they send, hosts admit it from each other: such ports take the class path.
    const split =
      splitPath &&
      flow !== undefined &&
      flow.protocol !== PROTO_IPIP &&
      !(flow.protocol === PROTO_UDP && flow.dstPort === VXLAN_PORT);
    const dirs = split ? new DirectionVerdicts(table, match, m.policyIndex, staged, flow, shared) : undefined;
    const egress: Array<Array<Uint32Array | undefined>> = [new Array(n), new Array(n)];
    const ingress: Array<Array<Uint32Array | undefined>> = [new Array(n), new Array(n)];
    const egressOf = (i: number, f: number): Uint32Array =>
      (egress[f][i] ??= dirs!.egress((rows[i] as Party & { kind: 'workload' }).rec.entity, rowFirst[i][f]!));
    const ingressOf = (j: number, f: number): Uint32Array =>
      (ingress[f][j] ??= dirs!.ingress((cols[j] as Party & { kind: 'workload' }).rec.entity, colFirst[j][f]!));
    // The common cell, an IPv4-only pod to a pod with an IPv4 address, both on nodes without host endpoints: one bit
    // of the source's egress set and one of the destination's ingress set.
    const v4Ingress: Array<Uint32Array | undefined> = new Array(n);
    if (split) for (let j = 0; j < n; j++) if (colFast[j] === 1) v4Ingress[j] = ingressOf(j, 0);
    const v4Col = colAddr[0];
    const cell = (i: number, j: number): boolean => {
      const rf = rowFlags[i];
      const cf = colFlags[j];
      const sameNode = rowNode[i] === colNode[j];
      if ((rf | cf) & EXACT || (sameNode && rf & cf & HOST) || (rowPod[i] >= 0 && rowPod[i] === colPod[j])) {
        exactPairs++;
        return run(i, j);
      }
      // Both on nodes without host endpoints, or two pods on nodes whose host endpoints police no forwarded traffic.
      if (split && (rf & cf & SPLIT || (rf & cf & WORKLOAD && rf & cf & FORWARD_OPEN))) {
        splitPairs++;
        return splitVerdict(i, j, rf, cf, sameNode);
      }
      const rc = classOf(i, 'row');
      const cc = classOf(j, 'col');
      const table2 = sameNode && !(rowFlags[i] & colFlags[j] & PLAIN_WORKLOAD) ? same : cross;
      const k = rc * n + cc;
      let v = table2.get(k);
      if (v === undefined) table2.set(k, (v = run(i, j)));
      return v;
    };
    for (let i = 0; i < n; i++) {
      const rs = selfId[i];
      const rp = rowPod[i];
      const o = i * n;
      if (split && rowFast[i] === 1) {
        const e4 = egressOf(i, 0);
        const srcSlot = rowAddr[0][i];
        const srcWord = srcSlot >>> 5;
        const srcBit = 1 << (srcSlot & 31);
        for (let x = 0; x < fastCols.length; x++) {
          const j = fastCols[x];
          if (colPod[j] === rp) {
            // The same pod (or the same id): the general path.
            splitPairs--;
            if (selfId[j] !== rs && cell(i, j)) out[o + j] = 1;
            continue;
          }
          const d = v4Col[j];
          if ((e4[d >>> 5] & (1 << (d & 31))) !== 0 && (v4Ingress[j]![srcWord] & srcBit) !== 0) out[o + j] = 1;
        }
        splitPairs += fastCols.length;
        for (let x = 0; x < otherCols.length; x++) {
          const j = otherCols[x];
          if (selfId[j] !== rs && cell(i, j)) out[o + j] = 1;
        }
      } else {
        for (let j = 0; j < n; j++) if (selfId[j] !== rs && cell(i, j)) out[o + j] = 1;
      }
      onProgress?.(pi * n + i + 1, total);
    }
    if (dirs) walks += dirs.walkCount;
    allowed.push(out);

    /**
     * A pair of parties on nodes without host endpoints (evaluate.ts runPath): the source pod's egress, then the
     * destination pod's ingress, or the node's endpoint-to-host action; a host's traffic is policed only by the
     * destination pod on another node, from the host's tunnel address under encapsulation.
     */
    function splitVerdict(i: number, j: number, rf: number, cf: number, sameNode: boolean): boolean {
      const f0 = colFam0[j];
      const fam = rowFams[i] & f0 ? f0 : rowFams[i] & colFam1[j] ? colFam1[j] : 0;
      if (fam === 0) return false; // no common IP family
      const f = fam === 2 ? 1 : 0;
      if (rf & WORKLOAD) {
        if (!hasBit(egressOf(i, f), colAddr[f][j])) return false;
        if (cf & HOST) return !sameNode || endpointToHost;
        return hasBit(ingressOf(j, f), rowAddr[f][i]);
      }
      if (cf & HOST || sameNode) return true;
      return hasBit(ingressOf(j, f), (hostToPodClass ? rowTunnel : rowAddr)[f][i]);
    }
  }

  const index = (x: number | string, what: string): number => {
    const i = typeof x === 'number' ? x : ids.indexOf(x);
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new QueryError(
        'FastMatrix.explain',
        what,
        `${JSON.stringify(x) ?? String(x)} is not a row/column of the matrix`,
        `pass an index 0-${n - 1} or an id of matrix.endpoints`,
      );
    }
    return i;
  };
  return {
    endpoints: ids,
    ports,
    allowed,
    stats: { rowClasses: rowKeys.size, columnClasses: colKeys.size, evaluations, exactPairs, splitPairs, walks },
    explain(p: number, from: number | string, to: number | string): EvaluateResult {
      const port = ports[p];
      if (!Number.isInteger(p) || !port) {
        throw new QueryError(
          'FastMatrix.explain',
          'port',
          `${JSON.stringify(p) ?? String(p)} is not the index of one of the matrix's ${ports.length} port(s)`,
          `pass an index 0-${ports.length - 1} of matrix.ports`,
        );
      }
      return evaluate(
        { from: ids[index(from, 'from')], to: ids[index(to, 'to')], port: port.port, protocol: port.protocol },
        opts,
      );
    },
  };
}
