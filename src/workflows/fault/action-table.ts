// Each fault action's table (4.9.2-4.9.4): who may take it, the clause it cites, the kind of fact
// it records (its back-dating window), and its stated time (occurredAtMs, issue 10), judged
// against that window. check.ts and apply.ts read it; the fault rules are rules.ts.
import { invalidInput, ruleViolation } from '../failures';
import { statedInstant, type StatedInstant } from '../kernel/stated-times';
import type { ActionBase, FaultAction } from './messages';
import type { FaultState } from './state';

const VENDOR = ['vendor-engineer'];
const HOSPITAL = ['hospital-operator', 'hospital-approver'];
const BOTH = [...VENDOR, ...HOSPITAL];
export const ROLES: Record<FaultAction, string[]> = {
  respond: VENDOR,
  investigate: VENDOR,
  submitAnalysis: VENDOR,
  onsiteArrived: VENDOR,
  replacementProvided: VENDOR,
  resolve: VENDOR,
  claimExclusion: VENDOR,
  reviewAnalysis: HOSPITAL,
  confirmFix: HOSPITAL,
  reopen: HOSPITAL,
  regrade: HOSPITAL,
  decideExclusion: HOSPITAL,
  contestTime: BOTH,
  decideContest: ['hospital-approver'],
};
export const CLAUSE: Record<FaultAction, string> = {
  respond: '4.9.4',
  investigate: '4.9.2',
  submitAnalysis: '4.9.2',
  reviewAnalysis: '4.9.2',
  onsiteArrived: '4.9.2',
  replacementProvided: '4.9.2',
  resolve: '4.9.2',
  confirmFix: '4.9.2',
  reopen: '4.9.2',
  regrade: '4.9.3',
  claimExclusion: '4.9.2',
  decideExclusion: '4.9.2',
  contestTime: '4.9',
  decideContest: '6',
};
/** The kind of fact each action records, for its back-dating window (terms statedTimes.backdateHours). */
export const FACT_KIND: Record<FaultAction, string> = {
  respond: 'respond',
  investigate: 'investigate',
  submitAnalysis: 'analysis',
  reviewAnalysis: 'analysisReview',
  onsiteArrived: 'onsite',
  replacementProvided: 'replacement',
  resolve: 'resolve',
  confirmFix: 'confirm',
  reopen: 'reopen',
  regrade: 'regrade',
  claimExclusion: 'exclusionClaim',
  decideExclusion: 'exclusionDecision',
  contestTime: 'contest',
  decideContest: 'contestDecision',
};
export const WORKING: FaultState['status'][] = ['responded', 'investigating'];
const TIMELESS: FaultAction[] = ['contestTime', 'decideContest', 'reviewAnalysis']; // recorded now: about another fact (its time, its document)

export function need(ok: boolean, code: string, message: string, clause: string): void {
  if (!ok) throw ruleViolation(code, message, clause);
}
export function text(value: unknown, field: string, clause: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, `${field} is required`, clause);
}

/**
 * When the platform received the action: the API's receipt, never later than workflow time. A
 * worker that was stopped or behind processes it later; the fact happened when it was sent.
 */
export const receivedAt = (args: ActionBase, nowMs: number) =>
  typeof args.receivedAtMs === 'number' && args.receivedAtMs <= nowMs ? args.receivedAtMs : nowMs;

/** The action's stated time, validated against its kind's window (throws 400/409 naming the rule). */
export function stated(action: FaultAction, s: FaultState, args: ActionBase, nowMs: number): StatedInstant {
  const at = receivedAt(args, nowMs);
  if (TIMELESS.includes(action)) return { occurredAt: at };
  return statedInstant(s.terms, FACT_KIND[action], args.actor, at, args.occurredAtMs, CLAUSE[action], {
    notBeforeMs: s.reportedAtMs,
  });
}
