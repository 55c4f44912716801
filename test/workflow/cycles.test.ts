// A whole contract year in seconds on the time-skipping server: inspections on time and late,
// a kept and a missed customer-care quarter, a failed-then-passed acceptance that extends the
// term and releases year 2's payment less the confirmed deductions of year 1.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import { createContract } from '../../src/services/contracts';
import { changeStatus } from '../../src/services/ledger';
import { insertCareLog } from '../../src/db/queries/cycles';
import {
  acceptanceWorkflow, acknowledgeInspection, careLogged, customerCareWorkflow, decideAcceptance, inspectionWorkflow,
  requestInspectionChanges, resolveRemediation, submitAcceptance, submitInspectionReport,
} from '../../src/workflows/cycles';
import { freshDatabase, type TestDb } from '../helpers/db';
import { recordingNotifier } from '../helpers/stack';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';
import attributes from '../../src/temporal/search-attributes.json';

const DAY = 86_400_000;
const vendor = { name: 'eng-li', role: 'vendor-engineer' };
const nurse = { name: 'op-wang', role: 'hospital-operator' };
const approver = { name: 'dir-zhao', role: 'hospital-approver' };
const report = (severity: 'low' | 'high' = 'low') => ({
  inspectionDate: '2025-01-20', engineer: 'eng-li', findings: [{ title: 'TLS 1.0 enabled', severity }], recommendations: ['disable TLS 1.0'],
  documentRef: 'dms://reports/q1.pdf', sha256: 'a'.repeat(64),
});

let env: TestWorkflowEnvironment;
let running: RunningWorker;
let db: TestDb;
const notifier = recordingNotifier();

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  // The Java test server knows no custom search attributes until they are added (it has no List).
  const T = { Keyword: 2, Int: 3, Bool: 5, Datetime: 6 } as Record<string, number>;
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.entries(attributes as Record<string, string>).map(([n, t]) => [n, T[t]])) });
  db = await freshDatabase();
  running = await startTimeSkippingWorker(env, { taskQueue: `tq-${randomUUID()}`, activities: createActivities({ pool: db.pool, log: createLogger('silent'), notifier }) });
});
afterAll(async () => {
  await running?.stop();
  await env?.teardown();
  await db?.drop();
});

// One warmed worker for the file (see startTimeSkippingWorker: the first awaited workflow on the test server misbehaves).
async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  return fn(running.taskQueue);
}

async function newContract(signedAtMs: number) {
  const id = `C-${randomUUID().slice(0, 8)}`;
  await createContract(db.pool, { id, name: 'OA', hospital: 'H', vendor: 'V', signedAt: new Date(signedAtMs).toISOString(), amountFen: '300000000',
    yearlyFees: ['100000000', '100000000', '100000000'], termYears: 3, timeZone: 'Asia/Shanghai' }, 'test', null);
  return id;
}

const ledger = async (contractId: string) => (await db.pool.query(
  `SELECT id, case_id, clause, amount_fen, status FROM ledger_current WHERE contract_id = $1 ORDER BY occurred_at`, [contractId])).rows;

