import { enteredFacts } from '../../src/api/onboarding-fault-facts';
import type { PastFault } from '../../src/domain/onboarding-faults';
import type { FaultState } from '../../src/workflows/fault/state';
import { caseConclusions, HOUR, MIN, startHarness, type Case, type Harness } from './fault-harness';
import { DAY, sleepUntil } from './obligations-harness';

// Issue 10 item 4, s18 gap 2: a time contested and decided BEFORE the registration. Two level-2
// faults (response due in 30 min) are lived on the time-skipping server: the vendor types in at
// minute 10 a response it states for minute 5; the hospital contests at minute 50 (the call came
// at minute 35); the approver decides at hour 2, contested for one (the response is late: the
// 6.2.1 sum) and stated for the other (on time: nothing). The same facts are entered at the
// registration an hour later with the contest and decision on the response: the cases reach the
// same deadlines, proposals and timeline, and the record shows the contest and the decision
// with their times.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboard-fault-contests');
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(120_000);

const OUTCOMES = ['contested', 'stated'] as const;

function conclusionsOf(s: FaultState) {
  return {
    ...caseConclusions(h, s),
    timeline: s.timeline.map((f) => f.type),
    // The contested time (an entered report is stated too, by the hospital: no contest on it).
    stated: s.stated
      .filter((x) => x.contest)
      .map((x) => ({
        statedAtMs: x.statedAtMs,
        contest: x.contest && {
          party: x.contest.party,
          proposedAtMs: x.contest.proposedAtMs,
          reason: x.contest.reason,
        },
        decision: x.decision && { outcome: x.decision.outcome, effectiveAtMs: x.decision.effectiveAtMs },
      })),
  };
}

it('when an entered response carries a contest decided before the registration, then the case concludes as the live contest decided both ways', async () => {
  const t0 = (await h.env.currentTimeMs()) + DAY;
  await sleepUntil(h.env, t0);
  const iso = (after: number) => new Date(t0 + after).toISOString();

  const lived: Case[] = [];
  for (const _ of OUTCOMES) lived.push(await h.report(2, { reportedAtMs: t0 }));
  await sleepUntil(h.env, t0 + 10 * MIN);
  for (const c of lived) await c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: t0 + 5 * MIN });
  await sleepUntil(h.env, t0 + 50 * MIN);
  const seqs: number[] = [];
  for (const c of lived) {
    const responded = (await c.state()).timeline.find((f) => f.type === 'case.responded')!;
    seqs.push(responded.seq);
    await c.act(
      'contestTime',
      { factSeq: responded.seq, proposedAtMs: t0 + 35 * MIN, reason: 'the call came at 09:35' },
      'hospital-operator',
    );
  }
  await sleepUntil(h.env, t0 + 2 * HOUR);
  for (const [i, c] of lived.entries())
    await c.act('decideContest', { factSeq: seqs[i], decision: OUTCOMES[i], reason: 'phone log' });
  const registeredMs = t0 + 3 * HOUR;
  await sleepUntil(h.env, registeredMs);
  const live = await Promise.all(lived.map((c) => c.state()));

  const entered = await Promise.all(
    OUTCOMES.map((outcome) => {
      const fault: Partial<PastFault> = {
        response: {
          at: iso(5 * MIN),
          engineer: 'Wang',
          how: 'phone',
          contest: {
            by: 'hospital',
            proposedAt: iso(35 * MIN),
            reason: 'the call came at 09:35',
            contestedAt: iso(50 * MIN),
            decision: { outcome, at: iso(2 * HOUR), reason: 'phone log' },
          },
        },
      };
      return h.report(2, {
        reportedAtMs: t0,
        recordedAtMs: registeredMs,
        reportedBy: { name: 'admin-wu', role: 'admin' },
        onboarded: { by: 'admin-wu', facts: enteredFacts(fault as PastFault).map((e) => e.fact) },
      });
    }),
  );
  const now = await Promise.all(entered.map((c) => c.state()));

  // Decided contested: the response is at minute 35, 5 minutes late (4.9.4): the 6.2.1 sum. Stated: on time.
  expect(live.map((s) => s.deadlines.filter((d) => d.id === 'response').map((d) => [d.status, d.doneAtMs]))).toEqual([
    [['breached', t0 + 35 * MIN]],
    [['met', t0 + 5 * MIN]],
  ]);
  const responseEntries = (s: FaultState) =>
    conclusionsOf(s)
      .proposals.map((p) => p.key)
      .filter((k) => k.includes('response'));
  expect(live.map(responseEntries)).toEqual([['<case>:response-breach'], []]);
  expect(now.map(conclusionsOf)).toEqual(live.map(conclusionsOf));
  // Each fact at the same instant: a lived timer fires a few ms after its instant.
  for (const [n, s] of now.entries())
    for (const [i, f] of s.timeline.entries())
      expect([f.type, Math.abs(f.occurredAt - live[n]!.timeline[i]!.occurredAt) < 2_000]).toEqual([f.type, true]);
  for (const s of now) {
    // The record shows the contest and the decision at their times, entered by the admin for their parties.
    const contest = s.timeline.find((f) => f.type === 'time.contested')!;
    const decided = s.timeline.find((f) => f.type === 'time.decided')!;
    expect([contest.occurredAt, contest.onBehalfOf, contest.statedBy]).toEqual([t0 + 50 * MIN, 'hospital', undefined]);
    expect([decided.occurredAt, decided.recordedBy.role]).toEqual([t0 + 2 * HOUR, 'admin']);
    expect(contest.recordedAt).toBeGreaterThanOrEqual(registeredMs);
    // Past moves tell nobody, and a time already decided is not offered for contest again: only the report's notice.
    expect(h.calls.notify.filter((x) => x.caseId === s.caseId).map((x) => x.topic)).toEqual(['fault.stated-time']);
  }
});
