-- Facts that cite stored documents (issue 14), each as <documentId>@<version> with its sha256,
-- checked against the store when the fact is taken (src/documents/refs.ts): the engineer's
-- qualification (4.2, kind staff-qualification) here; the remediation evidence (4.6) travels with
-- the inspection's record (its state), the signed acceptance form scans (8) below.
ALTER TABLE staff_engineers
  ADD COLUMN qualification_document_ref text CHECK (qualification_document_ref ~ '^doc_[0-9a-f]{32}@[0-9]{1,6}$'),
  ADD COLUMN qualification_document_sha256 text CHECK (qualification_document_sha256 ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT staff_engineers_qualification_document_pair
    CHECK ((qualification_document_ref IS NULL) = (qualification_document_sha256 IS NULL));

-- Clause 8: the scans of the signed and sealed acceptance form (three copies), each a stored
-- acceptance-scan of the contract, kept with the passing record.
ALTER TABLE acceptance_records ADD COLUMN signed_forms jsonb NOT NULL DEFAULT '[]'::jsonb
  CHECK (jsonb_typeof(signed_forms) = 'array' AND jsonb_array_length(signed_forms) <= 3);
