-- Issue 10: a rights event whose breach was later superseded (a declaration stated in time and
-- typed in later, a contest decided for the vendor, a go-live stated before the periods) is
-- withdrawn as a fact with its time and cause; the event itself stays as it was recorded
-- (rights_events is append-only), and a re-judged breach raises a new event under a new key.
CREATE TABLE rights_event_withdrawals (
  key           text PRIMARY KEY REFERENCES rights_events (key),
  withdrawn_at  timestamptz NOT NULL,
  cause         text NOT NULL,
  case_id       text,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER rights_event_withdrawals_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rights_event_withdrawals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
