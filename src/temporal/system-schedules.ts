import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { lacksActorHeader, signsSchedules } from '../security/actor-signing';

export const NOTIFICATION_SWEEP_SCHEDULE = 'weibao:system:notification-sweep';

/**
 * Schedules that belong to the platform rather than to one contract. Created by the worker at
 * start; an existing schedule is left as it is (idempotent across restarts and replicas).
 * SKIP overlap: a sweep still running makes the next firing pointless, not urgent.
 */
export async function ensureSystemSchedules(client: Client, taskQueue: string, everyMinutes = 5): Promise<'created' | 'exists'> {
  const create = () => client.schedule.create({
    scheduleId: NOTIFICATION_SWEEP_SCHEDULE,
    spec: { intervals: [{ every: `${everyMinutes} minutes` }] },
    action: { type: 'startWorkflow', workflowType: 'notificationSweepWorkflow', taskQueue, args: [300], workflowExecutionTimeout: '10 minutes' },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
  });
  try {
    await create();
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    // One written before signed actors (issue 12) would start only refused runs: written again, signed.
    const handle = client.schedule.getHandle(NOTIFICATION_SWEEP_SCHEDULE);
    if (signsSchedules(client) && await lacksActorHeader(handle)) { await handle.delete(); await create(); return 'created'; }
    return 'exists';
  }
}
