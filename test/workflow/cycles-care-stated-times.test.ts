// Issue 10 items 2 and 3 for customer care (4.1) and the yearly acceptance (3, 8): a care log
// typed in after the quarter's due time but stated within the quarter supersedes the miss (the
// 6.2.1 proposal withdrawn); the hospital contests its time and the approver decides, both
// ways, and the quarter is judged again on the decided time. The acceptance's windows are the
// contract's own terms (statedTimes.backdateHours.acceptanceSubmission), not the defaults.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { insertCareLog } from '../../src/db/queries/cycles';
import { contestTimeUpdate, decideContestUpdate } from '../../src/workflows/kernel/case-messages';
import {
  acceptanceState,
  acceptanceWorkflow,
  careLogged,
  careState,
  customerCareWorkflow,
  submitAcceptance,
} from '../../src/workflows/cycles';
import { approver, DAY, nurse, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';

let cx: CyclesHarness;
beforeAll(async () => {
  cx = await startCyclesHarness();
});
afterAll(async () => {
  await cx?.stop();
});
const HOUR = 3_600_000;
const ledger = async (caseId: string) =>
  (await cx.db.pool.query('SELECT key, status FROM ledger_current WHERE case_id = $1 ORDER BY key', [caseId])).rows;
const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
  return (((e as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0] as { code: string }).code;
};

test.each([
  ['stated', 'kept', ['withdrawn']],
  ['contested', 'missed', ['proposed', 'withdrawn']],
] as const)(
  'when a visit stated within the quarter is logged after its due time, then the miss is superseded; its time contested and decided %s, the quarter is %s',
  async (decision, status, statuses) => {
    const contractId = await cx.newContract(await cx.env.currentTimeMs());
    const wf = `care:${contractId}:1Q1`;
    const h = await cx.env.client.workflow.start(customerCareWorkflow, {
      taskQueue: cx.taskQueue,
      workflowId: wf,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    // The query handler exists once the quarter has located itself on the contract's calendar.
    const first = await cx.until(
      () => h.query(careState).catch(() => undefined),
      (s) => s !== undefined && s.dueAt !== '',
    );
    const dueMs = Date.parse(first!.dueAt);
    await cx.env.sleep(dueMs + 2 * HOUR - (await cx.env.currentTimeMs()));
    expect(
      (
        await cx.until(
          () => ledger(wf),
          (rows) => rows.length === 1,
        )
      )[0].status,
    ).toBe('proposed');
    expect((await h.query(careState)).status).toBe('missed');

    // The API took the log with the vendor's stated time (care-rules.ts marks it) and signalled the quarter.
    await insertCareLog(cx.db.pool, {
      contractId,
      kind: 'visit',
      occurredAt: new Date(dueMs - HOUR).toISOString(),
      channel: 'phone',
      withWhom: 'IT head',
      topics: ['network security'],
      loggedBy: vendor.name,
      statedBy: 'vendor',
    });
    await h.signal(careLogged);
    const kept = await cx.until(
      () => h.query(careState),
      (s) => s.status === 'kept',
    );
    expect(kept).toMatchObject({
      visits: 1,
      breached: false,
      stated: [expect.objectContaining({ statedBy: 'vendor' })],
    });
    expect(
      (
        await cx.until(
          () => ledger(wf),
          (rows) => rows[0]?.status === 'withdrawn',
        )
      ).length,
    ).toBe(1);
    const notice = await cx.db.pool.query(
      "SELECT recipients FROM notifications_outbox WHERE topic = 'care.stated-time' AND key LIKE $1",
      [`${wf}:%`],
    );
    expect(notice.rows).toEqual([{ recipients: 'hospital' }]);

    const factSeq = kept.stated[0]!.factSeq;
    expect(
      await codeOf(h.executeUpdate(contestTimeUpdate, { args: [{ actor: vendor, factSeq, reason: 'own' }] })),
    ).toBe('CONTEST_OWN_STATEMENT');
    await h.executeUpdate(contestTimeUpdate, { args: [{ actor: nurse, factSeq, reason: 'nobody called us' }] });
    await h.executeUpdate(decideContestUpdate, { args: [{ actor: approver, factSeq, decision, reason: 'call log' }] });
    // The decision is an update; the quarter is judged again on the loop's next pass (after it
    // re-reads the logs), so the verdict is awaited, not read at once.
    const after = await cx.until(
      () => h.query(careState),
      (s) => s.stated[0]?.decision !== undefined && s.status === status,
    );
    expect(after).toMatchObject({ status, breached: status === 'missed', visits: status === 'kept' ? 1 : 0 });
    await cx.until(
      () => ledger(wf),
      (rows) => rows.length === statuses.length,
    );
    expect((await ledger(wf)).map((r) => r.status).sort()).toEqual([...statuses].sort());
    // The record holds the verdict and the decided stated time without asking Temporal.
    const row = await cx.until(
      async () =>
        (await cx.db.pool.query('SELECT status, breached, stated FROM care_periods WHERE workflow_id = $1', [wf]))
          .rows[0],
      (r) => r?.stated[0]?.decision !== undefined,
    );
    expect(row).toMatchObject({ status, breached: status === 'missed' });
    expect(row.stated[0]).toMatchObject({ decision: { outcome: decision } });
    // It closes once no visit stated within the quarter can still be logged (7 days) and nothing is contestable.
    await cx.env.sleep(8 * DAY);
    expect((await h.result()).status).toBe(status);
  },
);

test("when the contract allows 48 h for an acceptance submission, then one stated 30 h back is taken (the defaults' 24 h would refuse it)", async () => {
  const contractId = await cx.newContract(await cx.env.currentTimeMs(), {
    statedTimes: { backdateHours: { default: 24, acceptanceSubmission: 48 } },
  });
  const h = await cx.env.client.workflow.start(acceptanceWorkflow, {
    taskQueue: cx.taskQueue,
    workflowId: `acceptance:${contractId}:1`,
    args: [{ contractId, year: 1 }],
  });
  // 369 days: a contract year holds at most 366, so 49 h back is still after the year's end
  // (before it would be BEFORE_OBLIGATION, whatever year the test server's clock is in).
  await cx.env.sleep(369 * DAY);
  await cx.until(
    () => h.query(acceptanceState),
    (s) => s.status === 'awaiting-submission',
  );
  const now = await cx.env.currentTimeMs();
  expect(
    await codeOf(h.executeUpdate(submitAcceptance, { args: [{ actor: vendor, occurredAtMs: now - 49 * HOUR }] })),
  ).toBe('BACKDATE_WINDOW');
  const s = await h.executeUpdate(submitAcceptance, { args: [{ actor: vendor, occurredAtMs: now - 30 * HOUR }] });
  expect(s.submittedAt).toBe(new Date(now - 30 * HOUR).toISOString());
  await h.terminate('test done');
});
