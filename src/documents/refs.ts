// A fact that cites a stored document names it as <documentId>@<version> with the version's
// sha256 (4.3 inspection report, 4.9.2 fault analysis, ...). Such a citation is checked
// against the store: the version exists, belongs to the fact's contract, is of the kind the
// fact needs, and has that hash. A reference in another form (a paper archive number, a file
// kept elsewhere) is recorded as given, as before the store existed.
import { z } from 'zod';
import type { Db } from '../db/queries/contracts';
import type { DocumentKind } from '../db/queries/documents';
import { HttpError } from '../api/errors';

export const DOCUMENT_REF = /^(doc_[0-9a-f]{32})@(\d{1,6})$/;

/** A citation of one stored version: the shape every fact that names a stored document uses. */
export const documentCitation = z.strictObject({
  documentRef: z.string().regex(DOCUMENT_REF, 'must be <documentId>@<version> of a stored document'),
  sha256: z.string().regex(/^(sha256:)?[a-fA-F0-9]{64}$/, 'must be 64 hex characters'),
});
export type DocumentCitation = z.infer<typeof documentCitation>;

export async function checkDocumentRef(
  db: Db,
  ref: {
    contractId: string;
    documentRef: string;
    sha256: string;
    kind: DocumentKind;
    clause: string;
    /** Where the reference and the hash sit in the request body (nested citations name their path). */
    field?: string;
    hashField?: string;
  },
): Promise<void> {
  const m = DOCUMENT_REF.exec(ref.documentRef);
  if (!m) return;
  const field = ref.field ?? 'documentRef';
  const { rows } = await db.query(
    `SELECT d.contract_id, d.kind, v.sha256 FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.id = $1 AND v.version = $2`,
    [m[1], Number(m[2])],
  );
  const found = rows[0] as { contract_id: string; kind: string; sha256: string } | undefined;
  if (!found || found.contract_id !== ref.contractId)
    throw new HttpError(
      400,
      'UNKNOWN_DOCUMENT',
      `${field}: ${ref.documentRef} is not a stored document of contract ${ref.contractId}`,
      { field, clause: ref.clause },
    );
  if (found.kind !== ref.kind)
    throw new HttpError(
      400,
      'WRONG_DOCUMENT_KIND',
      `${field}: ${ref.documentRef} is a ${found.kind}, not a ${ref.kind} (clause ${ref.clause})`,
      { field, clause: ref.clause },
    );
  if (found.sha256 !== ref.sha256.replace(/^sha256:/, '').toLowerCase()) {
    throw new HttpError(
      400,
      'DOCUMENT_HASH_MISMATCH',
      `sha256: ${ref.documentRef} has sha256 ${found.sha256}, not ${ref.sha256}`,
      { field: ref.hashField ?? 'sha256', clause: ref.clause },
    );
  }
}

/** Every citation of a request checked in order; the first that fails names its field. */
export async function checkCitations(
  db: Db,
  contractId: string,
  cites: { at: string; cite: DocumentCitation | undefined; kind: DocumentKind; clause: string }[],
): Promise<void> {
  for (const { at, cite, kind, clause } of cites) {
    if (!cite) continue;
    await checkDocumentRef(db, {
      contractId,
      ...cite,
      kind,
      clause,
      field: `${at}.documentRef`,
      hashField: `${at}.sha256`,
    });
  }
}
