// The contract's immutable terms versions (clause 3): each amendment a new version effective
// from its instant; the version in force at an instant.
import type { ContractTerms } from '../../../domain/terms';
import { type Db, iso } from './contract';

export interface TermsVersionRow {
  contractId: string;
  version: number;
  effectiveAt: string;
  terms: ContractTerms;
  reason: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdBy: string;
  createdAt: string;
}
function toVersion(r: Record<string, any>): TermsVersionRow {
  return {
    contractId: r.contract_id,
    version: r.version,
    effectiveAt: iso(r.effective_at)!,
    terms: r.terms,
    reason: r.reason,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
  };
}
export async function insertTermsVersion(db: Db, v: Omit<TermsVersionRow, 'createdAt'>): Promise<TermsVersionRow> {
  const { rows } = await db.query(
    `INSERT INTO contract_terms_versions (contract_id, version, effective_at, terms, reason, idempotency_key, request_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      v.contractId,
      v.version,
      v.effectiveAt,
      JSON.stringify(v.terms),
      v.reason,
      v.idempotencyKey,
      v.requestHash,
      v.createdBy,
    ],
  );
  return toVersion(rows[0]);
}

export async function listTermsVersions(db: Db, contractId: string): Promise<TermsVersionRow[]> {
  const { rows } = await db.query('SELECT * FROM contract_terms_versions WHERE contract_id = $1 ORDER BY version', [
    contractId,
  ]);
  return rows.map(toVersion);
}

export async function findTermsVersionByKey(db: Db, contractId: string, key: string): Promise<TermsVersionRow | null> {
  const { rows } = await db.query(
    'SELECT * FROM contract_terms_versions WHERE contract_id = $1 AND idempotency_key = $2',
    [contractId, key],
  );
  return rows[0] ? toVersion(rows[0]) : null;
}

/**
 * The version in force at an instant: the latest effective_at at or before it (ties: the
 * higher version). Facts before version 1's effective time (signing) get version 1.
 */
export async function termsVersionAt(db: Db, contractId: string, atIso: string): Promise<TermsVersionRow | null> {
  const { rows } = await db.query(
    `SELECT * FROM contract_terms_versions WHERE contract_id = $1 AND effective_at <= $2
      ORDER BY effective_at DESC, version DESC LIMIT 1`,
    [contractId, atIso],
  );
  return rows[0] ? toVersion(rows[0]) : findTermsVersion(db, contractId, 1);
}

export async function findTermsVersion(db: Db, contractId: string, version: number): Promise<TermsVersionRow | null> {
  const { rows } = await db.query('SELECT * FROM contract_terms_versions WHERE contract_id = $1 AND version = $2', [
    contractId,
    version,
  ]);
  return rows[0] ? toVersion(rows[0]) : null;
}
