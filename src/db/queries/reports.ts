// Report queries (issue 14), one function each, computed in PostgreSQL over indexed tables
// (051_report_indexes.sql): a report reads aggregates, never every case into the process.
import type { Db } from './contracts';

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

// Verdicts at the report's as-of instant from the SLA facts each case row carries
// (051_report_indexes.sql): met = done by its due; breached = done late, recorded breached, or
// undone and already due; open = undone and not yet due (4.9.4, 4.9.2). 1 met, 2 open, 3 breached.
const RESPONSE = (asOf: string) => `
  CASE WHEN f.sla_response_start_ms IS NULL THEN NULL
       WHEN f.sla_response_done_ms <= f.sla_response_due_ms AND NOT f.sla_response_breached THEN 1
       WHEN f.sla_response_done_ms IS NOT NULL OR f.sla_response_breached OR f.sla_response_due_ms < ${asOf} THEN 3
       ELSE 2 END`;
const VERDICT_NAME = (code: number | null): string | null =>
  code === 1 ? 'met' : code === 2 ? 'open' : code === 3 ? 'breached' : null;

/** The case timeline's table: the kernel's case_facts once it exists, the fault family's fault_events before. */
async function factsTable(db: Db): Promise<'case_facts' | 'fault_events'> {
  const { rows } = await db.query(`SELECT to_regclass('case_facts') IS NOT NULL AS kernel`);
  return rows[0].kernel ? 'case_facts' : 'fault_events';
}

// Per case: the response verdict and time, the on-site and replacement deadlines that count and their verdicts.
const PER_CASE = (asOf: string) => `
  ${RESPONSE(asOf)} AS response,
  CASE WHEN f.sla_response_start_ms IS NOT NULL THEN f.sla_response_done_ms - f.sla_response_start_ms END AS response_ms,
  f.sla_onsite_due AS onsite_due, f.sla_onsite_met AS onsite_met,
  f.sla_onsite_late + coalesce(f.sla_onsite_undone_due_ms < ${asOf}, false)::int AS onsite_breached,
  f.sla_replacement_due AS replacement_due, f.sla_replacement_met AS replacement_met,
  f.sla_replacement_late + coalesce(f.sla_replacement_undone_due_ms < ${asOf}, false)::int AS replacement_breached`;

// Re-grade and reopen facts of the contract's cases, once per case (fault_events / case_facts by type).
const EVENTS = (facts: string) => `
  SELECT case_id, bool_or(type = 'case.regraded') AS regraded, bool_or(type = 'case.reopened') AS reopened
    FROM ${facts} WHERE type IN ('case.regraded', 'case.reopened') AND case_id LIKE 'fault:' || $1 || ':%' GROUP BY case_id`;

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

export interface StatementEntry {
  id: string;
  clause: string;
  caseKind: string;
  caseId: string;
  fact: string;
  occurredAt: string;
  dueAt: string | null;
  lateByMs: number | null;
  amountFen: string;
  basis: string;
  reading: string | null;
  compensates: string | null;
  status: string;
  statusReason: string | null;
  statusAt: string;
}

/** Every ledger entry of a contract year with its current status, by clause then time (clause 6). */
export async function statementEntries(db: Db, contractId: string, year: number): Promise<StatementEntry[]> {
  const { rows } = await db.query(
    `SELECT id, clause, case_kind, case_id, fact, occurred_at, due_at, late_by_ms, amount_fen, basis, reading, compensates, status, status_reason, status_at
       FROM ledger_current WHERE contract_id = $1 AND contract_year = $2 ORDER BY clause, occurred_at, id`,
    [contractId, year],
  );
  return rows.map((r) => ({
    id: r.id,
    clause: r.clause,
    caseKind: r.case_kind,
    caseId: r.case_id,
    fact: r.fact,
    occurredAt: r.occurred_at.toISOString(),
    dueAt: r.due_at ? r.due_at.toISOString() : null,
    lateByMs: r.late_by_ms === null ? null : Number(r.late_by_ms),
    amountFen: r.amount_fen,
    basis: r.basis,
    reading: r.reading,
    compensates: r.compensates,
    status: r.status,
    statusReason: r.status_reason,
    statusAt: r.status_at.toISOString(),
  }));
}

