// The working-day calendar: shipped data (chinese-days) overridden by operator-loaded years
// (the latest row of a year wins). A year in neither is absent, so WorkingDayCalendar counts
// it Mon-Fri and flags every deadline touching it provisional (clauses.md "Calendars and time").
import type { Pool } from 'pg';
import { insertCalendarYear, latestCalendarYears, type CalendarYearRow } from '../db/queries/calendar';
import type { Db } from '../db/queries/contracts';
import { WorkingDayCalendar, type CalendarYear } from '../domain/calendar';
import { CALENDAR_SOURCE_VERSION, SHIPPED_CALENDAR_YEARS } from '../domain/calendar-data';
import { ValidationError } from '../domain/errors';
import { assertIsoDate, yearOf } from '../domain/time';

export type YearOrigin = 'loaded' | 'shipped';
export interface YearData extends CalendarYear {
  origin: YearOrigin;
  loadedBy?: string;
  loadedAt?: string;
}

const fromRow = (r: CalendarYearRow): YearData => ({
  year: r.year,
  holidays: r.holidays,
  workdays: r.workdays,
  source: r.source,
  version: `loaded#${r.id}`,
  origin: 'loaded',
  loadedBy: r.loadedBy,
  loadedAt: r.loadedAt,
});

/** Calendar data of the requested years (all known years when null); absent = not loaded. */
export async function calendarYears(db: Db, years: number[] | null): Promise<YearData[]> {
  const loaded = new Map((await latestCalendarYears(db, years)).map((r) => [r.year, fromRow(r)]));
  const out = new Map<number, YearData>();
  for (const y of SHIPPED_CALENDAR_YEARS) {
    if (years === null || years.includes(y.year))
      out.set(y.year, {
        ...y,
        holidays: [...y.holidays],
        workdays: [...y.workdays],
        origin: 'shipped',
        version: y.version ?? CALENDAR_SOURCE_VERSION,
      });
  }
  for (const [year, y] of loaded) out.set(year, y);
  return [...out.values()].sort((a, b) => a.year - b.year);
}

export async function workingDayCalendar(db: Db): Promise<WorkingDayCalendar> {
  return new WorkingDayCalendar(
    (await calendarYears(db, null)).map(({ year, holidays, workdays, source, version }) => ({
      year,
      holidays,
      workdays,
      source,
      version,
    })),
  );
}

function checkDates(year: number, field: 'holidays' | 'workdays', dates: string[]): void {
  dates.forEach((d, i) => {
    assertIsoDate(d, `${field}.${i}`);
    if (yearOf(d) !== year)
      throw new ValidationError('DATE_OUTSIDE_YEAR', `${field}.${i}: ${d} is not in ${year}`, {
        field: `${field}.${i}`,
      });
  });
  const dup = dates.find((d, i) => dates.indexOf(d) !== i);
  if (dup) throw new ValidationError('DUPLICATE_DATE', `${field} lists ${dup} twice`, { field });
}

/** Loads or corrects a year (a new row; the latest wins). */
export async function loadCalendarYear(
  pool: Pool,
  y: { year: number; holidays: string[]; workdays: string[]; source: string },
  actor: string,
): Promise<YearData> {
  checkDates(y.year, 'holidays', y.holidays);
  checkDates(y.year, 'workdays', y.workdays);
  const clash = y.holidays.find((d) => y.workdays.includes(d));
  if (clash)
    throw new ValidationError('HOLIDAY_AND_WORKDAY', `${clash} is listed both as holiday and as workday`, {
      field: 'workdays',
    });
  return fromRow(await insertCalendarYear(pool, { ...y, loadedBy: actor }));
}
