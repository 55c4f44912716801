-- Recurring cycles (issue 5): quarterly inspections (4.1, 4.3, 4.6), customer care (4.1),
-- yearly acceptance (3, 8) and the payments it releases (10). The workflows own the state;
-- these tables are their recorded snapshots (upserted with a monotonic version) and the
-- append-only facts: care logs, acceptance records, payments.

CREATE TABLE inspections (
  workflow_id     text PRIMARY KEY,
  contract_id     text NOT NULL REFERENCES contracts (id),
  contract_year   integer NOT NULL CHECK (contract_year >= 1),
  quarter         integer NOT NULL CHECK (quarter >= 1),
  period_start    date NOT NULL,
  due_at          timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'overdue', 'submitted', 'changes-requested', 'acknowledged', 'closed')),
  breached        boolean NOT NULL DEFAULT false,
  report          jsonb,
  submitted_at    timestamptz,
  late_by_ms      bigint,
  acknowledged_at timestamptz,
  remediation     jsonb NOT NULL DEFAULT '[]',
  history         jsonb NOT NULL DEFAULT '[]',
  version         integer NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, contract_year, quarter)
);

-- 4.1 return visits and product-material mailings, each logged once (append-only).
CREATE TABLE care_logs (
  id               text PRIMARY KEY DEFAULT ('cl_' || replace(gen_random_uuid()::text, '-', '')),
  contract_id      text NOT NULL REFERENCES contracts (id),
  kind             text NOT NULL CHECK (kind IN ('visit', 'mailing')),
  occurred_at      timestamptz NOT NULL,
  channel          text NOT NULL,
  with_whom        text NOT NULL,
  topics           text[] NOT NULL,
  note             text,
  idempotency_key  text,
  logged_by        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, idempotency_key)
);
CREATE INDEX care_logs_contract ON care_logs (contract_id, occurred_at);
CREATE TRIGGER care_logs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON care_logs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE care_periods (
  workflow_id      text PRIMARY KEY,
  contract_id      text NOT NULL REFERENCES contracts (id),
  contract_year    integer NOT NULL,
  quarter          integer NOT NULL,
  period_start     date NOT NULL,
  due_at           timestamptz NOT NULL,
  required_visits  integer NOT NULL,
  visits           integer NOT NULL DEFAULT 0,
  mailings         integer NOT NULL DEFAULT 0,
  status           text NOT NULL CHECK (status IN ('open', 'kept', 'missed')),
  breached         boolean NOT NULL DEFAULT false,
  version          integer NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, contract_year, quarter)
);

CREATE TABLE acceptance_years (
  workflow_id    text PRIMARY KEY,
  contract_id    text NOT NULL REFERENCES contracts (id),
  contract_year  integer NOT NULL CHECK (contract_year >= 1),
  year_start     date,
  year_end       date,
  status         text NOT NULL CHECK (status IN ('waiting-year-end', 'awaiting-submission', 'submitted', 'failed', 'passed')),
  round          integer NOT NULL DEFAULT 0,
  package        jsonb,
  submitted_at   timestamptz,
  decisions      jsonb NOT NULL DEFAULT '[]',
  payment_id     text,
  version        integer NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, contract_year)
);

-- Clause 8: the passing acceptance form, signed and sealed by both sides, 2 copies for the
-- hospital and 1 for the vendor. One per contract year; append-only.
CREATE TABLE acceptance_records (
  id                  text PRIMARY KEY DEFAULT ('ar_' || replace(gen_random_uuid()::text, '-', '')),
  contract_id         text NOT NULL REFERENCES contracts (id),
  contract_year       integer NOT NULL CHECK (contract_year >= 1),
  passed_at           timestamptz NOT NULL,
  hospital_signatory  text NOT NULL,
  vendor_signatory    text NOT NULL,
  hospital_sealed     boolean NOT NULL CHECK (hospital_sealed),
  vendor_sealed       boolean NOT NULL CHECK (vendor_sealed),
  copies_hospital     integer NOT NULL DEFAULT 2 CHECK (copies_hospital = 2),
  copies_vendor       integer NOT NULL DEFAULT 1 CHECK (copies_vendor = 1),
  decided_by          text NOT NULL,
  workflow_id         text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, contract_year)
);
CREATE TRIGGER acceptance_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON acceptance_records
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Clause 10 payment requests: year 1 at signing, year N (N >= 2) on the pass of year N-1.
CREATE TABLE payments (
  id              text PRIMARY KEY DEFAULT ('pay_' || replace(gen_random_uuid()::text, '-', '')),
  contract_id     text NOT NULL REFERENCES contracts (id),
  contract_year   integer NOT NULL CHECK (contract_year >= 1),
  fee_fen         bigint NOT NULL CHECK (fee_fen >= 0),
  deductions_fen  bigint NOT NULL CHECK (deductions_fen >= 0),
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0 AND amount_fen <= fee_fen),
  basis           text NOT NULL,
  released_at     timestamptz NOT NULL,
  released_by     text NOT NULL,
  paid_at         timestamptz,
  paid_by         text,
  paid_reference  text,
  UNIQUE (contract_id, contract_year)
);

-- The gate of clause 10 in the database itself: no payment of year N >= 2 without the
-- passing acceptance record of year N-1; the amounts of a released request never change and
-- a payment is marked paid once.
CREATE FUNCTION payments_gate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.contract_id <> OLD.contract_id OR NEW.contract_year <> OLD.contract_year OR NEW.fee_fen <> OLD.fee_fen
       OR NEW.deductions_fen <> OLD.deductions_fen OR NEW.amount_fen <> OLD.amount_fen OR NEW.released_at <> OLD.released_at THEN
      RAISE EXCEPTION 'clause 10: a released payment request is immutable' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.paid_at IS NOT NULL THEN
      RAISE EXCEPTION 'clause 10: payment % is already marked paid', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.contract_year >= 2 AND NOT EXISTS (
       SELECT 1 FROM acceptance_records a WHERE a.contract_id = NEW.contract_id AND a.contract_year = NEW.contract_year - 1) THEN
    RAISE EXCEPTION 'clause 10: the fee of year % is paid only on the passing acceptance of year %', NEW.contract_year, NEW.contract_year - 1
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payments_gate BEFORE INSERT OR UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION payments_gate();
CREATE TRIGGER payments_no_delete BEFORE DELETE OR TRUNCATE ON payments FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
