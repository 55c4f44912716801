// The worker's workflows plus the benchmark's baseline timer (bench-only code stays out of src/).
import { sleep } from '@temporalio/workflow';

export * from '../src/workflows';

/** Raw durable-timer baseline: sleeps until dueMs and returns how late it woke (workflow time). */
export async function timerProbeWorkflow(dueMs: number): Promise<number> {
  await sleep(Math.max(1, dueMs - Date.now()));
  return Date.now() - dueMs;
}
