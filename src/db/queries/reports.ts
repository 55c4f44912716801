// Report queries (issue 14), one function each, computed in PostgreSQL over indexed tables
// (051_report_indexes.sql): a report reads aggregates, never every case into the process.
import type { Db } from './contracts';

export interface SlaRow {
  periodKey: string; level: number | null; cases: number; regraded: number; reopened: number;
  responseMet: number; responseBreached: number; responseOpen: number; medianResponseMs: number | null; p90ResponseMs: number | null;
  onsiteDue: number; onsiteMet: number; onsiteBreached: number; replacementDue: number; replacementMet: number; replacementBreached: number;
  exclusionsClaimed: number; exclusionsAccepted: number;
}

// A deadline is judged from its recorded facts against the report's as-of instant, not from
// the status the worker last wrote: met = done by its due; breached = done late, or not done
// and already due; cancelled deadlines (on-site / replacement resolved in time, 4.9.2) do not count.
const JUDGE = (d: string) => `
  CASE WHEN ${d}->>'status' = 'cancelled' THEN NULL
       WHEN ${d} ? 'doneAtMs' AND (${d}->>'doneAtMs')::bigint <= (${d}->>'dueMs')::bigint THEN 'met'
       WHEN ${d} ? 'doneAtMs' OR (${d}->>'dueMs')::bigint < $7 THEN 'breached'
       ELSE 'open' END`;

/**
 * SLA figures per period and current level (4.9.3, after any re-grade), plus an all-levels row
 * per period (level null). Periods are [start, end) spans of the report time; a case belongs to
 * the period of its report. Response time = first response - report (4.9.4).
 */
export async function slaRows(db: Db, contractId: string, periods: { key: string; startMs: number; endMs: number }[], asOfMs: number): Promise<SlaRow[]> {
  const { rows } = await db.query(
    `WITH p AS (SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(key, s, e)),
     c AS (
       SELECT p.key, f.level, r.verdict AS response, r.ms AS response_ms, x.*,
              jsonb_array_length(f.exclusions) > 0 AS claimed, f.exclusions @> '[{"status":"accepted"}]' AS accepted,
              EXISTS (SELECT 1 FROM fault_events e WHERE e.case_id = f.case_id AND e.type = 'case.regraded') AS regraded,
              EXISTS (SELECT 1 FROM fault_events e WHERE e.case_id = f.case_id AND e.type = 'case.reopened') AS reopened
         FROM fault_cases f
         JOIN p ON f.reported_at >= p.s AND f.reported_at < p.e
         LEFT JOIN LATERAL (
           SELECT ${JUDGE('d')} AS verdict,
                  CASE WHEN d ? 'doneAtMs' THEN (d->>'doneAtMs')::bigint - (d->>'startMs')::bigint END AS ms
             FROM jsonb_array_elements(f.deadlines) d WHERE d->>'kind' = 'response' ORDER BY (d->>'round')::int LIMIT 1) r ON true
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE k = 'onsite' AND v IS NOT NULL) AS onsite_due, count(*) FILTER (WHERE k = 'onsite' AND v = 'met') AS onsite_met,
                  count(*) FILTER (WHERE k = 'onsite' AND v = 'breached') AS onsite_breached,
                  count(*) FILTER (WHERE k = 'replacement' AND v IS NOT NULL) AS replacement_due,
                  count(*) FILTER (WHERE k = 'replacement' AND v = 'met') AS replacement_met,
                  count(*) FILTER (WHERE k = 'replacement' AND v = 'breached') AS replacement_breached
             FROM (SELECT d->>'kind' AS k, ${JUDGE('d')} AS v FROM jsonb_array_elements(f.deadlines) d) j) x ON true
        WHERE f.contract_id = $1 AND f.reported_at >= $5 AND f.reported_at < $6
     )
     SELECT key, level, count(*)::int AS cases, count(*) FILTER (WHERE regraded)::int AS regraded, count(*) FILTER (WHERE reopened)::int AS reopened,
            count(*) FILTER (WHERE response = 'met')::int AS response_met, count(*) FILTER (WHERE response = 'breached')::int AS response_breached,
            count(*) FILTER (WHERE response = 'open')::int AS response_open,
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms))::bigint AS median_ms,
            round(percentile_cont(0.9) WITHIN GROUP (ORDER BY response_ms))::bigint AS p90_ms,
            sum(onsite_due)::int AS onsite_due, sum(onsite_met)::int AS onsite_met, sum(onsite_breached)::int AS onsite_breached,
            sum(replacement_due)::int AS replacement_due, sum(replacement_met)::int AS replacement_met, sum(replacement_breached)::int AS replacement_breached,
            count(*) FILTER (WHERE claimed)::int AS claimed, count(*) FILTER (WHERE accepted)::int AS accepted
       FROM c GROUP BY GROUPING SETS ((key, level), (key))`,
    [contractId, periods.map((p) => p.key), periods.map((p) => new Date(p.startMs)), periods.map((p) => new Date(p.endMs)),
      new Date(Math.min(...periods.map((p) => p.startMs))), new Date(Math.max(...periods.map((p) => p.endMs))), asOfMs]);
  return rows.map((r) => ({
    periodKey: r.key, level: r.level, cases: r.cases, regraded: r.regraded, reopened: r.reopened, responseMet: r.response_met,
    responseBreached: r.response_breached, responseOpen: r.response_open, medianResponseMs: r.median_ms === null ? null : Number(r.median_ms),
    p90ResponseMs: r.p90_ms === null ? null : Number(r.p90_ms), onsiteDue: r.onsite_due, onsiteMet: r.onsite_met, onsiteBreached: r.onsite_breached,
    replacementDue: r.replacement_due, replacementMet: r.replacement_met, replacementBreached: r.replacement_breached,
    exclusionsClaimed: r.claimed, exclusionsAccepted: r.accepted,
  }));
}

