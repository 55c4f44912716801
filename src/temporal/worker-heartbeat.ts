// Worker liveness for /health and the API's update guard (issue 11, finding 5: /health said ok
// for 70 s after the worker died, and a fault action hung 158 s). Temporal keeps a dead
// worker's pollers listed for over a minute, so each running worker upserts a row every
// BEAT_MS instead; a kill -9 stops the beats, and the row goes stale within seconds.
// Seconds are too long for "503 within 1 s when the worker is down": each worker also keeps one
// database session named after its task queue (its presence). The kernel closes a killed
// process's sockets, PostgreSQL ends that session at once, and pg_stat_activity no longer lists
// it: a dead worker is seen within a second; a hung one (its session open, no beats) when its
// row goes stale.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Worker } from '@temporalio/worker';
import type { Pool, PoolClient } from 'pg';

export const BEAT_MS = 2_000;

/** Beats while the worker is RUNNING; stops by itself once the worker has stopped or failed. */
export function startWorkerHeartbeat(pool: Pool, taskQueue: string, worker: Pick<Worker, 'getState'>): void {
  const identity = `${process.pid}@${hostname()}`;
  const startedAt = new Date();
  const beat = async () => {
    const state = worker.getState();
    if (state === 'STOPPED' || state === 'FAILED') {
      clearInterval(timer);
      return;
    }
    if (state !== 'RUNNING') return;
    await pool
      .query(
        `INSERT INTO worker_heartbeats (task_queue, identity, started_at, beat_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (task_queue, identity) DO UPDATE SET beat_at = now()`,
        [taskQueue, identity, startedAt],
      )
      .catch(() => undefined); // PostgreSQL down: the beat is missed, which is what it should look like
  };
  const timer = setInterval(() => {
    void beat();
  }, BEAT_MS);
  timer.unref();
  setTimeout(() => {
    void beat();
  }, 50).unref(); // first beat as soon as run() has begun
  keepPresence(pool, taskQueue, worker);
}

/** The application_name of a worker's presence session (at most 63 bytes, PostgreSQL's limit). */
export function presenceName(taskQueue: string): string {
  const name = `weibao-worker:${taskQueue}`;
  return Buffer.byteLength(name) <= 63
    ? name
    : `weibao-worker:#${createHash('sha256').update(taskQueue).digest('hex').slice(0, 40)}`;
}

/** Holds the presence session while the worker runs, opening it again after a database outage. */
function keepPresence(pool: Pool, taskQueue: string, worker: Pick<Worker, 'getState'>): void {
  let session: PoolClient | undefined;
  let opening = false;
  const drop = (err?: Error) => {
    const s = session;
    session = undefined;
    s?.release(err ?? true);
  }; // destroyed, never back in the pool
  const tick = async () => {
    const state = worker.getState();
    if (
      state === 'STOPPED' ||
      state === 'FAILED' ||
      state === 'STOPPING' ||
      state === 'DRAINING' ||
      state === 'DRAINED'
    ) {
      clearInterval(timer);
      drop();
      return;
    }
    if (state !== 'RUNNING' || session || opening) return;
    opening = true;
    try {
      const s = await pool.connect();
      s.on('error', drop);
      await s.query("SELECT set_config('application_name', $1, false)", [presenceName(taskQueue)]).catch((e: Error) => {
        s.release(e);
        throw e;
      });
      session = s;
    } catch {
      /* PostgreSQL down: absent, as the worker is to the API then */
    } finally {
      opening = false;
    }
  };
  const timer = setInterval(() => {
    void tick();
  }, 250);
  timer.unref();
}

/** Whether a worker of the task queue holds its presence session (see above). */
export async function workerPresent(pool: Pool, taskQueue: string): Promise<boolean> {
  const { rows } = await pool.query(
    'SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $1) AS present',
    [presenceName(taskQueue)],
  );
  return rows[0]?.present === true;
}

/** Seconds since the last beat of any worker on the task queue, or null if none ever beat. */
export async function secondsSinceBeat(pool: Pool, taskQueue: string): Promise<number | null> {
  const { rows } = await pool.query(
    'SELECT extract(epoch FROM now() - max(beat_at))::float8 AS age FROM worker_heartbeats WHERE task_queue = $1',
    [taskQueue],
  );
  return rows[0]?.age ?? null;
}

/** A worker is alive when one beat within staleSeconds and one holds its presence session; else why not. */
export async function workerLiveness(
  pool: Pool,
  taskQueue: string,
  staleSeconds: number,
): Promise<{ alive: true } | { alive: false; reason: string }> {
  const [age, present] = await Promise.all([secondsSinceBeat(pool, taskQueue), workerPresent(pool, taskQueue)]);
  if (age === null) return { alive: false, reason: `no worker polling task queue ${taskQueue} (none has run)` };
  if (age > staleSeconds)
    return {
      alive: false,
      reason: `no worker polling task queue ${taskQueue} (last heartbeat ${Math.round(age)} s ago)`,
    };
  if (!present) return { alive: false, reason: `no worker polling task queue ${taskQueue} (its process has gone)` };
  return { alive: true };
}
