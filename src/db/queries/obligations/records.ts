// The obligations' record (issue 10: the PostgreSQL record is the completed workflow state):
// each case's projection in the kernel's record write, and the reads the API answers from.
import type { PoolClient } from 'pg';
import type { Db } from '../contracts';
import type { RecordBatch } from '../../../workflows/kernel/record';

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
