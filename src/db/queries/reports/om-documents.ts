// The O&M record's documents of a period (issue 14): filed in it, or naming its contract year,
// each at its latest version.
import type { Db } from '../contracts';

export interface OmDocument {
  id: string;
  kind: string;
  subject: string | null;
  title: string;
  version: number;
  filename: string;
  sha256: string;
  sizeBytes: number;
  uploadedAt: string;
  review: string | null;
}

/** The contract's documents filed in [from, to) or whose subject names contract year `year`, each at its latest version. */
export async function omDocuments(
  db: Db,
  contractId: string,
  year: number,
  fromMs: number,
  toMs: number,
): Promise<OmDocument[]> {
  const { rows } = await db.query(
    `SELECT d.id, d.kind, d.subject, d.title, v.version, v.filename, v.sha256, v.size_bytes, v.uploaded_at,
            (SELECT CASE f.type WHEN 'analysis.accepted' THEN 'accepted' ELSE 'rejected' END FROM case_facts f
              WHERE f.type IN ('analysis.accepted', 'analysis.rejected') AND f.detail->>'reference' = v.document_id || '@' || v.version
              ORDER BY f.recorded_at DESC, f.seq DESC LIMIT 1) AS review
       FROM documents d
       JOIN LATERAL (SELECT * FROM document_versions v WHERE v.document_id = d.id ORDER BY v.version DESC LIMIT 1) v ON true
      WHERE d.contract_id = $1
        AND ((d.created_at >= $3 AND d.created_at < $4) OR d.subject LIKE 'inspection:' || $1 || ':' || $2 || 'Q%' OR d.subject = 'acceptance:' || $1 || ':' || $2)
      ORDER BY d.kind, d.created_at, d.id`,
    [contractId, String(year), new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    title: r.title,
    version: r.version,
    filename: r.filename,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    uploadedAt: r.uploaded_at.toISOString(),
    review: r.review,
  }));
}
