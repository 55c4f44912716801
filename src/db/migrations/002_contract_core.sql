-- Contract core (issue 3): contracts with immutable terms versions (clause 3), the
-- working-day calendar loaded by operators, the append-only penalty ledger (clause 6) with
-- its status events, rights events of the thresholds (6.3, 6.4/6.5) and a notification outbox.
-- Money is integer fen (bigint). Instants are timestamptz; dates are Asia/Shanghai dates.

CREATE TABLE contracts (
  id               text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name             text NOT NULL,
  hospital         text NOT NULL, -- Party A (甲方)
  vendor           text NOT NULL, -- Party B (乙方)
  signed_at        timestamptz NOT NULL,
  amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
  yearly_fees_fen  bigint[] NOT NULL CHECK (0 <= ALL (yearly_fees_fen)),
  term_years       integer NOT NULL DEFAULT 3 CHECK (term_years BETWEEN 1 AND 10),
  time_zone        text NOT NULL DEFAULT 'Asia/Shanghai' CHECK (time_zone = 'Asia/Shanghai'),
  go_live_date     date,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  ended_at         timestamptz,
  ended_by         text,
  end_reason       text,
  idempotency_key  text UNIQUE,
  request_hash     text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Clause 3 / issue 3: every terms version is immutable; an amendment is a new version with
-- the instant from which it governs new facts. Version 1 is effective from signing.
CREATE TABLE contract_terms_versions (
  contract_id      text NOT NULL REFERENCES contracts (id),
  version          integer NOT NULL CHECK (version >= 1),
  effective_at     timestamptz NOT NULL,
  terms            jsonb NOT NULL,
  reason           text,
  idempotency_key  text,
  request_hash     text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, version),
  UNIQUE (contract_id, idempotency_key)
);
CREATE TRIGGER contract_terms_versions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON contract_terms_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Clause 3: a failed yearly acceptance extends the maintenance period until it passes; the
-- remaining time counts from the passing date. One row per fact (opened, then closed with
-- until_at); the latest row per (contract, year) wins.
CREATE TABLE contract_term_extensions (
  id             bigserial PRIMARY KEY,
  key            text NOT NULL UNIQUE,
  contract_id    text NOT NULL REFERENCES contracts (id),
  contract_year  integer NOT NULL CHECK (contract_year >= 1),
  until_at       timestamptz, -- the passing date; NULL while acceptance has not passed
  reason         text NOT NULL,
  recorded_by    text NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_term_extensions_contract ON contract_term_extensions (contract_id, contract_year, id);
CREATE TRIGGER contract_term_extensions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON contract_term_extensions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Working-day calendar years loaded by operators (State Council notice). A correction is a
-- new row; the latest row of a year wins over older rows and over the shipped data.
CREATE TABLE calendar_years (
  id         bigserial PRIMARY KEY,
  year       integer NOT NULL CHECK (year BETWEEN 1949 AND 9999),
  holidays   date[] NOT NULL,
  workdays   date[] NOT NULL,
  source     text NOT NULL CHECK (length(source) > 0),
  loaded_by  text NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calendar_years_year ON calendar_years (year, id);
CREATE TRIGGER calendar_years_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON calendar_years
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Clause 6 penalty ledger. Append-only: a correction is a compensating entry (negative
-- amount, compensates = the corrected entry), never an update.
CREATE TABLE ledger_entries (
  id             text PRIMARY KEY DEFAULT ('le_' || replace(gen_random_uuid()::text, '-', '')),
  key            text NOT NULL UNIQUE,
  contract_id    text NOT NULL REFERENCES contracts (id),
  contract_year  integer NOT NULL CHECK (contract_year >= 1),
  clause         text NOT NULL,
  terms_version  integer NOT NULL,
  case_kind      text NOT NULL,
  case_id        text NOT NULL,
  fact           text NOT NULL,
  due_at         timestamptz,
  late_by_ms     bigint CHECK (late_by_ms >= 0),
  amount_fen     bigint NOT NULL,
  basis          text NOT NULL,
  reading        text,
  compensates    text REFERENCES ledger_entries (id),
  occurred_at    timestamptz NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (contract_id, terms_version) REFERENCES contract_terms_versions (contract_id, version),
  CHECK ((compensates IS NULL AND amount_fen >= 0) OR (compensates IS NOT NULL AND amount_fen < 0))
);
CREATE INDEX ledger_entries_contract ON ledger_entries (contract_id, contract_year);
CREATE INDEX ledger_entries_case ON ledger_entries (case_id);
CREATE INDEX ledger_entries_compensates ON ledger_entries (compensates);
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The status of an entry is its latest event (highest id).
CREATE TABLE ledger_status_events (
  id        bigserial PRIMARY KEY,
  entry_id  text NOT NULL REFERENCES ledger_entries (id),
  status    text NOT NULL CHECK (status IN ('proposed', 'held', 'released', 'confirmed', 'waived', 'disputed',
                                            'decided-upheld', 'decided-waived')),
  actor     text NOT NULL,
  reason    text,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_status_events_entry ON ledger_status_events (entry_id, id);
CREATE TRIGGER ledger_status_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_status_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE VIEW ledger_current AS
  SELECT e.*, s.status, s.actor AS status_actor, s.reason AS status_reason, s.at AS status_at
    FROM ledger_entries e
    JOIN LATERAL (SELECT status, actor, reason, at FROM ledger_status_events x
                   WHERE x.entry_id = e.id ORDER BY x.id DESC LIMIT 1) s ON true;

-- Rights the hospital gained (6.3 deductions reaching 20%, 6.4/6.5 over 5%, 6.3 rectification
-- more than 30 days late): each recorded exactly once per key.
CREATE TABLE rights_events (
  id           bigserial PRIMARY KEY,
  key          text NOT NULL UNIQUE,
  contract_id  text NOT NULL REFERENCES contracts (id),
  "right"      text NOT NULL,
  clause       text NOT NULL,
  numbers      jsonb NOT NULL,
  source       text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_events_contract ON rights_events (contract_id, id);
CREATE TRIGGER rights_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rights_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Notifications written in the same transaction as the fact they announce; a delivery
-- workflow (or activity) sends them through the notifier and stamps delivered_at.
CREATE TABLE notifications_outbox (
  key           text PRIMARY KEY,
  topic         text NOT NULL,
  contract_id   text,
  subject       text NOT NULL,
  body          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz
);
CREATE INDEX notifications_outbox_pending ON notifications_outbox (created_at) WHERE delivered_at IS NULL;
