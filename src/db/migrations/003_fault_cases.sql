-- Fault cases (clause 4.9). The workflow is the source of truth; these tables are its record:
-- fault_intakes maps an Idempotency-Key to the case number allocated in the same transaction,
-- fault_cases holds the latest state of each case (written by the workflow's recordFaultFact
-- activity, newer snapshots only), fault_events the append-only timeline (key = case + seq).

CREATE TABLE fault_case_counters (
  contract_id  text PRIMARY KEY REFERENCES contracts (id),
  last_no      integer NOT NULL CHECK (last_no >= 1)
);

CREATE TABLE fault_intakes (
  case_id          text PRIMARY KEY, -- fault:<contractId>:<caseNo>, also the workflow id
  contract_id      text NOT NULL REFERENCES contracts (id),
  case_no          integer NOT NULL CHECK (case_no >= 1),
  idempotency_key  text,
  request_hash     text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, case_no),
  UNIQUE (contract_id, idempotency_key)
);
CREATE TRIGGER fault_intakes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON fault_intakes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE fault_cases (
  case_id             text PRIMARY KEY REFERENCES fault_intakes (case_id),
  contract_id         text NOT NULL REFERENCES contracts (id),
  case_no             integer NOT NULL,
  level               smallint NOT NULL CHECK (level BETWEEN 1 AND 5), -- 4.9.3, current (re-grades recorded in fault_events)
  title               text NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('phone', 'wechat', 'web', 'remote')),
  affects_operations  boolean NOT NULL,
  reporter            text NOT NULL,
  reported_at         timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('reported', 'responded', 'investigating', 'resolved', 'closed')),
  breached            boolean NOT NULL DEFAULT false,
  awaiting            text NOT NULL CHECK (awaiting IN ('vendor', 'hospital', 'none')),
  next_deadline_at    timestamptz,
  terms_version       integer,
  deadlines           jsonb NOT NULL DEFAULT '[]',
  exclusions          jsonb NOT NULL DEFAULT '[]',
  penalties           jsonb NOT NULL DEFAULT '[]',
  last_seq            integer NOT NULL DEFAULT 0,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fault_cases_contract ON fault_cases (contract_id, reported_at);
CREATE INDEX fault_cases_reported ON fault_cases (reported_at);
CREATE INDEX fault_cases_open_breached ON fault_cases (breached, status) WHERE status <> 'closed';

CREATE TABLE fault_events (
  case_id      text NOT NULL REFERENCES fault_intakes (case_id),
  seq          integer NOT NULL CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  type         text NOT NULL,
  actor        text NOT NULL,
  role         text NOT NULL,
  clause       text,
  detail       jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER fault_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON fault_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
