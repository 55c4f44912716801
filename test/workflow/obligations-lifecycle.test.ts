import { addDays, addMonths, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time';
import { obligationContractEndedSignal } from '../../src/workflows/obligations';
import {
  rectificationStateQuery,
  reviewItemsUpdate,
  submitPlanUpdate,
  reportItemDoneUpdate,
  type RectificationState,
} from '../../src/workflows/obligations/rectification';
import {
  goLiveDateAmendedSignal,
  goLiveStateQuery,
  requestExtensionUpdate,
  type GoLiveState,
} from '../../src/workflows/obligations/go-live';
import {
  declareRemovedUpdate,
  dongleStateQuery,
  verifyRemovalUpdate,
  type DongleState,
} from '../../src/workflows/obligations/dongle';
import {
  staffChangeStateQuery,
  type StaffChangeInput,
  type StaffChangeState,
} from '../../src/workflows/obligations/staff-change';
import { DAY, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

// Clause 3 at the obligations: the end of the contract closes them with a final state and no
// lost facts; an amendment of the go-live date (6.3) reaches the running go-live workflow.
const h = useHarness('life');
let seq = 0;
const ended = (at: number) => ({ endedAt: new Date(at).toISOString(), reason: 'terminated by the hospital' });

async function start(type: string, prefix: string, args: (contractId: string, now: number) => unknown) {
  const contractId = `C-life-${++seq}`;
  const now = await h.env.currentTimeMs();
  const handle = await h.env.client.workflow.start(type, {
    taskQueue: h.taskQueue,
    workflowId: `${prefix}:${contractId}`,
    args: [args(contractId, now)],
  });
  return { contractId, handle, wf: `${prefix}:${contractId}`, now };
}

describe('contract end (clause 3)', () => {
  it('when the contract ends with a plan item 10 days late, then the item is charged 10 days of 0.3% once and the plan completes closed to further records', async () => {
    const c = await start('rectificationWorkflow', 'rectification', (contractId, now) => ({
      contractId,
      signedAt: new Date(now).toISOString(),
    }));
    const state = () => c.handle.query(rectificationStateQuery);
    await until(state, (s) => s.planDeadline.lastDay !== '');
    const due = addDays(shanghaiDate(c.now), 3);
    await c.handle.executeUpdate(submitPlanUpdate, {
      args: [
        {
          actor: vendor,
          systemCheck: 'checked',
          problems: ['slow'],
          items: [
            { itemId: 'idx', description: 'indexes', dueDate: due },
            { itemId: 'log', description: 'logs', dueDate: due },
          ],
        },
      ],
    });
    await c.handle.executeUpdate(reviewItemsUpdate, {
      args: [
        {
          actor: operator,
          decisions: [
            { itemId: 'idx', accepted: true },
            { itemId: 'log', accepted: true },
          ],
        },
      ],
    });
    await sleepUntil(h.env, startOfShanghaiDay(addDays(due, 4)) + HOUR); // 'log' reported done 4 days late, never confirmed
    await c.handle.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, itemId: 'log' }] });
    await sleepUntil(h.env, startOfShanghaiDay(addDays(due, 10)) + HOUR);
    await c.handle.signal(obligationContractEndedSignal, ended(await h.env.currentTimeMs()));
    await c.handle.signal(obligationContractEndedSignal, ended(await h.env.currentTimeMs())); // a repeated hook is ignored
    const s = (await c.handle.result()) as RectificationState;
    expect(s.contractEnded).toMatchObject({ reason: 'terminated by the hospital' });
    expect(s.items.map((i) => [i.itemId, i.status, i.daysLate, i.penaltyFen])).toEqual([
      ['idx', 'unfinished-at-contract-end', 10, '3703704'],
      ['log', 'done-claimed', 4, '1481481'],
    ]);
    expect(h.f.propose.filter((p) => p.caseId === c.wf).map((p) => [p.key, p.amountFen])).toEqual([
      [`${c.wf}:item:idx:late`, '3703704'],
      [`${c.wf}:item:log:late`, '1481481'],
    ]);
    expect(s.history.filter((x) => x.action === 'contract.end')).toHaveLength(1);
    expect(h.f.notify.some((n) => n.key === `${c.wf}:contract-ended`)).toBe(true);
  });

  it('when the contract ends after the removal was verified, then the dongle obligation completes with the end recorded and nothing charged', async () => {
    const c = await start('dongleWorkflow', 'dongle', (contractId, now) => ({
      contractId,
      signedAt: new Date(now).toISOString(),
    }));
    const state = () => c.handle.query(dongleStateQuery);
    await until(state, (s) => s.deadline.lastDay !== '');
    await c.handle.executeUpdate(declareRemovedUpdate, {
      args: [{ actor: vendor, removed: [], statement: 'every dongle, time lock and licence code removed' }],
    });
    await c.handle.executeUpdate(verifyRemovalUpdate, { args: [{ actor: operator, accepted: true }] });
    await h.env.sleep(30 * DAY);
    await c.handle.signal(obligationContractEndedSignal, ended(await h.env.currentTimeMs()));
    const s = (await c.handle.result()) as DongleState;
    expect(s).toMatchObject({
      deadlineMissed: false,
      findings: [],
      contractEnded: { reason: 'terminated by the hospital' },
    });
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
  });

  it('when the contract ends while a staff change is pending, then it never takes effect and its request is closed', async () => {
    const c = await start(
      'staffChangeWorkflow',
      'staff-change',
      (contractId, now) =>
        ({
          contractId,
          requestId: 'r1',
          kind: 'requested',
          requestedAt: new Date(now).toISOString(),
          requestedBy: vendor.name,
          effectiveDate: addDays(shanghaiDate(now), 30),
          remove: ['wang'],
          add: [],
          reason: 'Wang leaves',
        }) satisfies StaffChangeInput,
    );
    await until(
      () => c.handle.query(staffChangeStateQuery),
      (s) => s.notice.required > 0,
    );
    await c.handle.signal(obligationContractEndedSignal, ended(await h.env.currentTimeMs()));
    expect((await c.handle.result()) as StaffChangeState).toMatchObject({
      outcome: 'contract-ended',
      penaltyFen: null,
    });
    expect(h.f.closed).toContainEqual({ key: c.wf, outcome: 'contract-ended' });
    expect(h.f.applied.filter((a) => a.key === c.wf)).toHaveLength(0);
  });
});

