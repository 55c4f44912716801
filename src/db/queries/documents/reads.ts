// The document store's kinds and rows, and its reads: a version (with the review its case
// recorded), a document with every version, a contract's documents, a version's bytes.
import type { Pool, PoolClient } from 'pg';

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
export const VERSION_SQL = `
  SELECT v.document_id, v.version, v.filename, v.content_type, v.declared_type, v.size_bytes, v.sha256, v.note, v.uploaded_by,
         v.uploaded_role, v.uploaded_at, r.decision, r.reason, r.reviewed_by, r.reviewed_role, r.reviewed_at, r.case_id AS reviewed_on
    FROM document_versions v
    LEFT JOIN LATERAL (SELECT CASE f.type WHEN 'analysis.accepted' THEN 'accepted' ELSE 'rejected' END AS decision,
                              f.detail->>'reason' AS reason, f.recorded_by AS reviewed_by, f.recorded_role AS reviewed_role,
                              f.recorded_at AS reviewed_at, f.case_id
                         FROM case_facts f
                        WHERE f.type IN ('analysis.accepted', 'analysis.rejected') AND f.detail->>'reference' = v.document_id || '@' || v.version
                        ORDER BY f.recorded_at DESC, f.seq DESC LIMIT 1) r ON true`;

export function toVersion(r: Record<string, any>): VersionRow {
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
