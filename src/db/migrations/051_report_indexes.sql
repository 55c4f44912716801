-- Indexes the reports (issue 14) and the filtered case lists read: a contract's cases by
-- status or level in report-time order (GET /faults filters), and the re-grade / reopen facts
-- the SLA report and the O&M record look up per case (fault_events holds every fact; these
-- two types are few).
CREATE INDEX fault_cases_contract_status ON fault_cases (contract_id, status, reported_at);
CREATE INDEX fault_cases_contract_level ON fault_cases (contract_id, level, reported_at);
CREATE INDEX fault_events_regrade_reopen ON fault_events (case_id, type) WHERE type IN ('case.regraded', 'case.reopened');
