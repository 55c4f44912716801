// Worker liveness for /health and the API's update guard (issue 11, finding 5: /health said ok
// for 70 s after the worker died, and a fault action hung 158 s). Temporal keeps a dead
// worker's pollers listed for over a minute, so each running worker upserts a row every
// BEAT_MS instead; a kill -9 stops the beats, and the row goes stale within seconds.
import { hostname } from 'node:os';
import type { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';

export const BEAT_MS = 2_000;

/** Beats while the worker is RUNNING; stops by itself once the worker has stopped or failed. */
export function startWorkerHeartbeat(pool: Pool, taskQueue: string, worker: Pick<Worker, 'getState'>): void {
  const identity = `${process.pid}@${hostname()}`;
  const startedAt = new Date();
  const beat = async () => {
    const state = worker.getState();
    if (state === 'STOPPED' || state === 'FAILED') { clearInterval(timer); return; }
    if (state !== 'RUNNING') return;
    await pool.query(
      `INSERT INTO worker_heartbeats (task_queue, identity, started_at, beat_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (task_queue, identity) DO UPDATE SET beat_at = now()`, [taskQueue, identity, startedAt],
    ).catch(() => undefined); // PostgreSQL down: the beat is missed, which is what it should look like
  };
  const timer = setInterval(() => { void beat(); }, BEAT_MS);
  timer.unref();
  setTimeout(() => { void beat(); }, 50).unref(); // first beat as soon as run() has begun
}

/** Seconds since the last beat of any worker on the task queue, or null if none ever beat. */
export async function secondsSinceBeat(pool: Pool, taskQueue: string): Promise<number | null> {
  const { rows } = await pool.query('SELECT extract(epoch FROM now() - max(beat_at))::float8 AS age FROM worker_heartbeats WHERE task_queue = $1', [taskQueue]);
  return rows[0]?.age ?? null;
}
