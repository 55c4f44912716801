import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { byId, HOUR, MIN, startHarness, type Harness } from './fault-harness';

// Issue 10 on the time-skipping server: back-dating windows of the terms (statedTimes) and a
// contested stated time decided both ways, each driven past its deadline.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('stated', () => ({
    statedTimes: { toleranceSeconds: 120, contestHours: 2, backdateHours: { default: 24, respond: 1 } },
  }));
});
afterAll(async () => {
  await h?.stop();
});

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
  return { type: cause.type, ...(cause.details?.[0] as object) };
};

describe('back-dating windows', () => {
  it('when a response is stated further back than its window (1 h in these terms), then it is refused BACKDATE_WINDOW; within it, it counts', async () => {
    const c = await h.report(3); // 2 h to respond
    await h.env.sleep(90 * MIN);
    const now = await h.env.currentTimeMs();
    expect(
      await refusal(c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: now - 61 * MIN })),
    ).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '4.9.4' });
    await c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: now - 50 * MIN });
    const s = await c.state();
    expect(byId(s, 'response')).toMatchObject({ status: 'met', doneAtMs: now - 50 * MIN });
    expect(s.timeline.at(-1)).toMatchObject({ type: 'case.responded', statedBy: 'vendor', occurredAt: now - 50 * MIN });
    // Other kinds keep the default window (24 h): an investigation stated 5 h back is accepted.
    await h.env.sleep(5 * HOUR);
    await c.act('investigate', { occurredAtMs: (await h.env.currentTimeMs()) - 5 * HOUR + MIN });
  });
});

describe('a contested stated time', () => {
  async function statedOnTime() {
    const c = await h.report(1);
    await h.env.sleep(20 * MIN); // the timer records the response breach at 15 min
    expect(byId(await c.state(), 'response').status).toBe('breached');
    const now = await h.env.currentTimeMs();
    await c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: now - 10 * MIN }); // says: called back at 10 min
    const s = await c.state();
    expect(byId(s, 'response').status).toBe('met');
    const seq = s.timeline.find((f) => f.type === 'case.responded')!.seq;
    await c.act('contestTime', { factSeq: seq, reason: 'no call before 09:20' }, 'hospital-operator');
    return { c, seq };
  }

  it('when the approver upholds the stated time, then the breach stays superseded and its proposal withdrawn', async () => {
    const { c, seq } = await statedOnTime();
    await c.act('decideContest', { factSeq: seq, decision: 'stated', reason: 'the phone log shows it' });
    const s = await c.state();
    expect(byId(s, 'response').status).toBe('met');
    expect(h.calls.withdrawn.filter((w) => w.caseId === c.id).map((w) => w.key)).toEqual([`${c.id}:response-breach`]);
  });

  it('when the approver decides for the contest, then the response is judged on its recording: breached again, a new proposal', async () => {
    const { c, seq } = await statedOnTime();
    await c.act('decideContest', { factSeq: seq, decision: 'contested', reason: 'no record of the call' });
    const s = await c.state();
    expect(byId(s, 'response').status).toBe('breached');
    expect(byId(s, 'response').lateByMs).toBeGreaterThanOrEqual(5 * MIN); // recorded at 20 min (plus the update's own processing time)
    expect(byId(s, 'response').lateByMs).toBeLessThan(6 * MIN);
    expect(h.calls.propose.filter((p) => p.caseId === c.id).map((p) => p.key)).toEqual([
      `${c.id}:response-breach`,
      `${c.id}:response-breach#2`,
    ]);
    expect(s.timeline.filter((f) => f.type.startsWith('time.')).map((f) => f.type)).toEqual([
      'time.contested',
      'time.decided',
    ]);
  });

  it('when the contest window (2 h in these terms) has passed, then a contest is refused CONTEST_WINDOW_CLOSED', async () => {
    const c = await h.report(2);
    const now = await h.env.currentTimeMs();
    await c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: now }); // not stated earlier: nothing to contest
    const seq = (await c.state()).timeline.find((f) => f.type === 'case.responded')!.seq;
    expect(await refusal(c.act('contestTime', { factSeq: seq, reason: 'x' }, 'hospital-operator'))).toMatchObject({
      code: 'NOT_STATED',
    });
    const d = await h.report(2);
    await h.env.sleep(20 * MIN);
    await d.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: (await h.env.currentTimeMs()) - 10 * MIN });
    const stated = (await d.state()).timeline.find((f) => f.type === 'case.responded')!.seq;
    await h.env.sleep(2 * HOUR + MIN);
    expect(
      await refusal(d.act('contestTime', { factSeq: stated, reason: 'too late' }, 'hospital-operator')),
    ).toMatchObject({ code: 'CONTEST_WINDOW_CLOSED' });
  });
});
