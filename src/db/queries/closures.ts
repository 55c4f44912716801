// One function per query over case_closures (020): cases of any family cancelled, terminated,
// timed out or failed in Temporal without going through the API (issue 10 item 8).
import type { Db } from './contracts';

export type ClosureHow = 'cancelled' | 'terminated' | 'timed-out' | 'failed';
export interface Closure {
  workflowId: string;
  kind: string;
  contractId: string;
  how: ClosureHow;
  closedAt: string;
  recordedAt: string;
}

/** Records a closure once per workflow id; true when it is new. */
export async function insertClosure(db: Db, c: Omit<Closure, 'recordedAt'>): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO case_closures (workflow_id, kind, contract_id, how, closed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workflow_id) DO NOTHING`,
    [c.workflowId, c.kind, c.contractId, c.how, c.closedAt],
  );
  return rowCount === 1;
}

export async function closuresOf(db: Db, workflowIds: string[]): Promise<Map<string, Closure>> {
  if (workflowIds.length === 0) return new Map();
  const { rows } = await db.query(
    'SELECT workflow_id, kind, contract_id, how, closed_at, recorded_at FROM case_closures WHERE workflow_id = ANY($1)',
    [workflowIds],
  );
  return new Map(
    rows.map((r) => [
      r.workflow_id as string,
      {
        workflowId: r.workflow_id,
        kind: r.kind,
        contractId: r.contract_id,
        how: r.how,
        closedAt: (r.closed_at as Date).toISOString(),
        recordedAt: (r.recorded_at as Date).toISOString(),
      },
    ]),
  );
}

/** The latest close time recorded, to resume the reconciler's visibility scan from. */
export async function latestClosureAt(db: Db): Promise<string | null> {
  const { rows } = await db.query('SELECT max(closed_at) AS at FROM case_closures');
  return rows[0]?.at ? (rows[0].at as Date).toISOString() : null;
}
