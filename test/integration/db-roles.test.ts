// Issue 12, finding 2: the application's PostgreSQL role was a superuser owning every table,
// so the append-only triggers could be switched off and a confirmed penalty rewritten. The API
// and the worker now connect as weibao_app: DML only, and no UPDATE/DELETE on the record.
import { Client } from 'pg';
import { freshDatabase, type TestDb } from '../helpers/db';
import { testEnv } from '../helpers/env';

let db: TestDb;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.drop();
});

const q = (sql: string, args: unknown[] = []) => db.pool.query(sql, args);

it('when the application connects, then it is neither superuser nor owner of any table', async () => {
  const me = (await q('SELECT current_user AS u, usesuper FROM pg_user WHERE usename = current_user')).rows[0];
  expect(me).toEqual({ u: 'weibao_app', usesuper: false });
  const owned = await q("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user");
  expect(owned.rows).toEqual([]);
});

it.each([
  [
    'disable an append-only trigger',
    'ALTER TABLE ledger_status_events DISABLE TRIGGER ledger_status_events_append_only',
    /must be owner/,
  ],
  ['switch triggers off for the session', 'SET session_replication_role = replica', /permission denied/],
  ['change a ledger entry', 'UPDATE ledger_entries SET amount_fen = 1', /permission denied/],
  ['rename a confirmer', "UPDATE ledger_status_events SET actor = 'x'", /permission denied/],
  ['delete audit rows', 'DELETE FROM audit_log', /permission denied/],
  ['truncate the audit trail', 'TRUNCATE audit_log', /permission denied/],
  ['move the chain head', 'UPDATE record_chain_heads SET seq = 0', /permission denied/],
  ['create a table', 'CREATE TABLE evil (x int)', /permission denied/],
  ['drop a table', 'DROP TABLE ledger_entries', /must be owner/],
  [
    'redefine the chain function',
    "CREATE OR REPLACE FUNCTION record_chain_content(r jsonb) RETURNS text LANGUAGE sql AS $$ SELECT '' $$",
    /must be owner|permission denied/,
  ],
])('when the application role tries to %s, then PostgreSQL refuses', async (_what, sql, error) => {
  await expect(q(sql)).rejects.toThrow(error);
});

it('when the application role writes ordinary rows, then it may (it still does its work)', async () => {
  await q("INSERT INTO notifications_outbox (key, topic, subject, body) VALUES ('k1', 't', 's', '{}')");
  await q("UPDATE notifications_outbox SET delivered_at = now() WHERE key = 'k1'");
  await q("DELETE FROM notifications_outbox WHERE key = 'k1'");
});

it('when a later migration creates an append-only table, then the application role may append but not update it', async () => {
  await db.asOwner(async (c) => {
    await c.query('CREATE TABLE later_facts (id bigserial PRIMARY KEY, v text)');
    await c.query(`CREATE TRIGGER later_facts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON later_facts
                   FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  });
  await q("INSERT INTO later_facts (v) VALUES ('a')"); // default privileges: at once
  await db.asOwner((c) => c.query('SELECT weibao_sync_grants()')); // what migrate() runs after a run
  await q("INSERT INTO later_facts (v) VALUES ('b')");
  await expect(q("UPDATE later_facts SET v = 'c'")).rejects.toThrow(/permission denied/);
});

it('when someone connects to the cluster without a password, then PostgreSQL refuses (no trusted local users)', async () => {
  const u = new URL(testEnv.pgUrl());
  u.password = '';
  const c = new Client({ connectionString: u.toString() });
  await expect(c.connect()).rejects.toThrow(/password/);
  await c.end().catch(() => undefined);
});
