// Operator-loaded working-day calendar years; the latest row of a year wins.
import type { Db } from './contracts';

export interface CalendarYearRow {
  id: string;
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  loadedBy: string;
  loadedAt: string;
}

const COLS = `id, year, ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays, source, loaded_by, loaded_at`;

const toRow = (r: Record<string, any>): CalendarYearRow => ({
  id: String(r.id),
  year: r.year,
  holidays: r.holidays,
  workdays: r.workdays,
  source: r.source,
  loadedBy: r.loaded_by,
  loadedAt: (r.loaded_at as Date).toISOString(),
});

export async function insertCalendarYear(
  db: Db,
  y: { year: number; holidays: string[]; workdays: string[]; source: string; loadedBy: string },
): Promise<CalendarYearRow> {
  const { rows } = await db.query(
    `INSERT INTO calendar_years (year, holidays, workdays, source, loaded_by) VALUES ($1, $2::date[], $3::date[], $4, $5) RETURNING ${COLS}`,
    [y.year, y.holidays, y.workdays, y.source, y.loadedBy],
  );
  return toRow(rows[0]);
}

/** The latest loaded row of each requested year (all loaded years when years is null). */
export async function latestCalendarYears(db: Db, years: number[] | null): Promise<CalendarYearRow[]> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (year) ${COLS} FROM calendar_years WHERE ($1::int[] IS NULL OR year = ANY($1)) ORDER BY year, id DESC`,
    [years],
  );
  return rows.map(toRow);
}