/** Confirmed deductions (confirmed, upheld, compensations) of the contract through a year, and of that year alone. */
export async function confirmedThrough(
  db: Db,
  contractId: string,
  year: number,
): Promise<{ throughFen: string; yearFen: string }> {
  const { rows } = await db.query(
    `SELECT coalesce(sum(amount_fen), 0)::text AS through_fen, coalesce(sum(amount_fen) FILTER (WHERE contract_year = $2), 0)::text AS year_fen
       FROM ledger_current WHERE contract_id = $1 AND contract_year <= $2 AND status IN ('confirmed', 'decided-upheld')`,
    [contractId, year],
  );
  return { throughFen: rows[0].through_fen, yearFen: rows[0].year_fen };
}

export interface OmFault {
  caseId: string;
  caseNo: number;
  level: number;
  title: string;
  reportedAt: string;
  status: string;
  breached: boolean;
  response: string | null;
  regraded: boolean;
  reopened: boolean;
  exclusion: string | null;
}

/**
 * One page of the faults reported in [from, to) for the O&M record (3), one line each, in report
 * order (report time, then case number): `limit` cases after case number `after` (keyset, so a
 * page of a year of 100,000 cases reads its own rows from the (contract_id, reported_at) index).
 */
export async function omFaults(
  db: Db,
  contractId: string,
  fromMs: number,
  toMs: number,
  asOfMs: number,
  page: { after: number | null; limit: number },
): Promise<OmFault[]> {
  const facts = await factsTable(db);
  const { rows } = await db.query(
    `WITH ev AS (${EVENTS(facts)})
     SELECT f.case_id, f.case_no, f.level, f.title, f.reported_at, f.status, f.breached, ${RESPONSE('$4')} AS response,
            coalesce(ev.regraded, false) AS regraded, coalesce(ev.reopened, false) AS reopened,
            (SELECT e->>'status' FROM jsonb_array_elements(f.exclusions) e ORDER BY (e->>'claimedAtMs')::bigint DESC LIMIT 1) AS exclusion
       FROM fault_cases f
       LEFT JOIN ev ON ev.case_id = f.case_id
      WHERE f.contract_id = $1 AND f.reported_at >= $2 AND f.reported_at < $3
        AND ($5::int IS NULL OR (f.reported_at, f.case_no) > (SELECT a.reported_at, a.case_no FROM fault_cases a WHERE a.contract_id = $1 AND a.case_no = $5))
      ORDER BY f.reported_at, f.case_no LIMIT $6`,
    [contractId, new Date(fromMs), new Date(toMs), asOfMs, page.after, page.limit],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    caseNo: r.case_no,
    level: r.level,
    title: r.title,
    reportedAt: r.reported_at.toISOString(),
    status: r.status,
    breached: r.breached,
    response: VERDICT_NAME(r.response),
    regraded: r.regraded,
    reopened: r.reopened,
    exclusion: r.exclusion,
  }));
}

export interface OmDocument {
  id: string;
  kind: string;
  subject: string | null;
  title: string;
  version: number;
  filename: string;
  sha256: string;
  sizeBytes: number;
  uploadedAt: string;
  review: string | null;
}

/** The contract's documents filed in [from, to) or whose subject names contract year `year`, each at its latest version. */
export async function omDocuments(
  db: Db,
  contractId: string,
  year: number,
  fromMs: number,
  toMs: number,
): Promise<OmDocument[]> {
  const { rows } = await db.query(
    `SELECT d.id, d.kind, d.subject, d.title, v.version, v.filename, v.sha256, v.size_bytes, v.uploaded_at,
            (SELECT CASE f.type WHEN 'analysis.accepted' THEN 'accepted' ELSE 'rejected' END FROM case_facts f
              WHERE f.type IN ('analysis.accepted', 'analysis.rejected') AND f.detail->>'reference' = v.document_id || '@' || v.version
              ORDER BY f.recorded_at DESC, f.seq DESC LIMIT 1) AS review
       FROM documents d
       JOIN LATERAL (SELECT * FROM document_versions v WHERE v.document_id = d.id ORDER BY v.version DESC LIMIT 1) v ON true
      WHERE d.contract_id = $1
        AND ((d.created_at >= $3 AND d.created_at < $4) OR d.subject LIKE 'inspection:' || $1 || ':' || $2 || 'Q%' OR d.subject = 'acceptance:' || $1 || ':' || $2)
      ORDER BY d.kind, d.created_at, d.id`,
    [contractId, String(year), new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    title: r.title,
    version: r.version,
    filename: r.filename,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    uploadedAt: r.uploaded_at.toISOString(),
    review: r.review,
  }));
}

export interface OmStaffChange {
  requestId: string;
  kind: string;
  effectiveDate: string;
  removeIds: string[];
  addNames: string[];
  requestedAt: string;
  outcome: string;
}

