-- Issue 10: inspections, customer care and acceptance write through the case kernel's one
-- record path (case_records / case_facts, migration 010): their rows are the families'
-- projections written in that fenced transaction, version = the write's fence (run * 1e6 +
-- history length, beyond integer). Their own writers (recordInspection, recordCarePeriod,
-- recordAcceptance activities) are gone.
ALTER TABLE inspections ALTER COLUMN version TYPE bigint;
ALTER TABLE care_periods ALTER COLUMN version TYPE bigint;
ALTER TABLE acceptance_years ALTER COLUMN version TYPE bigint;
