import { enteredFacts } from '../../src/api/onboarding-fault-facts';
import type { FaultLevel } from '../../src/domain';
import type { PastFault as EnteredFault } from '../../src/domain/onboarding-faults';
import type { EnteredFaultFact } from '../../src/workflows/fault/past';
import type { FaultState } from '../../src/workflows/fault/state';
import { caseConclusions, HOUR, MIN, startHarness, type Case, type Harness } from './fault-harness';
import { DAY, sleepUntil } from './obligations-harness';

// Issue 10 item 4, "Done when", for the faults open at registration (4.9.x): a contract signed
// ten months ago has three faults open; each is lived through on the time-skipping server, every
// fact sent at its time (one answered on time, one late, one never answered and past due), and
// entered again at the registration with the same facts at the same times. The cases reach the
// same deadlines, the same ledger proposals (key, clause, amount, time) and the same timeline;
// the entered facts are the admin's statement on the acting party's behalf, contestable, and the
// past moves notify nobody.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboard-faults');
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(120_000);

interface PastFault {
  level: FaultLevel;
  reportedAfter: number; // ms after the first report
  facts: { action: EnteredFaultFact['action']; after: number; args: Record<string, unknown> }[];
}
/** Level 1 answered on time with its engineer on site and a replacement; level 2 answered late and resolved; level 3 never answered. */
const FAULTS: PastFault[] = [
  {
    level: 1,
    reportedAfter: 0,
    facts: [
      { action: 'respond', after: 10 * MIN, args: { engineer: 'Wang', how: 'phone' } },
      { action: 'onsiteArrived', after: 5 * HOUR, args: { engineer: 'Wang' } },
      { action: 'replacementProvided', after: 20 * HOUR, args: { description: 'spare database node' } },
    ],
  },
  {
    level: 2,
    reportedAfter: HOUR,
    facts: [
      { action: 'respond', after: 50 * MIN, args: { engineer: 'Li', how: 'remote' } },
      { action: 'investigate', after: 2 * HOUR, args: {} },
      { action: 'resolve', after: 8 * HOUR, args: { summary: 'index rebuilt' } },
    ],
  },
  { level: 3, reportedAfter: 2 * HOUR, facts: [] },
  // The rest of a live case's facts (4.9.2, 4.9.3): an analysis document submitted late, rejected
  // and submitted again, accepted; resolved and reopened by the hospital.
  {
    level: 2,
    reportedAfter: 0,
    facts: [
      { action: 'respond', after: 20 * MIN, args: { engineer: 'Zhou', how: 'phone' } },
      {
        action: 'submitAnalysis',
        after: 25 * HOUR,
        args: { reference: 'archive/A-17', checksum: 'sha256:' + 'c'.repeat(64) },
      },
      { action: 'reviewAnalysis', after: 25 * HOUR + 10 * MIN, args: { decision: 'reject', reason: 'no root cause' } },
      {
        action: 'submitAnalysis',
        after: 25 * HOUR + 20 * MIN,
        args: { reference: 'archive/A-18', checksum: 'sha256:' + 'd'.repeat(64) },
      },
      { action: 'reviewAnalysis', after: 25 * HOUR + 30 * MIN, args: { decision: 'accept' } },
      { action: 'resolve', after: 25 * HOUR + 40 * MIN, args: { summary: 'patched' } },
      { action: 'reopen', after: 25 * HOUR + 50 * MIN, args: { reason: 'fails again at night' } },
    ],
  },
  // Re-graded by the hospital, then an exclusion claimed by the vendor and accepted.
  {
    level: 3,
    reportedAfter: 0,
    facts: [
      { action: 'respond', after: 50 * MIN, args: { engineer: 'Qian', how: 'remote' } },
      { action: 'regrade', after: 90 * MIN, args: { level: 4, reason: 'a single printer' } },
      {
        action: 'claimExclusion',
        after: 2 * HOUR,
        args: { cause: 'network', evidence: ['switch log 03:10'], explanation: 'the hospital core switch failed' },
      },
      { action: 'decideExclusion', after: 3 * HOUR, args: { decision: 'accept', reason: 'switch log confirms' } },
    ],
  },
];
/** Offsets from the report as instants of 1970: the API's shape for a fault, turned into its live acts. */
const at = (after: number) => new Date(after).toISOString();
const asActs = (f: Partial<EnteredFault>): PastFault['facts'] =>
  enteredFacts(f as EnteredFault).map((e) => ({ action: e.fact.action, after: e.fact.atMs, args: e.fact.args }));
FAULTS.push(
  // Resolved three times, reopened twice by the hospital (onboarding.faults.N.reopenings), the
  // engineer on site in the second round: the 12 h / 24 h clocks restart at each reopening.
  {
    level: 1,
    reportedAfter: 0,
    facts: asActs({
      response: { at: at(5 * MIN), engineer: 'Zhao', how: 'phone' },
      resolution: { at: at(HOUR), summary: 'service restarted' },
      reopenings: [
        {
          at: at(2 * HOUR),
          reason: 'down again',
          onsite: { at: at(3 * HOUR), engineer: 'Zhao' },
          resolution: { at: at(4 * HOUR), summary: 'disk replaced' },
        },
        { at: at(5 * HOUR), reason: 'slow at night', resolution: { at: at(6 * HOUR), summary: 'index rebuilt' } },
      ],
    }),
  },
);
const REGISTERED_AFTER = 26 * HOUR; // after every deadline above passed or was kept

/** What both cases must agree on: the deadlines, the ledger proposals and the timeline, case id taken out. */
function conclusionsOf(s: FaultState) {
  return {
    ...caseConclusions(h, s),
    timeline: s.timeline.map((f) => ({ type: f.type, deadline: f.detail.deadline })),
  };
}

