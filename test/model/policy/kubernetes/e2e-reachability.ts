/**
 * Upstream's `Reachability` truth-table builder (kubernetes/kubernetes `test/e2e/network/netpol/reachability.go`),
 * so the e2e expectations can be transcribed call for call.
 */

/** `from -> to -> allowed`, e.g. `table['x/a']['y/b']`. */
export type TruthTable = Record<string, Record<string, boolean>>;

/** Matches pods by namespace and/or name; an omitted field matches everything (upstream's `Peer`). */
export interface PeerMatch {
  readonly namespace?: string;
  readonly pod?: string;
}

function matches(peer: PeerMatch, pod: string): boolean {
  const [ns, name] = pod.split('/');
  return (peer.namespace === undefined || peer.namespace === ns) && (peer.pod === undefined || peer.pod === name);
}

/** A truth table over a set of pods, every cell starting at a default expectation. */
export class Reachability {
  private readonly cells: TruthTable = {};

  constructor(
    private readonly pods: readonly string[],
    defaultExpectation: boolean,
  ) {
    for (const from of pods) {
      this.cells[from] = {};
      for (const to of pods) this.cells[from][to] = defaultExpectation;
    }
  }

  /** One cell. */
  expect(from: string, to: string, allowed: boolean): this {
    if (!(from in this.cells) || !(to in this.cells[from])) throw new Error(`pod ${from} or ${to} is not in the model`);
    this.cells[from][to] = allowed;
    return this;
  }

  /** Every connection into `pod`. */
  expectAllIngress(pod: string, allowed: boolean): this {
    for (const from of this.pods) this.expect(from, pod, allowed);
    return this;
  }

  /** Every connection out of `pod`. */
  expectAllEgress(pod: string, allowed: boolean): this {
    for (const to of this.pods) this.expect(pod, to, allowed);
    return this;
  }

  /** Every connection from a pod matching `from` to a pod matching `to`. */
  expectPeer(from: PeerMatch, to: PeerMatch, allowed: boolean): this {
    for (const f of this.pods.filter((p) => matches(from, p))) {
      for (const t of this.pods.filter((p) => matches(to, p))) this.expect(f, t, allowed);
    }
    return this;
  }

  /** A copy of the table. */
  table(): TruthTable {
    return Object.fromEntries(Object.entries(this.cells).map(([k, v]) => [k, { ...v }]));
  }
}
