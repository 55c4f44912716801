// Issue 10 items 2 and 3 for the cycles: the inspection report and the acceptance submission
// may state when they happened, within their kind's back-dating window (default 24 h); the other
// party contests, the hospital's approver decides, and the report's lateness (4.3, 6.2.1) is
// judged again on the decided time, both ways, in the ledger and the PostgreSQL record.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { contestTimeUpdate, decideContestUpdate } from '../../src/workflows/kernel/case-messages';
import {
  acceptanceState,
  acceptanceWorkflow,
  acknowledgeInspection,
  inspectionState,
  inspectionWorkflow,
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
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ledger = async (caseId: string) =>
  (await cx.db.pool.query('SELECT key, status FROM ledger_current WHERE case_id = $1 ORDER BY key', [caseId])).rows;
async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((e as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0]
    ? (((e as WorkflowUpdateFailedError).cause as ApplicationFailure).details![0] as { code: string }).code
    : undefined;
}

test.each([
  ['stated', ['withdrawn']],
  ['contested', ['proposed', 'withdrawn']],
] as const)(
  'when a report typed in after the due date states a time before it, then the 6.2.1 proposal is withdrawn; decided %s, the ledger holds %j',
  async (decision, statuses) => {
    const contractId = await cx.newContract(await cx.env.currentTimeMs());
    const wf = `inspection:${contractId}:1Q1`;
    const h = await cx.env.client.workflow.start(inspectionWorkflow, {
      taskQueue: cx.taskQueue,
      workflowId: wf,
      args: [{ contractId, year: 1, quarter: 1 }],
    });
    const dueMs = Date.parse(
      (
        await cx.until(
          () => h.query(inspectionState),
          (s) => s.dueAt !== '',
        )
      ).dueAt,
    );
    await cx.env.sleep(dueMs + 2 * HOUR - (await cx.env.currentTimeMs()));
    await cx.until(
      () => ledger(wf),
      (rows) => rows.length === 1,
    );
    const now = await cx.env.currentTimeMs();
    expect(
      await codeOf(
        h.executeUpdate(submitInspectionReport, {
          args: [{ ...report(), actor: vendor, occurredAtMs: now - 25 * HOUR }],
        }),
      ),
    ).toBe('BACKDATE_WINDOW');
    const s = await h.executeUpdate(submitInspectionReport, {
      args: [{ ...report(), actor: vendor, occurredAtMs: dueMs - HOUR }],
    });
    expect(s).toMatchObject({
      lateByMs: null,
      breached: false,
      submittedAt: iso(dueMs - HOUR),
      stated: [expect.objectContaining({ statedBy: 'vendor', type: 'report-submitted' })],
    });
    await cx.until(
      () => ledger(wf),
      (rows) => rows[0]?.status === 'withdrawn',
    );
    const factSeq = s.stated[0]!.factSeq;
    expect(
      await codeOf(h.executeUpdate(contestTimeUpdate, { args: [{ actor: vendor, factSeq, reason: 'own' }] })),
    ).toBe('CONTEST_OWN_STATEMENT');
    await h.executeUpdate(contestTimeUpdate, {
      args: [{ actor: nurse, factSeq, reason: 'the report reached us today' }],
    });
    await h.executeUpdate(decideContestUpdate, {
      args: [{ actor: approver, factSeq, decision, reason: 'per the mail log' }],
    });
    const after = await cx.until(
      () => h.query(inspectionState),
      (x) => x.stated[0]!.decision !== undefined,
    );
    expect(after.breached).toBe(decision === 'contested');
    expect(after.lateByMs === null).toBe(decision === 'stated');
    await cx.until(
      () => ledger(wf),
      (rows) => rows.length === statuses.length,
    );
    expect((await ledger(wf)).map((r) => r.status).sort()).toEqual([...statuses].sort());
    await h.executeUpdate(acknowledgeInspection, { args: [{ actor: nurse }] });
    expect((await h.result()).status).toBe('closed');
    const facts = (
      await cx.db.pool.query('SELECT type, stated_by FROM case_facts WHERE case_id = $1 ORDER BY seq', [wf])
    ).rows;
    expect(facts.map((f) => f.type)).toEqual([
      'report-overdue',
      'report-submitted',
      'time.contested',
      'time.decided',
      'acknowledged',
    ]);
    expect(facts[1].stated_by).toBe('vendor');
    const row = (await cx.db.pool.query('SELECT status, breached FROM inspections WHERE workflow_id = $1', [wf]))
      .rows[0];
    expect(row).toEqual({ status: 'closed', breached: decision === 'contested' });
  },
);

test('when the acceptance submission states an earlier time, then beyond 24 h it is refused, within it the hospital may contest and the approver decides', async () => {
  const contractId = await cx.newContract(await cx.env.currentTimeMs());
  const h = await cx.env.client.workflow.start(acceptanceWorkflow, {
    taskQueue: cx.taskQueue,
    workflowId: `acceptance:${contractId}:1`,
    args: [{ contractId, year: 1 }],
  });
  await cx.env.sleep(368 * DAY);
  await cx.until(
    () => h.query(acceptanceState),
    (s) => s.status === 'awaiting-submission',
  );
  const now = await cx.env.currentTimeMs();
  expect(
    await codeOf(h.executeUpdate(submitAcceptance, { args: [{ actor: vendor, occurredAtMs: now - 25 * HOUR }] })),
  ).toBe('BACKDATE_WINDOW');
  await h.executeUpdate(submitAcceptance, { args: [{ actor: vendor, occurredAtMs: now - 2 * HOUR }] });
  let s = await h.query(acceptanceState);
  expect(s.submittedAt).toBe(iso(now - 2 * HOUR));
  const fact = (
    await cx.until(
      async () =>
        (
          await cx.db.pool.query(
            "SELECT seq, stated_by FROM case_facts WHERE case_id = $1 AND type = 'acceptance.submitted'",
            [`acceptance:${contractId}:1`],
          )
        ).rows,
      (r) => r.length === 1,
    )
  )[0];
  expect(fact.stated_by).toBe('vendor');
  await h.executeUpdate(contestTimeUpdate, {
    args: [{ actor: nurse, factSeq: fact.seq, reason: 'the package came today' }],
  });
  await h.executeUpdate(decideContestUpdate, {
    args: [{ actor: approver, factSeq: fact.seq, decision: 'contested', reason: 'per the mail log' }],
  });
  s = await cx.until(
    () => h.query(acceptanceState),
    (x) => x.submittedAt !== iso(now - 2 * HOUR),
  );
  expect(Date.parse(s.submittedAt!)).toBeGreaterThanOrEqual(now);
  await h.terminate('test done');
});
