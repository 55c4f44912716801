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
import type { Locale } from '../i18n/locale';
import { MONTH_NAMES, PERIOD_TEXT } from '../i18n/messages/reports-common';
import { speaker } from '../i18n/report-text';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What a period is, for its name in the reader's language (periodName). */
export type PeriodOf =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; month: string };
export interface ReportPeriod {
  key: string;
  of: PeriodOf;
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
    return { ...w, periods: [{ key: `Y${year}`, of: { kind: 'year', year }, startMs: span.startMs, endMs }] };
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
        of: { kind: 'quarter', year, quarter: s.q },
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
      of: { kind: 'month', month: month.slice(0, 7) },
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

/** A period's name: 第1合同年第2季度 / contract year 1 Q2, 2025年1月 / January 2025. */
export function periodName(of: PeriodOf, locale: Locale): string {
  const say = speaker(locale);
  if (of.kind === 'year') return say(PERIOD_TEXT.year, { year: of.year });
  if (of.kind === 'quarter') return say(PERIOD_TEXT.quarter, { year: of.year, quarter: of.quarter });
  const month = Number(of.month.slice(5, 7));
  return say(PERIOD_TEXT.month, { year: of.month.slice(0, 4), month, monthName: MONTH_NAMES[month - 1]! });
}

/** How a report groups its periods, as its title says it (按月 / by month). */
export const periodsBy = (by: PeriodKind, locale: Locale): string =>
  speaker(locale)(by === 'month' ? PERIOD_TEXT.byMonth : by === 'quarter' ? PERIOD_TEXT.byQuarter : PERIOD_TEXT.byYear);
