// One function per query over the penalty ledger, rights events and the notification outbox.
import type { PoolClient } from 'pg';
import type { Db } from './contracts';

// withdrawn: a proposal whose breach a fact superseded (an on-time fact typed in late, issue 10).
export const LEDGER_STATUSES = [
  'proposed',
  'held',
  'released',
  'confirmed',
  'waived',
  'disputed',
  'decided-upheld',
  'decided-waived',
  'withdrawn',
] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface NewEntry {
  key: string;
  contractId: string;
  contractYear: number;
  clause: string;
  termsVersion: number;
  caseKind: string;
  caseId: string;
  fact: string;
  dueAt: string | null;
  lateByMs: number | null;
  amountFen: string;
  basis: string;
  reading: string | null;
  compensates: string | null;
  occurredAt: string;
  createdBy: string;
}
export interface EntryRow extends NewEntry {
  id: string;
  createdAt: string;
  status: LedgerStatus;
  statusActor: string;
  statusReason: string | null;
  statusAt: string;
}
export interface StatusEventRow {
  id: string;
  entryId: string;
  status: LedgerStatus;
  actor: string;
  reason: string | null;
  at: string;
}
export interface LedgerFilter {
  contractId?: string;
  scope?: string[] | null;
  contractYear?: number;
  clause?: string;
  status?: LedgerStatus;
  caseId?: string;
  limit: number;
}
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
export interface OutboxRow {
  key: string;
  topic: string;
  contractId: string | null;
  subject: string;
  body: Record<string, unknown>;
  deliveredAt: string | null;
}

const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

function toEntry(r: Record<string, any>): EntryRow {
  return {
    id: r.id,
    key: r.key,
    contractId: r.contract_id,
    contractYear: r.contract_year,
    clause: r.clause,
    termsVersion: r.terms_version,
    caseKind: r.case_kind,
    caseId: r.case_id,
    fact: r.fact,
    dueAt: iso(r.due_at),
    lateByMs: r.late_by_ms === null ? null : Number(r.late_by_ms),
    amountFen: r.amount_fen,
    basis: r.basis,
    reading: r.reading,
    compensates: r.compensates,
    occurredAt: iso(r.occurred_at)!,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    status: r.status,
    statusActor: r.status_actor,
    statusReason: r.status_reason,
    statusAt: iso(r.status_at)!,
  };
}

const entryValues = (e: NewEntry) => [
  e.key,
  e.contractId,
  e.contractYear,
  e.clause,
  e.termsVersion,
  e.caseKind,
  e.caseId,
  e.fact,
  e.dueAt,
  e.lateByMs,
  e.amountFen,
  e.basis,
  e.reading,
  e.compensates,
  e.occurredAt,
  e.createdBy,
];

/** Idempotent by key: returns the new entry's id, or null when the key exists. */
export async function insertEntry(db: Db, e: NewEntry): Promise<string | null> {
  const { rows } = await db.query(
    `INSERT INTO ledger_entries (key, contract_id, contract_year, clause, terms_version, case_kind, case_id, fact, due_at, late_by_ms,
                                 amount_fen, basis, reading, compensates, occurred_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    entryValues(e),
  );
  return rows[0]?.id ?? null;
}

/**
 * A new entry and its `proposed` status event in ONE statement, which first takes the contract's
 * row lock (contracts.ts lockContract: every change to a contract's ledger is serialised by it).
 * Idempotent by key: null when the key exists, then nothing is written. The status event takes
 * the ledger chain's head row (090_record_chain.sql); both are held until COMMIT, so this is the
 * last statement of the record write before it: one round trip under the locks, where there were
 * five (issue 10's bench: 500 breaches of one contract due together queued on them).
 */
export async function insertProposedEntry(db: Db, e: NewEntry): Promise<string | null> {
  const { rows } = await db.query({
    name: 'ledger-insert-proposed',
    text: `WITH locked AS (SELECT id FROM contracts WHERE id = $2 FOR NO KEY UPDATE),
     entry AS (
       INSERT INTO ledger_entries (key, contract_id, contract_year, clause, terms_version, case_kind, case_id, fact, due_at, late_by_ms,
                                   amount_fen, basis, reading, compensates, occurred_at, created_by)
       SELECT $1::text, locked.id, $3::int, $4::text, $5::int, $6::text, $7::text, $8::text, $9::timestamptz, $10::bigint,
              $11::bigint, $12::text, $13::text, $14::text, $15::timestamptz, $16::text FROM locked
       ON CONFLICT (key) DO NOTHING RETURNING id),
     proposed AS (INSERT INTO ledger_status_events (entry_id, status, actor, reason) SELECT id, 'proposed', $16::text, NULL FROM entry)
     SELECT id FROM entry`,
    values: entryValues(e),
  });
  return rows[0]?.id ?? null;
}

export async function findEntryByKey(db: Db, key: string): Promise<EntryRow | null> {
  const { rows } = await db.query('SELECT * FROM ledger_current WHERE key = $1', [key]);
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function findEntry(db: Db, id: string): Promise<EntryRow | null> {
  const { rows } = await db.query('SELECT * FROM ledger_current WHERE id = $1', [id]);
  return rows[0] ? toEntry(rows[0]) : null;
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

export async function listEntries(db: Db, f: LedgerFilter): Promise<EntryRow[]> {
  const { rows } = await db.query(
    // Filtered and ordered on ledger_entry_status (162_ledger_current_status.sql), whose indexes
    // hold the contract, year, clause, current status and creation order: a page reads its rows
    // and stops, never every entry of the contract.
    `SELECT e.*, x.status, x.actor AS status_actor, x.reason AS status_reason, x.at AS status_at
       FROM ledger_entry_status s JOIN ledger_entries e ON e.id = s.entry_id JOIN ledger_status_events x ON x.id = s.event_id
      WHERE ($1::text IS NULL OR s.contract_id = $1) AND ($2::text[] IS NULL OR s.contract_id = ANY($2))
        AND ($3::int IS NULL OR s.contract_year = $3) AND ($4::text IS NULL OR s.clause = $4)
        AND ($5::text IS NULL OR s.status = $5) AND ($6::text IS NULL OR e.case_id = $6)
      ORDER BY s.entry_created_at, s.entry_id LIMIT $7`,
    [
      f.contractId ?? null,
      f.scope ?? null,
      f.contractYear ?? null,
      f.clause ?? null,
      f.status ?? null,
      f.caseId ?? null,
      f.limit,
    ],
  );
  return rows.map(toEntry);
}

/** The case's entries in the given statuses, locked by the caller's contract lock. */
export async function entriesOfCase(db: Db, caseId: string, statuses: LedgerStatus[]): Promise<EntryRow[]> {
  const { rows } = await db.query('SELECT * FROM ledger_current WHERE case_id = $1 AND status = ANY($2) ORDER BY id', [
    caseId,
    statuses,
  ]);
  return rows.map(toEntry);
}

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

export async function insertOutbox(db: Db, n: Omit<OutboxRow, 'deliveredAt'>): Promise<void> {
  await db.query(
    'INSERT INTO notifications_outbox (key, topic, contract_id, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING',
    [n.key, n.topic, n.contractId, n.subject, JSON.stringify(n.body)],
  );
}

export type { PoolClient };