test('when the vendor reports on time with a high finding, then no penalty and the finding becomes a remediation item until resolved', async () => {
  const contractId = await newContract(await env.currentTimeMs());
  await withWorker(async (taskQueue) => {
    const h = await env.client.workflow.start(inspectionWorkflow, { taskQueue, workflowId: `inspection:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
    await expect(h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: nurse }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), sha256: 'nope', actor: vendor }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/sha256/) } });
    let s = await h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
    expect(s).toMatchObject({ status: 'submitted', lateByMs: null, breached: false });
    s = await h.executeUpdate(requestInspectionChanges, { args: [{ actor: nurse, reasons: ['add the database checks'] }] });
    expect(s.status).toBe('changes-requested');
    await h.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
    s = await h.executeUpdate(acknowledgeInspection, { args: [{ actor: approver }] });
    expect(s.remediation).toEqual([expect.objectContaining({ id: 'R1', status: 'open' })]);
    await h.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId: 'R1' }] });
    expect((await h.result()).status).toBe('closed');
  });
  expect(await ledger(contractId)).toEqual([]);
  const row = (await db.pool.query('SELECT status, report FROM inspections WHERE contract_id = $1', [contractId])).rows[0];
  expect(row).toMatchObject({ status: 'closed', report: expect.objectContaining({ sha256: 'a'.repeat(64) }) });
});

test('when no report arrives by the quarter\'s last day, then a 6.2.1 penalty is proposed and notified, and a late report is still recorded', async () => {
  const contractId = await newContract(await env.currentTimeMs());
  await withWorker(async (taskQueue) => {
    const h = await env.client.workflow.start(inspectionWorkflow, { taskQueue, workflowId: `inspection:${contractId}:1Q2`, args: [{ contractId, year: 1, quarter: 2 }] });
    await env.sleep(200 * DAY); // past 1Q2's end (about 6 months after signing)
    const s = await h.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor }] });
    expect(s).toMatchObject({ status: 'submitted', breached: true });
    expect(s.lateByMs).toBeGreaterThan(0);
    await h.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
    await h.result();
  });
  expect(await ledger(contractId)).toEqual([expect.objectContaining({ clause: '6.2.1', amount_fen: '100000', status: 'proposed', case_id: `inspection:${contractId}:1Q2` })]);
  expect(notifier.sent.some((n) => n.key === `inspection:${contractId}:1Q2:report-missing`)).toBe(true);
});

test('when a quarter has a logged visit it is kept, and when the next has none, then it is missed with a 6.2.1 penalty', async () => {
  const signed = await env.currentTimeMs();
  const contractId = await newContract(signed);
  await withWorker(async (taskQueue) => {
    const q1 = await env.client.workflow.start(customerCareWorkflow, { taskQueue, workflowId: `care:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
    const q2 = await env.client.workflow.start(customerCareWorkflow, { taskQueue, workflowId: `care:${contractId}:1Q2`, args: [{ contractId, year: 1, quarter: 2 }] });
    await insertCareLog(db.pool, { contractId, kind: 'visit', occurredAt: new Date(signed + 10 * DAY).toISOString(), channel: 'phone', withWhom: 'IT head', topics: ['network security'], loggedBy: 'eng-li' });
    await q1.signal(careLogged);
    expect(await q1.result()).toMatchObject({ status: 'kept', visits: 1, breached: false });
    expect(await q2.result()).toMatchObject({ status: 'missed', visits: 0, breached: true });
  });
  expect(await ledger(contractId)).toEqual([expect.objectContaining({ clause: '6.2.1', case_id: `care:${contractId}:1Q2` })]);
});

test('when year 1\'s acceptance fails then passes, then the term is extended until the pass and year 2 is paid less the confirmed deductions', async () => {
  const signed = await env.currentTimeMs();
  const contractId = await newContract(signed);
  // Year 1 holds one confirmed 6.2.1 deduction (CNY 1,000) and one still proposed.
  await withWorker(async (taskQueue) => {
    const care = await env.client.workflow.start(customerCareWorkflow, { taskQueue, workflowId: `care:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
    const insp = await env.client.workflow.start(inspectionWorkflow, { taskQueue, workflowId: `inspection:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
    const acc = await env.client.workflow.start(acceptanceWorkflow, { taskQueue, workflowId: `acceptance:${contractId}:1`, args: [{ contractId, year: 1 }] });
    await care.result();
    await env.sleep(10 * DAY);
    const entries = await ledger(contractId);
    expect(entries).toHaveLength(2);
    await changeStatus(db.pool, entries[0].id, 'confirm', 'dir-zhao', null, Date.now());
    await insp.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor }] });
    await insp.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
    await expect(acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/acceptance of year 1 is waiting-year-end/) } });
    expect(await db.pool.query('SELECT 1 FROM payments WHERE contract_id = $1 AND contract_year = 2', [contractId])).toHaveProperty('rowCount', 0);

    await env.sleep(400 * DAY); // past the end of year 1
    let s = await acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
    expect(s.package!.inspections).toEqual([expect.objectContaining({ quarter: 1, status: 'closed' })]);
    expect(s.package!.penalties.confirmedFen).toBe('100000');
    await expect(acc.executeUpdate(decideAcceptance, { args: [{ actor: nurse, outcome: 'pass', hospitalSignatory: 'x', vendorSignatory: 'y' }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    s = await acc.executeUpdate(decideAcceptance, { args: [{ actor: approver, outcome: 'fail', reasons: ['Q2-Q4 reports missing'] }] });
    expect(s.status).toBe('failed');
    const open = await db.pool.query('SELECT until_at FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id', [contractId]);
    expect(open.rows).toEqual([{ until_at: null }]);
    expect(await db.pool.query('SELECT 1 FROM payments WHERE contract_id = $1 AND contract_year = 2', [contractId])).toHaveProperty('rowCount', 0);

    await env.sleep(20 * DAY); // rectification
    await acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
    s = await acc.executeUpdate(decideAcceptance, { args: [{ actor: approver, outcome: 'pass', hospitalSignatory: 'dir-zhao', vendorSignatory: 'pm-chen' }] });
    expect(s).toMatchObject({ status: 'passed', round: 1 });
  });
  const pay = (await db.pool.query('SELECT fee_fen, deductions_fen, amount_fen FROM payments WHERE contract_id = $1 AND contract_year = 2', [contractId])).rows;
  expect(pay).toEqual([{ fee_fen: '100000000', deductions_fen: '100000', amount_fen: '99900000' }]);
  const rec = (await db.pool.query('SELECT copies_hospital, copies_vendor, hospital_sealed, vendor_sealed FROM acceptance_records WHERE contract_id = $1', [contractId])).rows;
  expect(rec).toEqual([{ copies_hospital: 2, copies_vendor: 1, hospital_sealed: true, vendor_sealed: true }]);
  const ext = (await db.pool.query('SELECT until_at FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id', [contractId])).rows;
  expect(ext[1].until_at.getTime()).toBeGreaterThan(signed + 365 * DAY);
});

test('when a year-2 payment is inserted without the pass of year 1, then the database refuses it (clause 10)', async () => {
  const contractId = await newContract(Date.now());
  await expect(db.pool.query(
    `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by)
     VALUES ($1, 2, 100, 0, 100, 'x', now(), 'test')`, [contractId])).rejects.toThrow(/clause 10/);
  await db.pool.query(
    `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by)
     VALUES ($1, 1, 100, 0, 100, 'x', now(), 'test')`, [contractId]);
  await expect(db.pool.query('UPDATE payments SET amount_fen = 50 WHERE contract_id = $1', [contractId])).rejects.toThrow(/immutable/);
});