it('when a contract signed ten months ago is entered with its open faults, then each case concludes as the same facts lived through', async () => {
  const signedMs = await h.env.currentTimeMs();
  const t0 = signedMs + 299 * DAY + 9 * HOUR;
  await sleepUntil(h.env, t0);

  // Lived: each report and each fact sent at its time.
  const lived: Case[] = [];
  const steps: [number, () => Promise<unknown>][] = [];
  for (const [n, f] of FAULTS.entries()) {
    const reportedAtMs = t0 + f.reportedAfter;
    steps.push([reportedAtMs, async () => void (lived[n] = await h.report(f.level, { reportedAtMs }))]);
    for (const x of f.facts)
      steps.push([
        reportedAtMs + x.after,
        () => lived[n]!.act(x.action, { ...x.args, occurredAtMs: reportedAtMs + x.after }),
      ]);
  }
  steps.sort((a, b) => a[0] - b[0]);
  for (const [when, send] of steps) {
    await sleepUntil(h.env, when);
    await send();
  }
  const registeredMs = t0 + REGISTERED_AFTER;
  await sleepUntil(h.env, registeredMs);
  const live = await Promise.all(lived.map((c) => c.state()));

  // Entered at the registration: the same reports and facts, stated by the admin for the parties.
  const entered = await Promise.all(
    FAULTS.map((f) => {
      const reportedAtMs = t0 + f.reportedAfter;
      return h.report(f.level, {
        reportedAtMs,
        recordedAtMs: registeredMs,
        reportedBy: { name: 'admin-wu', role: 'admin' },
        onboarded: {
          by: 'admin-wu',
          facts: f.facts.map((x) => ({ action: x.action, atMs: reportedAtMs + x.after, args: x.args })),
        },
      });
    }),
  );
  const now = await Promise.all(entered.map((c) => c.state()));

  expect(live.slice(0, 3).map((s) => s.deadlines.map((d) => [d.id, d.status]))).toEqual([
    [
      ['response', 'met'],
      ['analysis', 'breached'],
      ['onsite', 'met'],
      ['replacement', 'met'],
    ],
    [
      ['response', 'breached'],
      ['analysis', 'breached'],
      ['onsite', 'cancelled'],
      ['replacement', 'cancelled'],
    ],
    [['response', 'breached']],
  ]);
  expect(live.slice(0, 3).map((s) => conclusionsOf(s).proposals.map((p) => [p.key, p.amountFen]))).toEqual([
    [['<case>:analysis-breach', '100000']],
    [
      ['<case>:response-breach', '100000'],
      ['<case>:analysis-breach', '100000'],
    ],
    [['<case>:response-breach', '100000']],
  ]);
  // The analysis document came after its due time: the live 6.2.1 sum (4.9.2), whatever its review.
  expect(conclusionsOf(live[3]!).proposals.map((p) => p.key)).toContain('<case>:analysis-breach');
  expect(live[3]!.timeline.map((f) => f.type)).toEqual(expect.arrayContaining(['case.reopened']));
  expect([live[4]!.level, live[4]!.exclusions.map((x) => x.status)]).toEqual([4, ['accepted']]);
  const rounds = live[5]!.timeline.map((f) => f.type).filter((t) => t === 'case.resolved' || t === 'case.reopened');
  expect([live[5]!.status, live[5]!.round, rounds]).toEqual([
    'resolved',
    3,
    ['case.resolved', 'case.reopened', 'case.resolved', 'case.reopened', 'case.resolved'],
  ]);
  expect(now.map(conclusionsOf)).toEqual(live.map(conclusionsOf));
  // Each fact at the same instant: a lived timer fires and a lived workflow starts a few ms after its instant.
  for (const [n, s] of now.entries())
    for (const [i, f] of s.timeline.entries())
      expect([f.type, Math.abs(f.occurredAt - live[n]!.timeline[i]!.occurredAt) < 2_000]).toEqual([f.type, true]);

  // The entered facts are the admin's statements for the acting party, recorded at the registration.
  const HOSPITAL_ACTS = ['reviewAnalysis', 'reopen', 'regrade', 'decideExclusion'];
  for (const [n, s] of now.entries()) {
    const report = s.timeline[0]!;
    expect(report).toMatchObject({ type: 'case.reported', statedBy: 'hospital', onBehalfOf: 'hospital' });
    for (const f of s.timeline) expect(f.recordedAt).toBeGreaterThanOrEqual(registeredMs);
    const acts = s.timeline.filter((f) => f.recordedBy.role === 'admin' && f.type !== 'case.reported');
    const parties = [...FAULTS[n]!.facts]
      .sort((a, b) => a.after - b.after)
      .map((x) => (HOSPITAL_ACTS.includes(x.action) ? 'hospital' : 'vendor'));
    expect(acts.map((f) => [f.statedBy, f.onBehalfOf])).toEqual(parties.map((p) => [p, p]));
    // Past moves tell nobody: the only notices are the stated-time ones the other party may contest.
    const notices = h.calls.notify.filter((x) => x.caseId === s.caseId);
    expect(notices.map((x) => x.topic)).toEqual(notices.map(() => 'fault.stated-time'));
    expect(notices).toHaveLength(1 + acts.length);
  }
  // An entered response is contestable by the hospital like any stated time.
  const responded = now[0]!.timeline.find((f) => f.type === 'case.responded')!;
  await entered[0]!.act('contestTime', { factSeq: responded.seq, reason: 'no call before 09:30' }, 'hospital-operator');
  expect((await entered[0]!.state()).stated.find((x) => x.factSeq === responded.seq)?.contest?.party).toBe('hospital');
});
