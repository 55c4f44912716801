-- Issue 10: the signing obligations and staff changes write through the case kernel's one
-- record path (case_records / case_facts, migration 010): obligation_records is now the
-- family's projection row written in that fenced transaction, and its version is the write's
-- fence (run * 1e6 + history length), which outgrows integer. Its own writer is gone.
ALTER TABLE obligation_records ALTER COLUMN version TYPE bigint;
COMMENT ON TABLE obligation_records IS 'projection of an obligation case (kind rectification|golive|dongle|staff), written only by the case kernel record write (src/activities/records.ts); version = record fence';
