import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { searchAttributeIndexTypes } from '../../src/temporal/namespace';
import { testEnv } from './env';
import { workflowBundle } from './stack';

/**
 * The Java time-skipping test server, started through the wrapper that scripts/toolchain.sh
 * built (the SDK's own download cannot work without internet). Timers of days run in ms.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv.testServer() } },
  });
  // The Java test server refuses custom search attributes until they are added, and has no
  // List call (so src/temporal/namespace.ts's ensureSearchAttributes cannot be used as is).
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: searchAttributeIndexTypes(),
  });
  return env;
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * Creates and runs a worker on the time-skipping server, warmed up before any test uses it.
 * Why: with the Java test server 1.38 and SDK 1.24, the first workflow awaited through the
 * time-skipping client (the first unlock of time skipping) sees its workflow tasks time out
 * and "times out" after 10 virtual years; every later one behaves. Measured here: a cold
 * worker failed its first execute() every time, then passed 3 of 3. So the warm-up runs one
 * ping in real time (polling describe, which keeps time locked) to build the sandbox, then
 * one sacrificial execute() whose outcome is ignored.
 */
export async function startTimeSkippingWorker(
  env: TestWorkflowEnvironment,
  opts: Partial<WorkerOptions> & { taskQueue: string },
): Promise<RunningWorker> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    workflowBundle: await workflowBundle(),
    ...opts,
  });
  const running = worker.run();
  const handle = await env.client.workflow.start('pingWorkflow', {
    taskQueue: opts.taskQueue,
    workflowId: `warmup-${opts.taskQueue}`,
    args: ['warm'],
  });
  for (let i = 0; i < 300; i++) {
    if ((await handle.describe()).status.name === 'COMPLETED') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await env.client.workflow
    .execute('pingWorkflow', { taskQueue: opts.taskQueue, workflowId: `warmup-2-${opts.taskQueue}`, args: ['warm'] })
    .catch(() => undefined);
  return {
    worker,
    taskQueue: opts.taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
