// Mainland-China working days (工作日): the State Council's yearly holiday notice, with
// weekdays turned holidays and adjusted working weekends (调休上班). A year whose notice is
// not loaded is counted Mon-Fri and every result touching it is flagged provisional,
// never guessed silently (clauses.md "Calendars and time").
import { SHIPPED_CALENDAR_YEARS } from './calendar-data';
import { ValidationError } from './errors';
import { addDays, assertIsoDate, endOfShanghaiDay, IsoDate, isWeekend, shanghaiDate, yearOf } from './time';

// No zod in this module: workflows construct calendars, and the workflow sandbox evaluates its
// imports once per workflow run (see terms.ts). The API validates request bodies with zod;
// the constructor below checks the invariants of any data it is given.
export interface CalendarYear {
  year: number;
  holidays: string[]; // dates off, incl. weekdays turned holidays
  workdays: string[]; // weekends that are working days (调休上班)
  source: string;
  version: string;
}

function malformed(field: string, message: string): never {
  throw new ValidationError('INVALID_CALENDAR', `calendar year data is malformed: ${field} ${message}`, { field });
}

function checkYearShape(y: CalendarYear): void {
  if (!Number.isInteger(y.year) || y.year < 1949 || y.year > 9999)
    malformed('calendar.year', 'must be an integer from 1949 to 9999');
  for (const k of ['holidays', 'workdays'] as const) {
    if (!Array.isArray(y[k]) || y[k].some((d) => typeof d !== 'string'))
      malformed(`calendar.${y.year}.${k}`, 'must be a list of YYYY-MM-DD dates');
  }
  for (const k of ['source', 'version'] as const) {
    if (typeof y[k] !== 'string' || y[k].length === 0)
      malformed(`calendar.${y.year}.${k}`, 'must be a non-empty string');
  }
}

export interface WorkingDayDeadline {
  /** Epoch ms of 24:00 Asia/Shanghai of lastDay: due means strictly before this instant. */
  deadlineMs: number;
  lastDay: IsoDate;
  provisional: boolean;
  provisionalYears: number[];
}

export interface NoticeCheck {
  ok: boolean;
  workingDays: number;
  provisional: boolean;
  provisionalYears: number[];
}

// A generous bound: no obligation in the contract counts more than a few dozen working days.
const MAX_WORKING_DAYS = 3660;

export class WorkingDayCalendar {
  private readonly years = new Map<number, { holidays: Set<string>; workdays: Set<string>; data: CalendarYear }>();

  constructor(data: readonly CalendarYear[]) {
    for (const y of data) {
      checkYearShape(y);
      for (const d of [...y.holidays, ...y.workdays]) {
        assertIsoDate(d, `calendar.${y.year}`);
        if (yearOf(d) !== y.year)
          throw new ValidationError('INVALID_CALENDAR', `calendar ${y.year} lists ${d} from another year`, {
            field: `calendar.${y.year}`,
          });
      }
      const clash = y.holidays.find((d) => y.workdays.includes(d));
      if (clash)
        throw new ValidationError('INVALID_CALENDAR', `calendar ${y.year} lists ${clash} as both holiday and workday`, {
          field: `calendar.${y.year}`,
        });
      const { year, holidays, workdays, source, version } = y; // only the year's own fields, whatever the row carried
      this.years.set(year, {
        holidays: new Set(holidays),
        workdays: new Set(workdays),
        data: { year, holidays, workdays, source, version },
      });
    }
  }

  /** A new calendar with one more (or a replaced) year; calendars are immutable values. */
  withYear(year: CalendarYear): WorkingDayCalendar {
    const others = [...this.years.values()].map((y) => y.data).filter((y) => y.year !== year.year);
    return new WorkingDayCalendar([...others, year]);
  }

  isLoaded(year: number): boolean {
    return this.years.has(year);
  }

  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  yearData(year: number): CalendarYear | undefined {
    return this.years.get(year)?.data;
  }

  /** For an unloaded year this is the Mon-Fri fallback; check isLoaded to know. */
  isWorkingDay(date: IsoDate): boolean {
    const y = this.years.get(yearOf(assertIsoDate(date)));
    if (y?.workdays.has(date)) return true;
    if (y?.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * The deadline of "within n working days of the event" (4.10, 6.3, 4.2/6.7): the event's
   * own day is not counted (Civil Code art. 201); the deadline is 24:00 Asia/Shanghai of
   * the n-th working day after it (art. 203).
   */
  addWorkingDays(eventMs: number, n: number): WorkingDayDeadline {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS)
      throw new ValidationError(
        'INVALID_WORKING_DAYS',
        `working days must be an integer 0..${MAX_WORKING_DAYS}, got ${n}`,
        { field: 'workingDays' },
      );
    const unloaded = new Set<number>();
    let day = shanghaiDate(eventMs);
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (!this.isLoaded(yearOf(day))) unloaded.add(yearOf(day));
      if (this.isWorkingDay(day)) counted++;
    }
    const provisionalYears = [...unloaded].sort((a, b) => a - b);
    return {
      deadlineMs: endOfShanghaiDay(day),
      lastDay: day,
      provisional: provisionalYears.length > 0,
      provisionalYears,
    };
  }

  /** Working days strictly after the day of fromMs and strictly before the day of toMs. */
  workingDaysBetween(fromMs: number, toMs: number): number {
    return this.countBetween(shanghaiDate(fromMs), shanghaiDate(toMs)).workingDays;
  }

  /**
   * Clause 4.2 / 6.7: a staff change "须提前7个工作日通知". Reading applied: the n working
   * days start the day after the notice (its own day is not counted) and must have fully
   * elapsed, i.e. ended at 24:00, before the change takes effect at 00:00 of
   * effectiveDate. So the notice is sufficient iff addWorkingDays(notice, n).lastDay is
   * strictly BEFORE effectiveDate, equivalently iff at least n working days lie strictly
   * between the notice day and the effective day. Equal would leave the notice period
   * still running on the day the change is already in effect.
   */
  hasWorkingDaysNotice(noticeMs: number, effectiveDate: IsoDate, n: number): NoticeCheck {
    const { workingDays, provisionalYears } = this.countBetween(
      shanghaiDate(noticeMs),
      assertIsoDate(effectiveDate, 'effectiveDate'),
    );
    return { ok: workingDays >= n, workingDays, provisional: provisionalYears.length > 0, provisionalYears };
  }

  private countBetween(fromDay: IsoDate, toDay: IsoDate): { workingDays: number; provisionalYears: number[] } {
    const unloaded = new Set<number>();
    let workingDays = 0;
    for (let day = addDays(fromDay, 1); day < toDay; day = addDays(day, 1)) {
      if (!this.isLoaded(yearOf(day))) unloaded.add(yearOf(day));
      if (this.isWorkingDay(day)) workingDays++;
    }
    return { workingDays, provisionalYears: [...unloaded].sort((a, b) => a - b) };
  }
}

/** The calendar shipped with the code (scripts/gen-calendar.ts from chinese-days). */
export function shippedCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(SHIPPED_CALENDAR_YEARS);
}
