// One function per query over 005_obligations.sql: the 4.2 staff register and the
// hospital's recorded MAC/IP/network/server changes (6.6 exception).
import type { PoolClient } from 'pg';
import type { Db } from './contracts';
import type { RecordBatch } from '../../workflows/kernel/record';
import type { Engineer } from '../../domain/staff-register';
import type { HospitalChange } from '../../domain/obligations';

export interface EngineerRow extends Engineer {
  activeFrom: string;
  activeUntil: string | null;
  addedBy: string;
  addedByChange: string | null;
  removedByChange: string | null;
}
export interface HospitalChangeRow extends HospitalChange {
  contractId: string;
  description: string;
  recordedBy: string;
  recordedAt: string;
  lateNotice?: boolean;
}

const ENGINEER_COLS = `engineer_id, name, qualification, years_on_product, fixed, to_char(active_from, 'YYYY-MM-DD') AS active_from,
  to_char(active_until, 'YYYY-MM-DD') AS active_until, added_by, added_by_change, removed_by_change,
  qualification_document_ref, qualification_document_sha256`;
const toEngineer = (r: Record<string, any>): EngineerRow => ({
  engineerId: r.engineer_id,
  name: r.name,
  qualification: r.qualification,
  yearsOnProduct: Number(r.years_on_product),
  fixed: r.fixed,
  activeFrom: r.active_from,
  activeUntil: r.active_until,
  addedBy: r.added_by,
  addedByChange: r.added_by_change,
  removedByChange: r.removed_by_change,
  ...(r.qualification_document_ref
    ? {
        qualificationDocument: {
          documentRef: r.qualification_document_ref,
          sha256: r.qualification_document_sha256,
        },
      }
    : {}),
});

/** The engineers on the register (active_until NULL), or all ever registered. */
export async function listEngineers(db: Db, contractId: string, includeRemoved = false): Promise<EngineerRow[]> {
  const { rows } = await db.query(
    `SELECT ${ENGINEER_COLS} FROM staff_engineers WHERE contract_id = $1 AND ($2 OR active_until IS NULL) ORDER BY active_from, engineer_id`,
    [contractId, includeRemoved],
  );
  return rows.map(toEngineer);
}

export async function engineerIdsEver(db: Db, contractId: string): Promise<string[]> {
  const { rows } = await db.query('SELECT engineer_id FROM staff_engineers WHERE contract_id = $1', [contractId]);
  return rows.map((r) => r.engineer_id as string);
}

