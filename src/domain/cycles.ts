// Recurring cycles of clauses 3, 4.1, 4.3 and 8: contract years and quarters counted from the
// signing date (Asia/Shanghai), due dates and the term extension of a failed acceptance. Pure:
// every instant and date is an argument. The yearly payment (clause 10): payments.ts; the
// schedules' calendar specs: cycle-calendars.ts.
import { ValidationError } from './errors';
import { READING_TEXT } from '../i18n/messages/readings';
import { contractYearOf, contractYearSpan, type ContractYearSpan, type TermExtension } from './contract-year';
import { addDays, addMonths, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type IsoDate } from './time';

/** One contract quarter (4.1 / 4.3) or contract year (3 / 8): [startMs, endMs). */
export interface CyclePeriod {
  year: number;
  quarter?: number;
  startDate: IsoDate;
  lastDay: IsoDate;
  startMs: number;
  endMs: number;
  /** 24:00 Asia/Shanghai of the last day: the default due instant of the period's duties. */
  dueMs: number;
}

// Open reading (4.1 / 4.3 "每季度"): quarters are CONTRACT quarters counted in 3-month steps
// from the signing date, so every contract year holds exactly four inspections (the "four
// inspection reports" of the yearly acceptance); the alternative, calendar quarters, would
// give a contract year parts of five quarters.
export const QUARTER_READING = READING_TEXT.quarters.en;

// Clause 3 (contract-year.ts): a failed acceptance extends its year until the pass, and every
// later year (with its quarters) counts from the passing instant.

/**
 * Open reading (clauses 3 and 4.3): an extension quarter (5, 6, ... of a year whose acceptance
 * failed) is cut short by the pass, but its inspection and customer-care duties stay due at
 * the end of its full three months: the vendor cannot know the pass date in advance, so a
 * pass never makes a duty overdue retroactively.
 */
export const EXTENSION_QUARTER_READING = READING_TEXT.extensionQuarters.en;

function period(year: number, quarter: number | undefined, startDate: IsoDate, endDate: IsoDate): CyclePeriod {
  const startMs = startOfShanghaiDay(startDate);
  const endMs = startOfShanghaiDay(endDate);
  const lastDay = addDays(endDate, -1);
  return {
    year,
    ...(quarter ? { quarter } : {}),
    startDate,
    lastDay,
    startMs,
    endMs,
    dueMs: endOfShanghaiDay(lastDay),
  };
}

function positiveInt(n: number, field: string, max = 1000): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new ValidationError('INVALID_PERIOD', `${field} must be an integer 1..${max}, got ${n}`, { field });
}

/** Dates of contract year n (clause 3, shifted by earlier extensions); endDate null while extended. */
export function yearDates(
  signedAtMs: number,
  n: number,
  ext: readonly TermExtension[] = [],
): { startDate: IsoDate; endDate: IsoDate | null } {
  const span = contractYearSpan(signedAtMs, n, ext);
  return { startDate: shanghaiDate(span.startMs), endDate: span.endMs === null ? null : shanghaiDate(span.endMs) };
}

/**
 * Quarter q of contract year n: 3-month steps from the year's start, the last one cut at the
 * year's end. A year extended by a failed acceptance (clause 3) has quarters 5, 6, ... while
 * the extension runs: maintenance, and so the quarterly duties, go on.
 */
export function contractQuarter(
  signedAtMs: number,
  n: number,
  q: number,
  ext: readonly TermExtension[] = [],
): CyclePeriod {
  positiveInt(q, 'quarter', 99);
  const y = yearDates(signedAtMs, n, ext);
  const startDate = addMonths(y.startDate, 3 * (q - 1));
  let endDate = addMonths(y.startDate, 3 * q);
  if (y.endDate !== null) {
    if (startDate >= y.endDate)
      throw new ValidationError('INVALID_PERIOD', `contract year ${n} has no quarter ${q} (it ends ${y.endDate})`, {
        field: 'quarter',
        clause: '4.3',
      });
    if (endDate > y.endDate) endDate = y.endDate;
  }
  const p = period(n, q, startDate, endDate);
  // EXTENSION_QUARTER_READING: a pass never shortens the due of an extension quarter.
  return q > 4 ? { ...p, dueMs: endOfShanghaiDay(addDays(addMonths(startDate, 3), -1)) } : p;
}