export interface StatementEntry {
  id: string; clause: string; caseKind: string; caseId: string; fact: string; occurredAt: string; dueAt: string | null; lateByMs: number | null;
  amountFen: string; basis: string; reading: string | null; compensates: string | null; status: string; statusReason: string | null; statusAt: string;
}

/** Every ledger entry of a contract year with its current status, by clause then time (clause 6). */
export async function statementEntries(db: Db, contractId: string, year: number): Promise<StatementEntry[]> {
  const { rows } = await db.query(
    `SELECT id, clause, case_kind, case_id, fact, occurred_at, due_at, late_by_ms, amount_fen, basis, reading, compensates, status, status_reason, status_at
       FROM ledger_current WHERE contract_id = $1 AND contract_year = $2 ORDER BY clause, occurred_at, id`, [contractId, year]);
  return rows.map((r) => ({
    id: r.id, clause: r.clause, caseKind: r.case_kind, caseId: r.case_id, fact: r.fact, occurredAt: r.occurred_at.toISOString(),
    dueAt: r.due_at ? r.due_at.toISOString() : null, lateByMs: r.late_by_ms === null ? null : Number(r.late_by_ms), amountFen: r.amount_fen,
    basis: r.basis, reading: r.reading, compensates: r.compensates, status: r.status, statusReason: r.status_reason, statusAt: r.status_at.toISOString(),
  }));
}

/** Confirmed deductions (confirmed, upheld, compensations) of the contract through a year, and of that year alone. */
export async function confirmedThrough(db: Db, contractId: string, year: number): Promise<{ throughFen: string; yearFen: string }> {
  const { rows } = await db.query(
    `SELECT coalesce(sum(amount_fen), 0)::text AS through_fen, coalesce(sum(amount_fen) FILTER (WHERE contract_year = $2), 0)::text AS year_fen
       FROM ledger_current WHERE contract_id = $1 AND contract_year <= $2 AND status IN ('confirmed', 'decided-upheld')`, [contractId, year]);
  return { throughFen: rows[0].through_fen, yearFen: rows[0].year_fen };
}

export interface OmFault {
  caseId: string; caseNo: number; level: number; title: string; reportedAt: string; status: string; breached: boolean;
  response: string | null; regraded: boolean; reopened: boolean; exclusion: string | null;
}

