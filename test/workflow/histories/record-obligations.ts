// Records the histories of the obligation workflows for the replay test
// (test/workflow/replay-obligations.test.ts). Run after a deliberate, patched() change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-obligations.ts
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { addDays, addMonths, shanghaiDate, startOfShanghaiDay } from '../../../src/domain/time';
import { shippedCalendar } from '../../../src/domain';
import {
  confirmItemDoneUpdate, decideExtensionUpdate, decideStaffChangeUpdate, declareRemovedUpdate, dongleStateQuery, goLiveStateQuery, obligationContractEndedSignal,
  recordGoLiveUpdate, rectificationStateQuery, reportItemDoneUpdate, requestExtensionUpdate, reviewItemsUpdate, staffChangeStateQuery, submitPlanUpdate, verifyRemovalUpdate,
} from '../../../src/workflows/obligations';
import { saveFinished } from '../../helpers/replay';
import { approver, HOUR, operator, sleepUntil, startHarness, vendor, type Harness } from '../obligations-harness';

async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) { const v = await read(); if (ok(v)) return v; await new Promise((r) => setTimeout(r, 50)); }
  throw new Error('condition not met');
}

const save = (name: string, handle: WorkflowHandle) => saveFinished(path.join(__dirname, `obligations-${name}.json`), handle);

async function rectificationLateItem(h: Harness): Promise<void> {
  const now = await h.env.currentTimeMs();
  const handle = await h.env.client.workflow.start('rectificationWorkflow', { taskQueue: h.taskQueue, workflowId: 'rectification:C-rec', args: [{ contractId: 'C-rec', signedAt: new Date(now).toISOString() }] });
  await poll(() => handle.query(rectificationStateQuery), (s) => s.planDeadline.lastDay !== '');
  const due = addDays(shanghaiDate(now), 4);
  await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: vendor, systemCheck: 'full check', problems: ['slow indexes'], items: [
    { itemId: 'idx', description: 'rebuild slow indexes', dueDate: due }, { itemId: 'tenant', description: 'single tenant', exemption: { explanation: 'the architecture is single-tenant' } }] }] });
  await handle.executeUpdate(reviewItemsUpdate, { args: [{ actor: approver, decisions: [{ itemId: 'idx', accepted: true }, { itemId: 'tenant', accepted: true }] }] });
  await sleepUntil(h.env, startOfShanghaiDay(addDays(due, 5)) + HOUR); // 5 days late
  await handle.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, itemId: 'idx' }] });
  await handle.executeUpdate(confirmItemDoneUpdate, { args: [{ actor: operator, itemId: 'idx', confirmed: true }] });
  await save('rectification-late-item', handle);
}

async function goLiveExtensionAccrual(h: Harness): Promise<void> {
  const now = await h.env.currentTimeMs();
  const goLive = addDays(shanghaiDate(now), 5);
  const handle = await h.env.client.workflow.start('goLiveWorkflow', { taskQueue: h.taskQueue, workflowId: 'golive:C-gl', args: [{ contractId: 'C-gl', signedAt: new Date(now).toISOString(), goLiveDate: goLive }] });
  await poll(() => handle.query(goLiveStateQuery), (s) => s.latestExtension !== '');
  const newDate = addMonths(goLive, 1);
  await handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: vendor, newDate, reason: 'HR interface migration' }] });
  await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: approver, approved: true, note: 'approved in writing' }] });
  await sleepUntil(h.env, startOfShanghaiDay(addDays(newDate, 15)) + HOUR); // two periods charged
  await poll(() => handle.query(goLiveStateQuery), (s) => s.periodsCharged === 2);
  await handle.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator }] });
  await save('golive-extension-accrual', handle);
}

async function dongleVerified(h: Harness): Promise<void> {
  const now = await h.env.currentTimeMs();
  const handle = await h.env.client.workflow.start('dongleWorkflow', { taskQueue: h.taskQueue, workflowId: 'dongle:C-dg', args: [{ contractId: 'C-dg', signedAt: new Date(now).toISOString() }] });
  await poll(() => handle.query(dongleStateQuery), (s) => s.deadline.lastDay !== '');
  await handle.executeUpdate(declareRemovedUpdate, { args: [{ actor: vendor, removed: [{ kind: 'licence-code', description: 'engine licence key' }], statement: 'every dongle, time lock and licence code removed' }] });
  await handle.executeUpdate(verifyRemovalUpdate, { args: [{ actor: operator, accepted: true }] });
  await h.env.sleep(20 * 24 * HOUR);
  await handle.signal(obligationContractEndedSignal, { endedAt: new Date(await h.env.currentTimeMs()).toISOString(), reason: 'term over' }); // the workflow stays open for the term
  await save('dongle-verified', handle);
}

async function staffChangeApproved(h: Harness): Promise<void> {
  const now = await h.env.currentTimeMs();
  const cal = shippedCalendar();
  let effectiveDate = addDays(shanghaiDate(now), 1);
  while (cal.hasWorkingDaysNotice(now, effectiveDate, 7).workingDays < 8) effectiveDate = addDays(effectiveDate, 1);
  const handle = await h.env.client.workflow.start('staffChangeWorkflow', { taskQueue: h.taskQueue, workflowId: 'staff-change:C-st:r1', args: [{
    contractId: 'C-st', requestId: 'r1', kind: 'requested', requestedAt: new Date(now).toISOString(), requestedBy: vendor.name, effectiveDate,
    remove: ['wang'], add: [{ engineerId: 'zhang', name: 'Zhang San', qualification: 'OA certified', yearsOnProduct: 3, fixed: true }], reason: 'Wang moves' }] });
  await poll(() => handle.query(staffChangeStateQuery), (s) => s.notice.required > 0);
  await handle.executeUpdate(decideStaffChangeUpdate, { args: [{ actor: approver, approved: true, note: 'approved in writing' }] });
  await sleepUntil(h.env, startOfShanghaiDay(effectiveDate) + HOUR);
  await save('staff-change-approved', handle);
}

async function main() {
  const h = await startHarness('record');
  try {
    await rectificationLateItem(h);
    await goLiveExtensionAccrual(h);
    await dongleVerified(h);
    await staffChangeApproved(h);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
