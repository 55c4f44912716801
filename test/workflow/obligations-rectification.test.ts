import { WorkingDayCalendar, type CalendarYear } from '../../src/domain';
import { addDays, dayOfWeek, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, yearOf } from '../../src/domain/time';
import { lateByDaysAtMs } from '../../src/domain/obligations';
import {
  confirmItemDoneUpdate,
  rectificationStateQuery,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
  pricePlanBreachUpdate,
  type RectificationState,
} from '../../src/workflows/obligations/rectification';
import { approver, DAY, failureOf, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

// Clause 6.3: the plan within 7 working days of signing, then each accepted item to its due date.
const h = useHarness('rect');

let seq = 0;
async function start(signedAt: string) {
  const contractId = `C-rect-${++seq}`;
  const handle = await h.env.client.workflow.start('rectificationWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: `rectification:${contractId}`,
    args: [{ contractId, signedAt }],
  });
  const state = () => handle.query(rectificationStateQuery);
  await until(state, (s) => s.planDeadline.lastDay !== '');
  return { contractId, handle, state, wf: `rectification:${contractId}` };
}

/** A calendar of this year and the next with 5 days off after `day` and a working Saturday after them. */
function synthetic(day: string): CalendarYear[] {
  const off = [1, 2, 3, 4, 5].map((n) => addDays(day, n));
  let sat = addDays(day, 6);
  while (dayOfWeek(sat) !== 6) sat = addDays(sat, 1);
  return [yearOf(day), yearOf(day) + 1].map((year) => ({
    year,
    holidays: off.filter((d) => yearOf(d) === year),
    workdays: [sat].filter((d) => yearOf(d) === year),
    source: 'test',
    version: 'synthetic',
  }));
}

