import type { Activities } from '../../src/activities';
import type { RecordBatch } from '../../src/workflows/kernel/record';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';
import { fakeActivities, newFakes } from './obligations-harness';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

// Issue 10, done-when (c), under load: a workflow task timed out while its record write (a local
// activity) ran, and its retry landed on the same worker. The SDK does not start a local activity
// whose run and sequence number are already executing: the retry gets the first attempt's result
// (sdk-core, local_activities.rs). That write carried the first attempt's facts, recorded 8-10 s
// earlier than the ones the workflow kept: 8 of 50 cases disagreed with their workflows in a
// kill -9 run. Here the SDK's hand-over is played by the fake: the first write of the case stores
// the facts with earlier recording times and answers with the earlier attempt's fenceAtMs, late
// (the dongle's 4.10 deadline missed 7 working days after signing, is the first write with facts). The
// case must take the recorded times (a replay after a cached run took the task over stamps them
// at the retry's start: kernel/activities.ts adoptRecordedTimes) and write again.
let env: TestWorkflowEnvironment;
let worker: RunningWorker;
const f = newFakes();
const batches: RecordBatch[] = []; // the writes that carried facts (the first of them is handed over)
const EARLIER_MS = 10_000;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  const fakes = fakeActivities(f) as unknown as Activities;
  const activities = {
    ...fakes,
    async recordCase(b: RecordBatch) {
      if (b.facts.length === 0) return fakes.recordCase(b);
      batches.push(b);
      if (batches.length > 1) return fakes.recordCase(b);
      // The first attempt's write, handed to this one: its facts, its fence time.
      const earlier = b.facts.map((x) => ({ ...x, recordedAt: x.recordedAt - EARLIER_MS }));
      const r = await fakes.recordCase({ ...b, facts: earlier, fenceAtMs: b.fenceAtMs! - EARLIER_MS });
      // Handed over after the task timed out: the write ended more than LATE_WRITE_MS after the task began.
      return { ...r, fenceAtMs: b.fenceAtMs! - EARLIER_MS, late: true as const };
    },
  };
  worker = await startTimeSkippingWorker(env, { taskQueue: 'record-handover', activities });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

it("when a record write answers for an earlier attempt's batch, then the case takes the recorded times of its facts and writes them again", async () => {
  const signedAt = new Date(await env.currentTimeMs()).toISOString();
  const handle = await env.client.workflow.start('dongleWorkflow', {
    taskQueue: 'record-handover',
    workflowId: 'dongle:C-ho',
    args: [{ contractId: 'C-ho', signedAt }],
  });
  await env.sleep(20 * 86_400_000);
  for (let i = 0; i < 100 && batches.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  expect(batches.length).toBeGreaterThanOrEqual(2);
  expect(batches[0]!.facts.map((x) => x.type)).toContain('deadline.missed');
  expect(batches[1]!.fenceAtMs).toBe(batches[0]!.fenceAtMs); // the same task, its own batch again
  const earlier = batches[0]!.facts.map((x) => [x.seq, x.type, x.recordedAt - EARLIER_MS]);
  expect(batches[1]!.facts.map((x) => [x.seq, x.type, x.recordedAt])).toEqual(earlier);
  const stored = [...f.records.get('dongle:C-ho')!.facts.values()].map((x) => [x.seq, x.type, x.recordedAt]);
  expect(stored).toEqual(earlier);
  await handle.terminate('test over');
});
