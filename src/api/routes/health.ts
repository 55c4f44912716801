import { Router } from 'express';
import { temporal } from '@temporalio/proto';
import type { ApiDeps } from '../deps';
import { workerLiveness } from '../../temporal/worker-heartbeat';
import { deliveryHealth } from '../../db/queries/deliveries';

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: boolean; ms: number; error?: string; value?: T }> {
  const start = performance.now();
  try {
    const value = await withTimeout(fn(), 3_000);
    return { ok: true, ms: Math.round(performance.now() - start), value };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - start), error: (err as Error).message };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, rej) => {
      t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/** GET /health: no key needed; 503 when PostgreSQL, Temporal or the worker is missing. */
export function healthRouter(deps: ApiDeps): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const { pool, temporal: client, config } = deps;
    const [postgres, temporalCheck, worker, notifications] = await Promise.all([
      timed(() => pool.query('SELECT 1')),
      timed(() => client.workflowService.getSystemInfo({})),
      timed(async () => {
        // A killed worker's presence session ends at once, a hung one's heartbeat row goes stale
        // within seconds (worker-heartbeat.ts); Temporal's poller list lags by a minute or more.
        const liveness = await workerLiveness(pool, config.TEMPORAL_TASK_QUEUE, config.WORKER_HEARTBEAT_STALE_SECONDS);
        if (!liveness.alive) throw new Error(liveness.reason);
        const r = await client.workflowService.describeTaskQueue({
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: { name: config.TEMPORAL_TASK_QUEUE },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        // The server remembers pollers for minutes after they leave; only recent ones count.
        const fresh = Date.now() - config.WORKER_POLLER_FRESH_SECONDS * 1000;
        const live = (r.pollers ?? []).filter((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= fresh);
        if (live.length === 0) throw new Error(`no worker polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
        return live.length;
      }),
      timed(() => deliveryHealth(pool)),
    ]);
    const parts = {
      api: { ok: true },
      postgres: { ok: postgres.ok, ms: postgres.ms, error: postgres.error },
      temporal: { ok: temporalCheck.ok, ms: temporalCheck.ms, error: temporalCheck.error },
      worker: { ok: worker.ok, pollers: worker.value ?? 0, taskQueue: config.TEMPORAL_TASK_QUEUE, error: worker.error },
      // Delivery counts (issue 13), platform-wide; per channel and contract: /notifications/metrics (auditor, admin).
      // A dead letter or a backlog is shown, not a reason for 503: the cases run on whatever the receivers do.
      notifications: { ...(notifications.value ?? { error: notifications.error }), metrics: '/notifications/metrics' },
    };
    const ok = postgres.ok && temporalCheck.ok && worker.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', ...parts });
  });
  return r;
}
