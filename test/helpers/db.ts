import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPool, type Pool } from '../../src/db/pool';
import { migrate } from '../../src/db/migrate';
import { testEnv } from './env';

// One migrated template database per test run; each test file gets its own copy of it
// (CREATE DATABASE ... TEMPLATE is a file copy: milliseconds, and files never see each other).
const TEMPLATE = 'weibao_template';

function urlFor(db: string, base = testEnv.pgUrl()): string {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
}

async function connected<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const admin = <T>(fn: (c: Client) => Promise<T>) => connected(testEnv.pgUrl(), fn);

async function ensureTemplate(): Promise<void> {
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(4242)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${TEMPLATE} OWNER ${ownerRole()}`);
      const pool = createPool(urlFor(TEMPLATE, testEnv.pgOwnerUrl()), 1);
      try {
        await migrate(pool);
      } finally {
        await pool.end();
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242)');
    }
  });
}

const ownerRole = () => decodeURIComponent(new URL(testEnv.pgOwnerUrl()).username);

export interface TestDb {
  pool: Pool;
  url: string;
  name: string;
  /** As the cluster's superuser: what an attacker with full database access could do. */
  asSuperuser<T>(fn: (c: Client) => Promise<T>): Promise<T>;
  /** As the owner role that runs migrations. */
  asOwner<T>(fn: (c: Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDb> {
  await ensureTemplate();
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE} OWNER ${ownerRole()}`));
  // The API and workers under test connect as the application role, as in production.
  const url = urlFor(name, testEnv.pgAppUrl());
  const pool = createPool(url, 10);
  return {
    pool,
    url,
    name,
    asSuperuser: (fn) => connected(urlFor(name), fn),
    asOwner: (fn) => connected(urlFor(name, testEnv.pgOwnerUrl()), fn),
    async drop() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
