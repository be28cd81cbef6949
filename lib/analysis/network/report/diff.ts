import { describeStep, PortProtocol, QueryableModel } from './contract';
import { formatPortProtocol } from './port-spec';

/** One flow whose verdict differs between two models. */
export interface FlowChange {
  /** Source endpoint id. */
  readonly from: string;
  /** Destination endpoint id. */
  readonly to: string;
  /** Port and protocol, e.g. `443/TCP`. */
  readonly port: string;
  /** Verdict before. */
  readonly before: { readonly allowed: boolean; readonly reason: string; readonly trace: readonly string[] };
  /** Verdict after. */
  readonly after: { readonly allowed: boolean; readonly reason: string; readonly trace: readonly string[] };
}

/** Options of {@link diffModels}. */
export interface DiffOptions {
  /** Ports to compare. */
  readonly ports: PortProtocol[];
  /**
   * Endpoint ids to compare.
   * @default - the non-service endpoints present in both models
   */
  readonly endpoints?: string[];
}

/** Every flow (ordered endpoint pair x port) whose verdict changes from `before` to `after`. */
export function diffModels(before: QueryableModel, after: QueryableModel, options: DiffOptions): FlowChange[] {
  const inAfter = new Set(after.endpoints().map((e) => e.id));
  const endpoints =
    options.endpoints ??
    before
      .endpoints()
      .filter((e) => e.kind !== 'service' && inAfter.has(e.id))
      .map((e) => e.id);
  const changes: FlowChange[] = [];
  for (const p of options.ports) {
    for (const from of endpoints) {
      for (const to of endpoints) {
        if (from === to) continue;
        const q = { from, to, port: p.port, protocol: p.protocol };
        const b = before.evaluate(q);
        const a = after.evaluate(q);
        if (a.allowed !== b.allowed) {
          changes.push({
            from,
            to,
            port: formatPortProtocol(p),
            before: { allowed: b.allowed, reason: b.reason, trace: b.steps.map(describeStep) },
            after: { allowed: a.allowed, reason: a.reason, trace: a.steps.map(describeStep) },
          });
        }
      }
    }
  }
  return changes;
}

/** One line per change: `x/a -> y/b 80/TCP: allowed -> denied (reason)`. */
export function renderDiffText(changes: readonly FlowChange[]): string {
  if (changes.length === 0) return 'no flow changes its verdict\n';
  const lines = changes.map(
    (c) =>
      `${c.from} -> ${c.to} ${c.port}: ${c.before.allowed ? 'allowed' : 'denied'} -> ${c.after.allowed ? 'allowed' : 'denied'} (${c.after.reason})`,
  );
  return `${lines.join('\n')}\n${changes.length} flow(s) change\n`;
}
