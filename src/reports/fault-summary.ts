// The faults of a contract year in the O&M record (3) and the acceptance package (8): a summary
// computed in PostgreSQL (cases and verdicts per level, the same figures as the SLA report over
// the year) and the cases by id with their verdicts, one page at a time with a link to the next.
// A year of 100,000 cases is then a few rows and a page, never every case in the package, the
// workflow's state or a PDF.
import type { Db } from '../db/queries/contracts';
import { omFaults, slaRows, type OmFault, type SlaRow } from '../db/queries/reports';

export const FAULT_PAGE = { default: 200, max: 1000 } as const;

export type LevelFigures = Omit<SlaRow, 'periodKey' | 'level' | 'medianResponseMs' | 'p90ResponseMs'> & {
  level: 'all' | 1 | 2 | 3 | 4 | 5;
};
export interface FaultSection {
  /** Cases reported in the year, all levels. */
  total: number;
  byLevel: LevelFigures[];
  /** The cases after `after` in report order, at most `limit` of them. */
  cases: OmFault[];
  /** The next page of cases (null on the last page). */
  next: string | null;
  /** The live case list of the year (GET /faults with its filters). */
  list: string;
}

const LEVELS = ['all', 1, 2, 3, 4, 5] as const;

export async function faultSection(
  db: Db,
  contractId: string,
  year: number,
  span: { fromMs: number; toMs: number; asOfMs: number },
  page: { after?: number | null; limit?: number } = {},
): Promise<FaultSection> {
  const limit = Math.min(page.limit ?? FAULT_PAGE.default, FAULT_PAGE.max);
  const [rows, found] = await Promise.all([
    slaRows(db, contractId, [{ key: 'year', startMs: span.fromMs, endMs: span.toMs }], span.asOfMs),
    omFaults(db, contractId, span.fromMs, span.toMs, span.asOfMs, { after: page.after ?? null, limit: limit + 1 }),
  ]);
  const byLevel = LEVELS.map((level) => {
    const hit = rows.find((r) => (level === 'all' ? r.level === null : r.level === level));
    const { periodKey: _p, level: _l, medianResponseMs: _m, p90ResponseMs: _q, ...figures } = hit ?? emptyRow();
    return { level, ...figures };
  });
  const cases = found.slice(0, limit);
  const base = `/contracts/${encodeURIComponent(contractId)}/reports/om-record?year=${year}`;
  return {
    total: byLevel[0]!.cases,
    byLevel,
    cases,
    next: found.length > limit ? `${base}&after=${cases.at(-1)!.caseNo}&limit=${limit}` : null,
    list:
      `/faults?contractId=${encodeURIComponent(contractId)}` +
      `&from=${encodeURIComponent(new Date(span.fromMs).toISOString())}&to=${encodeURIComponent(new Date(span.toMs).toISOString())}`,
  };
}

function emptyRow(): SlaRow {
  return {
    periodKey: 'year',
    level: null,
    cases: 0,
    regraded: 0,
    reopened: 0,
    responseMet: 0,
    responseBreached: 0,
    responseOpen: 0,
    medianResponseMs: null,
    p90ResponseMs: null,
    onsiteDue: 0,
    onsiteMet: 0,
    onsiteBreached: 0,
    replacementDue: 0,
    replacementMet: 0,
    replacementBreached: 0,
    exclusionsClaimed: 0,
    exclusionsAccepted: 0,
  };
}
