// The open cases of the families other than faults, as their records hold them (issue 16: the
// console's queue shows every family's open work). Obligations (rectification, golive, dongle,
// staff, service) carry their awaiting party and next deadline in obligation_records; the
// cycles' rows (inspections, care periods, acceptance years) carry their state, from which the
// family's own visibility() says who is awaited (src/api/queue-work.ts).
import type { Db } from './contracts';

export interface OpenObligationRow {
  caseId: string;
  contractId: string;
  kind: string;
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  nextDeadlineAt: Date | null;
  state: Record<string, unknown>;
  /** no close recorded (by the workflow or outside the API) */
  running: boolean;
}
export interface OpenCycleRow {
  caseId: string;
  contractId: string;
  kind: 'inspection' | 'care' | 'acceptance';
  year: number;
  quarter: number | null;
  status: string;
  breached: boolean;
  dueAt: Date | null;
  /** the row's state columns the family's visibility() reads */
  state: Record<string, unknown>;
}

const closedOutside = 'EXISTS (SELECT 1 FROM case_closures x WHERE x.workflow_id = %s)';

/**
 * Running obligations (no close recorded, none outside the API) of the contracts ('*' = all);
 * with caseId, that one case whether open or not.
 */
export async function openObligations(
  db: Db,
  contracts: string[] | '*',
  caseId?: string,
): Promise<OpenObligationRow[]> {
  const { rows } = await db.query<OpenObligationRow>(
    `SELECT workflow_id AS "caseId", contract_id AS "contractId", kind, status, awaiting, breached,
            next_deadline_at AS "nextDeadlineAt", state,
            closed_at IS NULL AND NOT ${closedOutside.replace('%s', 'o.workflow_id')} AS running
       FROM obligation_records o
      WHERE ($2::text IS NULL AND closed_at IS NULL AND NOT ${closedOutside.replace('%s', 'o.workflow_id')} OR workflow_id = $2)
        AND ($1::text[] IS NULL OR contract_id = ANY($1))`,
    [contracts === '*' ? null : contracts, caseId ?? null],
  );
  return rows;
}

/** Inspections not closed, care periods open, acceptance years not passed, of the contracts; with caseId, that one case. */
export async function openCycles(db: Db, contracts: string[] | '*', caseId?: string): Promise<OpenCycleRow[]> {
  const { rows } = await db.query<OpenCycleRow>(
    `SELECT * FROM (
       SELECT workflow_id AS "caseId", contract_id AS "contractId", 'inspection' AS kind, contract_year AS year, quarter,
              status, breached, due_at AS "dueAt",
              jsonb_build_object('year', contract_year, 'quarter', quarter, 'periodStart', to_char(period_start, 'YYYY-MM-DD'),
                'dueAt', due_at, 'status', status, 'breached', breached, 'report', report, 'submittedAt', submitted_at,
                'lateByMs', late_by_ms, 'acknowledgedAt', acknowledged_at, 'remediation', remediation) AS state
         FROM inspections WHERE $2::text IS NOT NULL OR status <> 'closed'
       UNION ALL
       SELECT workflow_id, contract_id, 'care', contract_year, quarter, status, breached, due_at,
              jsonb_build_object('year', contract_year, 'quarter', quarter, 'periodStart', to_char(period_start, 'YYYY-MM-DD'),
                'dueAt', due_at, 'status', status, 'breached', breached, 'visits', visits, 'mailings', mailings, 'requiredVisits', required_visits)
         FROM care_periods WHERE $2::text IS NOT NULL OR status = 'open'
       UNION ALL
       SELECT workflow_id, contract_id, 'acceptance', contract_year, NULL, status, false,
              (year_end + 1)::timestamp AT TIME ZONE 'Asia/Shanghai',
              jsonb_build_object('year', contract_year, 'yearStart', year_start, 'yearEnd', year_end, 'status', status,
                'round', round, 'package', package, 'submittedAt', submitted_at, 'decisions', decisions)
         FROM acceptance_years WHERE $2::text IS NOT NULL OR status <> 'passed'
     ) w
     WHERE ($1::text[] IS NULL OR "contractId" = ANY($1))
       AND ($2::text IS NULL AND NOT ${closedOutside.replace('%s', 'w."caseId"')} OR "caseId" = $2)`,
    [contracts === '*' ? null : contracts, caseId ?? null],
  );
  return rows;
}

/** The cases among ids with a stated time contested and not yet decided (issue 10). */
export async function contestedCases(db: Db, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const { rows } = await db.query<{ case_id: string }>(
    `SELECT case_id FROM case_facts WHERE case_id = ANY($1) AND type IN ('time.contested', 'time.decided')
      GROUP BY case_id HAVING count(*) FILTER (WHERE type = 'time.contested') > count(*) FILTER (WHERE type = 'time.decided')`,
    [caseIds],
  );
  return new Set(rows.map((r) => r.case_id));
}

/** A case's kind and contract from the kernel's head row, with a close recorded outside the API. */
export async function caseHead(
  db: Db,
  caseId: string,
): Promise<{ kind: string; contractId: string; closure: { how: string; at: Date } | null } | null> {
  const { rows } = await db.query(
    `SELECT r.kind, r.contract_id AS "contractId",
            CASE WHEN x.workflow_id IS NULL THEN NULL ELSE jsonb_build_object('how', x.how, 'at', x.closed_at) END AS closure
       FROM case_records r LEFT JOIN case_closures x ON x.workflow_id = r.case_id WHERE r.case_id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}
