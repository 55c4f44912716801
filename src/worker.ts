import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { migrate } from './db/migrate';
import { createLogger } from './logger';
import { logNotifier, webhookNotifier } from './activities/notifier';
import { createWorker } from './temporal/worker-factory';
import { ensureSearchAttributes } from './temporal/namespace';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  // The SDK's own logs (bundler output, state changes) only from warnings up; ours go via pino.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, (err) => log.warn({ err }, 'idle database connection lost'));
  await migrate(pool);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, log);
  const notifier = config.NOTIFY_WEBHOOK_URL ? webhookNotifier(config.NOTIFY_WEBHOOK_URL) : logNotifier(log);
  const worker = await createWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, deps: { pool, log, notifier },
  });
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
  // Worker.run() handles SIGINT/SIGTERM itself: it stops polling and drains running tasks.
  await worker.run();
  await connection.close();
  await pool.end();
  log.info('worker stopped');
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