export async function insertEngineers(
  db: Db,
  contractId: string,
  engineers: Engineer[],
  activeFrom: string,
  addedBy: string,
  change: string | null,
): Promise<void> {
  for (const e of engineers) {
    await db.query(
      `INSERT INTO staff_engineers (contract_id, engineer_id, name, qualification, years_on_product, fixed, active_from, added_by, added_by_change,
                                    qualification_document_ref, qualification_document_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        contractId,
        e.engineerId,
        e.name,
        e.qualification,
        e.yearsOnProduct,
        e.fixed,
        activeFrom,
        addedBy,
        change,
        e.qualificationDocument?.documentRef ?? null,
        e.qualificationDocument?.sha256.replace(/^sha256:/, '').toLowerCase() ?? null,
      ],
    );
  }
}

export async function removeEngineers(
  db: Db,
  contractId: string,
  ids: string[],
  until: string,
  change: string,
): Promise<void> {
  await db.query(
    `UPDATE staff_engineers SET active_until = $3, removed_by_change = $4 WHERE contract_id = $1 AND engineer_id = ANY($2) AND active_until IS NULL`,
    [contractId, ids, until, change],
  );
}

/** True when this change was not applied before (the key is the staff-change workflow id). */
export async function claimStaffChangeApplication(
  db: Db,
  key: string,
  contractId: string,
  requestId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO staff_change_applications (key, contract_id, request_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
    [key, contractId, requestId],
  );
  return rowCount === 1;
}

const CHANGE_COLS = 'id, contract_id, kind, description, changed_at, notified_at, recorded_by, recorded_at';
const toChange = (r: Record<string, any>): HospitalChangeRow => ({
  changeId: r.id,
  contractId: r.contract_id,
  kind: r.kind,
  description: r.description,
  changedAt: (r.changed_at as Date).toISOString(),
  notifiedAt: (r.notified_at as Date).toISOString(),
  recordedBy: r.recorded_by,
  recordedAt: (r.recorded_at as Date).toISOString(),
});

/** Inserts a change notice; with an idempotency key a retry returns the first row. */
export async function insertHospitalChange(
  db: Db,
  c: {
    id: string;
    contractId: string;
    kind: string;
    description: string;
    changedAt: string;
    notifiedAt: string;
    recordedBy: string;
    idempotencyKey: string | null;
  },
): Promise<HospitalChangeRow> {
  const { rows } = await db.query(
    `INSERT INTO hospital_env_changes (id, contract_id, kind, description, changed_at, notified_at, recorded_by, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${CHANGE_COLS}`,
    [c.id, c.contractId, c.kind, c.description, c.changedAt, c.notifiedAt, c.recordedBy, c.idempotencyKey],
  );
  if (rows[0]) return toChange(rows[0]);
  const again = await db.query(`SELECT ${CHANGE_COLS} FROM hospital_env_changes WHERE idempotency_key = $1`, [
    c.idempotencyKey,
  ]);
  return toChange(again.rows[0]);
}

export async function listHospitalChanges(db: Db, contractId: string): Promise<HospitalChangeRow[]> {
  const { rows } = await db.query(
    `SELECT ${CHANGE_COLS} FROM hospital_env_changes WHERE contract_id = $1 ORDER BY changed_at, id`,
    [contractId],
  );
  return rows.map(toChange);
}

export interface StaffChangeRequestRow {
  workflowId: string;
  contractId: string;
  requestId: string;
  kind: 'requested' | 'unannounced';
  effectiveDate: string;
  remove: string[];
  add: Engineer[];
  input: Record<string, unknown>;
  requestedBy: string;
  requestedAt: string;
  closedOutcome: string | null;
  closedAt: string | null;
  appliedAt: string | null;
}
const REQUEST_COLS = `r.workflow_id, r.contract_id, r.request_id, r.kind, to_char(r.effective_date, 'YYYY-MM-DD') AS effective_date, r.remove_ids, r.add_engineers,
  r.input, r.requested_by, r.requested_at, r.closed_outcome, r.closed_at, a.applied_at`;
const REQUEST_FROM = 'staff_change_requests r LEFT JOIN staff_change_applications a ON a.key = r.workflow_id';
const toRequest = (r: Record<string, any>): StaffChangeRequestRow => ({
  workflowId: r.workflow_id,
  contractId: r.contract_id,
  requestId: r.request_id,
  kind: r.kind,
  effectiveDate: r.effective_date,
  remove: r.remove_ids,
  add: r.add_engineers,
  input: r.input,
  requestedBy: r.requested_by,
  requestedAt: (r.requested_at as Date).toISOString(),
  closedOutcome: r.closed_outcome,
  closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
  appliedAt: r.applied_at ? (r.applied_at as Date).toISOString() : null,
});

export async function insertStaffChangeRequest(
  db: Db,
  r: {
    workflowId: string;
    contractId: string;
    requestId: string;
    kind: string;
    effectiveDate: string;
    remove: string[];
    add: Engineer[];
    input: unknown;
    requestedBy: string;
    requestedAt: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO staff_change_requests (workflow_id, contract_id, request_id, kind, effective_date, remove_ids, add_engineers, input, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.workflowId,
      r.contractId,
      r.requestId,
      r.kind,
      r.effectiveDate,
      r.remove,
      JSON.stringify(r.add),
      JSON.stringify(r.input),
      r.requestedBy,
      r.requestedAt,
    ],
  );
}

export async function findStaffChangeRequest(db: Db, workflowId: string): Promise<StaffChangeRequestRow | null> {
  const { rows } = await db.query(`SELECT ${REQUEST_COLS} FROM ${REQUEST_FROM} WHERE r.workflow_id = $1`, [workflowId]);
  return rows[0] ? toRequest(rows[0]) : null;
}

/** Every change request of a contract, oldest first; pendingOnly: neither closed nor applied. */
export async function listStaffChangeRequests(
  db: Db,
  contractId: string,
  pendingOnly = false,
): Promise<StaffChangeRequestRow[]> {
  const { rows } = await db.query(
    `SELECT ${REQUEST_COLS} FROM ${REQUEST_FROM} WHERE r.contract_id = $1 AND (NOT $2 OR (r.closed_outcome IS NULL AND a.key IS NULL)) ORDER BY r.requested_at, r.workflow_id`,
    [contractId, pendingOnly],
  );
  return rows.map(toRequest);
}

/** Closes a pending request once (refused, withdrawn, contract-ended); a repeat is a no-op. */
export async function closeStaffChangeRequest(db: Db, workflowId: string, outcome: string): Promise<void> {
  await db.query(
    'UPDATE staff_change_requests SET closed_outcome = $2, closed_at = now() WHERE workflow_id = $1 AND closed_outcome IS NULL',
    [workflowId, outcome],
  );
}

export type ObligationKind = 'rectification' | 'golive' | 'dongle' | 'staff' | 'service';
export type ClosedHow = 'completed' | 'cancelled' | 'terminated' | 'timed-out' | 'failed';
export interface ObligationSnapshot {
  workflowId: string;
  contractId: string;
  kind: ObligationKind;
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  nextDeadlineAt: string | null;
  state: unknown;
  version: number;
  closedAt: string | null;
}
export interface ObligationRecordRow extends ObligationSnapshot {
  closedHow: ClosedHow | null;
  updatedAt: string;
}

/** The obligation's projection (its snapshot) in the kernel's record write: the API reads it. */
export interface ObligationProjection {
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  nextDeadlineAt: string | null;
  state: unknown;
  closedAt: string | null;
}

/**
 * The obligation row of one record write (src/activities/records.ts, the one record path): it
 * runs after claimHead accepted the write's fence, so the row simply follows; version = fence.
 */
export async function recordObligationProjection(tx: PoolClient, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as ObligationProjection;
  await tx.query(
    `INSERT INTO obligation_records (workflow_id, contract_id, kind, status, awaiting, breached, next_deadline_at, state, version, closed_at, closed_how)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $10::timestamptz IS NULL THEN NULL ELSE 'completed' END)
     ON CONFLICT (workflow_id) DO UPDATE SET status = EXCLUDED.status, awaiting = EXCLUDED.awaiting, breached = EXCLUDED.breached,
       next_deadline_at = EXCLUDED.next_deadline_at, state = EXCLUDED.state, version = EXCLUDED.version,
       closed_at = COALESCE(obligation_records.closed_at, EXCLUDED.closed_at), closed_how = COALESCE(obligation_records.closed_how, EXCLUDED.closed_how), updated_at = now()`,
    [
      b.caseId,
      b.contractId,
      b.kind,
      s.status,
      s.awaiting,
      s.breached,
      s.nextDeadlineAt,
      JSON.stringify(s.state),
      b.fence,
      s.closedAt,
    ],
  );
}

const RECORD_COLS = `o.workflow_id, o.contract_id, o.kind, o.status, o.awaiting, o.breached, o.next_deadline_at, o.state, o.version,
  COALESCE(c.closed_at, o.closed_at) AS closed_at, COALESCE(c.how, o.closed_how) AS closed_how, o.updated_at`;
// A closure recorded by the reconciler (cancelled or terminated outside the API) wins over the row's own.
const RECORD_FROM = 'obligation_records o LEFT JOIN case_closures c ON c.workflow_id = o.workflow_id';
const toRecord = (r: Record<string, any>): ObligationRecordRow => ({
  workflowId: r.workflow_id,
  contractId: r.contract_id,
  kind: r.kind,
  status: r.closed_how && r.closed_how !== 'completed' ? r.closed_how : r.status,
  awaiting: r.closed_how && r.closed_how !== 'completed' ? 'none' : r.awaiting,
  breached: r.breached,
  nextDeadlineAt: r.closed_how ? null : r.next_deadline_at ? (r.next_deadline_at as Date).toISOString() : null,
  state: r.state,
  version: Number(r.version),
  closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
  closedHow: r.closed_how,
  updatedAt: (r.updated_at as Date).toISOString(),
});

export async function getObligationRecord(db: Db, workflowId: string): Promise<ObligationRecordRow | null> {
  const { rows } = await db.query(`SELECT ${RECORD_COLS} FROM ${RECORD_FROM} WHERE o.workflow_id = $1`, [workflowId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Records filtered like the former visibility query; contracts null = every contract. */
export async function listObligationRecords(
  db: Db,
  f: {
    contracts: string[] | null;
    kind?: string;
    status?: string;
    awaiting?: string;
    breached?: boolean;
    limit: number;
  },
): Promise<ObligationRecordRow[]> {
  const { rows } = await db.query(
    `SELECT * FROM (SELECT ${RECORD_COLS} FROM ${RECORD_FROM} WHERE ($1::text[] IS NULL OR o.contract_id = ANY($1)) AND ($2::text IS NULL OR o.kind = $2)) r
      WHERE ($3::text IS NULL OR (CASE WHEN r.closed_how IS NOT NULL AND r.closed_how <> 'completed' THEN r.closed_how ELSE r.status END) = $3)
        AND ($4::text IS NULL OR (CASE WHEN r.closed_how IS NOT NULL AND r.closed_how <> 'completed' THEN 'none' ELSE r.awaiting END) = $4)
        AND ($5::boolean IS NULL OR r.breached = $5)
      ORDER BY r.contract_id, r.workflow_id LIMIT $6`,
    [f.contracts, f.kind ?? null, f.status ?? null, f.awaiting ?? null, f.breached ?? null, f.limit],
  );
  return rows.map(toRecord);
}

/** Workflow ids of the obligations still running (no close recorded), of one contract or all. */
export async function openObligationIds(db: Db, contractId: string | null, kinds: ObligationKind[]): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT o.workflow_id FROM ${RECORD_FROM} WHERE o.closed_at IS NULL AND c.workflow_id IS NULL AND o.kind = ANY($2) AND ($1::text IS NULL OR o.contract_id = $1)
      ORDER BY o.workflow_id`,
    [contractId, kinds],
  );
  return rows.map((r) => r.workflow_id as string);
}
