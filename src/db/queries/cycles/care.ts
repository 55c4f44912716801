// Customer care's record (4.1): the visits and mailings logged, and each quarter's projection.
import type { Pool, PoolClient } from 'pg';
import type { RecordBatch } from '../../../workflows/kernel/record';
import type { CareState } from '../../../workflows/cycles/care-messages';

type Db = Pool | PoolClient;

export interface CareLogInput {
  contractId: string;
  kind: 'visit' | 'mailing';
  occurredAt: string;
  channel: string;
  withWhom: string;
  topics: string[];
  note?: string;
  idempotencyKey?: string;
  loggedBy: string;
  /** A stored care-visit note (<documentId>@<version>) and its sha256, checked by the route (4.1). */
  documentRef?: string;
  sha256?: string;
  /** Issue 10: set when the stated occurredAt is earlier than the recording (the vendor's claim, contestable). */
  statedBy?: 'vendor' | 'hospital';
}

const CARE_COLS = `id, contract_id AS "contractId", kind, occurred_at AS "occurredAt", channel, with_whom AS "withWhom", topics, note,
  document_ref AS "documentRef", document_sha256 AS "sha256", logged_by AS "loggedBy", created_at AS "createdAt",
  stated_by AS "statedBy"`;

/** A customer-care visit or mailing as logged (4.1). */
export type CareLogRow = {
  id: string;
  contractId: string;
  kind: 'visit' | 'mailing';
  occurredAt: Date;
  channel: string;
  withWhom: string;
  topics: string[];
  note: string | null;
  documentRef: string | null;
  sha256: string | null;
  loggedBy: string;
  createdAt: Date;
  statedBy: 'vendor' | 'hospital' | null;
};

/** Inserts a care log; a retried request with the same idempotency key returns the first row. */
export async function insertCareLog(db: Db, l: CareLogInput): Promise<{ row: CareLogRow; created: boolean }> {
  const ins = await db.query<CareLogRow>(
    `INSERT INTO care_logs (contract_id, kind, occurred_at, channel, with_whom, topics, note, idempotency_key, logged_by, document_ref, document_sha256, stated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (contract_id, idempotency_key) DO NOTHING RETURNING ${CARE_COLS}`,
    [
      l.contractId,
      l.kind,
      l.occurredAt,
      l.channel,
      l.withWhom,
      l.topics,
      l.note ?? null,
      l.idempotencyKey ?? null,
      l.loggedBy,
      l.documentRef ?? null,
      l.sha256?.replace(/^sha256:/, '').toLowerCase() ?? null,
      l.statedBy ?? null,
    ],
  );
  if (ins.rows[0]) return { row: ins.rows[0], created: true };
  const { rows } = await db.query<CareLogRow>(
    `SELECT ${CARE_COLS} FROM care_logs WHERE contract_id = $1 AND idempotency_key = $2`,
    [l.contractId, l.idempotencyKey],
  );
  return { row: rows[0]!, created: false };
}

export async function listCareLogs(db: Db, contractId: string, fromMs?: number, toMs?: number): Promise<CareLogRow[]> {
  const { rows } = await db.query<CareLogRow>(
    `SELECT ${CARE_COLS} FROM care_logs WHERE contract_id = $1
        AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
      ORDER BY occurred_at, id`,
    [contractId, fromMs === undefined ? null : new Date(fromMs), toMs === undefined ? null : new Date(toMs)],
  );
  return rows;
}

export async function countCareLogs(
  db: Db,
  contractId: string,
  fromMs: number,
  toMs: number,
): Promise<{ visits: number; mailings: number }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE kind = 'visit')::int AS visits, count(*) FILTER (WHERE kind = 'mailing')::int AS mailings
       FROM care_logs WHERE contract_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
    [contractId, new Date(fromMs), new Date(toMs)],
  );
  return rows[0];
}

/**
 * The quarter's state as its workflow records it (CareState, care-messages.ts), derived rather
 * than copied; logs and stated stay optional as before (a snapshot without them records []).
 */
export type CarePeriodSnapshot = Omit<CareState, 'logs' | 'stated'> & Partial<Pick<CareState, 'logs' | 'stated'>>;

export async function recordCareProjection(db: Db, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as CarePeriodSnapshot;
  await db.query(
    `INSERT INTO care_periods (workflow_id, contract_id, contract_year, quarter, period_start, due_at, required_visits, visits, mailings,
       status, breached, version, updated_at, logs, stated) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, now(), $13, $14)
     ON CONFLICT (workflow_id) DO UPDATE SET period_start = EXCLUDED.period_start, due_at = EXCLUDED.due_at,
       visits = EXCLUDED.visits, mailings = EXCLUDED.mailings, status = EXCLUDED.status,
       breached = EXCLUDED.breached, required_visits = EXCLUDED.required_visits, version = EXCLUDED.version, updated_at = now(),
       logs = EXCLUDED.logs, stated = EXCLUDED.stated`,
    [
      b.caseId,
      s.contractId,
      s.year,
      s.quarter,
      s.periodStart,
      s.dueAt,
      s.requiredVisits,
      s.visits,
      s.mailings,
      s.status,
      s.breached,
      b.fence,
      JSON.stringify(s.logs ?? []),
      JSON.stringify(s.stated ?? []),
    ],
  );
}

/** A customer-care quarter as recorded (4.1): visits counted against the required ones. */
export type CarePeriodRow = {
  workflowId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: Date;
  requiredVisits: number;
  visits: number;
  mailings: number;
  status: CarePeriodSnapshot['status'];
  breached: boolean;
  logs: unknown[];
  stated: unknown[];
};

export async function listCarePeriods(db: Db, contractId: string): Promise<CarePeriodRow[]> {
  const { rows } = await db.query<CarePeriodRow>(
    `SELECT workflow_id AS "workflowId", contract_year AS year, quarter, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
            due_at AS "dueAt", required_visits AS "requiredVisits", visits, mailings, status, breached, logs, stated
       FROM care_periods WHERE contract_id = $1 ORDER BY contract_year, quarter`,
    [contractId],
  );
  return rows;
}
