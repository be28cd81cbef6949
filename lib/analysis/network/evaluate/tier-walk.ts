/**
 * Walks ordered tiers of policy for one direction, as Felix's endpoint chains do
 * (`felix/rules/endpoints.go`): rules in order, Allow/Deny terminal, Log non-terminal, Pass skips to the next
 * tier; a tier that has policies for the endpoint drops at its end unless its default action is Pass or the
 * chain is a preDNAT/untracked chain (those never drop by default).
 */
import type { Packet } from '../match/packet';
import { MatchContext, ruleMatches } from '../policy/rule-matcher';
import type { TierGroup } from '../policy/policy-index';
import type { Decision, LogHit } from '../model/result';

/** Chain kinds, which differ in their end-of-tier and end-of-chain behaviour. */
export type ChainType = 'normal' | 'forward' | 'preDNAT' | 'untracked';

/** Outcome of a tier walk. */
export interface WalkResult {
  /**
   * `allow`/`deny`: a rule or end-of-tier decided; `none`: no decision (no policies, or every tier passed / no match).
   */
  readonly outcome: 'allow' | 'deny' | 'none';
  readonly decision?: Decision;
  /** The last Pass, when the walk ended by passing out of the final tier. */
  readonly lastPass?: Decision;
  readonly logs: readonly LogHit[];
}

const NO_LOGS: readonly LogHit[] = Object.freeze([]);

/** Evaluates `groups` (already filtered to the direction) against `p`. */
export function walkTiers(
  groups: readonly TierGroup[],
  dir: 'ingress' | 'egress',
  p: Packet,
  ctx: MatchContext,
  chain: ChainType,
): WalkResult {
  let logs: LogHit[] | undefined;
  let lastPass: Decision | undefined;
  for (const g of groups) {
    let passed = false;
    policies: for (const pol of g.policies) {
      const rules = dir === 'ingress' ? pol.ingress : pol.egress;
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (!ruleMatches(rule, p, ctx)) continue;
        const base = {
          tier: g.tier.name,
          policy: pol.display,
          policyKind: pol.kind,
          ruleIndex: rule.index,
          ...(rule.name !== undefined ? { ruleName: rule.name } : {}),
          ...(rule.failClosed !== undefined ? { failClosed: rule.failClosed } : {}),
          staged: pol.staged || undefined,
        };
        switch (rule.action) {
          case 'Log':
            (logs ??= []).push({ tier: g.tier.name, policy: pol.display, ruleIndex: rule.index });
            continue;
          case 'Allow':
            return { outcome: 'allow', decision: { action: 'Allow', ...base }, logs: logs ?? NO_LOGS };
          case 'Deny':
            return { outcome: 'deny', decision: { action: 'Deny', ...base }, logs: logs ?? NO_LOGS };
          case 'Pass':
            passed = true;
            lastPass = { action: 'Pass', ...base };
            break policies;
        }
      }
    }
    if (passed) continue;
    if ((chain === 'normal' || chain === 'forward') && g.tier.defaultAction !== 'Pass') {
      return {
        outcome: 'deny',
        decision: { action: 'Deny', tier: g.tier.name, default: 'end-of-tier deny' },
        logs: logs ?? NO_LOGS,
      };
    }
  }
  return { outcome: 'none', lastPass, logs: logs ?? NO_LOGS };
}
