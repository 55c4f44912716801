-- Issue 18: a service request's documents and its deliveries' evidence (4.4-5.4) are stored
-- documents cited as <documentId>@<version> with their sha256 (issue 14's one citation shape),
-- of their own kind, filed by either party: the hospital attaches to what it raises, the vendor
-- delivers with its evidence.
ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents
  ADD CONSTRAINT documents_kind_check CHECK (kind IN ('fault-analysis', 'inspection-report', 'remediation-evidence',
    'care-visit-note', 'om-record', 'acceptance-scan', 'staff-qualification', 'service-evidence', 'other'));
