// The rights events a confirmed total or a case raises (6.3-6.7), and their withdrawal when the
// breach that raised them was superseded (issue 10), append-only.
import type { Db } from '../contracts';

export interface RightsEventRow {
  id: string;
  key: string;
  contractId: string;
  right: string;
  clause: string;
  numbers: Record<string, unknown>;
  source: string | null;
  createdAt: string;
  notifiedAt: string | null;
  /** Issue 10: the breach that raised it was superseded; the event stands in the record, withdrawn. */
  withdrawn: { at: string; cause: string; caseId: string | null } | null;
}
const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

export async function insertRightsEvent(
  db: Db,
  e: {
    key: string;
    contractId: string;
    right: string;
    clause: string;
    numbers: Record<string, unknown>;
    source: string | null;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO rights_events (key, contract_id, "right", clause, numbers, source) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
    [e.key, e.contractId, e.right, e.clause, JSON.stringify(e.numbers), e.source],
  );
  return rowCount === 1;
}

export async function listRightsEvents(
  db: Db,
  contractId: string | null,
  scope: string[] | null,
): Promise<RightsEventRow[]> {
  const { rows } = await db.query(
    `SELECT r.*, o.delivered_at, w.withdrawn_at, w.cause AS withdrawn_cause, w.case_id AS withdrawn_case
       FROM rights_events r LEFT JOIN notifications_outbox o ON o.key = 'rights:' || r.key
       LEFT JOIN rights_event_withdrawals w ON w.key = r.key
      WHERE ($1::text IS NULL OR r.contract_id = $1) AND ($2::text[] IS NULL OR r.contract_id = ANY($2)) ORDER BY r.id`,
    [contractId, scope],
  );
  return rows.map((r) => ({
    id: String(r.id),
    key: r.key,
    contractId: r.contract_id,
    right: r.right,
    clause: r.clause,
    numbers: r.numbers,
    source: r.source,
    createdAt: iso(r.created_at)!,
    notifiedAt: iso(r.delivered_at),
    withdrawn: r.withdrawn_at
      ? { at: iso(r.withdrawn_at)!, cause: r.withdrawn_cause, caseId: r.withdrawn_case ?? null }
      : null,
  }));
}

/** Records a rights event's withdrawal once (append-only; a repeat is a no-op); false when the event is unknown or already withdrawn. */
export async function insertRightsWithdrawal(
  db: Db,
  w: { key: string; atMs: number; cause: string; caseId?: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO rights_event_withdrawals (key, withdrawn_at, cause, case_id)
     SELECT key, $2, $3, $4 FROM rights_events WHERE key = $1 ON CONFLICT (key) DO NOTHING`,
    [w.key, new Date(w.atMs), w.cause, w.caseId ?? null],
  );
  return rowCount === 1;
}
