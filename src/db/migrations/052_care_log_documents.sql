-- A care visit's note may cite a stored document (issue 14: care-visit notes, clause 4.1),
-- as <documentId>@<version> with its sha256, checked against the store when the log is taken.
ALTER TABLE care_logs ADD COLUMN document_ref text, ADD COLUMN document_sha256 text CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT care_logs_document_pair CHECK ((document_ref IS NULL) = (document_sha256 IS NULL));
