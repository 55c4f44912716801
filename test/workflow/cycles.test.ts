// A whole contract year in seconds on the time-skipping server: inspections on time and late,
// a kept and a missed customer-care quarter, a failed-then-passed acceptance that extends the
// term and releases year 2's payment less the confirmed deductions of year 1.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { changeStatus } from '../../src/services/ledger-status';
import { insertCareLog } from '../../src/db/queries/cycles';
import {
  acceptanceWorkflow,
  acknowledgeInspection,
  careLogged,
  customerCareWorkflow,
  decideAcceptance,
  inspectionWorkflow,
  requestInspectionChanges,
  resolveRemediation,
  submitAcceptance,
  submitInspectionReport,
} from '../../src/workflows/cycles';
import { approver, DAY, nurse, report, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';

let cx: CyclesHarness;
beforeAll(async () => {
  cx = await startCyclesHarness();
});
afterAll(async () => {
  await cx?.stop();
});

// One warmed worker for the file (see startTimeSkippingWorker: the first awaited workflow on the test server misbehaves).
async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  return fn(cx.taskQueue);
}
const newContract = (signedAtMs: number) => cx.newContract(signedAtMs);

const ledger = async (contractId: string) =>
  (
    await cx.db.pool.query(
      `SELECT id, case_id, clause, amount_fen, status FROM ledger_current WHERE contract_id = $1 ORDER BY occurred_at`,
      [contractId],
    )
  ).rows;

test('when the vendor reports on time with a high finding, then no penalty and the finding becomes a remediation item until resolved', async () => {
  const contractId = await newContract(await cx.env.currentTimeMs());
  await withWorker(async (taskQueue) => {
    const h = await cx.env.client.workflow.start(inspectionWorkflow, {
      taskQueue,
      workflowId: `inspection:${contractId}:1Q1`,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    await expect(
      h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: nurse }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(
      h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), sha256: 'nope', actor: vendor }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/sha256/) } });
    let s = await h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
    expect(s).toMatchObject({ status: 'submitted', lateByMs: null, breached: false });
    s = await h.executeUpdate(requestInspectionChanges, {
      args: [{ actor: nurse, reasons: ['add the database checks'] }],
    });
    expect(s.status).toBe('changes-requested');
    await h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
    s = await h.executeUpdate(acknowledgeInspection, { args: [{ actor: approver }] });
    expect(s.remediation).toEqual([expect.objectContaining({ id: 'R1', status: 'open' })]);
    await h.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId: 'R1' }] });
    expect((await h.result()).status).toBe('closed');
  });
  expect(await ledger(contractId)).toEqual([]);
  const row = (await cx.db.pool.query('SELECT status, report FROM inspections WHERE contract_id = $1', [contractId]))
    .rows[0];
  expect(row).toMatchObject({ status: 'closed', report: expect.objectContaining({ sha256: 'a'.repeat(64) }) });
});

test("when no report arrives by the quarter's last day, then a 6.2.1 penalty is proposed and notified, and a late report is still recorded", async () => {
  const contractId = await newContract(await cx.env.currentTimeMs());
  await withWorker(async (taskQueue) => {
    const h = await cx.env.client.workflow.start(inspectionWorkflow, {
      taskQueue,
      workflowId: `inspection:${contractId}:1Q2`,
      args: [{ contractId, year: 1, quarter: 2 }],
    });
    await cx.env.sleep(200 * DAY); // past 1Q2's end (about 6 months after signing)
    const s = await h.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor }] });
    expect(s).toMatchObject({ status: 'submitted', breached: true });
    expect(s.lateByMs).toBeGreaterThan(0);
    await h.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
    await h.result();
  });
  expect(await ledger(contractId)).toEqual([
    expect.objectContaining({
      clause: '6.2.1',
      amount_fen: '100000',
      status: 'proposed',
      case_id: `inspection:${contractId}:1Q2`,
    }),
  ]);
  // Notified through the outbox row committed with the record (the dispatcher delivers it).
  expect(
    (
      await cx.db.pool.query('SELECT topic FROM notifications_outbox WHERE key = $1', [
        `inspection:${contractId}:1Q2:report-missing`,
      ])
    ).rows,
  ).toEqual([{ topic: 'inspection.overdue' }]);
});

