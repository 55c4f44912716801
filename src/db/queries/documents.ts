// The document store in PostgreSQL, one function per query. Versions are append-only and
// numbered per document under the document's row lock, so two concurrent uploads get
// versions n+1 and n+2, never the same number; an Idempotency-Key makes a retried upload
// return what the first one stored.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../pool';

type Db = Pool | PoolClient;

export const DOCUMENT_KINDS = [
  'fault-analysis',
  'inspection-report',
  'remediation-evidence',
  'care-visit-note',
  'om-record',
  'acceptance-scan',
  'staff-qualification',
  'service-evidence',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface NewVersion {
  filename: string;
  contentType: string;
  declaredType: string | null;
  bytes: Buffer;
  sha256: string;
  note: string | null;
  idempotencyKey: string | null;
  uploadedBy: string;
  uploadedRole: string;
}
export interface NewDocument extends NewVersion {
  contractId: string;
  kind: DocumentKind;
  subject: string | null;
  title: string;
}

export interface Review {
  decision: 'accepted' | 'rejected';
  reason: string | null;
  reviewedBy: string;
  reviewedRole: string;
  reviewedAt: string;
  /** The case whose fact decided it (the review is made there, 4.9.2). */
  caseId: string;
}
export interface VersionRow {
  documentId: string;
  version: number;
  filename: string;
  contentType: string;
  declaredType: string | null;
  sizeBytes: number;
  sha256: string;
  note: string | null;
  uploadedBy: string;
  uploadedRole: string;
  uploadedAt: string;
  review: Review | null;
}
export interface DocumentRow {
  id: string;
  contractId: string;
  kind: DocumentKind;
  subject: string | null;
  title: string;
  createdBy: string;
  createdAt: string;
  latest: VersionRow;
  versions?: VersionRow[];
}

// A version's review is the case's: the fault case records the hospital's acceptance or rejection
// of the analysis it cites (analysis.accepted / analysis.rejected with detail.reference
// <documentId>@<version>, 4.9.2; POST /faults/{caseId}/analysis-review). One path, so the
// document shows what the case decided (indexed by 160_document_review_on_case.sql).
const VERSION_SQL = `
  SELECT v.document_id, v.version, v.filename, v.content_type, v.declared_type, v.size_bytes, v.sha256, v.note, v.uploaded_by,
         v.uploaded_role, v.uploaded_at, r.decision, r.reason, r.reviewed_by, r.reviewed_role, r.reviewed_at, r.case_id AS reviewed_on
    FROM document_versions v
    LEFT JOIN LATERAL (SELECT CASE f.type WHEN 'analysis.accepted' THEN 'accepted' ELSE 'rejected' END AS decision,
                              f.detail->>'reason' AS reason, f.recorded_by AS reviewed_by, f.recorded_role AS reviewed_role,
                              f.recorded_at AS reviewed_at, f.case_id
                         FROM case_facts f
                        WHERE f.type IN ('analysis.accepted', 'analysis.rejected') AND f.detail->>'reference' = v.document_id || '@' || v.version
                        ORDER BY f.recorded_at DESC, f.seq DESC LIMIT 1) r ON true`;

function toVersion(r: Record<string, any>): VersionRow {
  return {
    documentId: r.document_id,
    version: r.version,
    filename: r.filename,
    contentType: r.content_type,
    declaredType: r.declared_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    note: r.note,
    uploadedBy: r.uploaded_by,
    uploadedRole: r.uploaded_role,
    uploadedAt: (r.uploaded_at as Date).toISOString(),
    review: r.decision
      ? {
          decision: r.decision,
          reason: r.reason,
          reviewedBy: r.reviewed_by,
          reviewedRole: r.reviewed_role,
          reviewedAt: (r.reviewed_at as Date).toISOString(),
          caseId: r.reviewed_on,
        }
      : null,
  };
}

function toDocument(r: Record<string, any>, latest: VersionRow): DocumentRow {
  return {
    id: r.id,
    contractId: r.contract_id,
    kind: r.kind,
    subject: r.subject,
    title: r.title,
    createdBy: r.created_by,
    createdAt: (r.created_at as Date).toISOString(),
    latest,
  };
}

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

export async function getVersion(db: Db, documentId: string, version: number): Promise<VersionRow | undefined> {
  const { rows } = await db.query(`${VERSION_SQL} WHERE v.document_id = $1 AND v.version = $2`, [documentId, version]);
  return rows[0] ? toVersion(rows[0]) : undefined;
}

/** The document with every version (oldest first) and its latest. */
export async function getDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  const { rows } = await db.query('SELECT * FROM documents WHERE id = $1', [id]);
  if (!rows[0]) return undefined;
  const versions = (await db.query(`${VERSION_SQL} WHERE v.document_id = $1 ORDER BY v.version`, [id])).rows.map(
    toVersion,
  );
  return { ...toDocument(rows[0], versions[versions.length - 1]!), versions };
}

export interface DocumentFilter {
  contractId: string;
  kind?: DocumentKind;
  subject?: string;
  limit: number;
}

/** A contract's documents with their latest version, newest first. */
export async function listDocuments(db: Db, f: DocumentFilter): Promise<DocumentRow[]> {
  const { rows } = await db.query(
    `SELECT d.*, lv.* FROM documents d
       JOIN LATERAL (${VERSION_SQL} WHERE v.document_id = d.id ORDER BY v.version DESC LIMIT 1) lv ON true
      WHERE d.contract_id = $1 AND ($2::text IS NULL OR d.kind = $2) AND ($3::text IS NULL OR d.subject = $3)
      ORDER BY d.created_at DESC, d.id LIMIT $4`,
    [f.contractId, f.kind ?? null, f.subject ?? null, f.limit],
  );
  return rows.map((r) => toDocument(r, toVersion(r)));
}

/** The stored bytes of one version. */
export async function versionContent(db: Db, documentId: string, version: number): Promise<Buffer | undefined> {
  const { rows } = await db.query(
    'SELECT b.content FROM document_versions v JOIN document_blobs b ON b.sha256 = v.sha256 WHERE v.document_id = $1 AND v.version = $2',
    [documentId, version],
  );
  return rows[0]?.content as Buffer | undefined;
}