/** Staff change requests (4.2, 6.7) made in [from, to), with how each ended. */
export async function omStaffChanges(
  db: Db,
  contractId: string,
  fromMs: number,
  toMs: number,
): Promise<OmStaffChange[]> {
  const { rows } = await db.query(
    `SELECT s.request_id, s.kind, to_char(s.effective_date, 'YYYY-MM-DD') AS effective_date, s.remove_ids, s.add_engineers, s.requested_at,
            coalesce(s.closed_outcome, CASE WHEN a.key IS NOT NULL THEN 'applied' ELSE 'pending' END) AS outcome
       FROM staff_change_requests s LEFT JOIN staff_change_applications a ON a.contract_id = s.contract_id AND a.request_id = s.request_id
      WHERE s.contract_id = $1 AND s.requested_at >= $2 AND s.requested_at < $3 ORDER BY s.requested_at`,
    [contractId, new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    kind: r.kind,
    effectiveDate: r.effective_date,
    removeIds: r.remove_ids,
    addNames: (r.add_engineers as { name?: string; engineerId?: string }[]).map((e) => e.name ?? e.engineerId ?? '?'),
    requestedAt: r.requested_at.toISOString(),
    outcome: r.outcome,
  }));
}

export interface OmRectificationItem {
  itemId: string;
  description: string;
  dueDate: string | null;
  status: string;
  daysLate: number;
  penaltyFen: string;
}

/** 6.3: the rectification plan's items due in the year (items without a due date count in year 1), from the plan's record. */
export async function omRectificationItems(
  db: Db,
  contractId: string,
  fromDate: string,
  toDate: string,
  firstYear: boolean,
): Promise<OmRectificationItem[]> {
  const { rows } = await db.query(
    `SELECT i->>'itemId' AS item_id, i->>'description' AS description, i->>'dueDate' AS due_date, i->>'status' AS status,
            COALESCE((i->>'daysLate')::int, 0) AS days_late, COALESCE(i->>'penaltyFen', '0') AS penalty_fen
       FROM obligation_records o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.state->'items', '[]'::jsonb)) AS i
      WHERE o.contract_id = $1 AND o.kind = 'rectification'
        AND (CASE WHEN i->>'dueDate' IS NULL THEN $4::boolean ELSE (i->>'dueDate') BETWEEN $2 AND $3 END)
      ORDER BY i->>'dueDate' NULLS FIRST, i->>'itemId'`,
    [contractId, fromDate, toDate, firstYear],
  );
  return rows.map((r) => ({
    itemId: r.item_id,
    description: r.description ?? '',
    dueDate: r.due_date,
    status: r.status,
    daysLate: r.days_late,
    penaltyFen: r.penalty_fen,
  }));
}

export interface OmServiceRequest {
  requestId: string;
  clause: string;
  origin: string;
  title: string;
  raisedAt: string;
  dueDate: string | null;
  status: string;
  acceptedDeliveryAt: string | null;
  breach: { clause: string; pricedUnder: string; penaltyFen: string | null; superseded: boolean } | null;
}

/** Issue 18: the service requests (4.4-5.4) raised in [from, to) or due in it, from their records. */
export async function omServiceRequests(
  db: Db,
  contractId: string,
  fromMs: number,
  toMs: number,
): Promise<OmServiceRequest[]> {
  const { rows } = await db.query(
    `SELECT o.status, o.state FROM obligation_records o
      WHERE o.contract_id = $1 AND o.kind = 'service'
        AND (((o.state->>'raisedAt')::timestamptz >= $2 AND (o.state->>'raisedAt')::timestamptz < $3)
          OR (o.state->'due'->>'date' BETWEEN to_char($2 AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AND to_char($3 AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')))
      ORDER BY o.state->>'raisedAt', o.workflow_id`,
    [contractId, new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => {
    const s = r.state as Record<string, any>;
    const accepted = (s.deliveries ?? []).find((d: any) => d.review?.decision === 'accepted');
    return {
      requestId: s.requestId,
      clause: s.clause,
      origin: s.origin,
      title: s.title,
      raisedAt: s.raisedAt,
      dueDate: s.due?.date ?? null,
      status: r.status,
      acceptedDeliveryAt: accepted?.at ?? null,
      breach: s.breach
        ? {
            clause: s.breach.clause,
            pricedUnder: s.breach.pricedUnder,
            penaltyFen: s.breach.penaltyFen ?? null,
            superseded: Boolean(s.breach.superseded),
          }
        : null,
    };
  });
}
