import { addDays, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time';
import { contestTimeUpdate, decideContestUpdate } from '../../src/workflows/kernel/case-messages';
import { goLiveStateQuery, recordGoLiveUpdate } from '../../src/workflows/obligations/go-live';
import {
  confirmItemDoneUpdate,
  rectificationStateQuery,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  submitPlanUpdate,
} from '../../src/workflows/obligations/rectification';
import { approver, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

// Issue 10: a rights event whose breach a later fact superseded is withdrawn with its cause (as
// the dongle's, migration 111), for the go-live advance event (proposed deductions reaching 20%,
// 6.3) and the rectification item's right to terminate (more than 30 days late, 6.3). A contest
// decided against the stated time judges the breach again: a new event under a new key.
const h = useHarness('rights-withdrawn');
let seq = 0;
const iso = (ms: number) => new Date(ms).toISOString();
const rightsOf = (contractId: string) => async () => h.f.rights.filter((r) => r.contractId === contractId);
const withdrawnOf = (contractId: string) => async () =>
  h.f.rightsWithdrawn.filter((w) => w.key.startsWith(`${contractId}:`));

async function contestAndDecide(
  handle: { executeUpdate: (...a: never[]) => Promise<unknown> },
  factSeq: number,
  by: typeof vendor,
  decision: 'stated' | 'contested',
) {
  const u = handle.executeUpdate as unknown as (d: unknown, o: unknown) => Promise<unknown>;
  await u(contestTimeUpdate, { args: [{ actor: by, factSeq, reason: 'it was typed in when it happened' }] });
  await u(decideContestUpdate, { args: [{ actor: approver, factSeq, decision, reason: 'decided on the call log' }] });
}

describe('rectification item 30 days late (6.3)', () => {
  it.each([
    ['stated', 0],
    ['contested', 1],
  ] as const)(
    'when the confirmed completion is stated before the 30-day mark, then the terminate event is withdrawn; decided %s, %i new event(s)',
    async (decision, again) => {
      const contractId = `C-rw-rp-${++seq}`;
      const now = await h.env.currentTimeMs();
      const handle = await h.env.client.workflow.start('rectificationWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `rectification:${contractId}`,
        args: [{ contractId, signedAt: iso(now) }],
      });
      const state = () => handle.query(rectificationStateQuery);
      await until(state, (x) => x.planDeadline.lastDay !== '');
      const due = addDays(shanghaiDate(now), 10);
      await handle.executeUpdate(submitPlanUpdate, {
        args: [
          {
            actor: vendor,
            systemCheck: 'checked',
            problems: ['slow search'],
            items: [{ itemId: 'i1', description: 'index the archive', dueDate: due }],
          },
        ],
      });
      await handle.executeUpdate(reviewItemsUpdate, {
        args: [{ actor: operator, decisions: [{ itemId: 'i1', accepted: true }] }],
      });
      const mark = startOfShanghaiDay(addDays(due, 31)); // more than 30 days late
      await sleepUntil(h.env, mark + 2 * HOUR);
      const key = `${contractId}:rectification:i1:30-days`;
      expect((await until(rightsOf(contractId), (r) => r.length === 1)).map((r) => r.key)).toEqual([key]);

      // Typed in two hours after the mark, stated an hour before it (within the 24 h window).
      await handle.executeUpdate(reportItemDoneUpdate, {
        args: [{ actor: vendor, itemId: 'i1', occurredAtMs: mark - HOUR }],
      });
      expect(await withdrawnOf(contractId)()).toEqual([]); // a claim alone leaves the right standing
      await handle.executeUpdate(confirmItemDoneUpdate, {
        args: [{ actor: operator, itemId: 'i1', confirmed: true }],
      });
      const withdrawn = await until(withdrawnOf(contractId), (w) => w.length === 1);
      expect(withdrawn[0]).toMatchObject({ key });
      expect(withdrawn[0]!.cause).toMatch(
        new RegExp(
          `^superseded by fact \\d+: item i1 was done at ${iso(mark - HOUR)}, before it was more than 30 days late`,
        ),
      );
      const s = await until(state, (x) => x.items[0]!.rightsEventRaised === false);
      expect(s.items[0]!.rightsWithdrawn).toEqual([key]);
      expect(s.history.map((x) => x.action)).toContain(
        'item.right-superseded (item i1 was done before its 30-day mark)',
      );

      // The contest upheld: done at its recording, after the mark: the right again, under a new key.
      await contestAndDecide(handle as never, s.stated[0]!.factSeq, operator, decision);
      await handle.result();
      const rights = await until(rightsOf(contractId), (r) => r.length === 1 + again);
      expect(rights.map((r) => r.key)).toEqual(again ? [key, `${key}@1`] : [key]);
      expect(await withdrawnOf(contractId)()).toHaveLength(1);
    },
  );
});

describe('go-live advance event (6.3)', () => {
  it.each([
    ['stated', 0],
    ['contested', 1],
  ] as const)(
    'when go-live is stated before the period that brought deductions to 20%%, then the advance event is withdrawn; decided %s, %i new event(s)',
    async (decision, again) => {
      const contractId = `C-rw-gl-${++seq}`;
      const goLiveDate = addDays(shanghaiDate(await h.env.currentTimeMs()), 3);
      const handle = await h.env.client.workflow.start('goLiveWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `golive:${contractId}`,
        args: [{ contractId, signedAt: iso(await h.env.currentTimeMs()), goLiveDate }],
      });
      const state = () => handle.query(goLiveStateQuery);
      await until(state, (x) => x.latestExtension !== '');
      const fourth = startOfShanghaiDay(addDays(goLiveDate, 28)); // 4 completed weeks: 4 x 5% = 20%
      await sleepUntil(h.env, fourth + 2 * HOUR);
      const key = `${contractId}:golive:20`;
      expect((await until(rightsOf(contractId), (r) => r.length === 1)).map((r) => r.key)).toEqual([key]);
      await until(state, (x) => x.periodsCharged === 4 && x.breachRaised);

      await handle.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator, occurredAtMs: fourth - HOUR }] });
      const withdrawn = await until(withdrawnOf(contractId), (w) => w.length === 1);
      expect(withdrawn[0]).toMatchObject({ key });
      expect(withdrawn[0]!.cause).toMatch(
        new RegExp(`^superseded by fact \\d+: the system was live at ${iso(fourth - HOUR)}; the periods still charged`),
      );
      const s = await until(state, (x) => x.periodsCharged === 3 && !x.breachRaised);
      expect(s.breachWithdrawn).toEqual([key]);

      // The contest upheld (decided against the stated time): live at its recording, period 4 charged again, the event again.
      await contestAndDecide(handle as never, s.stated[0]!.factSeq, vendor, decision);
      expect(await handle.result()).toMatchObject({ periodsCharged: 3 + again, breachRaised: again === 1 });
      const rights = await until(rightsOf(contractId), (r) => r.length === 1 + again);
      expect(rights.map((r) => r.key)).toEqual(again ? [key, `${key}@1`] : [key]);
    },
  );
});
