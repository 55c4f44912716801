// Onboarding a running contract (issue 10 item 4): the vendor's engineer register as it stood at
// signing (4.2) and the changes made before the contract was entered (4.2, 6.7), each at its
// time. What the platform concludes from them is a pure function of those facts, the terms and
// the calendar, as the staff-change workflow judges them live (src/workflows/obligations/
// staff-change.ts, staff-change-duties.ts): a change notified 7 working days ahead and approved
// in writing before it took effect proposes nothing; one short of notice or approval CNY 1,000
// per person changed, due at its effective date; a change the hospital reported after the fact
// is charged at once (at the report). test/workflow/onboarding-equivalence.test.ts holds the
// lived, the entered and these conclusions equal.
import type { WorkingDayCalendar } from './calendar';
import type { Deadline } from './onboarding';
import { formatFen } from './money';
import { personsChanged, type Engineer } from './staff-register';
import { staffChangePenalty } from './penalties';
import type { ContractTerms } from './terms';
import { startOfShanghaiDay, type IsoDate } from './time';

/** One engineer change made before registration: requested by the vendor, or reported by the hospital (unannounced). */
export interface PastStaffChange {
  requestId: string;
  kind: 'requested' | 'unannounced';
  /** The vendor's request (its notice, 4.2) or the hospital's report of an unannounced change (6.7). */
  requestedAt: string;
  effectiveDate: IsoDate;
  remove: string[];
  add: Engineer[];
  reason: string;
  /** The hospital's written decision (4.2), before the change took effect. */
  decision?: { approved: boolean; decidedAt: string; note?: string };
  /** The vendor withdrew the request before it took effect. */
  withdrawnAt?: string;
}
/** The register at signing and the changes since, each at its time. */
export interface StaffHistory {
  register: Engineer[];
  changes?: PastStaffChange[];
}

export type StaffOutcome = 'pending' | 'effective' | 'effective-flagged' | 'refused' | 'withdrawn';
export interface StaffChangeConclusion {
  requestId: string;
  workflowId: string;
  outcome: StaffOutcome;
  notice: { workingDays: number; required: number; ok: boolean; provisional: boolean };
  flagReasons: string[];
}
export interface StaffPenaltyConclusion {
  key: string;
  caseKind: 'staff';
  clause: string;
  amountFen: string;
  basis: string;
  fact: string;
  dueAt?: string;
  occurredAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The outcome a change reached by nowMs, judged as live: withdrawn or refused before its effective day, else at that day. */
export function pastStaffChangeOutcome(
  ch: PastStaffChange,
  terms: ContractTerms,
  calendar: WorkingDayCalendar,
  nowMs: number,
): StaffChangeConclusion {
  const required = terms.workingDays.staffNotice;
  const n = calendar.hasWorkingDaysNotice(Date.parse(ch.requestedAt), ch.effectiveDate, required);
  const base = {
    requestId: ch.requestId,
    workflowId: '',
    notice: { workingDays: n.workingDays, required, ok: n.ok, provisional: n.provisional },
  };
  if (ch.kind === 'unannounced')
    return {
      ...base,
      outcome: 'effective-flagged',
      flagReasons: ['the change took effect without notice or written approval (6.7)'],
    };
  if (ch.withdrawnAt) return { ...base, outcome: 'withdrawn', flagReasons: [] };
  if (ch.decision && !ch.decision.approved) return { ...base, outcome: 'refused', flagReasons: [] };
  if (nowMs < startOfShanghaiDay(ch.effectiveDate)) return { ...base, outcome: 'pending', flagReasons: [] };
  const flagReasons: string[] = [];
  if (!n.ok)
    flagReasons.push(
      `notice of ${n.workingDays} working day(s) before ${ch.effectiveDate}, ${required} required (4.2)${n.provisional ? ` (provisional: calendar year(s) ${n.provisionalYears.join(', ')} not loaded)` : ''}`,
    );
  if (!ch.decision) flagReasons.push('no written approval by the hospital before the change took effect (4.2)');
  return { ...base, outcome: flagReasons.length ? 'effective-flagged' : 'effective', flagReasons };
}

/** Every entered change's outcome and the 6.7 entries the live workflows would have proposed, under their keys. */
export function staffConclusions(i: {
  contractId: string;
  terms: ContractTerms;
  calendar: WorkingDayCalendar;
  nowMs: number;
  staff?: StaffHistory;
}): { changes: StaffChangeConclusion[]; deadlines: Deadline[]; penalties: StaffPenaltyConclusion[] } {
  const changes: StaffChangeConclusion[] = [];
  const deadlines: Deadline[] = [];
  const penalties: StaffPenaltyConclusion[] = [];
  for (const ch of i.staff?.changes ?? []) {
    const workflowId = `staff-change:${i.contractId}:${ch.requestId}`;
    const c = { ...pastStaffChangeOutcome(ch, i.terms, i.calendar, i.nowMs), workflowId };
    changes.push(c);
    const effectiveMs = startOfShanghaiDay(ch.effectiveDate);
    // Notice and written approval are due by the effective day; a change closed before it owes neither.
    if (c.outcome !== 'refused' && c.outcome !== 'withdrawn')
      deadlines.push({
        obligation: `staff change ${ch.requestId} notified and approved`,
        clause: ch.kind === 'requested' ? '4.2' : '6.7',
        dueAt: iso(effectiveMs),
        provisional: c.notice.provisional,
        fulfilledAt: ch.decision ? iso(Date.parse(ch.decision.decidedAt)) : null,
        verdict: c.outcome === 'effective' ? 'met' : c.outcome === 'pending' ? 'pending' : 'missed',
      });
    if (c.outcome !== 'effective-flagged') continue;
    const p = staffChangePenalty(personsChanged(ch.remove.length, ch.add.length), i.terms);
    penalties.push({
      key: `${workflowId}:6.7`,
      caseKind: 'staff',
      clause: '6.7',
      amountFen: formatFen(p.amountFen),
      basis: p.basis,
      fact: `engineer change ${ch.requestId} effective ${ch.effectiveDate}: ${c.flagReasons.join('; ')}`,
      ...(ch.kind === 'requested' ? { dueAt: iso(effectiveMs) } : {}),
      occurredAt: iso(ch.kind === 'requested' ? effectiveMs : Date.parse(ch.requestedAt)),
    });
  }
  return { changes, deadlines, penalties };
}
