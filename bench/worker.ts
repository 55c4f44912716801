// The benchmark's worker: the production factory with the tuning of src/config.ts (WORKER_*,
// DATABASE_POOL_MAX read from the environment), its own PostgreSQL pool as in production (the
// worker is its own process there), and a bundle that adds the baseline timer workflow.
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { parseConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { createLogger } from '../src/logger';
import { createWorker, workerTuning } from '../src/temporal/worker-factory';
import type { Notifier } from '../src/activities/deps';

const noop = () => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop } as never;

/** Workflow tasks that ran over 5 s (the SDK's TMPRL1104 warning): a backlogged worker. */
export const health = { slowWorkflowTasks: 0, warnings: 0 };

// SDK logs go to stderr (stdout carries the JSON result); slow-task warnings are counted.
function installRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN', (e) => {
      if (e.message.includes('TMPRL1104')) { health.slowWorkflowTasks += 1; return; }
      health.warnings += 1;
      process.stderr.write(`[sdk ${e.level}] ${e.message} ${JSON.stringify(e.meta ?? {}, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v)).slice(0, 600)}\n`);
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
}

export async function startBenchWorker(o: { address: string; dbUrl: string; taskQueue: string; notifier: Notifier }) {
  installRuntime();
  const config = parseConfig(process.env);
  const tuning = workerTuning(config);
  const dbPool = createPool(o.dbUrl, config.DATABASE_POOL_MAX);
  const connection = await NativeConnection.connect({ address: o.address });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'workflows.ts'), logger: quiet,
  });
  const worker: Worker = await createWorker({
    connection, namespace: 'default', taskQueue: o.taskQueue, workflowBundle, tuning,
    deps: { pool: dbPool, log: createLogger('silent'), notifier: o.notifier },
  });
  const running = worker.run();
  return {
    settings: { ...tuning, databasePoolMax: config.DATABASE_POOL_MAX },
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await dbPool.end();
    },
  };
}
