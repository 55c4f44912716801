import { ensureSystemSchedules, NOTIFICATION_SWEEP_SCHEDULE } from '../../src/temporal/system-schedules';
import { startStack, eventually, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => {
  await stack.client.schedule.getHandle(NOTIFICATION_SWEEP_SCHEDULE).delete().catch(() => undefined);
  await stack.stop();
});

it('when a rights-event notification was never delivered, then the system schedule delivers it once', async () => {
  // An outbox row as the API leaves it when Temporal was unreachable right after its commit.
  await stack.db.pool.query(
    `INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, created_at)
     VALUES ('C-1:threshold-20', 'rights-event', 'C-1', 'deductions reached 20% (6.3)', '{"clause":"6.3"}', now() - interval '10 minutes')`);
  expect(await ensureSystemSchedules(stack.client, stack.taskQueue)).toBe('created');
  expect(await ensureSystemSchedules(stack.client, stack.taskQueue)).toBe('exists');
  const described = await stack.client.schedule.getHandle(NOTIFICATION_SWEEP_SCHEDULE).describe();
  expect(described.spec.intervals?.[0]?.every).toBe(5 * 60_000);

  await stack.client.schedule.getHandle(NOTIFICATION_SWEEP_SCHEDULE).trigger();
  const row = await eventually(async () => {
    const r = await stack.db.pool.query(`SELECT delivered_at FROM notifications_outbox WHERE key = 'C-1:threshold-20'`);
    return r.rows[0]?.delivered_at && r.rows[0];
  }, 20_000);
  expect(row.delivered_at).toBeTruthy();
  expect(stack.notifier.sent.filter((n) => n.key === 'C-1:threshold-20')).toHaveLength(1);
});
