// Reviews of a version (4.9.2: accept, or reject with a reason so the vendor resubmits).
// Decided under the document's row lock: only the latest version is reviewed, once.
import type { Pool } from 'pg';
import { inTransaction } from '../db/pool';
import { conflict } from '../api/errors';
import { getVersion, insertReview, lockDocument, type Review, type VersionRow } from '../db/queries/documents';

export async function reviewVersion(
  pool: Pool,
  documentId: string,
  version: number,
  r: Omit<Review, 'reviewedAt'>,
): Promise<VersionRow> {
  await inTransaction(pool, async (tx) => {
    await lockDocument(tx, documentId);
    const { rows } = await tx.query('SELECT max(version) AS latest FROM document_versions WHERE document_id = $1', [
      documentId,
    ]);
    if (rows[0].latest !== version)
      throw conflict(
        'NOT_LATEST_VERSION',
        `version ${version} was superseded by version ${rows[0].latest}; review the latest`,
        '4.9.2',
      );
    const current = await getVersion(tx, documentId, version);
    if (current?.review)
      throw conflict(
        'ALREADY_REVIEWED',
        `version ${version} was already ${current.review.decision} by ${current.review.reviewedBy}; a rejected document is answered by a new version`,
        '4.9.2',
      );
    await insertReview(tx, documentId, version, r);
  });
  return (await getVersion(pool, documentId, version))!;
}
