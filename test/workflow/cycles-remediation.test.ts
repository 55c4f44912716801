// 4.6 on the time-skipping server: high-severity findings of an acknowledged inspection become
// remediation items due recurring.remediationDays (a contract parameter, default 30) after the
// acknowledgement. One resolved on time closes quietly; one past its deadline is flagged,
// breaches the inspection and notifies the hospital, and no penalty is proposed by itself.
import {
  acknowledgeInspection,
  inspectionState,
  inspectionWorkflow,
  resolveRemediation,
  submitInspectionReport,
} from '../../src/workflows/cycles';
import { DAY, nurse, report, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';

let cx: CyclesHarness;
beforeAll(async () => {
  cx = await startCyclesHarness();
});
afterAll(async () => {
  await cx?.stop();
});

const twoHigh = {
  ...report('high'),
  findings: [
    { title: 'TLS 1.0 enabled', severity: 'high' as const },
    { title: 'default admin password', severity: 'high' as const },
  ],
};

test('when the contract sets 10 remediation days, then an item resolved on day 5 is resolved and one left past day 10 is flagged overdue with a notice and no penalty', async () => {
  const contractId = await cx.newContract(await cx.env.currentTimeMs(), { recurring: { remediationDays: 10 } });
  const id = `inspection:${contractId}:1Q1`;
  const h = await cx.env.client.workflow.start(inspectionWorkflow, {
    taskQueue: cx.taskQueue,
    workflowId: id,
    args: [{ contractId, year: 1, quarter: 1 }],
  });
  await h.executeUpdate(submitInspectionReport, { args: [{ ...twoHigh, actor: vendor }] });
  const acked = await h.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
  expect(acked.remediation.map((r) => r.id)).toEqual(['R1', 'R2']);
  const ackMs = Date.parse(acked.acknowledgedAt!);
  const deadlineMs = Date.parse(acked.remediation[0]!.deadline);
  expect(deadlineMs - ackMs).toBeGreaterThan(10 * DAY - DAY); // 24:00 Shanghai of the 10th day after
  expect(deadlineMs - ackMs).toBeLessThanOrEqual(11 * DAY);
  expect(acked.history.at(-1)).toMatchObject({
    event: 'acknowledged',
    detail: { clause: '4.6', reading: expect.stringContaining('10 calendar days') },
  });

  await cx.env.sleep(5 * DAY);
  const evidence = { documentRef: `doc_${'a'.repeat(32)}@1`, sha256: 'b'.repeat(64) };
  const onTime = await h.executeUpdate(resolveRemediation, {
    args: [{ actor: vendor, itemId: 'R1', note: 'TLS 1.0 disabled', evidence }],
  });
  // The evidence (a stored remediation-evidence, checked by the API) stays with the item and its fact (issue 14).
  expect(onTime.remediation[0]).toMatchObject({ status: 'resolved', evidence });
  expect(onTime.history.find((e) => e.event === 'remediation-resolved')?.detail).toMatchObject({ evidence });
  expect(onTime.remediation[1]).not.toHaveProperty('evidence');
  expect(onTime.breached).toBe(false);

  await cx.env.sleep(7 * DAY); // past the deadline of R2
  const late = await cx.until(
    () => h.query(inspectionState),
    (s) => s.remediation[1]?.status === 'overdue',
  );
  expect(late.breached).toBe(true);
  expect(late.history.some((e) => e.event === 'remediation-overdue')).toBe(true);
  const outbox = async (key: string) =>
    (await cx.db.pool.query('SELECT topic, body FROM notifications_outbox WHERE key = $1', [key])).rows;
  const [notice] = await outbox(`${id}:remediation-overdue:R2`);
  expect(notice).toMatchObject({
    topic: 'inspection.remediation-overdue',
    body: { clause: '4.6', penalty: expect.stringContaining('6.5') },
  });
  expect(await outbox(`${id}:remediation-overdue:R1`)).toEqual([]);

  const closed = await h.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId: 'R2' }] });
  expect(closed.remediation[1]).toMatchObject({ status: 'overdue-resolved' });
  expect(await h.result()).toMatchObject({ status: 'closed', breached: true });
  const ledger = await cx.db.pool.query('SELECT 1 FROM ledger_current WHERE contract_id = $1', [contractId]);
  expect(ledger.rowCount).toBe(0);
});

test('when the terms name no remediation days, then the default of 30 applies', async () => {
  const contractId = await cx.newContract(await cx.env.currentTimeMs());
  const h = await cx.env.client.workflow.start(inspectionWorkflow, {
    taskQueue: cx.taskQueue,
    workflowId: `inspection:${contractId}:1Q1`,
    args: [{ contractId, year: 1, quarter: 1 }],
  });
  await h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
  const acked = await h.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
  const days = (Date.parse(acked.remediation[0]!.deadline) - Date.parse(acked.acknowledgedAt!)) / DAY;
  expect(days).toBeGreaterThan(30);
  expect(days).toBeLessThanOrEqual(31);
  await h.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId: 'R1' }] });
  expect(await h.result()).toMatchObject({ status: 'closed', breached: false });
});
