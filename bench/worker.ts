// The benchmark's worker, in its own process as in production (the API and the worker are
// separate processes there, so the API's event loop does not share its thread with the worker's
// activations and local activities). The production factory with the tuning of src/config.ts
// (WORKER_*, DATABASE_POOL_MAX read from the environment), its own PostgreSQL pool, and a
// bundle that adds the baseline timer workflow. The parent talks to it over the fork IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { parseConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { createLogger } from '../src/logger';
import { outboxNotifier } from '../src/activities/notifier';
import { createWorker, workerTuning } from '../src/temporal/worker-factory';
import { actorCheckBundle } from '../src/temporal/actor-check-bundle';
import { readCoreMetrics, type CoreSnapshot } from './core-metrics';

const noop = () => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop } as never;

/** Workflow tasks that ran over 5 s (the SDK's TMPRL1104 warning): a backlogged worker. */
export interface WorkerHealth {
  slowWorkflowTasks: number;
  warnings: number;
  rssMiB: number;
  heapUsedMiB?: number;
  /** The SDK core's counters and latencies (bench/core-metrics.ts). */
  core?: CoreSnapshot;
}
interface Options {
  address: string;
  dbUrl: string;
  taskQueue: string;
}
type FromChild = { ready: Record<string, unknown> } | { health: WorkerHealth } | { failed: string };

// SDK logs go to stderr (stdout carries the JSON result); slow-task warnings are counted.
function installRuntime(health: WorkerHealth, metricsBind: string | undefined): void {
  Runtime.install({
    logger: new DefaultLogger('WARN', (e) => {
      if (e.message.includes('TMPRL1104')) {
        health.slowWorkflowTasks += 1;
        return;
      }
      health.warnings += 1;
      process.stderr.write(
        `[sdk ${e.level}] ${e.message} ${JSON.stringify(e.meta ?? {}, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v)).slice(0, 600)}\n`,
      );
    }),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(metricsBind ? { metrics: { prometheus: { bindAddress: metricsBind } } } : {}),
    },
  });
}

async function runChild(o: Options): Promise<void> {
  const send = (m: FromChild) => process.send!(m);
  const health: WorkerHealth = { slowWorkflowTasks: 0, warnings: 0, rssMiB: 0 };
  const config = parseConfig(process.env);
  installRuntime(health, config.WORKER_METRICS_BIND);
  const tuning = workerTuning(config);
  const dbPool = createPool(o.dbUrl, config.DATABASE_POOL_MAX);
  const connection = await NativeConnection.connect({ address: o.address });
  // As production's worker: payloads encrypted and actors signed with the keys of the stack's API
  // (test/helpers/stack.ts, imported late: it reads the servers' addresses from the environment).
  const { TEST_ACTOR_KEYS, testPayloadCodec } = await import('../test/helpers/stack');
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'workflows.ts'),
    logger: quiet,
    ...actorCheckBundle(TEST_ACTOR_KEYS),
  });
  const worker: Worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: o.taskQueue,
    workflowBundle,
    tuning,
    payloadCodec: testPayloadCodec(),
    // BENCH_WORKER_OUTBOX=1: notifications go to the outbox as in production (bench/notify-latency.ts delivers them).
    deps: {
      pool: dbPool,
      log: createLogger('silent'),
      notifier:
        process.env.BENCH_WORKER_OUTBOX === '1'
          ? outboxNotifier(dbPool)
          : {
              async send() {
                /* mail and chat are outside the system */
              },
            },
    },
  });
  const running = worker.run();
  process.once('disconnect', () => process.exit(1)); // the benchmark died: do not poll on for nobody
  process.on('message', async (m: { cmd: string }) => {
    health.rssMiB = Math.round(process.memoryUsage().rss / 1048576);
    health.heapUsedMiB = Math.round(process.memoryUsage().heapUsed / 1048576);
    if (config.WORKER_METRICS_BIND)
      health.core = await readCoreMetrics(config.WORKER_METRICS_BIND).catch(() => undefined);
    if (m.cmd === 'health') send({ health });
    if (m.cmd === 'stop') {
      worker.shutdown();
      void running
        .then(() => connection.close())
        .then(() => dbPool.end())
        .then(() => {
          send({ health });
          process.exit(0);
        });
    }
  });
  send({ ready: { ...tuning, databasePoolMax: config.DATABASE_POOL_MAX } });
}

/** Starts the worker process; resolves once it polls the task queue. */
export async function startBenchWorker(o: Options) {
  // BENCH_WORKER_PROFILE_DIR: V8 CPU profiles of the worker's threads, written when it stops.
  const prof = process.env.BENCH_WORKER_PROFILE_DIR
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WORKER_PROFILE_DIR]
    : [];
  // The core's Prometheus endpoint on a free port unless one is set (its counters are in health()).
  const { freePort } = await import('../test/helpers/dev-server'); // late: it reads the servers' addresses
  const metricsBind = process.env.WORKER_METRICS_BIND ?? `127.0.0.1:${await freePort()}`;
  const child: ChildProcess = fork(__filename, [JSON.stringify(o)], {
    env: { ...process.env, WORKER_METRICS_BIND: metricsBind },
    execArgv: ['--import', 'tsx', ...prof],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      child.once('message', (m) => resolve(m as FromChild));
      child.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
    });
  const first = await next();
  if (!('ready' in first)) throw new Error(`bench worker did not start: ${JSON.stringify(first)}`);
  const ask = async (cmd: string): Promise<WorkerHealth> => {
    const reply = next();
    child.send({ cmd });
    const m = await reply;
    if (!('health' in m)) throw new Error(`bench worker: ${JSON.stringify(m)}`);
    return m.health;
  };
  return { pid: child.pid!, settings: first.ready, health: () => ask('health'), stop: () => ask('stop') };
}

if (require.main === module) {
  runChild(JSON.parse(process.argv[2]!) as Options).catch((e: unknown) => {
    process.send?.({ failed: (e as Error).stack ?? String(e) });
    process.exit(1);
  });
}
