import { Pool, types, type PoolClient } from 'pg';
import { auditBeforeCommit } from '../security/audit-scope';

// bigint columns (money in fen) come back as strings, never as lossy JS numbers.
types.setTypeParser(types.builtins.INT8, (v) => v);
types.setTypeParser(types.builtins.NUMERIC, (v) => v);

/** Bounded waits (config DATABASE_*_TIMEOUT_MS): an outage is an error in about a second, not a hang. */
export interface PoolTimeouts {
  connectMs: number;
  statementMs: number;
}

export function createPool(
  connectionString: string,
  max = 10,
  onIdleError?: (err: Error) => void,
  timeouts?: PoolTimeouts,
): Pool {
  const pool = new Pool({
    connectionString,
    max,
    connectionTimeoutMillis: timeouts?.connectMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // statement_timeout is enforced by the server; query_timeout also covers a server that stopped answering.
    ...(timeouts ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + 1_000 } : {}),
  });
  // An idle client whose server went away emits 'error'; unhandled, that would kill the
  // process. The pool drops the client and the next query reconnects (or fails cleanly).
  pool.on('error', (err) => onIdleError?.(err));
  return pool;
}

/**
 * Runs fn in one transaction; rolls back on any error, so nothing is half-written. Inside an
 * API request the request's audit row is written in the same transaction (src/security/audit-scope.ts).
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (c: PoolClient) => Promise<T>,
  opts: { lockTimeout?: '5s' } = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    // lock_timeout rides in BEGIN's round trip (a simple query may hold two statements).
    await client.query(opts.lockTimeout ? `BEGIN; SET LOCAL lock_timeout = '${opts.lockTimeout}'` : 'BEGIN');
    const out = await fn(client);
    const audited = await auditBeforeCommit(client);
    await client.query('COMMIT');
    audited?.();
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs reads in one snapshot (REPEATABLE READ, READ ONLY): rows read one after another agree
 * with each other as a record write committed them together (a case's row, its facts and its
 * ledger entries), instead of each read seeing whatever had committed by its own start.
 */
export async function inSnapshot<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export type { Pool, PoolClient };
