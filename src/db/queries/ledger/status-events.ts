// The clause 6 ledger's status events: every status an entry takes (LEDGER_STATUSES, entries.ts),
// who set it, why and when; append-only.
import type { Db } from '../contracts';
import type { LedgerStatus } from './entries';

const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

export interface StatusEventRow {
  id: string;
  entryId: string;
  status: LedgerStatus;
  actor: string;
  reason: string | null;
  at: string;
}

export async function insertStatusEvent(
  db: Db,
  entryId: string,
  status: LedgerStatus,
  actor: string,
  reason: string | null,
): Promise<void> {
  await db.query('INSERT INTO ledger_status_events (entry_id, status, actor, reason) VALUES ($1, $2, $3, $4)', [
    entryId,
    status,
    actor,
    reason,
  ]);
}

export async function listStatusEvents(db: Db, entryId: string): Promise<StatusEventRow[]> {
  const { rows } = await db.query('SELECT * FROM ledger_status_events WHERE entry_id = $1 ORDER BY id', [entryId]);
  return rows.map((r) => ({
    id: String(r.id),
    entryId: r.entry_id,
    status: r.status,
    actor: r.actor,
    reason: r.reason,
    at: iso(r.at)!,
  }));
}
