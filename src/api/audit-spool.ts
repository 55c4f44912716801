// Audit rows that cannot reach PostgreSQL are not lost (issue 11: "refused, failed and abandoned
// requests are audited"; clause 7). A request refused while the database is down (503), or
// whose row could not be written after its response, has its row kept in a local spool: one
// file per row under AUDIT_SPOOL_DIR, fsync'd and renamed into place (a crash leaves either the
// whole row or a temporary file that is never read), then the directory fsync'd. The API
// replays the spool into audit_log once PostgreSQL answers again: each row in one transaction
// with its spool id in audit_spool_replays (migration 032), so a replay that crashes between
// COMMIT and unlink never writes a row twice. The row keeps the time of the request (`at`) and
// joins the hash chain when it is replayed (090_record_chain.sql: the chain order is the
// commit order); its detail says it came through the spool.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from '../logger';
import { writeAuditRow, type AuditRow } from '../security/audit-scope';
import { unavailableBody } from './outage';

interface Spooled {
  spoolId: string;
  row: AuditRow;
}

const ROW_FILE = /^\d{15}-[0-9a-f-]{36}\.json$/;

export class AuditSpool {
  constructor(readonly dir: string) {}

  /** Keeps one row durably on local disk; resolves once it is fsync'd. */
  async append(row: AuditRow, reason: string): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const spoolId = randomUUID();
    // Named by time first: the replay keeps the order the rows were spooled in.
    const name = `${String(Date.now()).padStart(15, '0')}-${spoolId}.json`;
    const tmp = path.join(this.dir, `.${name}.tmp`);
    const body: Spooled = {
      spoolId,
      row: {
        ...row,
        at: row.at ?? new Date().toISOString(),
        detail: { ...(row.detail ?? {}), spooled: { reason, spoolId } },
      },
    };
    const file = await open(tmp, 'wx', 0o600);
    try {
      await file.writeFile(JSON.stringify(body));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path.join(this.dir, name));
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return spoolId;
  }

  /** Row files waiting for the database, oldest first. */
  async pending(): Promise<string[]> {
    const names = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    return names.filter((n) => ROW_FILE.test(n)).sort();
  }

  /**
   * Writes the spooled rows into audit_log, oldest first; stops at the first row the database
   * does not take because it is unavailable (the next replay goes on from there). Returns the
   * number of rows written.
   */
  async replay(pool: Pool, log: Logger): Promise<number> {
    let written = 0;
    for (const name of await this.pending()) {
      const file = path.join(this.dir, name);
      const { spoolId, row } = JSON.parse(await readFile(file, 'utf8')) as Spooled;
      try {
        if (await replayOne(pool, spoolId, row)) written++;
      } catch (err) {
        if (unavailableBody(err)) break;
        // A row the database refuses for good (never seen): set aside, kept for an operator.
        log.error(
          { err, spoolId, requestId: row.requestId },
          'spooled audit row refused by the database; kept as .rejected',
        );
        await rename(file, `${file}.rejected`);
        continue;
      }
      await unlink(file);
    }
    return written;
  }
}

async function replayOne(pool: Pool, spoolId: string, row: AuditRow): Promise<boolean> {
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    const fresh = await db.query(
      'INSERT INTO audit_spool_replays (spool_id, request_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [spoolId, row.requestId],
    );
    if (fresh.rowCount === 1) await writeAuditRow(db, row);
    await db.query('COMMIT');
    return fresh.rowCount === 1;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

/** Replays the spool every `everyMs` (and once at once) until stop(); a replay that fails is retried. */
export function startAuditSpoolReplay(
  spool: AuditSpool,
  pool: Pool,
  log: Logger,
  everyMs = 1_000,
): { stop(): void; idle(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = spool
      .replay(pool, log)
      .then((n) => {
        if (n > 0) log.warn({ rows: n }, 'audit rows written from the local spool');
      })
      .catch((err: unknown) => log.warn({ reason: (err as Error).message }, 'audit spool replay failed; retrying'))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: () => running };
}
