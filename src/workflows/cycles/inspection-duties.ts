// A quarterly inspection's duties (4.1, 4.3, 4.6, 6.2.1): each with its clause, due time,
// warnings and what a breach does. Every verdict is a pure function of the facts' stated times
// (or the times decided after a contest), the terms and the clock: a report stated before the
// due time is on time whenever it was typed in, one stated after it is late whatever the timer did.
import { faultServicePenalty } from '../../domain/penalties';
import { remediationDaysText } from '../../domain/readings';
import { mergeTerms, type ContractTerms, type TermsOverrides } from '../../domain/terms';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../domain/time';
import type { Visibility } from '../kernel/case';
import type { Proposal } from '../kernel/record';
import type { Finding, InspectionState, RemediationItem } from './inspection-messages';

export const INSPECTION_DUTIES = [
  {
    duty: 'quarterly inspection report',
    clause: '4.3',
    due: "24:00 Asia/Shanghai of the quarter's last day, on the calendar as clause 3 shifts it (a failed acceptance moves later quarters)",
    warnings: 'inspection.overdue at the due time, to both parties',
    breach:
      '6.2.1 sum proposed once; a late report is still accepted and recorded (lateByMs); a report stated before the due time, typed in later or decided so after a contest, withdraws the proposal',
  },
  {
    duty: 'remediation of high-severity findings',
    clause: '4.6',
    due: 'terms.recurring.remediationDays after the acknowledgement as stated (end of that day, Asia/Shanghai)',
    warnings: 'inspection.remediation-overdue per item at its deadline, naming the reading and the penalty clause',
    breach:
      "the item is flagged overdue and the case breached; no sum is proposed automatically: an 'other service commitment' (6.5, or 6.2.2 if the contract selects it) is proposed by the hospital's approver (POST /ledger)",
  },
] as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** The 4.6 remediation days of the terms (terms stored before the reading existed get its default). */
export const remediationDaysOf = (terms: ContractTerms): number =>
  mergeTerms(terms as TermsOverrides).recurring.remediationDays;
export const remediationReading = (terms: ContractTerms): string => remediationDaysText(remediationDaysOf(terms));

/** 4.6: the deadline of an item acknowledged at ackMs, the end of the remediation days' last day. */
export const remediationDeadlineMs = (ackMs: number, terms: ContractTerms): number =>
  endOfShanghaiDay(addDays(shanghaiDate(ackMs), remediationDaysOf(terms)));

/** The remediation items of the high findings, R1.., all due at the deadline counted from the acknowledgement. */
export function remediationItems(high: Finding[], ackMs: number, terms: ContractTerms): RemediationItem[] {
  const deadline = iso(remediationDeadlineMs(ackMs, terms));
  return high.map((x, i) => ({ id: `R${i + 1}`, finding: x.title, deadline, status: 'open' as const }));
}

/** A resolution stated at atMs: on time up to and at the deadline instant, late after it. */
export const resolvedStatus = (item: RemediationItem, atMs: number): 'resolved' | 'overdue-resolved' =>
  atMs > Date.parse(item.deadline) ? 'overdue-resolved' : 'resolved';

/**
 * The open items whose deadline has passed by nowMs (each flagged once, then no longer open):
 * strictly after it, since a resolution at the deadline instant is on time (resolvedStatus).
 */
export const remediationDue = (s: InspectionState, nowMs: number): RemediationItem[] =>
  s.remediation.filter((r) => r.status === 'open' && Date.parse(r.deadline) < nowMs);

/** The earliest deadline of an open item, or undefined. */
export function nextRemediationMs(s: InspectionState): number | undefined {
  const open = s.remediation.filter((r) => r.status === 'open').map((r) => Date.parse(r.deadline));
  return open.length ? Math.min(...open) : undefined;
}

/**
 * The report's lateness, a function of its stated time (4.3): late by the time from the due
 * instant (at it is late). What the 6.2.1 proposal calls for: 'propose' when late and not
 * proposed, 'withdraw' when on time and the timer proposed it, else null.
 */
export function reportJudgement(
  submittedAtMs: number,
  dueMs: number,
  missingProposed: boolean,
): { lateByMs: number | null; effect: 'propose' | 'withdraw' | null } {
  const lateByMs = submittedAtMs >= dueMs ? submittedAtMs - dueMs : null;
  const effect =
    lateByMs !== null && !missingProposed ? 'propose' : lateByMs === null && missingProposed ? 'withdraw' : null;
  return { lateByMs, effect };
}

/** The due time passed with no report: overdue (a report already in is judged by reportJudgement). */
export const reportOverdue = (s: InspectionState, dueMs: number, nowMs: number): boolean =>
  s.report === null && nowMs >= dueMs;

/** Breached while the 6.2.1 proposal stands or an item was (or is) late. */
export const isBreached = (s: InspectionState, missingProposed: boolean): boolean =>
  missingProposed || s.remediation.some((r) => r.status === 'overdue' || r.status === 'overdue-resolved');

/** The 6.2.1 proposal of a report missing at its due time (occurred at the due time). */
export function missingReportProposal(
  s: Pick<InspectionState, 'year' | 'quarter' | 'dueAt'>,
  terms: ContractTerms,
  termsVersion: number,
): Omit<Proposal, 'key'> {
  const item = faultServicePenalty(terms);
  return {
    clause: item.clause,
    termsVersion,
    fact: `quarterly inspection report of contract year ${s.year} quarter ${s.quarter} not delivered by ${s.dueAt} (4.1/4.3)`,
    dueAt: s.dueAt,
    amountFen: item.amountFen.toString(),
    basis: item.basis,
    basisTemplate: item.basisTemplate,
    occurredAt: s.dueAt,
  };
}

/** The notice body of an overdue remediation item: the reading and why no sum is proposed (6.5 / 6.2.2 by hand). */
export const remediationOverdueNotice = (item: RemediationItem, terms: ContractTerms) => ({
  item,
  clause: '4.6',
  reading: remediationReading(terms),
  penalty: `not proposed automatically: clause ${terms.penalties.otherCommitmentReading} ("other service commitment") may be proposed by the hospital's approver (POST /ledger)`,
});

/** The record's visibility: who is awaited and the next contractual instant. */
export function visibility(s: InspectionState, dueMs: number): Visibility {
  const nextOpen = nextRemediationMs(s);
  return {
    status: s.status,
    breached: s.breached,
    awaiting:
      s.status === 'submitted'
        ? 'hospital'
        : s.status === 'closed' || (s.status === 'acknowledged' && nextOpen === undefined)
          ? 'none'
          : 'vendor',
    nextDeadlineMs: (s.report === null ? dueMs : nextOpen) ?? null,
  };
}
