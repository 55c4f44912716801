import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const NOTIFICATION_SWEEP_SCHEDULE = 'weibao:system:notification-sweep';

/**
 * Schedules that belong to the platform rather than to one contract. Created by the worker at
 * start; an existing schedule is left as it is (idempotent across restarts and replicas).
 * SKIP overlap: a sweep still running makes the next firing pointless, not urgent.
 */
export async function ensureSystemSchedules(client: Client, taskQueue: string, everyMinutes = 5): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: NOTIFICATION_SWEEP_SCHEDULE,
      spec: { intervals: [{ every: `${everyMinutes} minutes` }] },
      action: { type: 'startWorkflow', workflowType: 'notificationSweepWorkflow', taskQueue, args: [300], workflowExecutionTimeout: '10 minutes' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
