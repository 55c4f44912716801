// A fault case's writes (clause 4.9): the intake of a report (numbered, idempotent, the terms
// version at the report) and the case's projection in the kernel's one record write.
import type { Pool, PoolClient } from 'pg';
import type { FaultCaseSnapshot } from '../../../workflows/fault/snapshot';
import type { RecordBatch } from '../../../workflows/kernel/record';
import { AUDIT_COLUMNS, auditValues, type AuditRow } from '../../../security/audit-scope';

type Db = Pool | PoolClient;

export interface IntakeResult {
  status: string;
  /** The terms version in force at the report (clause 3); null before the contract was signed. */
  version: number | null;
  terms: unknown;
  /** The case this Idempotency-Key created earlier. */
  seen?: {
    caseId: string;
    caseNo: number;
    requestHash: string;
    reportedAt: Date;
    recordedAt: Date | null;
    createdBy: string;
    createdByRole: string | null;
  };
  /** The case this statement created (only for an active contract, a signed-at report within its back-dating window and an unseen key). */
  created?: { caseId: string; caseNo: number };
  /** Issue 10: whether atMs lies within the report's back-dating window of those terms (statedTimes.backdateHours). */
  withinBackdateWindow: boolean;
  backdateHours: number;
}

export interface NewIntake {
  contractId: string;
  atMs: number;
  nowMs: number;
  idempotencyKey: string | null;
  requestHash: string;
  createdBy: string;
  level: number;
  title: string;
  channel: string;
  affectsOperations: boolean;
  reporter: string;
  /** Kept on the intake so the orphan sweep starts the case as the API would (033). */
  description: string;
  createdByRole: string;
  /** A fault entered at onboarding (issue 10 item 4): its past facts, kept for the orphan sweep (310); no back-dating window applies. */
  onboarded?: unknown;
  /** The request's audit row, written with the case it creates (its target: the case id); none on a retry or a refusal. */
  audit?: AuditRow;
}

/**
 * A fault intake in one atomic statement (one round trip): reads the contract, the terms
 * version in force at atMs (clause 3) and the case an Idempotency-Key created earlier, and only
 * when the contract is active, the report falls within its term and the key is unseen, allocates
 * the next case number and writes the intake and the first case row. The caller explains a
 * refusal from what was read. The case row's deadlines and next deadline are the workflow's to
 * record (its first task, moments later). A concurrent retry with the same key fails on the
 * unique key (23505) and the caller reads the winner's case. The audit row of the request that
 * creates the case is written by the same statement (clause 7: the effect and its row commit
 * together; the columns of writeAuditRow, src/security/audit-scope.ts).
 */
