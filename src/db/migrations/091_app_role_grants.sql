-- Least privilege in the database (issue 12; clause 7, MLPS level 3 of 4.6). Migrations run
-- as the owner role (weibao_owner, scripts/pg.sh); the API and the worker connect as
-- weibao_app, which may only read and write rows:
--   - no DDL (it owns nothing and has no CREATE on the schema), no TRUNCATE, no trigger
--     control (ALTER TABLE ... DISABLE TRIGGER needs ownership);
--   - no UPDATE on a table whose refuse_change() trigger forbids updates, no DELETE where it
--     forbids deletes (the append-only record: audit, ledger, facts); the chain heads and the
--     migration list are read-only to it.
-- weibao_sync_grants() derives this from the schema itself, so tables that later migrations
-- add (other numbers, other helpers) are covered: src/db/migrate.ts calls it after every run
-- that applied a migration. Without a weibao_app role (your own single-role database) it does
-- nothing.

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE FUNCTION weibao_sync_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  app constant text := 'weibao_app';
  t record;
  forbids_update boolean;
  forbids_delete boolean;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
    RETURN;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  FOR t IN SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') LOOP
    EXECUTE format('REVOKE ALL ON TABLE %I FROM %I', t.relname, app);
    IF t.relkind IN ('v', 'm') OR t.relname IN ('schema_migrations', 'record_chain_heads') THEN
      EXECUTE format('GRANT SELECT ON TABLE %I TO %I', t.relname, app);
      CONTINUE;
    END IF;
    -- tgtype bits: 8 = DELETE, 16 = UPDATE (pg_trigger.h).
    SELECT coalesce(bool_or(tg.tgtype & 16 <> 0), false), coalesce(bool_or(tg.tgtype & 8 <> 0), false)
      INTO forbids_update, forbids_delete
      FROM pg_trigger tg WHERE tg.tgrelid = t.oid AND tg.tgfoid = 'refuse_change'::regproc;
    EXECUTE format('GRANT SELECT, INSERT%s%s ON TABLE %I TO %I',
      CASE WHEN forbids_update THEN '' ELSE ', UPDATE' END, CASE WHEN forbids_delete THEN '' ELSE ', DELETE' END, t.relname, app);
  END LOOP;
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
END $$;

-- Tables and sequences the owner creates later can be read and appended to at once; UPDATE and
-- DELETE follow from weibao_sync_grants() once the migration run ends (append-only tables never).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weibao_app') THEN
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO weibao_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO weibao_app;
  END IF;
END $$;
