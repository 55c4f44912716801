// A worker in its own child process (as in production), for tests that stop it (SIGSTOP) or
// kill it (SIGKILL) in the middle of workflow tasks. The parent bundles the workflow code once
// and passes the bundle's path; the child runs the production worker factory against the test
// database and dev server, with its own pool. Notices go to notifications_outbox in the record
// transaction (the dispatcher is not started: receivers are outside these tests).
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPool } from '../../src/db/pool';
import { createLogger } from '../../src/logger';
import { outboxNotifier } from '../../src/activities/notifier';
import { createWorker } from '../../src/temporal/worker-factory';
import { signedWorkflowBundle, testPayloadCodec, untilAlive } from './stack';

interface Options {
  address: string;
  dbUrl: string;
  taskQueue: string;
  bundlePath: string;
}

async function runChild(o: Options): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pool = createPool(o.dbUrl, 10);
  const connection = await NativeConnection.connect({ address: o.address });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: o.taskQueue,
    workflowBundle: { codePath: o.bundlePath },
    deps: { pool, log: createLogger('silent'), notifier: outboxNotifier(pool) },
    payloadCodec: testPayloadCodec(), // the stack's client encrypts with it
  });
  // The test died: do not poll on for nobody. SIGKILL, not exit(): no exit handlers run inside
  // the SDK's native threads (an exit() there once aborted with "async hook stack has become corrupted").
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  const running = worker.run();
  // Ready once the API would see it alive (a heartbeat row and its presence session), as
  // startStack waits: an update sent sooner is refused 503 WORKER_UNAVAILABLE (seen in CI).
  await untilAlive(pool, o.taskQueue);
  process.send!('ready');
  await running;
}

let bundlePath: string | undefined;
async function bundleFile(): Promise<string> {
  if (bundlePath) return bundlePath;
  const file = path.join(os.tmpdir(), `weibao-bundle-${process.pid}-${Date.now()}.js`);
  writeFileSync(file, (await signedWorkflowBundle()).code); // with the signed-actor check, as production's worker
  bundlePath = file;
  return file;
}

export interface WorkerProcess {
  pid: number;
  /** SIGSTOP: the process freezes mid-whatever, as a stalled host; its tasks time out on the server. */
  stop(): void;
  resume(): void;
  /** SIGKILL (kill -9): nothing of the process runs again; resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts a worker process; resolves once it polls the task queue (bounded: 120 s on a loaded machine). */
export async function startWorkerProcess(o: Omit<Options, 'bundlePath'>): Promise<WorkerProcess> {
  const child: ChildProcess = fork(__filename, [JSON.stringify({ ...o, bundlePath: await bundleFile() })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('worker process not ready within 120 s'));
    }, 120_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code ?? signal})`));
    });
  });
  return {
    pid: child.pid!,
    stop: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      if (!gone) child.kill('SIGCONT');
    },
    async kill() {
      if (!gone) {
        child.kill('SIGKILL');
        child.kill('SIGCONT');
      }
      await exited;
    },
  };
}

if (require.main === module) {
  runChild(JSON.parse(process.argv[2]!) as Options).catch((e: unknown) => {
    process.stderr.write(`worker process failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
