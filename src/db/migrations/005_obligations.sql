-- Staff register of the vendor's maintenance engineers (4.2) and the hospital's recorded
-- changes of MAC, IP, network or server (the 6.6 exception). Change requests and the
-- signing obligations themselves live in their Temporal workflows.
CREATE TABLE staff_engineers (
  contract_id        text NOT NULL REFERENCES contracts (id),
  engineer_id        text NOT NULL CHECK (engineer_id ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name               text NOT NULL CHECK (length(name) > 0),
  qualification      text NOT NULL CHECK (length(qualification) > 0),
  years_on_product   numeric(4, 1) NOT NULL CHECK (years_on_product >= 0),
  fixed              boolean NOT NULL, -- 4.2 固定运维工程师
  active_from        date NOT NULL,
  active_until       date, -- NULL while on the register
  added_by           text NOT NULL,
  added_by_change    text, -- the staff-change workflow id, NULL for the initial register
  removed_by_change  text,
  PRIMARY KEY (contract_id, engineer_id)
);

-- Idempotency of applying a staff change: one row per staff-change workflow.
CREATE TABLE staff_change_applications (
  key          text PRIMARY KEY,
  contract_id  text NOT NULL REFERENCES contracts (id),
  request_id   text NOT NULL,
  applied_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hospital_env_changes (
  id               text PRIMARY KEY,
  contract_id      text NOT NULL REFERENCES contracts (id),
  kind             text NOT NULL CHECK (kind IN ('mac', 'ip', 'network', 'server')),
  description      text NOT NULL,
  changed_at       timestamptz NOT NULL,
  notified_at      timestamptz NOT NULL, -- when the vendor was told (6.6: one week ahead)
  recorded_by      text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  idempotency_key  text UNIQUE
);
CREATE INDEX hospital_env_changes_contract ON hospital_env_changes (contract_id, changed_at);
-- A recorded notice is evidence for the 6.6 exception: never edited, never deleted.
CREATE TRIGGER hospital_env_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hospital_env_changes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
