-- Audit rows written late through the API's local spool (src/api/audit-spool.ts; issue 11,
-- clause 7): a row that could not reach PostgreSQL (a refusal during an outage) is replayed
-- into audit_log once the database is back. The spool id is recorded in the same transaction
-- as the row, so a replay repeated after a crash never writes the row twice.
CREATE TABLE audit_spool_replays (
  spool_id     uuid PRIMARY KEY,
  request_id   text NOT NULL,
  replayed_at  timestamptz NOT NULL DEFAULT now()
);
