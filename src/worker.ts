import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { migrate } from './db/migrate';
import { createLogger } from './logger';
import { outboxNotifier } from './activities/notifier';
import { startNotifications } from './notify';
import { createWorker, workerTuning } from './temporal/worker-factory';
import { ensureRetention, ensureSearchAttributes } from './temporal/namespace';
import { connectClient } from './temporal/client';
import { retireNotificationSweep } from './temporal/system-schedules';
import { startClosureReconciler } from './services/case-closures';
import { startOrphanSweeper } from './temporal/orphan-sweeper';
import { payloadCodecFrom } from './security/payload-codec';
import { runtimeOptions } from './temporal/runtime-options';
import { actorKeysFrom, actorSigning } from './security/actor-signing';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  Runtime.install(runtimeOptions(config));
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, (err) =>
    log.warn({ code: (err as { code?: string }).code, reason: err.message }, 'idle database connection lost'),
  );
  await migrate(pool);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, log);
  await ensureRetention(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS, log);
  const notifier = outboxNotifier(pool);
  const actorKeys = config.TEMPORAL_ACTOR_KEYS ? actorKeysFrom(config.TEMPORAL_ACTOR_KEYS) : undefined;
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: { pool, log, notifier },
    tuning: workerTuning(config),
    payloadCodec: payloadCodecFrom(config),
    ...(actorKeys ? { actorKeys } : {}),
  });
  // The worker's own starts (orphan sweep) are signed as the platform.
  const client = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, {
    codec: payloadCodecFrom(config),
    ...(actorKeys ? { signing: actorSigning(actorKeys) } : {}),
  });
  // A clean-up beside the start, not before it: its retries never delay the worker (it never throws).
  void retireNotificationSweep(client).then((retired) =>
    typeof retired === 'string'
      ? log.info(
          { schedule: retired },
          'retired notification sweep schedule (the dispatcher delivers every notification)',
        )
      : log.warn(
          { reason: retired.failed },
          'retired notification sweep schedule not deleted; the next start tries again',
        ),
  );
  const stopReconciler = startClosureReconciler(client, pool, log, config.CASE_RECONCILE_SECONDS * 1000);
  // Fault cases committed without their workflow (an API crash or Temporal outage between the two) get it here.
  const sweeper = startOrphanSweeper({ pool, client, taskQueue: config.TEMPORAL_TASK_QUEUE, log });
  // Delivery has its own few connections: a burst of messages never starves the workflows' activities.
  const notifyPool = createPool(config.DATABASE_URL, 4, (err) =>
    log.warn({ reason: err.message }, 'idle notification connection lost'),
  );
  const notifications = startNotifications(config, notifyPool, log);
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
  // Worker.run() handles SIGINT/SIGTERM itself: it stops polling and drains running tasks.
  await worker.run();
  sweeper.stop();
  await stopReconciler();
  await notifications.stop();
  await notifyPool.end();
  await client.connection.close();
  await connection.close();
  await pool.end();
  log.info('worker stopped');
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