/** The faults reported in [from, to) for the O&M record (3), one line each, oldest first. */
export async function omFaults(db: Db, contractId: string, fromMs: number, toMs: number, asOfMs: number): Promise<OmFault[]> {
  const { rows } = await db.query(
    `SELECT f.case_id, f.case_no, f.level, f.title, f.reported_at, f.status, f.breached, r.verdict,
            EXISTS (SELECT 1 FROM fault_events e WHERE e.case_id = f.case_id AND e.type = 'case.regraded') AS regraded,
            EXISTS (SELECT 1 FROM fault_events e WHERE e.case_id = f.case_id AND e.type = 'case.reopened') AS reopened,
            (SELECT x->>'status' FROM jsonb_array_elements(f.exclusions) x ORDER BY (x->>'claimedAtMs')::bigint DESC LIMIT 1) AS exclusion
       FROM fault_cases f
       LEFT JOIN LATERAL (SELECT ${JUDGE('d').replace(/\$7/g, '$4')} AS verdict FROM jsonb_array_elements(f.deadlines) d WHERE d->>'kind' = 'response' LIMIT 1) r ON true
      WHERE f.contract_id = $1 AND f.reported_at >= $2 AND f.reported_at < $3 ORDER BY f.reported_at, f.case_no`,
    [contractId, new Date(fromMs), new Date(toMs), asOfMs]);
  return rows.map((r) => ({ caseId: r.case_id, caseNo: r.case_no, level: r.level, title: r.title, reportedAt: r.reported_at.toISOString(), status: r.status,
    breached: r.breached, response: r.verdict, regraded: r.regraded, reopened: r.reopened, exclusion: r.exclusion }));
}

export interface OmDocument { id: string; kind: string; subject: string | null; title: string; version: number; filename: string; sha256: string; sizeBytes: number; uploadedAt: string; review: string | null }

/** The contract's documents filed in [from, to) or whose subject names contract year `year`, each at its latest version. */
export async function omDocuments(db: Db, contractId: string, year: number, fromMs: number, toMs: number): Promise<OmDocument[]> {
  const { rows } = await db.query(
    `SELECT d.id, d.kind, d.subject, d.title, v.version, v.filename, v.sha256, v.size_bytes, v.uploaded_at,
            (SELECT decision FROM document_reviews x WHERE x.document_id = v.document_id AND x.version = v.version ORDER BY x.id DESC LIMIT 1) AS review
       FROM documents d
       JOIN LATERAL (SELECT * FROM document_versions v WHERE v.document_id = d.id ORDER BY v.version DESC LIMIT 1) v ON true
      WHERE d.contract_id = $1
        AND ((d.created_at >= $3 AND d.created_at < $4) OR d.subject LIKE 'inspection:' || $1 || ':' || $2 || 'Q%' OR d.subject = 'acceptance:' || $1 || ':' || $2)
      ORDER BY d.kind, d.created_at, d.id`,
    [contractId, String(year), new Date(fromMs), new Date(toMs)]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, subject: r.subject, title: r.title, version: r.version, filename: r.filename, sha256: r.sha256,
    sizeBytes: Number(r.size_bytes), uploadedAt: r.uploaded_at.toISOString(), review: r.review }));
}

export interface OmStaffChange { requestId: string; kind: string; effectiveDate: string; removeIds: string[]; addNames: string[]; requestedAt: string; outcome: string }

/** Staff change requests (4.2, 6.7) made in [from, to), with how each ended. */
export async function omStaffChanges(db: Db, contractId: string, fromMs: number, toMs: number): Promise<OmStaffChange[]> {
  const { rows } = await db.query(
    `SELECT s.request_id, s.kind, to_char(s.effective_date, 'YYYY-MM-DD') AS effective_date, s.remove_ids, s.add_engineers, s.requested_at,
            coalesce(s.closed_outcome, CASE WHEN a.key IS NOT NULL THEN 'applied' ELSE 'pending' END) AS outcome
       FROM staff_change_requests s LEFT JOIN staff_change_applications a ON a.contract_id = s.contract_id AND a.request_id = s.request_id
      WHERE s.contract_id = $1 AND s.requested_at >= $2 AND s.requested_at < $3 ORDER BY s.requested_at`,
    [contractId, new Date(fromMs), new Date(toMs)]);
  return rows.map((r) => ({ requestId: r.request_id, kind: r.kind, effectiveDate: r.effective_date, removeIds: r.remove_ids,
    addNames: (r.add_engineers as { name?: string; engineerId?: string }[]).map((e) => e.name ?? e.engineerId ?? '?'), requestedAt: r.requested_at.toISOString(), outcome: r.outcome }));
}
