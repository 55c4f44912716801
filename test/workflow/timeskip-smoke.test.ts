import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';

// Guards the toolchain: the Java test server starts through the wrapper within the SDK's
// limit, workflows complete on a warmed worker, and 90 days pass without waiting 90 days.
let env: TestWorkflowEnvironment;
let w: RunningWorker;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  w = await startTimeSkippingWorker(env, { taskQueue: 'smoke' });
});
afterAll(async () => {
  await w?.stop();
  await env?.teardown();
});

it('when workflows are awaited on the time-skipping server, then each completes and 90 days pass in seconds', async () => {
  const started = Date.now();
  const before = await env.currentTimeMs();
  for (const id of ['a', 'b', 'c']) {
    expect(
      await env.client.workflow.execute('pingWorkflow', { taskQueue: 'smoke', workflowId: `smoke-${id}`, args: [id] }),
    ).toBe(id);
  }
  await env.sleep('90 days');
  expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(90 * 86_400_000);
  expect(Date.now() - started).toBeLessThan(30_000);
});
