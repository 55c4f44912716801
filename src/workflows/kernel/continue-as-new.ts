// Continue-as-new for long-running cases: a case carries its whole state into the next run
// once the server suggests it or the history passes a cap, but only when no handler is
// running and every record write has finished (nothing may be lost between runs).
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';

/** Continue as new past this many events even if the server does not suggest it yet. */
export const HISTORY_CAP = 5_000;

export function historyIsLong(maxEvents = HISTORY_CAP): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > maxEvents;
}

/** Waits for running handlers and queued writes; true when the case may continue as new now. */
export async function readyToContinue(idle: () => Promise<unknown>, allWritten: () => boolean): Promise<boolean> {
  await condition(allHandlersFinished);
  await idle();
  return allWritten();
}
