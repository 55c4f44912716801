// The worker deletes the retired notification sweep schedule at start (src/worker.ts). In the CI
// run of c1f12fc a Temporal server just restored from a backup answered "Failed to delete
// schedule" (a ServiceError, not NotFound) and the worker died before it started; the cluster's
// backup drill failed. The Temporal answer is stood in for here: the real server gives it only
// in that moment after a restore.
import { ScheduleNotFoundError, ServiceError, type Client } from '@temporalio/client';
import { retireNotificationSweep } from '../../src/temporal/system-schedules';

function clientAnswering(answers: (Error | 'ok')[]): { client: Client; calls: () => number } {
  let calls = 0;
  const handle = {
    delete: async () => {
      const a = answers[Math.min(calls++, answers.length - 1)]!;
      if (a !== 'ok') throw a;
    },
  };
  return { client: { schedule: { getHandle: () => handle } } as unknown as Client, calls: () => calls };
}
const fast = { attempts: 3, firstDelayMs: 1 };

it('when the server fails the delete and then answers, then the schedule is deleted on a retry', async () => {
  const c = clientAnswering([new ServiceError('Failed to delete schedule'), 'ok']);
  expect(await retireNotificationSweep(c.client, fast)).toBe('deleted');
  expect(c.calls()).toBe(2);
});

it('when the server keeps failing the delete, then the worker is told why and not thrown at', async () => {
  const c = clientAnswering([new ServiceError('Failed to delete schedule')]);
  expect(await retireNotificationSweep(c.client, fast)).toEqual({ failed: 'Failed to delete schedule' });
  expect(c.calls()).toBe(3);
});

it('when there is no such schedule, then it is absent at once', async () => {
  const c = clientAnswering([new ScheduleNotFoundError('not found', 'weibao:system:notification-sweep')]);
  expect(await retireNotificationSweep(c.client, fast)).toBe('absent');
  expect(c.calls()).toBe(1);
});
