// Customer care's duty (4.1, 6.2.1): return visits per quarter, judged by a pure function of
// the logs' effective times (stated, or decided after a contest), the terms and the clock: a
// visit stated within the quarter counts whenever it was typed in (within its window), and one
// whose contested time is decided outside the quarter stops counting.
import { backdateHoursOf, type ContractTerms } from '../../domain/terms';
import type { CareLogEntry } from './care-rules';

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
export function countIn(logs: CareLogEntry[], startMs: number, endMs: number): { visits: number; mailings: number } {
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