describe('plan deadline (6.3)', () => {
  it('when signed just before the 2025 National Day holiday, then the plan is due by 24:00 of 2025-10-16 (10-11 is a working Saturday)', async () => {
    const c = await start('2025-09-30T10:00:00+08:00');
    const s = await c.state();
    expect(s.planDeadline).toMatchObject({
      lastDay: '2025-10-16',
      deadlineAt: '2025-10-16T16:00:00.000Z',
      provisional: false,
    });
  });

  it('when no plan arrives across a holiday period with an adjusted working weekend, then the plan is late only after 24:00 of the 7th working day', async () => {
    const now = await h.env.currentTimeMs();
    const today = shanghaiDate(now);
    const years = synthetic(today);
    const saved = new Map(h.f.calendar);
    for (const y of years) h.f.calendar.set(y.year, y);
    h.f.terms = { penalties: { otherCommitmentReading: '6.2.2' } };
    try {
      const c = await start(new Date(now).toISOString());
      const expected = new WorkingDayCalendar(years).addWorkingDays(now, 7);
      const plain = new WorkingDayCalendar([]).addWorkingDays(now, 7);
      expect(expected.lastDay > plain.lastDay).toBe(true);
      expect((await c.state()).planDeadline.lastDay).toBe(expected.lastDay);
      await sleepUntil(h.env, expected.deadlineMs - HOUR);
      expect((await c.state()).planBreach).toBeNull();
      await h.env.sleep(2 * HOUR);
      const s = await until(c.state, (x) => x.planBreach?.priced === true);
      expect(s.planBreach).toMatchObject({ clause: '6.2.2' });
      const p = h.f.propose.find((x) => x.key === `${c.wf}:plan-missed`)!;
      expect(p).toMatchObject({
        clause: '6.2.2',
        amountFen: '3703704',
        caseKind: 'rectification',
        dueAt: new Date(expected.deadlineMs).toISOString(),
      });
    } finally {
      h.f.calendar = saved;
      h.f.terms = {};
    }
  });

  it('when the plan is missed under the 6.5 reading, then the approver prices it within 0.01%..0.1% and an operator may not', async () => {
    const now = await h.env.currentTimeMs();
    const c = await start(new Date(now - 30 * DAY).toISOString());
    await until(c.state, (x) => x.planBreach !== null);
    expect(
      (
        await failureOf(
          c.handle.executeUpdate(pricePlanBreachUpdate, { args: [{ actor: operator, ratePercent: '0.05' }] }),
        )
      ).type,
    ).toBe('Forbidden');
    expect(
      await failureOf(
        c.handle.executeUpdate(pricePlanBreachUpdate, { args: [{ actor: approver, ratePercent: '0.5' }] }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', clause: '6.5' });
    await c.handle.executeUpdate(pricePlanBreachUpdate, { args: [{ actor: approver, ratePercent: '0.1' }] });
    await until(
      async () => h.f.propose.find((x) => x.key === `${c.wf}:plan-missed`),
      (x) => x !== undefined,
    );
    expect(h.f.propose.find((x) => x.key === `${c.wf}:plan-missed`)).toMatchObject({
      clause: '6.5',
      amountFen: '123457',
    });
  });

  it('when the calendar year is not loaded, then the deadline is provisional and is recomputed after an operator loads it', async () => {
    const now = await h.env.currentTimeMs();
    const today = shanghaiDate(now);
    const saved = new Map(h.f.calendar);
    h.f.calendar.clear();
    try {
      const c = await start(new Date(now).toISOString());
      const s0 = await c.state();
      expect(s0.planDeadline.provisional).toBe(true);
      expect(s0.planDeadline.lastDay).toBe(new WorkingDayCalendar([]).addWorkingDays(now, 7).lastDay);
      const years = synthetic(today);
      for (const y of years) h.f.calendar.set(y.year, y);
      await h.env.sleep(DAY + HOUR);
      const s1 = await until(c.state, (x) => !x.planDeadline.provisional);
      expect(s1.planDeadline.lastDay).toBe(new WorkingDayCalendar(years).addWorkingDays(now, 7).lastDay);
    } finally {
      h.f.calendar = saved;
    }
  });
});

describe('plan items (6.3)', () => {
  it('when items run late, then 15 days late costs 15 x 0.3% rounded once, 31 days late raises the termination right once, and exemptions close', async () => {
    const now = await h.env.currentTimeMs();
    const c = await start(new Date(now).toISOString());
    const due = addDays(shanghaiDate(now), 10);
    const items = [
      { itemId: 'db-index', description: 'rebuild the database indexes', dueDate: due },
      { itemId: 'sso', description: 'single sign-on', dueDate: due },
      {
        itemId: 'arch',
        description: 'no multi-tenant mode',
        exemption: { explanation: 'the product architecture has a single tenant' },
      },
      { itemId: 'logs', description: 'audit log export', dueDate: due },
    ];
    expect(
      (
        await failureOf(
          c.handle.executeUpdate(submitPlanUpdate, {
            args: [{ actor: operator, systemCheck: 'ok', problems: [], items }],
          }),
        )
      ).type,
    ).toBe('Forbidden');
    expect(
      await failureOf(
        c.handle.executeUpdate(submitPlanUpdate, {
          args: [{ actor: vendor, systemCheck: 'ok', problems: [], items: [{ itemId: 'x', description: 'y' }] }],
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', clause: '6.3' });
    await c.handle.executeUpdate(submitPlanUpdate, {
      args: [{ actor: vendor, systemCheck: 'full check done', problems: ['slow indexes', 'no SSO'], items }],
    });
    expect(
      await failureOf(
        c.handle.executeUpdate(submitPlanUpdate, {
          args: [{ actor: vendor, systemCheck: 'again', problems: [], items }],
        }),
      ),
    ).toMatchObject({ code: 'PLAN_ALREADY_SUBMITTED' });
    await c.handle.executeUpdate(reviewItemsUpdate, {
      args: [
        {
          actor: approver,
          decisions: [
            { itemId: 'db-index', accepted: true },
            { itemId: 'sso', accepted: true },
            { itemId: 'arch', accepted: true },
            { itemId: 'logs', accepted: false, note: 'too late' },
          ],
        },
      ],
    });
    await c.handle.executeUpdate(reviseItemUpdate, {
      args: [{ actor: vendor, item: { itemId: 'logs', description: 'audit log export', dueDate: addDays(due, -2) } }],
    });
    await c.handle.executeUpdate(reviewItemsUpdate, {
      args: [{ actor: operator, decisions: [{ itemId: 'logs', accepted: true }] }],
    });
    await c.handle.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, itemId: 'logs' }] });
    await c.handle.executeUpdate(confirmItemDoneUpdate, {
      args: [{ actor: operator, itemId: 'logs', confirmed: true }],
    });
    let s: RectificationState = await c.state();
    expect(s.items.map((i) => [i.itemId, i.status])).toEqual([
      ['db-index', 'open'],
      ['sso', 'open'],
      ['arch', 'exempt'],
      ['logs', 'done'],
    ]);

    // 15 days late: done, confirmed, one ledger entry.
    await sleepUntil(h.env, lateByDaysAtMs(due, 15) + 2 * HOUR);
    s = await c.state();
    expect(s.items.find((i) => i.itemId === 'db-index')).toMatchObject({ daysLate: 15, penaltyFen: '5555556' });
    await c.handle.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, itemId: 'db-index' }] });
    await h.env.sleep(3 * DAY); // the hospital confirms later; lateness counts to the vendor's report
    await c.handle.executeUpdate(confirmItemDoneUpdate, {
      args: [{ actor: approver, itemId: 'db-index', confirmed: true }],
    });
    const entry = await until(
      async () => h.f.propose.find((p) => p.key === `${c.wf}:item:db-index:late`),
      (p) => p !== undefined,
    );
    expect(entry).toMatchObject({
      clause: '6.3',
      amountFen: '5555556',
      caseKind: 'rectification',
      dueAt: new Date(endOfShanghaiDay(due)).toISOString(),
    });

    // 30 days late: no right yet; 31 days: the right, once.
    await sleepUntil(h.env, startOfShanghaiDay(addDays(due, 31)) - HOUR);
    expect(h.f.rights.filter((r) => r.contractId === c.contractId)).toHaveLength(0);
    await h.env.sleep(2 * HOUR);
    await until(
      async () => h.f.rights.filter((r) => r.contractId === c.contractId),
      (r) => r.length === 1,
    );
    await h.env.sleep(10 * DAY);
    const rights = h.f.rights.filter((r) => r.contractId === c.contractId);
    expect(rights).toEqual([
      expect.objectContaining({ key: `${c.contractId}:rectification:sso:30-days`, right: 'terminate', clause: '6.3' }),
    ]);
    s = await c.state();
    expect(s.items.find((i) => i.itemId === 'sso')).toMatchObject({
      status: 'open',
      rightsEventRaised: true,
      daysLate: 41,
    });
    await c.handle.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, itemId: 'sso' }] });
    await c.handle.executeUpdate(confirmItemDoneUpdate, {
      args: [{ actor: operator, itemId: 'sso', confirmed: true }],
    });
    const final = await c.handle.result();
    expect(final.items.every((i: { status: string }) => i.status === 'done' || i.status === 'exempt')).toBe(true);
    expect(
      h.f.propose.filter((p) => p.caseId === c.wf).map((p) => [p.key.split(':').slice(-2).join(':'), p.amountFen]),
    ).toEqual([
      ['db-index:late', '5555556'],
      ['sso:late', '15185185'],
    ]);
    expect(h.f.rights.filter((r) => r.contractId === c.contractId)).toHaveLength(1);
  });
});
