// An Update that failed without the workflow's answer (its workflow task timed out: the worker
// was killed, stopped or too slow) may have written facts through its local record write before
// the task failed; the server then drops the Update, so no retried task has it and nothing
// rewrites those facts (src/workflows/kernel/record.ts). The API, the only one who knows, asks
// the case to write its head again: that write removes what the workflow does not have.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { recordResyncSignal } from '../workflows/kernel/record';
import { HttpError } from './errors';
import type { Logger } from '../logger';

/** Runs an Update; if it failed in a way that may have left a phantom, signals recordResync (best effort) and rethrows. */
export async function withRecordResync<T>(
  temporal: { withDeadline<R>(deadline: number, fn: () => Promise<R>): Promise<R> },
  handle: WorkflowHandle,
  log: Logger,
  update: () => Promise<T>,
): Promise<T> {
  try {
    return await update();
  } catch (e) {
    // Refused by the validator or the handler (4xx), refused by the API before sending, or no such
    // open case: the workflow wrote nothing.
    if (!(e instanceof WorkflowUpdateFailedError || e instanceof HttpError || e instanceof WorkflowNotFoundError)) {
      // Its own deadline: the request's Temporal deadline (outage.ts) may be what just expired.
      void temporal
        .withDeadline(Date.now() + 10_000, () => handle.signal(recordResyncSignal))
        .catch((err: unknown) =>
          log.warn(
            { workflowId: handle.workflowId, reason: (err as Error).message },
            "record resync not sent; the case's next write corrects its record",
          ),
        );
    }
    throw e;
  }
}
