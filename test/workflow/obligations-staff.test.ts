import { shippedCalendar } from '../../src/domain';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time';
import {
  decideStaffChangeUpdate,
  staffChangeStateQuery,
  withdrawStaffChangeUpdate,
  type StaffChangeInput,
} from '../../src/workflows/obligations/staff-change';
import { contestTimeUpdate, decideContestUpdate } from '../../src/workflows/obligations';
import { approver, DAY, failureOf, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

// Clauses 4.2 / 6.7: 7 working days of notice on the calendar and the hospital's written approval.
const h = useHarness('staff');
let seq = 0;

const newcomer = {
  engineerId: 'zhang',
  name: 'Zhang San',
  qualification: 'OA platform certified',
  yearsOnProduct: 3,
  fixed: true,
};

async function start(over: Partial<StaffChangeInput> & { effectiveDate: string }) {
  const requestId = `r${++seq}`;
  const contractId = `C-staff-${seq}`;
  const now = await h.env.currentTimeMs();
  const input: StaffChangeInput = {
    contractId,
    requestId,
    kind: 'requested',
    requestedAt: new Date(now).toISOString(),
    requestedBy: vendor.name,
    remove: ['wang'],
    add: [newcomer],
    reason: 'Wang moves to another site',
    ...over,
  };
  const wf = `staff-change:${contractId}:${requestId}`;
  const handle = await h.env.client.workflow.start('staffChangeWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: wf,
    args: [input],
  });
  const state = () => handle.query(staffChangeStateQuery);
  await until(state, (s) => s.notice.required > 0);
  return { wf, handle, state };
}

/** The first effective date with exactly n working days between the notice day and it. */
function effectiveWith(n: number, noticeMs: number): string {
  const cal = shippedCalendar();
  for (let d = addDays(shanghaiDate(noticeMs), 1); ; d = addDays(d, 1))
    if (cal.hasWorkingDaysNotice(noticeMs, d, 7).workingDays === n) return d;
}

describe('staff change notice (4.2, 6.7)', () => {
  it.each([
    [6, 'effective-flagged', '100000'],
    [7, 'effective', null],
  ])(
    'when an approved change gives %i working days of notice, then it ends %s with penalty %s',
    async (days, outcome, penaltyFen) => {
      const now = await h.env.currentTimeMs();
      const effectiveDate = effectiveWith(days, now);
      const c = await start({ effectiveDate });
      expect((await c.state()).notice).toMatchObject({ ok: days >= 7, workingDays: days, required: 7 });
      expect(
        (
          await failureOf(
            c.handle.executeUpdate(decideStaffChangeUpdate, { args: [{ actor: operator, approved: true }] }),
          )
        ).type,
      ).toBe('Forbidden');
      await c.handle.executeUpdate(decideStaffChangeUpdate, {
        args: [{ actor: approver, approved: true, note: 'approved in writing' }],
      });
      expect(
        await failureOf(
          c.handle.executeUpdate(decideStaffChangeUpdate, { args: [{ actor: approver, approved: false }] }),
        ),
      ).toMatchObject({ code: 'ALREADY_DECIDED', clause: '4.2' });
      await sleepUntil(h.env, startOfShanghaiDay(effectiveDate) + HOUR);
      const s = await c.handle.result();
      expect(s).toMatchObject({ outcome, penaltyFen });
      expect(h.f.applied.filter((a) => a.key === c.wf)).toHaveLength(1);
      const entries = h.f.propose.filter((p) => p.caseId === c.wf);
      expect(entries).toHaveLength(penaltyFen ? 1 : 0);
      if (penaltyFen) expect(entries[0]).toMatchObject({ clause: '6.7', amountFen: penaltyFen, caseKind: 'staff' });
    },
  );

  it('when a change with enough notice takes effect without written approval, then CNY 1,000 per person is proposed', async () => {
    const now = await h.env.currentTimeMs();
    const c = await start({ effectiveDate: effectiveWith(9, now), remove: ['wang', 'liu'], add: [newcomer] });
    await sleepUntil(h.env, startOfShanghaiDay(effectiveWith(9, now)) + HOUR);
    const s = await c.handle.result();
    expect(s).toMatchObject({ outcome: 'effective-flagged', persons: 2, penaltyFen: '200000' });
    expect(s.flagReasons).toEqual([expect.stringMatching(/no written approval/)]);
  });

  it('when the hospital refuses or the vendor withdraws, then nothing takes effect and nothing is charged', async () => {
    const now = await h.env.currentTimeMs();
    const refused = await start({ effectiveDate: effectiveWith(8, now) });
    await refused.handle.executeUpdate(decideStaffChangeUpdate, {
      args: [{ actor: approver, approved: false, note: 'keep Wang until the upgrade' }],
    });
    expect(await refused.handle.result()).toMatchObject({ outcome: 'refused', penaltyFen: null });
    const later = await h.env.currentTimeMs(); // awaiting a result may skip time
    const withdrawn = await start({ effectiveDate: effectiveWith(8, later) });
    await withdrawn.handle.executeUpdate(withdrawStaffChangeUpdate, { args: [{ actor: vendor }] });
    expect(await withdrawn.handle.result()).toMatchObject({ outcome: 'withdrawn' });
    expect(h.f.applied.filter((a) => a.key === refused.wf || a.key === withdrawn.wf)).toHaveLength(0);
  });

  it('when the hospital reports an unannounced change, then it is charged at once per person', async () => {
    const now = await h.env.currentTimeMs();
    const c = await start({ kind: 'unannounced', effectiveDate: shanghaiDate(now), requestedBy: operator.name });
    expect(await c.handle.result()).toMatchObject({ outcome: 'effective-flagged', penaltyFen: '100000' });
  });

  // Issue 10 item 4: an entered request is the admin's statement for the vendor; the hospital
  // contests its time, and the notice is judged again on the decided time (before: it stayed
  // effective, nothing proposed).
  it('when the time of a change entered at onboarding is contested and decided later, then its notice is judged again and CNY 1,000 is proposed', async () => {
    const now = await h.env.currentTimeMs();
    const requestedMs = now - 30 * DAY;
    const effectiveDate = effectiveWith(8, requestedMs);
    const decidedAt = new Date(requestedMs + DAY).toISOString();
    const c = await start({
      requestedAt: new Date(requestedMs).toISOString(),
      effectiveDate,
      onboarded: { by: 'admin-wu', decision: { approved: true, decidedAt } },
    });
    const done = await until(c.state, (s) => s.outcome === 'effective');
    const request = done.stated.find((x) => x.type === 'staff-change.request')!;
    expect(request).toMatchObject({ statedBy: 'vendor' });
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toEqual([]);
    const proposedAtMs = startOfShanghaiDay(effectiveDate) - 2 * DAY; // the notice reached us two days ahead
    await c.handle.executeUpdate(contestTimeUpdate, {
      args: [{ actor: operator, factSeq: request.factSeq, reason: 'the notice came two days ahead', proposedAtMs }],
    });
    await c.handle.executeUpdate(decideContestUpdate, {
      args: [{ actor: approver, factSeq: request.factSeq, decision: 'contested', reason: 'the letter is dated so' }],
    });
    const s = await until(c.state, (x) => x.outcome === 'effective-flagged');
    expect(s.flagReasons).toEqual([expect.stringMatching(/working day\(s\) before/)]);
    expect(h.f.propose.filter((p) => p.caseId === c.wf).map((p) => [p.clause, p.amountFen])).toEqual([
      ['6.7', '100000'],
    ]);
  });
});
