// The clause 6 ledger's entries: append-only, idempotent by key. Their status events: status-events.ts.
import type { Db } from '../contracts';
import { basisTemplateOf, type BasisTemplate } from '../../../i18n/basis';

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
  /** The platform's basis as a template (basis_key, basis_params; issue 15); null when a person typed it. */
  basisTemplate: BasisTemplate | null;
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
export interface LedgerFilter {
  contractId?: string;
  scope?: string[] | null;
  contractYear?: number;
  clause?: string;
  status?: LedgerStatus;
  caseId?: string;
  limit: number;
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
    basisTemplate: basisTemplateOf(r.basis_key, r.basis_params),
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
  e.basisTemplate?.key ?? null,
  e.basisTemplate ? JSON.stringify(e.basisTemplate.params) : null,
];

/** Idempotent by key: returns the new entry's id, or null when the key exists. */
export async function insertEntry(db: Db, e: NewEntry): Promise<string | null> {
  const { rows } = await db.query(
    `INSERT INTO ledger_entries (key, contract_id, contract_year, clause, terms_version, case_kind, case_id, fact, due_at, late_by_ms,
                                 amount_fen, basis, reading, compensates, occurred_at, created_by, basis_key, basis_params)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
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
                                   amount_fen, basis, reading, compensates, occurred_at, created_by, basis_key, basis_params)
       SELECT $1::text, locked.id, $3::int, $4::text, $5::int, $6::text, $7::text, $8::text, $9::timestamptz, $10::bigint,
              $11::bigint, $12::text, $13::text, $14::text, $15::timestamptz, $16::text, $17::text, $18::jsonb FROM locked
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
