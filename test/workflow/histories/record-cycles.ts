// Records the histories of the cycle workflows for the replay test
// (test/workflow/replay-cycles.test.ts). Run after a deliberate, patched() change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER WEIBAO_TEST_PG_URL=<postgres url> npx tsx test/workflow/histories/record-cycles.ts
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { addYearsMs } from '../../../src/domain/contract-year';
import { insertCareLog } from '../../../src/db/queries/cycles';
import {
  acceptanceState, acceptanceWorkflow, acknowledgeInspection, careLogged, customerCareWorkflow, decideAcceptance, inspectionState, inspectionWorkflow,
  requestInspectionChanges, resolveRemediation, submitAcceptance, submitInspectionReport,
} from '../../../src/workflows/cycles';
import { contestTimeUpdate, decideContestUpdate } from '../../../src/workflows/kernel/case-messages';
import { saveFinished } from '../../helpers/replay';
import { approver, DAY, nurse, report, startCyclesHarness, vendor, type CyclesHarness } from '../cycles-harness';

const HOUR = 3_600_000;
const save = (name: string, handle: WorkflowHandle) => saveFinished(path.join(__dirname, `cycles-${name}.json`), handle);

/** On time, sent back for changes, resubmitted, acknowledged with a high finding remediated in time. */
async function inspection(h: CyclesHarness): Promise<void> {
  const contractId = await h.newContract(await h.env.currentTimeMs());
  const handle = await h.env.client.workflow.start(inspectionWorkflow, { taskQueue: h.taskQueue, workflowId: `inspection:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
  await h.until(() => handle.query(inspectionState), (s) => s.dueAt !== '');
  await handle.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
  await handle.executeUpdate(requestInspectionChanges, { args: [{ actor: nurse, reasons: ['add the database checks'] }] });
  await handle.executeUpdate(submitInspectionReport, { args: [{ ...report('high'), actor: vendor }] });
  await handle.executeUpdate(acknowledgeInspection, { args: [{ actor: approver }] });
  await handle.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId: 'R1', note: 'TLS 1.0 disabled' }] });
  await save('inspection-full', handle);
}

/**
 * Issue 10: the report typed in two hours after the due time states a time an hour before it (its
 * 6.2.1 proposal withdrawn); the hospital contests that time, the approver decides for the
 * hospital (the breach stands again), and the report is acknowledged.
 */
async function inspectionContested(h: CyclesHarness): Promise<void> {
  const contractId = await h.newContract(await h.env.currentTimeMs());
  const workflowId = `inspection:${contractId}:1Q1`;
  const handle = await h.env.client.workflow.start(inspectionWorkflow, { taskQueue: h.taskQueue, workflowId, args: [{ contractId, year: 1, quarter: 1 }] });
  const dueMs = Date.parse((await h.until(() => handle.query(inspectionState), (s) => s.dueAt !== '')).dueAt);
  await h.env.sleep(dueMs + 2 * HOUR - (await h.env.currentTimeMs()));
  const ledger = async () => (await h.db.pool.query('SELECT status FROM ledger_current WHERE case_id = $1', [workflowId])).rows;
  await h.until(ledger, (rows) => rows.length === 1);
  const s = await handle.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor, occurredAtMs: dueMs - HOUR }] });
  const factSeq = s.stated[0]!.factSeq;
  await handle.executeUpdate(contestTimeUpdate, { args: [{ actor: nurse, factSeq, reason: 'the report reached us today' }] });
  await handle.executeUpdate(decideContestUpdate, { args: [{ actor: approver, factSeq, decision: 'contested', reason: 'per the mail log' }] });
  await h.until(() => handle.query(inspectionState), (x) => x.stated[0]!.decision !== undefined);
  await handle.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
  await save('inspection-contested', handle);
}

/** Two visits required, one logged (and signalled): the period is missed with a 6.2.1 penalty. */
async function care(h: CyclesHarness): Promise<void> {
  const signed = await h.env.currentTimeMs();
  const contractId = await h.newContract(signed, { recurring: { customerCareVisitsPerQuarter: 2 } });
  const handle = await h.env.client.workflow.start(customerCareWorkflow, { taskQueue: h.taskQueue, workflowId: `care:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1 }] });
  await insertCareLog(h.db.pool, { contractId, kind: 'visit', occurredAt: new Date(signed + 10 * DAY).toISOString(), channel: 'phone', withWhom: 'IT head', topics: ['network security'], loggedBy: 'eng-li' });
  await handle.signal(careLogged);
  await save('care-missed', handle);
}

/** Year 1 ended two days ago: submitted, failed with reasons, resubmitted, passed (payment of year 2). */
async function acceptance(h: CyclesHarness): Promise<void> {
  const now = await h.env.currentTimeMs();
  const contractId = await h.newContract(addYearsMs(now - 2 * DAY, -1));
  const handle = await h.env.client.workflow.start(acceptanceWorkflow, { taskQueue: h.taskQueue, workflowId: `acceptance:${contractId}:1`, args: [{ contractId, year: 1 }] });
  await h.until(() => handle.query(acceptanceState), (s) => s.status === 'awaiting-submission');
  await handle.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
  await handle.executeUpdate(decideAcceptance, { args: [{ actor: approver, outcome: 'fail', reasons: ['Q3 report incomplete'] }] });
  await handle.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
  await handle.executeUpdate(decideAcceptance, { args: [{ actor: approver, outcome: 'pass', hospitalSignatory: 'dir-zhao', vendorSignatory: 'pm-chen' }] });
  await save('acceptance-fail-then-pass', handle);
}

async function main(): Promise<void> {
  const h = await startCyclesHarness();
  try {
    await inspection(h);
    await inspectionContested(h);
    await care(h);
    await acceptance(h);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
