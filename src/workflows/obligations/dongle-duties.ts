// The dongle-removal obligation's duties (4.10, 6.6): each with its clause, due time and what
// a breach does. Every verdict is a pure function of the facts' stated times, the terms and
// the clock: a declaration stated before the deadline is in time whenever it was typed in.
import type { WorkingDayCalendar } from '../../domain/calendar';
import { formatFen } from '../../domain/money';
import { dongleFound } from '../../domain/penalties';
import type { ContractTerms } from '../../domain/terms';
import type { Visibility } from '../kernel/case';
import type { DongleState } from './dongle-messages';

export const DONGLE_DUTIES = [
  {
    duty: 'removal',
    clause: '4.10',
    due: 'terms.workingDays.dongleRemoval working days after signing (Asia/Shanghai calendar; provisional while a year is not loaded)',
    warnings: 'none (the deadline is on the record and the dashboard from signing)',
    breach:
      '6.6 fixed sum proposed and the demand-payments-back rights event raised; withdrawn if a declaration stated in time supersedes it',
  },
  {
    duty: 'no restriction found later',
    clause: '6.6',
    due: 'for the whole term',
    warnings: 'none',
    breach:
      '6.6 fixed sum and the rights event per finding, except a restriction caused by a recorded hospital change notified less than a week ahead (6.6)',
  },
] as const;

/** The 4.10 deadline from the signing on the calendar and terms as they stand. */
export function removalDeadline(
  cal: WorkingDayCalendar,
  signedMs: number,
  terms: ContractTerms,
): DongleState['deadline'] {
  const d = cal.addWorkingDays(signedMs, terms.workingDays.dongleRemoval);
  return {
    deadlineAt: new Date(d.deadlineMs).toISOString(),
    lastDay: d.lastDay,
    provisional: d.provisional,
    provisionalYears: d.provisionalYears,
  };
}

/** Declared (and not rejected) before the deadline, judged on the declaration's stated time. */
export const declaredInTime = (s: DongleState): boolean =>
  s.declarations.some(
    (d) => Date.parse(d.at) < Date.parse(s.deadline.deadlineAt) && d.verification?.accepted !== false,
  );

/**
 * What the 4.10 deadline calls for now: 'missed' when it passed with no declaration stated
 * before it (and no finding already charged the 6.6 sum); 'superseded' when a missed deadline
 * meets a declaration stated in time (typed in later, or a contest decided for it).
 */
export function deadlineVerdict(s: DongleState, nowMs: number): 'missed' | 'superseded' | 'unchanged' {
  const deadlineMs = Date.parse(s.deadline.deadlineAt);
  if (
    !s.deadlineMissed &&
    nowMs >= deadlineMs &&
    !declaredInTime(s) &&
    !s.findings.some((f) => f.outcome === 'penalised')
  )
    return 'missed';
  if (s.deadlineMissed && declaredInTime(s)) return 'superseded';
  return 'unchanged';
}

const last = (s: DongleState) => s.declarations[s.declarations.length - 1];

/** The record's visibility: status, who is awaited, breached, the next contractual instant. */
export function visibility(s: DongleState, nowMs: number): Visibility {
  const deadlineMs = Date.parse(s.deadline.deadlineAt);
  const verified = last(s)?.verification?.accepted === true;
  const penalised = s.findings.some((f) => f.outcome === 'penalised');
  const beforeDeadline = nowMs < deadlineMs && !s.deadlineMissed;
  return {
    status: penalised
      ? 'restriction-found'
      : s.deadlineMissed && !verified
        ? 'deadline-missed'
        : verified
          ? 'verified'
          : last(s)?.verification === null && last(s)
            ? 'declared'
            : 'awaiting-declaration',
    awaiting: verified ? 'none' : last(s) && last(s)!.verification === null ? 'hospital' : 'vendor',
    breached: s.deadlineMissed || penalised,
    nextDeadlineMs: beforeDeadline && !declaredInTime(s) ? deadlineMs : null,
  };
}

/** The 6.6 fixed sum proposed for a breach (a missed deadline, a rejected verification or a finding), at its instant. */
export function breachProposal(s: DongleState, fact: string, atMs: number, terms: ContractTerms, termsVersion: number) {
  const p = dongleFound(terms);
  return {
    clause: '6.6',
    termsVersion,
    fact,
    dueAt: s.deadline.deadlineAt,
    amountFen: formatFen(p.amountFen),
    basis: p.basis,
    basisTemplate: p.basisTemplate,
    occurredAt: new Date(atMs).toISOString(),
  };
}

/** The breach's 6.6 rights event: the hospital may demand all payments back. */
export const rightsEventOf = (contractId: string, key: string, suffix: string, terms: ContractTerms) => ({
  key,
  contractId,
  right: 'demand-payments-back',
  clause: '6.6',
  numbers: { penaltyFen: formatFen(dongleFound(terms).amountFen), event: suffix },
});

/** Clause 3: the contract ended; findings were judged, a missed deadline is already charged. */
export const contractEndedVisibility = (s: DongleState): Visibility => ({
  status: 'contract-ended',
  awaiting: 'none',
  breached: s.deadlineMissed || s.findings.some((f) => f.outcome === 'penalised'),
  nextDeadlineMs: null,
});
