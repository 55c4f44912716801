import { shippedCalendar } from '../../src/domain';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time';
import { contestTimeUpdate, decideContestUpdate } from '../../src/workflows/kernel/case-messages';
import { recordResyncSignal } from '../../src/workflows/kernel/record';
import { declareRemovedUpdate, dongleStateQuery } from '../../src/workflows/obligations/dongle';
import { goLiveStateQuery, recordGoLiveUpdate } from '../../src/workflows/obligations/go-live';
import { rectificationStateQuery, submitPlanUpdate } from '../../src/workflows/obligations/rectification';
import {
  decideStaffChangeUpdate,
  staffChangeStateQuery,
  type StaffChangeInput,
} from '../../src/workflows/obligations/staff-change';
import { approver, failureOf, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

// Issue 10 items 2 and 3 for the signing obligations and staff changes: every fact may state
// when it happened, within its kind's back-dating window (default 24 h); an earlier stated time
// is the stating party's claim, announced to the other party, who may contest it; the hospital's
// approver decides and the obligation is judged again on the decided time, both ways.
const h = useHarness('stated');
let seq = 0;
const iso = (ms: number) => new Date(ms).toISOString();
const proposals = (wf: string) => async () => h.f.propose.filter((p) => p.caseId === wf);
const withdrawn = (wf: string) => h.f.records.get(wf)?.withdrawn ?? [];
const topics = (wf: string) => h.f.notify.filter((n) => n.key.startsWith(`${wf}:`)).map((n) => n.topic);
const removed = [{ kind: 'licence-code' as const, description: 'annual licence key' }];
const statement = 'every dongle, time lock and licence code removed';

async function contestAndDecide(
  handle: { executeUpdate: (...a: never[]) => Promise<unknown> },
  factSeq: number,
  by: typeof vendor,
  decision: 'stated' | 'contested',
) {
  const u = handle.executeUpdate as unknown as (d: unknown, o: unknown) => Promise<unknown>;
  await u(contestTimeUpdate, {
    args: [{ actor: by, factSeq, reason: 'it was typed in when it happened, not earlier' }],
  });
  expect(await failureOf(u(contestTimeUpdate, { args: [{ actor: by, factSeq, reason: 'again' }] }))).toMatchObject({
    code: 'ALREADY_CONTESTED',
  });
  expect(
    (
      await failureOf(
        u(decideContestUpdate, { args: [{ actor: operator, factSeq, decision, reason: 'not the approver' }] }),
      )
    ).type,
  ).toBe('Forbidden');
  await u(decideContestUpdate, { args: [{ actor: approver, factSeq, decision, reason: 'decided on the call log' }] });
}

describe('dongle removal (4.10)', () => {
  async function start() {
    const contractId = `C-st-dg-${++seq}`;
    const now = await h.env.currentTimeMs();
    const handle = await h.env.client.workflow.start('dongleWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `dongle:${contractId}`,
      args: [{ contractId, signedAt: iso(now) }],
    });
    const state = () => handle.query(dongleStateQuery);
    const s = await until(state, (x) => x.deadline.lastDay !== '');
    return { wf: `dongle:${contractId}`, contractId, handle, state, deadlineMs: Date.parse(s.deadline.deadlineAt) };
  }

  it.each([
    ['stated', false, 0],
    ['contested', true, 1],
  ] as const)(
    'when a declaration typed in after the deadline states a time before it, then the breach is superseded; decided %s, it is missed=%s',
    async (decision, missed, live) => {
      const c = await start();
      await sleepUntil(h.env, c.deadlineMs + 2 * HOUR);
      await until(proposals(c.wf), (x) => x.length === 1); // the timer's breach: CNY 50,000 proposed
      const now = await h.env.currentTimeMs();
      expect(
        await failureOf(
          c.handle.executeUpdate(declareRemovedUpdate, {
            args: [{ actor: vendor, removed, statement, occurredAtMs: now - 25 * HOUR }],
          }),
        ),
      ).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '4.10' });
      await c.handle.executeUpdate(declareRemovedUpdate, {
        args: [{ actor: vendor, removed, statement, occurredAtMs: c.deadlineMs - HOUR }],
      });
      const s = await until(c.state, (x) => !x.deadlineMissed && withdrawn(c.wf).length === 1);
      expect(s.stated).toEqual([
        expect.objectContaining({ statedBy: 'vendor', statedAt: iso(c.deadlineMs - HOUR), type: 'removal.declare' }),
      ]);
      expect(withdrawn(c.wf)).toEqual([`${c.wf}:deadline-missed`]);
      // The demand-payments-back event the breach raised (6.6) is withdrawn with it, citing the fact.
      const rightsKey = `${c.contractId}:dongle:deadline-missed`;
      expect(h.f.rights.map((r) => r.key)).toContain(rightsKey);
      await until(
        async () => h.f.rightsWithdrawn,
        (w) => w.some((x) => x.key === rightsKey),
      );
      expect(h.f.rightsWithdrawn.find((x) => x.key === rightsKey)!.cause).toMatch(/^superseded by fact \d+/);
      await until(
        async () => topics(c.wf),
        (t) => t.includes('dongle.stated-time'),
      );
      const factSeq = s.stated[0]!.factSeq;
      expect(
        await failureOf(
          c.handle.executeUpdate(contestTimeUpdate, { args: [{ actor: vendor, factSeq, reason: 'own' }] }),
        ),
      ).toMatchObject({ code: 'CONTEST_OWN_STATEMENT' });
      await contestAndDecide(c.handle as never, factSeq, operator, decision);
      const after = await until(c.state, (x) => x.deadlineMissed === missed && x.stated[0]!.decision !== undefined);
      expect(after.stated[0]!.decision).toMatchObject({ outcome: decision });
      // Contested: the declaration counts at its recording, after the deadline: a new proposal (the withdrawn one stays withdrawn).
      const open = await until(
        proposals(c.wf),
        (x) => x.filter((p) => !withdrawn(c.wf).includes(p.key)).length === live,
      );
      if (live) expect(open.at(-1)!.key).toMatch(new RegExp(`^${c.wf}:deadline-missed@\\d+$`));
      // Judged missed again: a new rights event under a new key; the withdrawn one stays withdrawn.
      const again = await until(
        async () => h.f.rights.filter((r) => r.key.startsWith(`${c.contractId}:dongle:deadline-missed@`)),
        (r) => r.length === live,
      );
      expect(again).toHaveLength(live);
    },
  );
});

