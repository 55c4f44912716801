// Clause-3 extensions of a contract year (a failed acceptance runs the year on until the pass),
// recorded once per key.
import { type Db, iso } from './contract';

export interface ExtensionRow {
  id: string;
  key: string;
  contractId: string;
  contractYear: number;
  untilAt: string | null;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

function toExtension(r: Record<string, any>): ExtensionRow {
  return {
    id: String(r.id),
    key: r.key,
    contractId: r.contract_id,
    contractYear: r.contract_year,
    untilAt: iso(r.until_at),
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: iso(r.recorded_at)!,
  };
}

export async function listExtensions(db: Db, contractId: string): Promise<ExtensionRow[]> {
  const { rows } = await db.query('SELECT * FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id', [
    contractId,
  ]);
  return rows.map(toExtension);
}

/** Idempotent by key; returns null when the key was recorded before. */
export async function insertExtension(
  db: Db,
  e: Omit<ExtensionRow, 'id' | 'recordedAt'>,
): Promise<ExtensionRow | null> {
  const { rows } = await db.query(
    `INSERT INTO contract_term_extensions (key, contract_id, contract_year, until_at, reason, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING RETURNING *`,
    [e.key, e.contractId, e.contractYear, e.untilAt, e.reason, e.recordedBy],
  );
  return rows[0] ? toExtension(rows[0]) : null;
}
