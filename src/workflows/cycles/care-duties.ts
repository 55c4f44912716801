// Customer care's duty (4.1, 6.2.1): return visits per quarter, judged by a pure function of
// the logs' effective times (stated, or decided after a contest), the terms and the clock: a
// visit stated within the quarter counts whenever it was typed in (within its window), and one
// whose contested time is decided outside the quarter stops counting.
import { backdateHoursOf, type ContractTerms } from '../../domain/terms';
import { faultServicePenalty } from '../../domain/penalties';
import { appliedReadings } from '../../domain/readings';
import type { Visibility } from '../kernel/case';
import type { Proposal } from '../kernel/record';
import type { CareLogEntry, CareState } from './care-messages';

export const CARE_DUTIES = [
  {
    duty: 'return visits',
    clause: '4.1',
    due: "terms.recurring.customerCareVisitsPerQuarter visits by the quarter's last day (24:00 Asia/Shanghai)",
    warnings: 'care.due when the quarter starts',
    breach:
      'the 6.2.1 sum proposed once per missed quarter; withdrawn if a visit stated within the quarter is logged later (within statedTimes.backdateHours.careVisit) or a contest is decided for it',
  },
] as const;

const HOUR_MS = 3_600_000;

/** The visits and mailings whose effective time lies in [startMs, endMs). */
export function countIn(
  logs: Pick<CareLogEntry, 'kind' | 'effectiveAt'>[],
  startMs: number,
  endMs: number,
): { visits: number; mailings: number } {
  const inside = logs.filter((l) => Date.parse(l.effectiveAt) >= startMs && Date.parse(l.effectiveAt) < endMs);
  return {
    visits: inside.filter((l) => l.kind === 'visit').length,
    mailings: inside.filter((l) => l.kind === 'mailing').length,
  };
}

/** The quarter's verdict now: open until its due time, then kept or missed on the visits counted. */
export function verdict(visits: number, required: number, nowMs: number, dueMs: number): 'open' | 'kept' | 'missed' {
  if (nowMs < dueMs) return 'open';
  return visits >= required ? 'kept' : 'missed';
}

/** Until when a visit stated within the quarter may still be logged: its due time plus the visit's back-dating window. */
export const lateLogsUntilMs = (dueMs: number, terms: ContractTerms): number =>
  dueMs + backdateHoursOf(terms, 'careVisit') * HOUR_MS;

/** The record's visibility of the quarter: the vendor owes visits until the due time. */
export const careVisibility = (s: CareState, dueMs: number): Visibility => ({
  status: s.status,
  breached: s.breached,
  awaiting: s.status === 'open' && s.visits < s.requiredVisits ? 'vendor' : 'none',
  nextDeadlineMs: s.status === 'open' ? dueMs : null,
});

/** The 6.2.1 ledger proposal of a missed quarter (4.1), at its due time, with the reading of the cadence if one applies. */
export function missedProposal(
  s: Pick<CareState, 'year' | 'quarter' | 'dueAt' | 'visits' | 'requiredVisits'>,
  terms: ContractTerms,
  termsVersion: number,
): Omit<Proposal, 'key'> {
  const item = faultServicePenalty(terms);
  const reading = appliedReadings(terms).find((r) => r.parameter === 'recurring.customerCareVisitsPerQuarter')?.reading;
  return {
    clause: item.clause,
    termsVersion,
    fact: `customer care (4.1): ${s.visits} of ${s.requiredVisits} return visit(s) logged in contract year ${s.year} quarter ${s.quarter} (by ${s.dueAt})`,
    dueAt: s.dueAt,
    amountFen: item.amountFen.toString(),
    basis: item.basis,
    basisTemplate: item.basisTemplate,
    ...(reading ? { reading } : {}),
    occurredAt: s.dueAt,
  };
}
