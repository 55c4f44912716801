-- Documents (issue 14): the evidence both sides sign. Stored in PostgreSQL (README: why, and
-- the S3-compatible option): the bytes live with the facts that cite them, in the same backup
-- and under the same roles. Content-addressed blobs (sha256) so two versions with the same
-- bytes are stored once; documents and versions are append-only: a new version never
-- overwrites an older one (clause 8 forms, 4.9.2 analyses, 4.3 reports stay as submitted).

CREATE TABLE document_blobs (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size_bytes)
);
CREATE TRIGGER document_blobs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON document_blobs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE documents (
  id               text PRIMARY KEY CHECK (id ~ '^doc_[0-9a-f]{32}$'),
  contract_id      text NOT NULL REFERENCES contracts (id),
  kind             text NOT NULL CHECK (kind IN ('fault-analysis', 'inspection-report', 'remediation-evidence', 'care-visit-note',
                                                 'om-record', 'acceptance-scan', 'staff-qualification', 'other')),
  -- What the document is evidence for, e.g. fault:<contract>:<no>, inspection:<contract>:1Q2.
  subject          text CHECK (subject ~ '^[A-Za-z0-9_.:-]{1,200}$'),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  idempotency_key  text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, idempotency_key)
);
CREATE INDEX documents_contract ON documents (contract_id, kind, created_at);
CREATE INDEX documents_subject ON documents (subject) WHERE subject IS NOT NULL;
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE document_versions (
  document_id      text NOT NULL REFERENCES documents (id),
  version          integer NOT NULL CHECK (version >= 1),
  filename         text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type     text NOT NULL, -- sniffed from the bytes, never the client's word
  declared_type    text,          -- what the client said, kept for the record
  size_bytes       bigint NOT NULL,
  sha256           text NOT NULL REFERENCES document_blobs (sha256),
  note             text,
  idempotency_key  text,
  uploaded_by      text NOT NULL,
  uploaded_role    text NOT NULL,
  uploaded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, version),
  UNIQUE (document_id, idempotency_key)
);
CREATE INDEX document_versions_sha256 ON document_versions (sha256);
CREATE TRIGGER document_versions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON document_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A review of one version by the other side (4.9.2: the hospital accepts the fault analysis
-- or rejects it with a reason, and the vendor resubmits a new version). Append-only; the
-- latest review of a version is its standing.
CREATE TABLE document_reviews (
  id           bigserial PRIMARY KEY,
  document_id  text NOT NULL,
  version      integer NOT NULL,
  decision     text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  reason       text CHECK (length(reason) <= 2000),
  reviewed_by  text NOT NULL,
  reviewed_role text NOT NULL,
  reviewed_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (document_id, version) REFERENCES document_versions (document_id, version),
  CHECK (decision = 'accepted' OR length(reason) > 0)
);
CREATE INDEX document_reviews_version ON document_reviews (document_id, version, id);
CREATE TRIGGER document_reviews_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON document_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
