// The O&M record's cases of a period: faults (4.9), staff changes (4.2, 6.7), the 6.3 plan's
// items and the service requests (4.4-5.4), each from its record.
import type { Db } from '../contracts';
import { EVENTS, RESPONSE, VERDICT_NAME, factsTable } from './fault-verdicts';

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