export async function intake(db: Db, i: NewIntake): Promise<IntakeResult | undefined> {
  const { rows } = await db.query({
    name: 'fault-intake',
    text: `WITH ctx AS (
       SELECT c.id, c.status, v.version, v.terms, s.case_id AS seen_case_id, s.case_no AS seen_case_no, s.request_hash AS seen_hash,
              sc.reported_at AS seen_reported_at, s.recorded_at AS seen_recorded_at, s.created_by AS seen_created_by,
              s.created_by_role AS seen_created_by_role, w.hours AS backdate_hours, ($14::jsonb IS NOT NULL OR $2::timestamptz >= $11::timestamptz - w.hours * interval '1 hour') AS within_window
         FROM contracts c
         LEFT JOIN LATERAL (SELECT version, terms FROM contract_terms_versions
                             WHERE contract_id = c.id AND effective_at <= $2 ORDER BY version DESC LIMIT 1) v ON true
         LEFT JOIN fault_intakes s ON $3::text IS NOT NULL AND s.contract_id = c.id AND s.idempotency_key = $3
         LEFT JOIN fault_cases sc ON sc.case_id = s.case_id
         LEFT JOIN LATERAL (SELECT coalesce(v.terms->'statedTimes'->'backdateHours'->>'report', v.terms->'statedTimes'->'backdateHours'->>'default', '24')::numeric AS hours) w ON true
        WHERE c.id = $1
     ), n AS (
       INSERT INTO fault_case_counters (contract_id, last_no)
       SELECT id, 1 FROM ctx WHERE status = 'active' AND version IS NOT NULL AND seen_case_id IS NULL AND within_window
       ON CONFLICT (contract_id) DO UPDATE SET last_no = fault_case_counters.last_no + 1 RETURNING last_no
     ), i AS (
       INSERT INTO fault_intakes (case_id, contract_id, case_no, idempotency_key, request_hash, created_by, description, created_by_role, recorded_at, onboarded)
       SELECT 'fault:' || $1 || ':' || last_no, $1, last_no, $3, $4, $5, $12, $13, $11, $14 FROM n RETURNING case_id, case_no
     ), fc AS (
       INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status,
                                breached, awaiting, terms_version, last_seq)
       SELECT i.case_id, $1, i.case_no, $6, $7, $8, $9, $10, $2, 'reported', false, 'vendor', ctx.version, 0 FROM i, ctx
       RETURNING case_id, case_no
     ), audited AS (
       INSERT INTO audit_log (at, target, ${AUDIT_COLUMNS})
       SELECT now(), fc.case_id, $15::text, $16::text, $17::text, $18::text, $19::text, $20::text, $21::text, $22::int, $23::text, $24::jsonb, $25::text[]
         FROM fc WHERE $15::text IS NOT NULL
     )
     SELECT ctx.*, fc.case_id AS created_case_id, fc.case_no AS created_case_no FROM ctx LEFT JOIN fc ON true`,
    values: [
      i.contractId,
      new Date(i.atMs),
      i.idempotencyKey,
      i.requestHash,
      i.createdBy,
      i.level,
      i.title,
      i.channel,
      i.affectsOperations,
      i.reporter,
      new Date(i.nowMs),
      i.description,
      i.createdByRole,
      i.onboarded === undefined ? null : JSON.stringify(i.onboarded),
      ...(i.audit ? auditValues(i.audit) : Array(11).fill(null)),
    ],
  });
  const r = rows[0];
  if (!r) return undefined;
  return {
    status: r.status,
    version: r.version,
    terms: r.terms,
    withinBackdateWindow: r.within_window === true,
    backdateHours: Number(r.backdate_hours),
    ...(r.seen_case_id
      ? {
          seen: {
            caseId: r.seen_case_id,
            caseNo: r.seen_case_no,
            requestHash: r.seen_hash,
            reportedAt: r.seen_reported_at,
            recordedAt: r.seen_recorded_at,
            createdBy: r.seen_created_by,
            createdByRole: r.seen_created_by_role,
          },
        }
      : {}),
    ...(r.created_case_id ? { created: { caseId: r.created_case_id, caseNo: r.created_case_no } } : {}),
  };
}

/**
 * The fault family's projection of the case record (src/activities/records.ts): the case row the
 * API lists and filters, written in the record transaction after the fence was checked there.
 */
export async function recordFaultProjection(tx: PoolClient, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as FaultCaseSnapshot;
  await tx.query({
    name: 'record-fault-projection',
    text: `INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status,
                              breached, awaiting, next_deadline_at, terms_version, deadlines, exclusions, penalties, last_seq, fence, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
     ON CONFLICT (case_id) DO UPDATE SET level = EXCLUDED.level, affects_operations = EXCLUDED.affects_operations, reported_at = EXCLUDED.reported_at,
       status = EXCLUDED.status, breached = EXCLUDED.breached, awaiting = EXCLUDED.awaiting, next_deadline_at = EXCLUDED.next_deadline_at,
       terms_version = EXCLUDED.terms_version, deadlines = EXCLUDED.deadlines, exclusions = EXCLUDED.exclusions,
       penalties = EXCLUDED.penalties, last_seq = EXCLUDED.last_seq, fence = EXCLUDED.fence, updated_at = now()`,
    values: [
      s.caseId,
      s.contractId,
      s.caseNo,
      s.level,
      s.title,
      s.channel,
      s.affectsOperations,
      s.reporter,
      new Date(s.reportedAtMs),
      s.status,
      s.breached,
      s.awaiting,
      s.nextDeadlineMs === null ? null : new Date(s.nextDeadlineMs),
      s.termsVersion,
      JSON.stringify(s.deadlines),
      JSON.stringify(s.exclusions),
      JSON.stringify(s.penalties),
      b.lastSeq,
      b.fence,
    ],
  });
}
