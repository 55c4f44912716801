import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduleNotFoundError, type Client } from '@temporalio/client';

/**
 * Until issue 13 finished, a platform schedule swept undelivered outbox rows every 5 minutes
 * through a `notificationSweepWorkflow`, and the API started one `deliverNotification` workflow
 * per rights event. Both are gone: every notification is an outbox row committed with its fact
 * and delivered by the dispatcher in the worker (src/notify), which retries until delivered or
 * dead. A deployment that ran the old version still has the schedule, whose workflow type no
 * worker registers any more: the worker deletes it at start (idempotent across replicas).
 */
export const RETIRED_NOTIFICATION_SWEEP = 'weibao:system:notification-sweep';

const notFound = (err: unknown) => err instanceof ScheduleNotFoundError || (err as { code?: number }).code === 5;

/**
 * Deletes the retired schedule. Any other error is retried, then reported as 'failed', never
 * thrown: a clean-up must not stop a worker from starting. A Temporal server just restored from a
 * backup answered "Failed to delete schedule" for a schedule it did not have, and the worker died
 * at start (cluster test, CI of c1f12fc); the next start tries again.
 */
export async function retireNotificationSweep(
  client: Client,
  retries = { attempts: 4, firstDelayMs: 1_000 },
): Promise<'deleted' | 'absent' | { failed: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.schedule.getHandle(RETIRED_NOTIFICATION_SWEEP).delete();
      return 'deleted';
    } catch (err) {
      if (notFound(err)) return 'absent';
      if (attempt >= retries.attempts) return { failed: (err as Error).message };
      await sleep(retries.firstDelayMs * 2 ** (attempt - 1));
    }
  }
}
