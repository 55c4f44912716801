// The ledger's sums: per contract year and status, the confirmed total (6.3, 6.4/6.5 thresholds)
// and what was compensated against an entry.
import type { Db } from '../contracts';
import type { LedgerStatus } from './entries';

/** Sums per contract year and current status (fen strings). */
export async function sumsByYearAndStatus(
  db: Db,
  contractId: string,
  contractYear?: number,
): Promise<{ contractYear: number; status: LedgerStatus; fen: string; entries: number }[]> {
  const { rows } = await db.query(
    `SELECT contract_year, status, sum(amount_fen)::text AS fen, count(*)::int AS entries FROM ledger_current
      WHERE contract_id = $1 AND ($2::int IS NULL OR contract_year = $2) GROUP BY contract_year, status ORDER BY contract_year, status`,
    [contractId, contractYear ?? null],
  );
  return rows.map((r) => ({ contractYear: r.contract_year, status: r.status, fen: r.fen, entries: r.entries }));
}

/** Confirmed deductions of the whole contract (confirmed and upheld, compensations included). */
export async function confirmedTotal(db: Db, contractId: string): Promise<bigint> {
  const { rows } = await db.query(
    `SELECT coalesce(sum(amount_fen), 0)::text AS fen FROM ledger_current WHERE contract_id = $1 AND status IN ('confirmed', 'decided-upheld')`,
    [contractId],
  );
  return BigInt(rows[0].fen);
}

/** Fen already compensated against an entry (a positive number). */
export async function compensatedFen(db: Db, entryId: string): Promise<bigint> {
  const { rows } = await db.query(
    'SELECT coalesce(-sum(amount_fen), 0)::text AS fen FROM ledger_entries WHERE compensates = $1',
    [entryId],
  );
  return BigInt(rows[0].fen);
}
