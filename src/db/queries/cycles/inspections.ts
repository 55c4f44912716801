// The quarterly inspections' record (4.1, 4.3, 4.6): the projection their cases write, and its reads.
import type { Pool, PoolClient } from 'pg';
import type { RecordBatch } from '../../../workflows/kernel/record';
import type { InspectionReport, RemediationItem } from '../../../workflows/cycles/inspection-messages';

type Db = Pool | PoolClient;

export interface InspectionSnapshot {
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: string;
  status: string;
  breached: boolean;
  report: unknown;
  submittedAt: string | null;
  lateByMs: number | null;
  acknowledgedAt: string | null;
  remediation: unknown[];
  history: unknown[];
}

/**
 * The cycles' rows are the projections of their cases in the kernel's one record write
 * (src/activities/records.ts): it runs after claimHead accepted the write's fence, so the row
 * simply follows; version = the fence (issue 10).
 */
export async function recordInspectionProjection(db: Db, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as InspectionSnapshot;
  await db.query(
    `INSERT INTO inspections (workflow_id, contract_id, contract_year, quarter, period_start, due_at, status, breached, report,
       submitted_at, late_by_ms, acknowledged_at, remediation, history, version, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, now())
     ON CONFLICT (workflow_id) DO UPDATE SET period_start = EXCLUDED.period_start, due_at = EXCLUDED.due_at,
       status = EXCLUDED.status, breached = EXCLUDED.breached, report = EXCLUDED.report,
       submitted_at = EXCLUDED.submitted_at, late_by_ms = EXCLUDED.late_by_ms, acknowledged_at = EXCLUDED.acknowledged_at,
       remediation = EXCLUDED.remediation, history = EXCLUDED.history, version = EXCLUDED.version, updated_at = now()`,
    [
      b.caseId,
      s.contractId,
      s.year,
      s.quarter,
      s.periodStart,
      s.dueAt,
      s.status,
      s.breached,
      JSON.stringify(s.report ?? null),
      s.submittedAt,
      s.lateByMs,
      s.acknowledgedAt,
      JSON.stringify(s.remediation),
      JSON.stringify(s.history),
      b.fence,
    ],
  );
}

const INSPECTION_COLS = `workflow_id AS "workflowId", contract_id AS "contractId", contract_year AS year, quarter,
  to_char(period_start, 'YYYY-MM-DD') AS "periodStart", due_at AS "dueAt", status, breached, report, submitted_at AS "submittedAt",
  late_by_ms::float8 AS "lateByMs", acknowledged_at AS "acknowledgedAt", remediation, history, updated_at AS "updatedAt"`;

/** An inspection as recorded (4.1, 4.3, 4.6): the projection of its case. */
export type InspectionRow = {
  workflowId: string;
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: Date;
  status: string;
  breached: boolean;
  report: InspectionReport | null;
  submittedAt: Date | null;
  lateByMs: number | null;
  acknowledgedAt: Date | null;
  remediation: RemediationItem[];
  history: { at: string; by: string; event: string; detail?: unknown }[];
  updatedAt: Date;
};

export async function listInspections(db: Db, contractId: string, year?: number): Promise<InspectionRow[]> {
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${INSPECTION_COLS} FROM inspections WHERE contract_id = $1 AND ($2::int IS NULL OR contract_year = $2)
      ORDER BY contract_year, quarter`,
    [contractId, year ?? null],
  );
  return rows;
}

export async function getInspection(
  db: Db,
  contractId: string,
  year: number,
  quarter: number,
): Promise<InspectionRow | undefined> {
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${INSPECTION_COLS} FROM inspections WHERE contract_id = $1 AND contract_year = $2 AND quarter = $3`,
    [contractId, year, quarter],
  );
  return rows[0];
}
