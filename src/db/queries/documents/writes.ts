// The document store's writes: versions are append-only and numbered per document under the
// document's row lock, so two concurrent uploads get versions n+1 and n+2, never the same
// number; an Idempotency-Key makes a retried upload return what the first one stored.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../pool';
import {
  type DocumentRow,
  type NewDocument,
  type NewVersion,
  VERSION_SQL,
  type VersionRow,
  getDocument,
  getVersion,
  toVersion,
} from './reads';

async function insertVersion(tx: PoolClient, documentId: string, version: number, v: NewVersion): Promise<void> {
  await tx.query(
    'INSERT INTO document_blobs (sha256, size_bytes, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
    [v.sha256, v.bytes.length, v.bytes],
  );
  await tx.query(
    `INSERT INTO document_versions (document_id, version, filename, content_type, declared_type, size_bytes, sha256, note, idempotency_key, uploaded_by, uploaded_role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      documentId,
      version,
      v.filename,
      v.contentType,
      v.declaredType,
      v.bytes.length,
      v.sha256,
      v.note,
      v.idempotencyKey,
      v.uploadedBy,
      v.uploadedRole,
    ],
  );
}

/**
 * Serialises writes to one document for the transaction (a transaction-scoped advisory lock:
 * the API's role may not UPDATE these append-only tables, so it cannot take row locks on them).
 */
export async function lockDocument(tx: PoolClient, documentId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('document:' || $1, 0))", [documentId]);
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export const newDocumentId = (): string => `doc_${randomUUID().replace(/-/g, '')}`;

/** A new document (id from newDocumentId) with its version 1; a retried request (same Idempotency-Key) returns the first. */
export async function createDocument(
  pool: Pool,
  id: string,
  d: NewDocument,
): Promise<{ document: DocumentRow; created: boolean }> {
  const seen = async () => {
    if (!d.idempotencyKey) return undefined;
    const { rows } = await pool.query('SELECT id FROM documents WHERE contract_id = $1 AND idempotency_key = $2', [
      d.contractId,
      d.idempotencyKey,
    ]);
    return rows[0] ? { document: (await getDocument(pool, rows[0].id))!, created: false } : undefined;
  };
  const earlier = await seen();
  if (earlier) return earlier;
  try {
    await inTransaction(pool, async (tx) => {
      await tx.query(
        'INSERT INTO documents (id, contract_id, kind, subject, title, idempotency_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, d.contractId, d.kind, d.subject, d.title, d.idempotencyKey, d.uploadedBy],
      );
      await insertVersion(tx, id, 1, d);
    });
  } catch (err) {
    const raced = isUniqueViolation(err) ? await seen() : undefined;
    if (raced) return raced;
    throw err;
  }
  return { document: (await getDocument(pool, id))!, created: true };
}

/** Appends version n+1 (never overwrites); a retried request (same Idempotency-Key) returns the first. */
export async function addVersion(
  pool: Pool,
  documentId: string,
  v: NewVersion,
  beforeCommit: (version: number) => void = () => undefined,
): Promise<{ version: VersionRow; created: boolean }> {
  const seen = async () => {
    if (!v.idempotencyKey) return undefined;
    const { rows } = await pool.query(`${VERSION_SQL} WHERE v.document_id = $1 AND v.idempotency_key = $2`, [
      documentId,
      v.idempotencyKey,
    ]);
    return rows[0] ? { version: toVersion(rows[0]), created: false } : undefined;
  };
  const earlier = await seen();
  if (earlier) return earlier;
  try {
    const n = await inTransaction(pool, async (tx) => {
      await lockDocument(tx, documentId);
      const { rows } = await tx.query(
        'SELECT coalesce(max(version), 0) + 1 AS n FROM document_versions WHERE document_id = $1',
        [documentId],
      );
      await insertVersion(tx, documentId, rows[0].n, v);
      beforeCommit(rows[0].n); // e.g. the audit note, written with this transaction
      return rows[0].n as number;
    });
    return { version: (await getVersion(pool, documentId, n))!, created: true };
  } catch (err) {
    const raced = isUniqueViolation(err) ? await seen() : undefined;
    if (raced) return raced;
    throw err;
  }
}
