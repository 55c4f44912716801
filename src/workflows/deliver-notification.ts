import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { notify, markNotificationDelivered } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

type Notification = Parameters<Activities['notify']>[0];

/**
 * Delivers one outbox notification written by the API (rights events of 6.3/6.4/6.5): the
 * API has no notifier, so it starts this workflow with id `notification:<key>` after commit.
 * Retries until the channel accepts it, then stamps the outbox row.
 */
export async function deliverNotification(n: Notification): Promise<void> {
  await notify(n);
  await markNotificationDelivered({ key: n.key });
}

const { deliverPendingNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 3 },
});

/**
 * Started every few minutes by the system schedule (src/temporal/system-schedules.ts): delivers
 * outbox rows that no deliverNotification workflow delivered (e.g. Temporal was unreachable
 * when the API committed a rights event), so no notification to the hospital is lost.
 */
export async function notificationSweepWorkflow(olderThanSeconds = 300): Promise<number> {
  return deliverPendingNotifications({ olderThanSeconds, limit: 500 });
}
