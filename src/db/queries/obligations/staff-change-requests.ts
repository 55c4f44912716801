// The 4.2 staff change requests: recorded when raised, found by workflow id, closed once.
import type { Db } from '../contracts';
import type { Engineer } from '../../../domain/staff-register';

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
