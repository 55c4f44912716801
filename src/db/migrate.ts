import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';

// Forward-only numbered migrations (NNN_name.sql). Each runs in its own transaction under an
// advisory lock, so two processes starting at once (worker and API) apply each file once.
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const LOCK_ID = 0x77656962; // 'weib'

export async function migrate(pool: Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    // Checked first: the application role (no DDL, issue 12) only verifies that nothing is pending.
    const exists = (await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS e")).rows[0]
      .e as boolean;
    if (!exists)
      await client.query(`CREATE TABLE schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query('SELECT name FROM schema_migrations')).rows.map((r) => r.name as string));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        const hint =
          (err as { code?: string }).code === '42501'
            ? ' (migrations run as the owner role: npm run migrate with its DATABASE_URL)'
            : '';
        throw new Error(`migration ${file} failed: ${(err as Error).message}${hint}`);
      }
    }
    // Tables added by this run get the application role's grants (091_app_role_grants.sql).
    if (applied.length && (await client.query("SELECT to_regproc('weibao_sync_grants') IS NOT NULL AS e")).rows[0].e) {
      await client.query('SELECT weibao_sync_grants()');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    client.release();
  }
  return applied;
}