describe('rectification plan (6.3)', () => {
  it.each([
    ['stated', false],
    ['contested', true],
  ] as const)(
    'when a plan typed in after the deadline states a time before it, then the missed deadline goes; decided %s, late=%s',
    async (decision, late) => {
      const contractId = `C-st-rp-${++seq}`;
      const signedMs = await h.env.currentTimeMs();
      const handle = await h.env.client.workflow.start('rectificationWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `rectification:${contractId}`,
        args: [{ contractId, signedAt: iso(signedMs) }],
      });
      const state = () => handle.query(rectificationStateQuery);
      const deadlineMs = Date.parse((await until(state, (x) => x.planDeadline.lastDay !== '')).planDeadline.deadlineAt);
      await sleepUntil(h.env, deadlineMs + 2 * HOUR);
      await until(state, (x) => x.planBreach !== null);
      const plan = {
        systemCheck: 'checked',
        problems: ['slow search'],
        items: [{ itemId: 'i1', description: 'index the archive', dueDate: addDays(shanghaiDate(deadlineMs), 30) }],
      };
      const now = await h.env.currentTimeMs();
      expect(
        await failureOf(
          handle.executeUpdate(submitPlanUpdate, { args: [{ actor: vendor, ...plan, occurredAtMs: now - 25 * HOUR }] }),
        ),
      ).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '6.3' });
      expect(
        await failureOf(
          handle.executeUpdate(submitPlanUpdate, { args: [{ actor: vendor, ...plan, occurredAtMs: now + HOUR }] }),
        ),
      ).toMatchObject({ type: 'ValidationError' });
      await handle.executeUpdate(submitPlanUpdate, {
        args: [{ actor: vendor, ...plan, occurredAtMs: deadlineMs - HOUR }],
      });
      const s = await until(state, (x) => x.planBreach === null);
      expect(s.plan).toMatchObject({ late: false, submittedAt: iso(deadlineMs - HOUR) });
      expect(s.history.map((x) => x.action)).toContain(
        'plan.deadline-superseded (the plan was delivered before the deadline)',
      );
      await contestAndDecide(handle as never, s.stated[0]!.factSeq, operator, decision);
      const after = await until(state, (x) => x.stated[0]!.decision !== undefined && (x.planBreach !== null) === late);
      expect(after.plan!.late).toBe(late);
    },
  );
});

