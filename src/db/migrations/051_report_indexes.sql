-- What the reports (issue 14) read, kept ready at write time so that a year's SLA report over
-- 100,000 cases is one aggregate over plain columns, not a walk through every case's JSON.
--
-- SLA facts of each fault case, derived by PostgreSQL from the deadlines the fault workflow
-- records (fault_cases.deadlines, DeadlineState[]) whenever the row is written: generated
-- columns, so no writer can forget them and they never disagree with the deadlines. They hold
-- facts, not verdicts: whether an undone deadline is breached depends on the report's as-of
-- instant, so they keep the earliest due of the undone ones (src/db/queries/reports.ts judges).
-- Cancelled deadlines (on-site / replacement resolved in time, a deadline voided by a re-grade
-- or reopen, 4.9.2) do not count.
ALTER TABLE fault_cases
  ADD COLUMN sla_response_start_ms bigint GENERATED ALWAYS AS
    ((jsonb_path_query_first(deadlines, '$[*] ? (@.kind == "response" && @.status != "cancelled").startMs'))::bigint) STORED,
  ADD COLUMN sla_response_due_ms bigint GENERATED ALWAYS AS
    ((jsonb_path_query_first(deadlines, '$[*] ? (@.kind == "response" && @.status != "cancelled").dueMs'))::bigint) STORED,
  ADD COLUMN sla_response_done_ms bigint GENERATED ALWAYS AS
    ((jsonb_path_query_first(deadlines, '$[*] ? (@.kind == "response" && @.status != "cancelled").doneAtMs'))::bigint) STORED,
  ADD COLUMN sla_response_breached boolean GENERATED ALWAYS AS
    (jsonb_path_exists(deadlines, '$[*] ? (@.kind == "response" && @.status == "breached")')) STORED,
  ADD COLUMN sla_onsite_due smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "onsite" && @.status != "cancelled")'))) STORED,
  ADD COLUMN sla_onsite_met smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "onsite" && @.status != "cancelled" && @.doneAtMs <= @.dueMs)'))) STORED,
  ADD COLUMN sla_onsite_late smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "onsite" && (@.doneAtMs > @.dueMs || @.status == "breached"))'))) STORED,
  ADD COLUMN sla_onsite_undone_due_ms bigint GENERATED ALWAYS AS
    ((jsonb_path_query_first(deadlines, '$[*] ? (@.kind == "onsite" && @.status == "pending" && !exists(@.doneAtMs)).dueMs'))::bigint) STORED,
  ADD COLUMN sla_replacement_due smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "replacement" && @.status != "cancelled")'))) STORED,
  ADD COLUMN sla_replacement_met smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "replacement" && @.status != "cancelled" && @.doneAtMs <= @.dueMs)'))) STORED,
  ADD COLUMN sla_replacement_late smallint GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(deadlines, '$[*] ? (@.kind == "replacement" && (@.doneAtMs > @.dueMs || @.status == "breached"))'))) STORED,
  ADD COLUMN sla_replacement_undone_due_ms bigint GENERATED ALWAYS AS
    ((jsonb_path_query_first(deadlines, '$[*] ? (@.kind == "replacement" && @.status == "pending" && !exists(@.doneAtMs)).dueMs'))::bigint) STORED,
  ADD COLUMN sla_exclusion_claimed boolean GENERATED ALWAYS AS (jsonb_array_length(exclusions) > 0) STORED,
  ADD COLUMN sla_exclusion_accepted boolean GENERATED ALWAYS AS (exclusions @> '[{"status": "accepted"}]') STORED;

-- A contract's cases by status, level or both in report-time order (GET /faults filters): a
-- rare combination (level 2 and resolved) walked every level-2 case without the third.
CREATE INDEX fault_cases_contract_status ON fault_cases (contract_id, status, reported_at);
CREATE INDEX fault_cases_contract_level ON fault_cases (contract_id, level, reported_at);
CREATE INDEX fault_cases_contract_level_status ON fault_cases (contract_id, level, status, reported_at);

-- The re-grade and reopen facts the reports count, looked up by type (fault_events has no index
-- on type; the case kernel's case_facts, where the timeline moves, brings its own).
DO $$
BEGIN
  IF to_regclass('fault_events') IS NOT NULL THEN
    CREATE INDEX fault_events_regrade_reopen ON fault_events (type, case_id) WHERE type IN ('case.regraded', 'case.reopened');
  END IF;
END $$;
