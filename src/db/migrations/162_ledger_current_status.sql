-- The ledger's lists by status in an index (issue 14: case list endpoints with filters p99 under
-- 100 ms at 100,000 cases). An entry's status is its latest status event (highest id); the view
-- ledger_current found it per entry with a LATERAL lookup, so GET /ledger?status=disputed computed
-- the status of every entry of the contract before it could filter and sort (10,000 lookups in
-- bench/reports.ts: p99 118 ms over 20 requests). ledger_entry_status keeps each entry's latest
-- event, with the entry's filter and order columns, written by a trigger in the transaction that
-- appends the event, so it never disagrees with the events; ledger_current reads it.
--
-- Derived, not a second record: only the trigger writes it (a direct INSERT, UPDATE or DELETE by
-- any role is refused: pg_trigger_depth() is 1 outside a trigger), and it can be rebuilt from
-- ledger_status_events at any time.
CREATE TABLE ledger_entry_status (
  entry_id          text PRIMARY KEY REFERENCES ledger_entries (id),
  contract_id       text NOT NULL,
  contract_year     integer NOT NULL,
  clause            text NOT NULL,
  entry_created_at  timestamptz NOT NULL,
  event_id          bigint NOT NULL REFERENCES ledger_status_events (id),
  status            text NOT NULL
);
CREATE INDEX ledger_entry_status_by_status ON ledger_entry_status (contract_id, status, entry_created_at, entry_id);
CREATE INDEX ledger_entry_status_by_clause ON ledger_entry_status (contract_id, contract_year, clause, entry_created_at, entry_id);
CREATE INDEX ledger_entry_status_by_time ON ledger_entry_status (contract_id, entry_created_at, entry_id);

INSERT INTO ledger_entry_status (entry_id, contract_id, contract_year, clause, entry_created_at, event_id, status)
  SELECT e.id, e.contract_id, e.contract_year, e.clause, e.created_at, x.id, x.status
    FROM ledger_entries e
    JOIN LATERAL (SELECT id, status FROM ledger_status_events x WHERE x.entry_id = e.id ORDER BY x.id DESC LIMIT 1) x ON true;

CREATE FUNCTION ledger_entry_status_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_entry_status (entry_id, contract_id, contract_year, clause, entry_created_at, event_id, status)
    SELECT e.id, e.contract_id, e.contract_year, e.clause, e.created_at, NEW.id, NEW.status FROM ledger_entries e WHERE e.id = NEW.entry_id
  ON CONFLICT (entry_id) DO UPDATE SET event_id = EXCLUDED.event_id, status = EXCLUDED.status
    WHERE ledger_entry_status.event_id < EXCLUDED.event_id;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_status_events_follow AFTER INSERT ON ledger_status_events
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_status_follow();

CREATE FUNCTION ledger_entry_status_only_by_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() <= 1 THEN
    RAISE EXCEPTION 'ledger_entry_status is derived from ledger_status_events: append a status event instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ledger_entry_status_derived BEFORE INSERT OR UPDATE OR DELETE ON ledger_entry_status
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_status_only_by_trigger();

-- Same columns as before (002_contract_core.sql), now one join instead of a lookup per entry.
CREATE OR REPLACE VIEW ledger_current AS
  SELECT e.*, x.status, x.actor AS status_actor, x.reason AS status_reason, x.at AS status_at
    FROM ledger_entries e
    JOIN ledger_entry_status s ON s.entry_id = e.id
    JOIN ledger_status_events x ON x.id = s.event_id;
