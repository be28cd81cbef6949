/** Building trace steps and their one-line texts. */
import type { ModelData } from '../build/build';
import type { MatchContext } from '../policy/rule-matcher';
import type { Packet } from '../match/packet';
import { protocolName } from '../match/protocols';
import type { Decision, EnforcementPoint, LogHit, Step } from '../model/result';

/** State shared by the stages of one evaluation. */
export interface EvalContext {
  readonly m: ModelData;
  readonly match: MatchContext;
  readonly preview: boolean;
  readonly steps: Step[];
}

const POINT_TEXT: Record<EnforcementPoint, string> = {
  'source-workload-egress': 'egress policy of source pod',
  'source-host-endpoint-egress': 'host endpoint egress (host-local traffic)',
  'untracked-egress': 'doNotTrack egress on host endpoint',
  'forward-egress': 'applyOnForward egress on host endpoint',
  'untracked-ingress': 'doNotTrack ingress on host endpoint',
  'pre-dnat': 'preDNAT ingress on host endpoint',
  'forward-ingress': 'applyOnForward ingress on host endpoint',
  'destination-host-endpoint-ingress': 'host endpoint ingress (host-local traffic)',
  'destination-workload-ingress': 'ingress policy of destination pod',
  'workload-to-host': 'pod to its own node',
  felix: 'Felix built-in',
  route: 'route of node-originated traffic from',
};

/** Describes a decision in words. */
export function describeDecision(d: Decision): string {
  const staged = d.staged ? ' (staged, previewed)' : '';
  if (d.default === 'end-of-tier deny') return `end-of-tier deny in tier ${d.tier}`;
  if (d.default === 'profile allow') return `profile allow (${d.profile})`;
  if (d.default === 'failsafe port') return `failsafe port ${d.failsafe}`;
  if ((d.default === 'node source address' || d.default === 'flannel VXLAN encapsulation') && d.note) return d.note;
  if (d.default) return d.default;
  if (d.policy !== undefined) {
    const rule =
      d.ruleName !== undefined ? `rule ${d.ruleIndex} (${JSON.stringify(d.ruleName)})` : `rule ${d.ruleIndex}`;
    const failed = d.failClosed !== undefined ? ` (fail-closed replacement by Calico: ${d.failClosed})` : '';
    return `${d.action} by ${rule} of ${d.policyKind ?? 'policy'} ${d.policy} in tier ${d.tier}${staged}${failed}`;
  }
  return d.action;
}

/** Appends a step and returns whether the packet may go on. */
export function addStep(
  c: EvalContext,
  point: EnforcementPoint,
  endpoint: string,
  node: string | undefined,
  p: Packet,
  allowed: boolean,
  decision: Decision,
  logs?: readonly LogHit[],
): boolean {
  const packet = { src: p.src.text, dst: p.dst.text, protocol: protocolName(p.protocol), port: p.dstPort };
  const where = node ? ` on ${node}` : '';
  const flow = `${packet.src} → ${packet.dst}${packet.port !== undefined ? `:${packet.port}` : ''}/${packet.protocol}`;
  const text = `${POINT_TEXT[point]} ${endpoint}${where} [${flow}]: ${allowed ? (decision.action === 'Continue' ? 'continue' : 'allowed') : 'denied'} — ${describeDecision(decision)}`;
  c.steps.push({
    point,
    endpoint,
    node,
    packet,
    allowed,
    decision,
    logs: logs && logs.length > 0 ? logs : undefined,
    text,
  });
  return allowed;
}
