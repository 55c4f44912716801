// Who may record what on an engineer change (4.2, 6.7), and what each fact changes. check()
// is synchronous and pure so the update validators refuse before anything reaches history;
// apply() records the fact (through the kernel case) and moves the state.
import { personsChanged } from '../../domain/staff-register';
import type { ContractTerms } from '../../domain/terms';
import { startOfShanghaiDay } from '../../domain/time';
import { ruleViolation } from '../failures';
import type { Actor } from '../kernel/actors';
import type { ActionBase } from '../kernel/case-messages';
import type { Fact } from '../kernel/facts';
import { enteredFor, statedSince, type StatedInstant } from '../kernel/stated-times';
import {
  STAFF_FACT_KIND,
  type StaffChangeInput,
  type StaffChangeState,
  type StaffDecisionArgs,
} from './staff-change-messages';
import { checkRecordable, requireParty } from './shared-rules';

export type StaffAction = { action: 'decide'; args: StaffDecisionArgs } | { action: 'withdraw'; args: ActionBase };

/**
 * The request's fact (4.2), or the hospital's report of an unannounced change (6.7), at the time
 * the API recorded it; entered at onboarding, the admin's statement for the requesting party,
 * contestable (issue 10 item 4).
 */
export function requestFact(input: StaffChangeInput, requestedMs: number, nowMs: number) {
  const requested = input.kind === 'requested';
  return {
    type: requested ? 'staff-change.request' : 'staff-change.unannounced',
    detail: {
      requestId: input.requestId,
      effectiveDate: input.effectiveDate,
      remove: input.remove,
      add: input.add.map((e) => e.engineerId),
      reason: input.reason,
    },
    clause: requested ? '4.2' : '6.7',
    time: input.onboarded
      ? enteredFor(input.requestedAt, requested ? 'vendor' : 'hospital')
      : { occurredAt: Math.min(requestedMs, nowMs) },
  };
}

/** A request just made: nothing noticed, decided or proposed yet (the notice is checked once the terms are read). */
export const initialState = (input: StaffChangeInput): StaffChangeState => ({
  ...input,
  persons: personsChanged(input.remove.length, input.add.length),
  notice: { ok: false, workingDays: 0, required: 0, provisional: false, provisionalYears: [] },
  decision: null,
  withdrawn: false,
  contractEnded: null,
  outcome: 'pending',
  penaltyFen: null,
  flagReasons: [],
  stated: [],
  history: [],
});

/** Still pending: not withdrawn, decided against, ended with the contract, or in effect. */
export const isOpen = (s: StaffChangeState, nowMs: number): boolean =>
  s.outcome === 'pending' && !s.withdrawn && !s.contractEnded && nowMs < startOfShanghaiDay(s.effectiveDate);

/** The action's stated time, validated against its kind's window and the request (throws 400/409 naming the rule). */
export function stated(
  s: StaffChangeState,
  a: StaffAction,
  terms: ContractTerms | undefined,
  nowMs: number,
): StatedInstant {
  return statedSince(
    terms,
    STAFF_FACT_KIND[a.action],
    a.args.actor,
    nowMs,
    a.args.occurredAtMs,
    '4.2',
    Date.parse(s.requestedAt),
  );
}

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit. */
export function check(s: StaffChangeState, a: StaffAction, terms: ContractTerms | undefined, nowMs: number): void {
  // The contract's end closes the change (CHANGE_CLOSED below), so only the loading is checked here.
  checkRecordable(null, terms !== undefined, '4.2', 'the change');
  if (a.action === 'withdraw') {
    requireParty(a.args.actor, 'vendor', 'withdrawing a staff change', '4.2');
    if (s.kind !== 'requested' || !isOpen(s, nowMs))
      throw ruleViolation('CHANGE_CLOSED', 'only a pending change request can be withdrawn (clause 4.2)', '4.2');
    stated(s, a, terms, nowMs);
    return;
  }
  requireParty(a.args.actor, 'hospital', 'approving a staff change in writing', '4.2', ['hospital-approver']);
  if (s.kind !== 'requested')
    throw ruleViolation('NOT_A_REQUEST', 'an unannounced change cannot be approved after the fact (clause 6.7)', '6.7');
  if (s.decision)
    throw ruleViolation(
      'ALREADY_DECIDED',
      `the change was already ${s.decision.approved ? 'approved' : 'refused'} (clause 4.2)`,
      '4.2',
    );
  if (!isOpen(s, nowMs))
    throw ruleViolation(
      'CHANGE_CLOSED',
      `the change is ${s.withdrawn ? 'withdrawn' : s.contractEnded ? 'closed: the contract ended (clause 3)' : 'already in effect'} (clause 4.2)`,
      '4.2',
    );
  stated(s, a, terms, nowMs);
}

export type RecordFact = (type: string, detail: Record<string, unknown>, time: StatedInstant) => Fact;

/** Applies a checked action: records its fact at its stated time and moves the state; returns the fact. */
export function apply(s: StaffChangeState, a: StaffAction, time: StatedInstant, record: RecordFact): Fact {
  if (a.action === 'withdraw') {
    s.withdrawn = true;
    return record('staff-change.withdraw', {}, time);
  }
  const { approved, note, actor } = a.args;
  const f = record(
    approved ? 'staff-change.approve' : 'staff-change.refuse',
    { approved, ...(note ? { note } : {}) },
    time,
  );
  s.decision = {
    approved,
    by: actor.name,
    at: new Date(f.occurredAt).toISOString(),
    ...(note ? { note } : {}),
    factSeq: f.seq,
  };
  return f;
}

/**
 * Issue 10 item 4: the decision and the withdrawal of a change entered at onboarding, in time
 * order, each the admin's statement for the party whose act it was (contestable like any stated
 * time), applied by the live rules above; the loop then judges the notice and the effective date.
 */
export function enterPast(s: StaffChangeState, by: Actor, record: RecordFact): void {
  const past = s.onboarded;
  const moves: [string, StaffAction, 'hospital' | 'vendor'][] = [];
  if (past?.decision) {
    const { approved, note } = past.decision;
    const args = { actor: by, approved, ...(note ? { note } : {}) };
    moves.push([past.decision.decidedAt, { action: 'decide', args }, 'hospital']);
  }
  if (past?.withdrawnAt) moves.push([past.withdrawnAt, { action: 'withdraw', args: { actor: by } }, 'vendor']);
  moves.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  for (const [at, a, party] of moves) apply(s, a, enteredFor(at, party), record);
}

/** A decided contest moved the decision's time. */
export function retime(s: StaffChangeState, seq: number, atMs: number): void {
  if (s.decision?.factSeq === seq) s.decision.at = new Date(atMs).toISOString();
}
