-- Tamper evidence for the record the parties use against each other (penalties, the right to
-- terminate, payments; clause 6, MLPS level 3 of clause 4.6): the audit trail and the ledger's
-- status events are hash chains. Each row commits to its own content and to the hash of the
-- row before it, so an edit made behind the application's back (a superuser switching the
-- append-only trigger off) breaks the chain at that row; `GET /audit/verify` and
-- `npm run verify-record` recompute it (src/security/record-chain.ts).
--
-- content = jsonb_strip_nulls(to_jsonb(row) - 'prev_hash' - 'row_hash')::text, rendered with
-- TimeZone UTC (jsonb text is canonical: keys sorted, numbers exact); NULL columns are left
-- out so a nullable column added later does not change the content of older rows.
-- row_hash = sha256(prev_hash || content); the first row's prev_hash is 32 zero bytes.
-- Appends are serialised by the chain-head row (its row lock is held to commit), so the
-- chain order (chain_seq) is the commit order and no two rows claim the same predecessor.

CREATE TABLE record_chain_heads (
  chain  text PRIMARY KEY,
  seq    bigint NOT NULL DEFAULT 0,
  hash   bytea NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
);
INSERT INTO record_chain_heads (chain) VALUES ('audit_log'), ('ledger_status_events');

ALTER TABLE audit_log ADD COLUMN chain_seq bigint UNIQUE, ADD COLUMN prev_hash bytea, ADD COLUMN row_hash bytea;
ALTER TABLE ledger_status_events ADD COLUMN chain_seq bigint UNIQUE, ADD COLUMN prev_hash bytea, ADD COLUMN row_hash bytea;

-- The request id is the server's; a client's X-Request-Id is kept beside it, never instead.
ALTER TABLE audit_log ADD COLUMN client_request_id text;
-- The contracts the request touched (every contract check a route made), so a key limited to
-- some contracts reads only their rows; NULL = no contract (keys, calendar): all-contracts keys only.
ALTER TABLE audit_log ADD COLUMN contracts text[];
CREATE INDEX audit_log_contracts ON audit_log USING gin (contracts);
-- A request whose client went away before the response is recorded as abandoned.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_outcome_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_check CHECK (outcome IN ('ok', 'refused', 'error', 'abandoned'));

CREATE FUNCTION record_chain_content(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_strip_nulls(r - 'prev_hash' - 'row_hash')::text
$$;

-- SET TimeZone: to_jsonb renders timestamptz in the session's zone; the chain must not depend on it.
-- SECURITY DEFINER: the application role appends rows but cannot move the chain head itself.
CREATE FUNCTION record_chain_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET "TimeZone" = 'UTC' SET search_path = public, pg_temp AS $$
DECLARE
  head record;
BEGIN
  UPDATE record_chain_heads SET seq = seq + 1 WHERE chain = TG_TABLE_NAME RETURNING seq, hash INTO head;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no chain head for %', TG_TABLE_NAME;
  END IF;
  NEW.chain_seq := head.seq;
  NEW.prev_hash := head.hash;
  NEW.row_hash := sha256(head.hash || convert_to(record_chain_content(to_jsonb(NEW)), 'UTF8'));
  UPDATE record_chain_heads SET hash = NEW.row_hash WHERE chain = TG_TABLE_NAME;
  RETURN NEW;
END $$;

-- Rows written before this migration join the chain in id order (their content as it stands now).
DO $$
DECLARE
  t text;
  r record;
  h bytea;
  s bigint;
BEGIN
  SET LOCAL "TimeZone" = 'UTC';
  FOREACH t IN ARRAY ARRAY['audit_log', 'ledger_status_events'] LOOP
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', t, t || '_append_only');
    SELECT seq, hash INTO s, h FROM record_chain_heads WHERE chain = t;
    FOR r IN EXECUTE format('SELECT id, to_jsonb(x) AS j FROM %I x ORDER BY id', t) LOOP
      s := s + 1;
      EXECUTE format('UPDATE %I SET chain_seq = $1, prev_hash = $2, row_hash = sha256($2 || convert_to(record_chain_content(jsonb_set($3, ''{chain_seq}'', to_jsonb($1))), ''UTF8'')) WHERE id = $4 RETURNING row_hash', t)
        INTO h USING s, h, r.j, r.id;
    END LOOP;
    UPDATE record_chain_heads SET seq = s, hash = h WHERE chain = t;
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', t, t || '_append_only');
  END LOOP;
END $$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION record_chain_link();
CREATE TRIGGER ledger_status_events_chain BEFORE INSERT ON ledger_status_events FOR EACH ROW EXECUTE FUNCTION record_chain_link();
CREATE TRIGGER record_chain_heads_no_delete BEFORE DELETE OR TRUNCATE ON record_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