/** The contract quarter containing an instant; undefined before signing. */
export function quarterAt(
  signedAtMs: number,
  atMs: number,
  ext: readonly TermExtension[] = [],
): CyclePeriod | undefined {
  if (atMs < signedAtMs) return undefined;
  const n = contractYearOf(signedAtMs, atMs, ext);
  const y = yearDates(signedAtMs, n, ext);
  const date = shanghaiDate(atMs);
  // Years turn at the signing time of day (clause 3), quarters at 00:00 Shanghai: before the
  // signing time on the anniversary date the instant is still in year n, but the date is
  // already year n+1's first quarter (a schedule firing at 00:05 lands there).
  if (y.endDate !== null && date >= y.endDate) return contractQuarter(signedAtMs, n + 1, 1, ext);
  let q = 1;
  while (q < 99 && addMonths(y.startDate, 3 * q) <= date) q++;
  return contractQuarter(signedAtMs, n, q, ext);
}

/**
 * Quarter q of year n as the calendar stands, or undefined when it does not exist (yet): an
 * earlier year's failed acceptance keeps year n from starting until its pass (clause 3), or
 * the year has no such quarter. For workflow code, which must not throw domain errors.
 */
export function quarterIfKnown(
  signedAtMs: number,
  n: number,
  q: number,
  ext: readonly TermExtension[] = [],
): CyclePeriod | undefined {
  try {
    return contractQuarter(signedAtMs, n, q, ext);
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
}

/** Span of contract year n, or undefined while an earlier year's extension is open (clause 3). */
export function yearSpanIfStarted(
  signedAtMs: number,
  n: number,
  ext: readonly TermExtension[] = [],
): ContractYearSpan | undefined {
  try {
    return contractYearSpan(signedAtMs, n, ext);
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
}

/**
 * Every contract quarter that has begun by atMs (00:00 Shanghai of its first day), in order,
 * over years 1..maxYears, on the calendar shifted by the extensions (clause 3): what the
 * daily reconcile compares with the periods already recorded.
 */
export function quartersThrough(
  signedAtMs: number,
  atMs: number,
  ext: readonly TermExtension[] = [],
  maxYears = 99,
): CyclePeriod[] {
  const out: CyclePeriod[] = [];
  for (let n = 1; n <= maxYears; n++) {
    const y = yearDates(signedAtMs, n, ext);
    for (let q = 1; q < 99; q++) {
      const start = addMonths(y.startDate, 3 * (q - 1));
      if (y.endDate !== null && start >= y.endDate) break;
      if (startOfShanghaiDay(start) > atMs) return out;
      out.push(contractQuarter(signedAtMs, n, q, ext));
    }
    if (y.endDate === null) return out;
  }
  return out;
}

/** Contract year n as a period (its end is null-safe only when not extended). */
export function contractYear(
  signedAtMs: number,
  n: number,
  ext: readonly TermExtension[] = [],
): CyclePeriod | undefined {
  const y = yearDates(signedAtMs, n, ext);
  return y.endDate === null ? undefined : period(n, undefined, y.startDate, y.endDate);
}

/** Period key as used in workflow ids: "2Q3" = contract year 2, quarter 3. */
export function periodKey(year: number, quarter: number): string {
  return `${year}Q${quarter}`;
}

export function parsePeriodKey(key: string): { year: number; quarter: number } {
  const m = /^(\d{1,3})Q(\d{1,2})$/.exec(key);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new ValidationError(
      'INVALID_PERIOD',
      `period must look like 1Q1 (contract year, quarter 1-4), got "${key}"`,
      { field: 'period' },
    );
  return { year: Number(m[1]), quarter: Number(m[2]) };
}
