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

export async function retireNotificationSweep(client: Client): Promise<'deleted' | 'absent'> {
  try {
    await client.schedule.getHandle(RETIRED_NOTIFICATION_SWEEP).delete();
    return 'deleted';
  } catch (err) {
    if (err instanceof ScheduleNotFoundError || (err as { code?: number }).code === 5) return 'absent';
    throw err;
  }
}
