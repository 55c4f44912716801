-- The case kernel's record (issue 10): one head row and one timeline per case of every family.
-- The record is the completed workflow state. Every write carries a fence (run and history
-- length of the workflow task that wrote it); a write with a lower fence than the stored one
-- changes nothing, and a write replaces what a task that never completed had written under the
-- same sequence numbers (src/workflows/kernel/record.ts). So case_facts is not append-only:
-- the immutable history is Temporal's; this table follows the workflow's completed state.

CREATE TABLE case_records (
  case_id      text PRIMARY KEY, -- the workflow id
  kind         text NOT NULL,    -- fault | inspection | care | acceptance | rectification | golive | dongle | staff
  contract_id  text NOT NULL REFERENCES contracts (id),
  fence        bigint NOT NULL,
  last_seq     integer NOT NULL CHECK (last_seq >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_records_contract ON case_records (contract_id, kind);

-- One fact format for every family: occurred_at is the caller's stated time (default the
-- recording instant), recorded_at the workflow's; stated_by names the party whose earlier
-- stated time this is (visible and contestable); written_at is when this row was written.
CREATE TABLE case_facts (
  case_id        text NOT NULL REFERENCES case_records (case_id),
  seq            integer NOT NULL CHECK (seq >= 1),
  type           text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL,
  recorded_by    text NOT NULL,
  recorded_role  text NOT NULL,
  on_behalf_of   text CHECK (on_behalf_of IN ('hospital', 'vendor', 'platform')),
  stated_by      text CHECK (stated_by IN ('hospital', 'vendor', 'platform')),
  clause         text,
  detail         jsonb NOT NULL,
  fence          bigint NOT NULL,
  written_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_facts_type ON case_facts (type, occurred_at);

-- The fault timeline moves into case_facts (the fault case was the only family with one).
INSERT INTO case_records (case_id, kind, contract_id, fence, last_seq, updated_at)
  SELECT case_id, 'fault', contract_id, 0, last_seq, updated_at FROM fault_cases;
INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, clause, detail, fence, written_at)
  SELECT e.case_id, e.seq, e.type, e.at, e.at, e.actor, e.role, e.clause, e.detail, 0, e.recorded_at
    FROM fault_events e JOIN case_records r ON r.case_id = e.case_id;
DROP TABLE fault_events;
ALTER TABLE fault_cases ADD COLUMN fence bigint NOT NULL DEFAULT 0;

-- Notices written with the facts they announce (same transaction). A notice of a fact that
-- turns out to be a phantom is removed with it while undelivered.
ALTER TABLE notifications_outbox
  ADD COLUMN case_id text,
  ADD COLUMN fact_seq integer,
  ADD COLUMN recipients text CHECK (recipients IN ('hospital', 'vendor', 'platform', 'both'));
CREATE INDEX notifications_outbox_case ON notifications_outbox (case_id, fact_seq) WHERE case_id IS NOT NULL;

-- A breach the timer recorded and a fact later superseded (an on-time fact typed in late):
-- its proposed entry is withdrawn by a status event citing that fact, never deleted.
ALTER TABLE ledger_status_events DROP CONSTRAINT ledger_status_events_status_check;
ALTER TABLE ledger_status_events ADD CONSTRAINT ledger_status_events_status_check CHECK (status IN (
  'proposed', 'held', 'released', 'confirmed', 'waived', 'disputed', 'decided-upheld', 'decided-waived', 'withdrawn'));

-- 4.8: the vendor's service desk records faults phoned in to the vendor.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN (
  'hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'vendor-service-desk', 'auditor', 'admin'));