test('when a quarter has a logged visit it is kept, and when the next has none, then it is missed with a 6.2.1 penalty', async () => {
  const signed = await cx.env.currentTimeMs();
  const contractId = await newContract(signed);
  await withWorker(async (taskQueue) => {
    const q1 = await cx.env.client.workflow.start(customerCareWorkflow, {
      taskQueue,
      workflowId: `care:${contractId}:1Q1`,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    const q2 = await cx.env.client.workflow.start(customerCareWorkflow, {
      taskQueue,
      workflowId: `care:${contractId}:1Q2`,
      args: [{ contractId, year: 1, quarter: 2 }],
    });
    await insertCareLog(cx.db.pool, {
      contractId,
      kind: 'visit',
      occurredAt: new Date(signed + 10 * DAY).toISOString(),
      channel: 'phone',
      withWhom: 'IT head',
      topics: ['network security'],
      loggedBy: 'eng-li',
    });
    await q1.signal(careLogged);
    expect(await q1.result()).toMatchObject({ status: 'kept', visits: 1, breached: false });
    expect(await q2.result()).toMatchObject({ status: 'missed', visits: 0, breached: true });
  });
  expect(await ledger(contractId)).toEqual([
    expect.objectContaining({ clause: '6.2.1', case_id: `care:${contractId}:1Q2` }),
  ]);
});

test("when year 1's acceptance fails then passes, then the term is extended until the pass and year 2 is paid less the confirmed deductions", async () => {
  const signed = await cx.env.currentTimeMs();
  const contractId = await newContract(signed);
  // Year 1 holds one confirmed 6.2.1 deduction (CNY 1,000) and one still proposed.
  await withWorker(async (taskQueue) => {
    const care = await cx.env.client.workflow.start(customerCareWorkflow, {
      taskQueue,
      workflowId: `care:${contractId}:1Q1`,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    const insp = await cx.env.client.workflow.start(inspectionWorkflow, {
      taskQueue,
      workflowId: `inspection:${contractId}:1Q1`,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    const acc = await cx.env.client.workflow.start(acceptanceWorkflow, {
      taskQueue,
      workflowId: `acceptance:${contractId}:1`,
      args: [{ contractId, year: 1 }],
    });
    await care.result();
    await cx.env.sleep(10 * DAY);
    const entries = await ledger(contractId);
    expect(entries).toHaveLength(2);
    await changeStatus(cx.db.pool, entries[0].id, 'confirm', 'dir-zhao', null, Date.now());
    await insp.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor }] });
    await insp.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
    await expect(acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] })).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/acceptance of year 1 is waiting-year-end/) },
    });
    expect(
      await cx.db.pool.query('SELECT 1 FROM payments WHERE contract_id = $1 AND contract_year = 2', [contractId]),
    ).toHaveProperty('rowCount', 0);

    await cx.env.sleep(400 * DAY); // past the end of year 1
    let s = await acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
    expect(s.package!.inspections).toEqual([expect.objectContaining({ quarter: 1, status: 'closed' })]);
    expect(s.package!.penalties.confirmedFen).toBe('100000');
    await expect(
      acc.executeUpdate(decideAcceptance, {
        args: [{ actor: nurse, outcome: 'pass', hospitalSignatory: 'x', vendorSignatory: 'y' }],
      }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    s = await acc.executeUpdate(decideAcceptance, {
      args: [{ actor: approver, outcome: 'fail', reasons: ['Q2-Q4 reports missing'] }],
    });
    expect(s.status).toBe('failed');
    const open = await cx.db.pool.query(
      'SELECT until_at FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id',
      [contractId],
    );
    expect(open.rows).toEqual([{ until_at: null }]);
    expect(
      await cx.db.pool.query('SELECT 1 FROM payments WHERE contract_id = $1 AND contract_year = 2', [contractId]),
    ).toHaveProperty('rowCount', 0);

    await cx.env.sleep(20 * DAY); // rectification
    await acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
    s = await acc.executeUpdate(decideAcceptance, {
      args: [{ actor: approver, outcome: 'pass', hospitalSignatory: 'dir-zhao', vendorSignatory: 'pm-chen' }],
    });
    expect(s).toMatchObject({ status: 'passed', round: 1 });
  });
  const pay = (
    await cx.db.pool.query(
      'SELECT fee_fen, deductions_fen, amount_fen FROM payments WHERE contract_id = $1 AND contract_year = 2',
      [contractId],
    )
  ).rows;
  expect(pay).toEqual([{ fee_fen: '100000000', deductions_fen: '100000', amount_fen: '99900000' }]);
  const rec = (
    await cx.db.pool.query(
      'SELECT copies_hospital, copies_vendor, hospital_sealed, vendor_sealed FROM acceptance_records WHERE contract_id = $1',
      [contractId],
    )
  ).rows;
  expect(rec).toEqual([{ copies_hospital: 2, copies_vendor: 1, hospital_sealed: true, vendor_sealed: true }]);
  const ext = (
    await cx.db.pool.query('SELECT until_at FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id', [
      contractId,
    ])
  ).rows;
  expect(ext[1].until_at.getTime()).toBeGreaterThan(signed + 365 * DAY);
});

test('when a year-2 payment is inserted without the pass of year 1, then the database refuses it (clause 10)', async () => {
  const contractId = await newContract(Date.now());
  await expect(
    cx.db.pool.query(
      `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by)
     VALUES ($1, 2, 100, 0, 100, 'x', now(), 'test')`,
      [contractId],
    ),
  ).rejects.toThrow(/clause 10/);
  await cx.db.pool.query(
    `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by)
     VALUES ($1, 1, 100, 0, 100, 'x', now(), 'test')`,
    [contractId],
  );
  await expect(
    cx.db.pool.query('UPDATE payments SET amount_fen = 50 WHERE contract_id = $1', [contractId]),
  ).rejects.toThrow(/immutable/);
});