describe('go-live date amended (6.3, clause 3)', () => {
  it('when an amendment moves the go-live date while an extension is pending, then the deadline moves, the extension is superseded and periods count from the new date', async () => {
    const c = await start('goLiveWorkflow', 'golive', (contractId, now) => ({
      contractId,
      signedAt: new Date(now).toISOString(),
      goLiveDate: addDays(shanghaiDate(now), 5),
    }));
    const state = () => c.handle.query(goLiveStateQuery);
    await until(state, (s) => s.latestExtension !== '');
    const first = addDays(shanghaiDate(c.now), 5);
    await c.handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: vendor, newDate: addDays(first, 10), reason: 'HR interface' }],
    });
    const moved = addDays(first, 20);
    await c.handle.signal(goLiveDateAmendedSignal, { goLiveDate: moved, termsVersion: 2 });
    await c.handle.signal(goLiveDateAmendedSignal, { goLiveDate: moved, termsVersion: 2 }); // the hook repeated
    const s = await until(state, (x) => x.deadlineDate === moved);
    expect(s).toMatchObject({
      goLiveDate: moved,
      extension: null,
      latestExtension: addMonths(moved, 1),
      supersededExtensions: [{ status: 'superseded', newDate: addDays(first, 10) }],
    });
    expect(s.amendments).toEqual([expect.objectContaining({ from: first, to: moved, termsVersion: 2 })]);
    expect(s.history.map((x) => x.action)).toContain(`golive.amend ${first} -> ${moved} (terms version 2)`);
    // 6 days after the first date: nothing is late any more.
    await sleepUntil(h.env, startOfShanghaiDay(addDays(first, 7)) + HOUR);
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
    await sleepUntil(h.env, startOfShanghaiDay(addDays(moved, 7)) + HOUR);
    await until(
      async () => h.f.propose.filter((p) => p.caseId === c.wf),
      (x) => x.length === 1,
    );
    expect(h.f.propose.find((p) => p.caseId === c.wf)).toMatchObject({
      key: `${c.wf}:period:1`,
      dueAt: new Date(startOfShanghaiDay(addDays(moved, 1))).toISOString(),
    });
    await c.handle.signal(obligationContractEndedSignal, ended(await h.env.currentTimeMs()));
    const final = (await c.handle.result()) as GoLiveState;
    expect(final).toMatchObject({ periodsCharged: 1, contractEnded: { reason: 'terminated by the hospital' } });
  });
});
