// An engineer change's duties (4.2, 6.7): each with its clause, due time and what a breach
// does. The verdict at the effective date is a pure function of the request's time, the
// decision, the calendar's working days and the terms (staffNotice).
import { formatFen } from '../../domain/money';
import { staffChangePenalty } from '../../domain/penalties';
import type { ContractTerms } from '../../domain/terms';
import { startOfShanghaiDay } from '../../domain/time';
import type { Proposal } from '../kernel/record';
import type { StaffChangeState } from './staff-change-messages';

export const STAFF_DUTIES = [
  {
    duty: 'notice',
    clause: '4.2',
    due: 'terms.workingDays.staffNotice working days between the request and the effective date (calendar; provisional while a year is not loaded)',
    warnings: 'none; the record shows breached while the notice is short',
    breach: 'at the effective date: flagged, CNY 1,000 per person changed proposed (6.7)',
  },
  {
    duty: 'written approval',
    clause: '4.2',
    due: 'before the effective date (start of that day, Asia/Shanghai)',
    warnings: 'none',
    breach: 'at the effective date: flagged, CNY 1,000 per person changed proposed (6.7)',
  },
  {
    duty: 'no unannounced change',
    clause: '6.7',
    due: 'at once',
    warnings: 'none',
    breach: 'a change the hospital reports after the fact is charged at once (6.7)',
  },
] as const;

/**
 * What the change comes to when its effective date arrives: why it is flagged (short notice,
 * no written approval), judged on the request's stated time and the decision's.
 */
export function flagsAtEffect(s: StaffChangeState, required: number): string[] {
  const reasons: string[] = [];
  if (!s.notice.ok)
    reasons.push(
      `notice of ${s.notice.workingDays} working day(s) before ${s.effectiveDate}, ${required} required (4.2)${s.notice.provisional ? ` (provisional: calendar year(s) ${s.notice.provisionalYears.join(', ')} not loaded)` : ''}`,
    );
  if (!s.decision) reasons.push('no written approval by the hospital before the change took effect (4.2)');
  return reasons;
}

/** How the change ends before its effective date, if it does (withdrawn, contract ended, refused). */
export function closedBeforeEffect(s: StaffChangeState): StaffChangeState['outcome'] | undefined {
  if (s.withdrawn) return 'withdrawn';
  if (s.contractEnded) return 'contract-ended';
  if (s.decision && !s.decision.approved) return 'refused';
  return undefined;
}

/**
 * The 6.7 proposal of a change flagged at its effect: CNY 1,000 per person changed, due at the
 * effective date of a requested change; occurred then, or at the report of an unannounced one
 * (requestedMs: the request's time as the API recorded it).
 */
export function flaggedProposal(
  s: StaffChangeState,
  requestedMs: number,
  terms: ContractTerms,
  termsVersion: number,
): Omit<Proposal, 'key'> {
  const p = staffChangePenalty(s.persons, terms);
  const effectiveMs = startOfShanghaiDay(s.effectiveDate);
  return {
    clause: '6.7',
    termsVersion,
    fact: `engineer change ${s.requestId} effective ${s.effectiveDate}: ${s.flagReasons.join('; ')}`,
    amountFen: formatFen(p.amountFen),
    basis: p.basis,
    basisTemplate: p.basisTemplate,
    ...(s.kind === 'requested' ? { dueAt: new Date(effectiveMs).toISOString() } : {}),
    occurredAt: new Date(s.kind === 'requested' ? effectiveMs : requestedMs).toISOString(), // the report's time (6.7)
  };
}
