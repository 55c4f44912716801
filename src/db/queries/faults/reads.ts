// A fault case's reads (clause 4.9): the list with its filters, one case, its timeline, its
// penalty entries (clause 6) and the work queue.
import type { Pool, PoolClient } from 'pg';
import { caseFacts, type RecordedFactRow } from '../case-records';

type Db = Pool | PoolClient;
export interface CaseFilters {
  contracts: string[] | '*';
  contractId?: string;
  status?: string;
  level?: number;
  breached?: boolean;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

const CASE_COLUMNS = `case_id AS "caseId", contract_id AS "contractId", case_no AS "caseNo", level, title, channel,
  affects_operations AS "affectsOperations", reporter, reported_at AS "reportedAt", status, breached, awaiting,
  next_deadline_at AS "nextDeadlineAt", terms_version AS "termsVersion", updated_at AS "updatedAt"`;

export async function listCases(db: Db, f: CaseFilters): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT ${CASE_COLUMNS} FROM fault_cases
      WHERE ($1::text[] IS NULL OR contract_id = ANY($1)) AND ($2::text IS NULL OR contract_id = $2) AND ($3::text IS NULL OR status = $3)
        AND ($4::int IS NULL OR level = $4) AND ($5::boolean IS NULL OR breached = $5)
        AND ($6::timestamptz IS NULL OR reported_at >= $6) AND ($7::timestamptz IS NULL OR reported_at < $7)
      ORDER BY reported_at DESC, case_id LIMIT $8 OFFSET $9`,
    [
      f.contracts === '*' ? null : f.contracts,
      f.contractId ?? null,
      f.status ?? null,
      f.level ?? null,
      f.breached ?? null,
      f.from ?? null,
      f.to ?? null,
      f.limit,
      f.offset,
    ],
  );
  return rows;
}

export async function getCase(db: Db, caseId: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query(
    `SELECT ${CASE_COLUMNS}, deadlines, exclusions, penalties FROM fault_cases WHERE case_id = $1`,
    [caseId],
  );
  return rows[0];
}

export async function caseTimeline(db: Db, caseId: string): Promise<RecordedFactRow[]> {
  return caseFacts(db, caseId);
}

/** The case's penalty entries in the ledger (contract core, clause 6) with their current status. */
export async function casePenalties(db: Db, caseId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT id, key, clause, fact, due_at AS "dueAt", late_by_ms::float8 AS "lateByMs", amount_fen AS "amountFen", basis, reading, status,
            status_reason AS "statusReason", occurred_at AS "occurredAt",
            CASE WHEN basis_key IS NULL THEN NULL ELSE jsonb_build_object('key', basis_key, 'params', basis_params) END AS "basisTemplate"
       FROM ledger_current WHERE case_id = $1 ORDER BY occurred_at, id`,
    [caseId],
  );
  return rows;
}

/**
 * The console's queue (issue 16): open cases awaiting a party (null = any), soonest deadline
 * first (none last), marked contested when an exclusion claim is open, a penalty of the case is
 * disputed or a stated time is contested and not yet decided. Index fault_cases_queue (150).
 */
export async function queueCases(
  db: Db,
  f: { contracts: string[] | '*'; awaiting: 'vendor' | 'hospital' | null; limit: number },
): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT ${CASE_COLUMNS}, deadlines,
            exclusions @> '[{"status":"open"}]' OR EXISTS (SELECT 1 FROM ledger_current l WHERE l.case_id = f.case_id AND l.status = 'disputed')
              OR (SELECT count(*) FILTER (WHERE type = 'time.contested') > count(*) FILTER (WHERE type = 'time.decided')
                    FROM case_facts x WHERE x.case_id = f.case_id AND x.type IN ('time.contested', 'time.decided')) AS contested
       FROM fault_cases f
      WHERE status <> 'closed' AND ($1::text IS NULL OR awaiting = $1) AND ($2::text[] IS NULL OR contract_id = ANY($2))
      ORDER BY next_deadline_at ASC NULLS LAST, reported_at, case_id LIMIT $3`,
    [f.awaiting, f.contracts === '*' ? null : f.contracts, f.limit],
  );
  return rows;
}
