// Asia/Shanghai is UTC+8 all year (no DST since 1991), so local dates are plain offset
// arithmetic on epoch milliseconds. No Intl and no server TZ: safe in the Temporal sandbox.
import { ValidationError } from './errors';

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Validate a 'YYYY-MM-DD' string that names a real calendar day. */
export function assertIsoDate(date: string, field = 'date'): IsoDate {
  const m = DATE_RE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const back = new Date(Date.UTC(y, mo - 1, d));
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return date;
  }
  throw new ValidationError('INVALID_DATE', `${field} must be a calendar date YYYY-MM-DD, got "${date}"`, { field });
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(ms: number): IsoDate {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** An instant as ISO 8601 with the contract's offset, e.g. 2026-12-01T23:40:00.123+08:00. */
export function shanghaiInstant(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** 00:00 Asia/Shanghai of the date, as epoch ms. */
export function startOfShanghaiDay(date: IsoDate): number {
  const m = DATE_RE.exec(assertIsoDate(date));
  return Date.UTC(Number(m![1]), Number(m![2]) - 1, Number(m![3])) - SHANGHAI_OFFSET_MS;
}

/**
 * 24:00 Asia/Shanghai of the date (= next day's 00:00): a deadline "ends at 24:00 of its
 * last day" (clauses.md "Calendars and time", Civil Code art. 203). Due means due < this.
 */
export function endOfShanghaiDay(date: IsoDate): number {
  return startOfShanghaiDay(date) + DAY_MS;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return shanghaiDate(startOfShanghaiDay(date) + n * DAY_MS);
}

/** Day of week, 0 = Sunday … 6 = Saturday (same convention as Date#getUTCDay). */
export function dayOfWeek(date: IsoDate): number {
  return new Date(startOfShanghaiDay(date) + SHANGHAI_OFFSET_MS).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whole calendar days from a to b (b - a); ISO dates compare as strings too. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((startOfShanghaiDay(b) - startOfShanghaiDay(a)) / DAY_MS);
}

/** Parse an ISO-8601 timestamp with an explicit offset or Z into epoch ms. */
export function parseInstant(text: string, field = 'at'): number {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(text))
    throw new ValidationError(
      'INVALID_INSTANT',
      `${field} must be an ISO-8601 timestamp with a time zone, got "${text}"`,
      { field },
    );
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new ValidationError('INVALID_INSTANT', `${field} is not a valid timestamp: "${text}"`, { field });
  return ms;
}

/** Calendar quarter (1-4) and its last day, for the quarterly inspection of 4.1/4.3. */
export function quarterOf(date: IsoDate): { year: number; quarter: 1 | 2 | 3 | 4; lastDay: IsoDate } {
  const year = yearOf(date);
  const quarter = (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  // The quarter's last day is the day before the next quarter's first day.
  const lastDay = quarter === 4 ? `${pad(year, 4)}-12-31` : addDays(`${pad(year, 4)}-${pad(quarter * 3 + 1)}-01`, -1);
  return { year, quarter, lastDay };
}

/** Same day n months later, clamped to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = assertIsoDate(date).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${pad(ny, 4)}-${pad(nm + 1)}-${pad(Math.min(d, lastDay))}`;
}
