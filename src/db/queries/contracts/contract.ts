// The contract row (002_contract_core.sql): inserted once per id or idempotency key, found,
// locked (every ledger change takes this row lock first), listed by scope and ended.
import type { Pool, PoolClient } from 'pg';
import type { TermExtension } from '../../../domain/contract-year';

export type Db = Pool | PoolClient;

export interface ContractRow {
  id: string;
  name: string;
  hospital: string;
  vendor: string;
  signedAt: string;
  amountFen: string;
  yearlyFees: string[];
  termYears: number;
  timeZone: string;
  goLiveDate: string | null;
  status: 'active' | 'ended';
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  createdBy: string;
  createdAt: string;
}
export const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

const CONTRACT_COLS = `id, name, hospital, vendor, signed_at, amount_fen, yearly_fees_fen::text[] AS yearly_fees, term_years, time_zone,
  to_char(go_live_date, 'YYYY-MM-DD') AS go_live_date, status, ended_at, ended_by, end_reason, idempotency_key, request_hash, created_by, created_at`;

function toContract(r: Record<string, any>): ContractRow {
  return {
    id: r.id,
    name: r.name,
    hospital: r.hospital,
    vendor: r.vendor,
    signedAt: iso(r.signed_at)!,
    amountFen: r.amount_fen,
    yearlyFees: r.yearly_fees,
    termYears: r.term_years,
    timeZone: r.time_zone,
    goLiveDate: r.go_live_date,
    status: r.status,
    endedAt: iso(r.ended_at),
    endedBy: r.ended_by,
    endReason: r.end_reason,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
  };
}
/** Inserts the contract unless its id or idempotency key exists; returns null on conflict. */
export async function insertContract(
  db: Db,
  c: Omit<ContractRow, 'status' | 'endedAt' | 'endedBy' | 'endReason' | 'createdAt'>,
): Promise<ContractRow | null> {
  const { rows } = await db.query(
    `INSERT INTO contracts (id, name, hospital, vendor, signed_at, amount_fen, yearly_fees_fen, term_years, time_zone, go_live_date,
                            idempotency_key, request_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::bigint[], $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING
     RETURNING ${CONTRACT_COLS}`,
    [
      c.id,
      c.name,
      c.hospital,
      c.vendor,
      c.signedAt,
      c.amountFen,
      c.yearlyFees,
      c.termYears,
      c.timeZone,
      c.goLiveDate,
      c.idempotencyKey,
      c.requestHash,
      c.createdBy,
    ],
  );
  return rows[0] ? toContract(rows[0]) : null;
}

export async function findContract(db: Db, id: string): Promise<ContractRow | null> {
  const { rows } = await db.query(`SELECT ${CONTRACT_COLS} FROM contracts WHERE id = $1`, [id]);
  return rows[0] ? toContract(rows[0]) : null;
}

/**
 * Serialises everything that changes one contract's ledger or terms (thresholds, 6.3/6.4).
 * NO KEY UPDATE, not UPDATE: the key never changes, and FOR UPDATE also conflicts with the
 * KEY SHARE lock every foreign-key check takes. Two record writes of one contract that had each
 * inserted a row referencing it (case head, outbox notice) then waited for each other's FK lock
 * (deadlocks, retried local activities: 10 back-dated reports at once took 8 s a task, issue 10 (a)).
 */
export async function lockContract(db: PoolClient, id: string): Promise<ContractRow | null> {
  const { rows } = await db.query(`SELECT ${CONTRACT_COLS} FROM contracts WHERE id = $1 FOR NO KEY UPDATE`, [id]);
  return rows[0] ? toContract(rows[0]) : null;
}

/**
 * What a ledger proposal checks, in one round trip and without a lock (the contract's signing,
 * its terms versions and extensions are append-only): the lock is taken by the write itself
 * (ledger.ts insertProposedEntry), so it is held for one statement and COMMIT, not across these reads.
 */
export async function contractForProposal(
  db: Db,
  id: string,
  termsVersion: number,
): Promise<(ContractRow & { hasTermsVersion: boolean; extensions: TermExtension[] }) | null> {
  const { rows } = await db.query({
    name: 'ledger-contract-for-proposal',
    text: `SELECT ${CONTRACT_COLS},
       EXISTS (SELECT 1 FROM contract_terms_versions v WHERE v.contract_id = c.id AND v.version = $2) AS has_terms_version,
       (SELECT coalesce(json_agg(json_build_object('contractYear', x.contract_year, 'untilAt', x.until_at) ORDER BY x.id), '[]')
          FROM contract_term_extensions x WHERE x.contract_id = c.id) AS extensions
     FROM contracts c WHERE c.id = $1`,
    values: [id, termsVersion],
  });
  const r = rows[0];
  if (!r) return null;
  const extensions = (r.extensions as { contractYear: number; untilAt: string | null }[]).map((x) => ({
    contractYear: x.contractYear,
    untilMs: x.untilAt === null ? null : Date.parse(x.untilAt),
  }));
  return { ...toContract(r), hasTermsVersion: r.has_terms_version as boolean, extensions };
}

export async function findContractByIdempotencyKey(db: Db, key: string): Promise<ContractRow | null> {
  const { rows } = await db.query(`SELECT ${CONTRACT_COLS} FROM contracts WHERE idempotency_key = $1`, [key]);
  return rows[0] ? toContract(rows[0]) : null;
}

/** scope null = every contract; otherwise only the ids listed. */
export async function listContracts(db: Db, scope: string[] | null, status?: string): Promise<ContractRow[]> {
  const { rows } = await db.query(
    `SELECT ${CONTRACT_COLS} FROM contracts
      WHERE ($1::text[] IS NULL OR id = ANY($1)) AND ($2::text IS NULL OR status = $2) ORDER BY created_at, id`,
    [scope, status ?? null],
  );
  return rows.map(toContract);
}

export async function endContract(db: Db, id: string, by: string, reason: string, atIso: string): Promise<void> {
  await db.query(
    `UPDATE contracts SET status = 'ended', ended_at = $2, ended_by = $3, end_reason = $4 WHERE id = $1 AND status = 'active'`,
    [id, atIso, by, reason],
  );
}
