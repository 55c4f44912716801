// The periods a report groups by, within one contract year (clause 3, shifted by extensions):
//   year    - the contract year itself, [its start, its end);
//   quarter - contract quarters (3-month steps from the year's start, the reading of 4.1/4.3
//             that the inspections use: domain/cycles.ts QUARTER_READING);
//   month   - calendar months of Asia/Shanghai, cut at the year's start and end.
// A year still running (or extended until its acceptance passes) ends at `nowMs` for the
// report, which says so. Pure: every instant is an argument.
import { contractYearSpan, type TermExtension } from '../domain/contract-year';
import { quarterIfKnown } from '../domain/cycles';
import { ValidationError } from '../domain/errors';
import { addMonths, shanghaiDate, startOfShanghaiDay } from '../domain/time';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  key: string;
  label: string;
  startMs: number;
  endMs: number;
}
export interface YearWindow {
  year: number;
  startMs: number;
  endMs: number;
  complete: boolean;
  periods: ReportPeriod[];
}

export function yearWindow(
  signedAtMs: number,
  year: number,
  by: PeriodKind,
  nowMs: number,
  ext: readonly TermExtension[] = [],
): YearWindow {
  const span = contractYearSpan(signedAtMs, year, ext);
  if (span.startMs > nowMs)
    throw new ValidationError(
      'YEAR_NOT_STARTED',
      `contract year ${year} starts ${new Date(span.startMs).toISOString()}; there is nothing to report yet (clause 3)`,
      { field: 'year', clause: '3' },
    );
  const complete = span.endMs !== null && span.endMs <= nowMs;
  const endMs = complete ? span.endMs! : nowMs;
  const w = { year, startMs: span.startMs, endMs, complete };
  if (by === 'year')
    return { ...w, periods: [{ key: `Y${year}`, label: `第${year}合同年`, startMs: span.startMs, endMs }] };
  const periods: ReportPeriod[] = [];
  if (by === 'quarter') {
    // Each quarter ends where the next begins; the last ends with the year (which turns at the
    // signing time of day, not at 00:00), so no case between the two falls out of the report.
    const starts: { q: number; startMs: number }[] = [];
    for (let q = 1; q < 99; q++) {
      const p = quarterIfKnown(signedAtMs, year, q, ext);
      if (!p || p.year !== year) break;
      const startMs = Math.max(p.startMs, span.startMs);
      if (startMs >= endMs) break;
      starts.push({ q, startMs });
    }
    starts.forEach((s, i) =>
      periods.push({
        key: `${year}Q${s.q}`,
        label: `第${year}合同年第${s.q}季度`,
        startMs: s.startMs,
        endMs: starts[i + 1]?.startMs ?? endMs,
      }),
    );
    return { ...w, periods };
  }
  let month = `${shanghaiDate(span.startMs).slice(0, 7)}-01`;
  for (let i = 0; i < 240; i++) {
    const next = addMonths(month, 1);
    const startMs = Math.max(startOfShanghaiDay(month), span.startMs);
    if (startMs >= endMs) break;
    periods.push({
      key: month.slice(0, 7),
      label: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
      startMs,
      endMs: Math.min(startOfShanghaiDay(next), endMs),
    });
    month = next;
  }
  return { ...w, periods };
}

/** An instant as Asia/Shanghai wall time with its offset: 2025-01-02T09:00:00+08:00. */
export function shanghaiIso(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}