describe('go-live (6.3)', () => {
  it.each([
    ['stated', 0],
    ['contested', 1],
  ] as const)(
    'when go-live is stated before the first late period the timer charged, then the period is withdrawn; decided %s, %i period(s) remain',
    async (decision, periods) => {
      const contractId = `C-st-gl-${++seq}`;
      const goLiveDate = addDays(shanghaiDate(await h.env.currentTimeMs()), 3);
      const handle = await h.env.client.workflow.start('goLiveWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `golive:${contractId}`,
        args: [{ contractId, signedAt: iso(await h.env.currentTimeMs()), goLiveDate }],
      });
      const wf = `golive:${contractId}`;
      const state = () => handle.query(goLiveStateQuery);
      await until(state, (x) => x.latestExtension !== '');
      const periodMs = startOfShanghaiDay(addDays(goLiveDate, 7));
      await sleepUntil(h.env, periodMs + 2 * HOUR);
      await until(proposals(wf), (x) => x.length === 1);
      await handle.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator, occurredAtMs: periodMs - HOUR }] });
      const s = await until(state, (x) => x.periodsCharged === 0 && withdrawn(wf).length === 1);
      expect(s).toMatchObject({
        liveAt: iso(periodMs - HOUR),
        stated: [expect.objectContaining({ statedBy: 'hospital', type: 'golive.record' })],
      });
      expect((await handle.describe()).status.name).toBe('RUNNING'); // open while the vendor may contest (72 h)
      await contestAndDecide(handle as never, s.stated[0]!.factSeq, vendor, decision);
      expect(await handle.result()).toMatchObject({ periodsCharged: periods });
      expect((await proposals(wf)()).filter((p) => !withdrawn(wf).includes(p.key))).toHaveLength(periods);
    },
  );
});

describe('staff change (4.2)', () => {
  it.each(['stated', 'contested'] as const)(
    'when the approval states an earlier time, then the vendor may contest it and the approver decides (%s)',
    async (decision) => {
      const requestId = `r${++seq}`;
      const contractId = `C-st-sc-${seq}`;
      const now = await h.env.currentTimeMs();
      const cal = shippedCalendar();
      let effectiveDate = addDays(shanghaiDate(now), 1);
      while (cal.hasWorkingDaysNotice(now, effectiveDate, 7).workingDays < 9) effectiveDate = addDays(effectiveDate, 1);
      const input: StaffChangeInput = {
        contractId,
        requestId,
        kind: 'requested',
        requestedAt: iso(now),
        requestedBy: vendor.name,
        remove: ['wang'],
        add: [],
        reason: 'Wang moves',
        effectiveDate,
      };
      const handle = await h.env.client.workflow.start('staffChangeWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `staff-change:${contractId}:${requestId}`,
        args: [input],
      });
      const state = () => handle.query(staffChangeStateQuery);
      await until(state, (x) => x.notice.required > 0);
      await h.env.sleep(26 * HOUR);
      const later = await h.env.currentTimeMs();
      expect(
        await failureOf(
          handle.executeUpdate(decideStaffChangeUpdate, {
            args: [{ actor: approver, approved: true, occurredAtMs: later - 25 * HOUR }],
          }),
        ),
      ).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '4.2' });
      const s = await handle.executeUpdate(decideStaffChangeUpdate, {
        args: [{ actor: approver, approved: true, occurredAtMs: later - 2 * HOUR }],
      });
      expect(s.stated).toEqual([expect.objectContaining({ statedBy: 'hospital', statedAt: iso(later - 2 * HOUR) })]);
      await contestAndDecide(handle as never, s.stated[0]!.factSeq, vendor, decision);
      const after = await until(state, (x) => x.stated[0]!.decision !== undefined);
      expect(after.decision!.at).toBe(decision === 'stated' ? iso(later - 2 * HOUR) : s.stated[0]!.recordedAt);
      await sleepUntil(h.env, startOfShanghaiDay(effectiveDate) + HOUR);
      expect(await handle.result()).toMatchObject({ outcome: 'effective' });
    },
  );
});

describe('record resync (issue 10 item 5)', () => {
  it('when the API signals recordResync after an Update failed without an answer, then the case writes its head again with nothing new', async () => {
    const contractId = `C-st-rs-${++seq}`;
    const wf = `dongle:${contractId}`;
    const handle = await h.env.client.workflow.start('dongleWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: wf,
      args: [{ contractId, signedAt: iso(await h.env.currentTimeMs()) }],
    });
    const fence = async () => h.f.records.get(wf)?.fence ?? -1;
    const before = await until(fence, (x) => x >= 0);
    await handle.signal(recordResyncSignal);
    expect(await until(fence, (x) => x > before)).toBeGreaterThan(before);
    await handle.terminate('test done');
  });
});
