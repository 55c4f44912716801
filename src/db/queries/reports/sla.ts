// The SLA report's query (4.9.2, 4.9.4): per fault case, each deadline's verdict at the report's
// as-of instant, computed in PostgreSQL from the SLA facts each case row carries.
import type { Db } from '../contracts';
import { EVENTS, PER_CASE, factsTable } from './fault-verdicts';

export interface SlaRow {
  periodKey: string;
  level: number | null;
  cases: number;
  regraded: number;
  reopened: number;
  responseMet: number;
  responseBreached: number;
  responseOpen: number;
  medianResponseMs: number | null;
  p90ResponseMs: number | null;
  onsiteDue: number;
  onsiteMet: number;
  onsiteBreached: number;
  replacementDue: number;
  replacementMet: number;
  replacementBreached: number;
  exclusionsClaimed: number;
  exclusionsAccepted: number;
}

/**
 * SLA figures per period and current level (4.9.3, after any re-grade), plus an all-levels row
 * per period (level null). Periods are [start, end) spans of the report time; a case belongs to
 * the period of its report. Response time = first response - report (4.9.4).
 */
export async function slaRows(
  db: Db,
  contractId: string,
  periods: { key: string; startMs: number; endMs: number }[],
  asOfMs: number,
): Promise<SlaRow[]> {
  const facts = await factsTable(db);
  const { rows } = await db.query(
    `WITH p AS (SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(key, s, e)),
     ev AS (${EVENTS(facts)}),
     c AS (
       SELECT p.key, f.level, ${PER_CASE('$7')}, f.sla_exclusion_claimed AS claimed, f.sla_exclusion_accepted AS accepted,
              coalesce(ev.regraded, false) AS regraded, coalesce(ev.reopened, false) AS reopened
         FROM fault_cases f
         JOIN p ON f.reported_at >= p.s AND f.reported_at < p.e
         LEFT JOIN ev ON ev.case_id = f.case_id
        WHERE f.contract_id = $1 AND f.reported_at >= $5 AND f.reported_at < $6
     )
     SELECT key, level, count(*)::int AS cases, count(*) FILTER (WHERE regraded)::int AS regraded, count(*) FILTER (WHERE reopened)::int AS reopened,
            count(*) FILTER (WHERE response = 1)::int AS response_met, count(*) FILTER (WHERE response = 3)::int AS response_breached,
            count(*) FILTER (WHERE response = 2)::int AS response_open,
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms))::bigint AS median_ms,
            round(percentile_cont(0.9) WITHIN GROUP (ORDER BY response_ms))::bigint AS p90_ms,
            sum(onsite_due)::int AS onsite_due, sum(onsite_met)::int AS onsite_met, sum(onsite_breached)::int AS onsite_breached,
            sum(replacement_due)::int AS replacement_due, sum(replacement_met)::int AS replacement_met, sum(replacement_breached)::int AS replacement_breached,
            count(*) FILTER (WHERE claimed)::int AS claimed, count(*) FILTER (WHERE accepted)::int AS accepted
       FROM c GROUP BY GROUPING SETS ((key, level), (key))`,
    [
      contractId,
      periods.map((p) => p.key),
      periods.map((p) => new Date(p.startMs)),
      periods.map((p) => new Date(p.endMs)),
      new Date(Math.min(...periods.map((p) => p.startMs))),
      new Date(Math.max(...periods.map((p) => p.endMs))),
      asOfMs,
    ],
  );
  return rows.map((r) => ({
    periodKey: r.key,
    level: r.level,
    cases: r.cases,
    regraded: r.regraded,
    reopened: r.reopened,
    responseMet: r.response_met,
    responseBreached: r.response_breached,
    responseOpen: r.response_open,
    medianResponseMs: r.median_ms === null ? null : Number(r.median_ms),
    p90ResponseMs: r.p90_ms === null ? null : Number(r.p90_ms),
    onsiteDue: r.onsite_due,
    onsiteMet: r.onsite_met,
    onsiteBreached: r.onsite_breached,
    replacementDue: r.replacement_due,
    replacementMet: r.replacement_met,
    replacementBreached: r.replacement_breached,
    exclusionsClaimed: r.claimed,
    exclusionsAccepted: r.accepted,
  }));
}
