import { ApplicationFailure } from '@temporalio/common';
import { defaultTerms } from '../../src/domain';
import { nextWakeMs } from '../../src/workflows/fault/duties';
import { tick } from '../../src/workflows/fault/judge';
import type { FaultAction, FaultCaseInput } from '../../src/workflows/fault/messages';
import { applyTerms, openCase } from '../../src/workflows/fault/open';
import { apply, check } from '../../src/workflows/fault/rules';
import type { FaultState } from '../../src/workflows/fault/state';

// Issue 10: every fault deadline is judged by the facts' own times (pure functions; the
// workflow only decides when they run). T0 is the report; level 1 responds within 15 minutes.
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const DUE = T0 + 15 * MIN;
const vendor = { name: 'wang', role: 'vendor-engineer' };
const hospital = { name: 'li', role: 'hospital-operator' };

function reported(opts: Partial<FaultCaseInput> = {}, nowMs = T0): FaultState {
  const s = openCase({
    caseId: 'fault:C-1:1',
    contractId: 'C-1',
    caseNo: 1,
    level: 1,
    title: 'OA down',
    description: '',
    channel: 'phone',
    affectsOperations: true,
    reporter: 'Nurse Li',
    reportedAtMs: T0,
    recordedAtMs: nowMs,
    reportedBy: hospital,
    ...opts,
  });
  applyTerms(s, 1, defaultTerms(), nowMs);
  return s;
}
const act = (s: FaultState, action: FaultAction, args: Record<string, unknown>, nowMs: number, actor = vendor) => {
  const a = { actor, ...args };
  check(action, s, a, nowMs);
  return apply(action, s, a, nowMs);
};
const respond = (s: FaultState, nowMs: number, occurredAtMs?: number) =>
  act(s, 'respond', { engineer: 'Wang', how: 'phone', ...(occurredAtMs ? { occurredAtMs } : {}) }, nowMs);
const response = (s: FaultState) => s.deadlines.find((d) => d.id === 'response')!;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { type: (e as ApplicationFailure).type, ...((e as ApplicationFailure).details?.[0] as object) };
  }
  throw new Error('not refused');
};

describe('a response judged by its own time (fixed defect: fulfil() marked any pending deadline met)', () => {
  it('when a late response is processed before the timer noticed the due time, then it is late, breached and a 6.2.1 penalty is proposed', () => {
    const s = reported();
    const { fact } = respond(s, DUE + 60_000); // the timer has not fired: the deadline is still pending in the state
    expect(fact.detail).toMatchObject({ deadline: 'response', onTime: false, lateByMs: 60_000 });
    expect(response(s)).toMatchObject({ status: 'breached', lateByMs: 60_000 });
    expect(s.outgoing.proposals.map((p) => p.key)).toEqual(['fault:C-1:1:response-breach']);
  });

  it('when an on-time response is typed in after the timer recorded the breach, then the breach is superseded and its proposal withdrawn citing the fact', () => {
    const s = reported();
    tick(s, DUE + 1);
    expect(response(s).status).toBe('breached');
    const { fact } = respond(s, DUE + 20 * MIN, DUE - 5 * MIN);
    expect(fact).toMatchObject({
      occurredAt: DUE - 5 * MIN,
      recordedAt: DUE + 20 * MIN,
      statedBy: 'vendor',
      detail: { onTime: true },
    });
    expect(response(s).status).toBe('met');
    const superseded = s.timeline.find((f) => f.type === 'deadline.superseded')!;
    expect(superseded.detail).toMatchObject({ deadline: 'response', to: 'met', byFact: fact.seq });
    expect(s.outgoing.withdrawals).toEqual([
      { key: 'fault:C-1:1:response-breach', reason: expect.stringContaining(`fact ${superseded.seq}`) },
    ]);
    expect(s.penalties[0]!.withdrawn).toBeTruthy();
    expect(s.outgoing.notices.map((n) => n.topic)).toEqual(
      expect.arrayContaining(['fault.stated-time', 'fault.breach-superseded']),
    );
  });

  it('when a response the API received before the due time reaches a stopped worker after it, then it is on time (judged by its receipt)', () => {
    const s = reported();
    tick(s, DUE + 20_000); // the worker resumes: the timer's task runs first
    const { fact } = act(s, 'respond', { engineer: 'Wang', how: 'phone', receivedAtMs: DUE - 5_000 }, DUE + 20_000);
    expect(fact).toMatchObject({ occurredAt: DUE - 5_000, recordedAt: DUE + 20_000, detail: { onTime: true } });
    expect(fact.statedBy).toBeUndefined(); // the platform's own receipt is no party's claim
    expect(response(s).status).toBe('met');
    const late = reported();
    act(late, 'respond', { engineer: 'Wang', how: 'phone', receivedAtMs: DUE + 5_000 }, DUE + 20_000);
    expect(response(late)).toMatchObject({ status: 'breached', lateByMs: 5_000 });
  });

  it.each([
    ['timer first, late response', true, DUE + 30_000, undefined, 'breached'],
    ['response first, late', false, DUE + 30_000, undefined, 'breached'],
    ['timer first, on-time response typed in late', true, DUE + 10 * MIN, DUE - 1, 'met'],
    ['response first, on time', false, DUE - 1, undefined, 'met'],
    ['response at the due instant exactly', false, DUE, undefined, 'met'],
  ])('when %s, then the verdict depends only on the time', (_what, timerFirst, nowMs, statedMs, verdict) => {
    const s = reported();
    if (timerFirst) tick(s, DUE + 1);
    respond(s, nowMs as number, statedMs as number | undefined);
    tick(s, (nowMs as number) + 1);
    expect(response(s).status).toBe(verdict);
  });
});

describe('a fact and the clock at the same instant (issue 10 item 4: the entered past and the live timer agree)', () => {
  const concluded = (s: FaultState) => s.timeline.filter((f) => f.type.startsWith('deadline.')).map((f) => f.type);

  it.each([
    ['the clock ticks at the due instant before the response', true],
    ['the response comes before the clock ticks at the due instant', false],
  ])(
    'when %s, then the response at the due instant is met and nothing is breached or proposed',
    (_what, clockFirst) => {
      const s = reported();
      for (const w of response(s).warnAtMs) tick(s, w + 1);
      if (clockFirst) tick(s, DUE);
      respond(s, DUE, DUE);
      tick(s, DUE);
      tick(s, DUE + 1);
      expect([response(s).status, concluded(s).filter((t) => t !== 'deadline.warning')]).toEqual(['met', []]);
      expect(s.outgoing.proposals).toEqual([]);
    },
  );
  it('when no response came, then the clock breaches the deadline 1 ms after its instant (where the timer wakes), not at it', () => {
    const s = reported();
    for (const w of response(s).warnAtMs) tick(s, w + 1);
    expect(nextWakeMs(s)).toBe(DUE + 1);
    tick(s, DUE);
    expect(response(s).status).toBe('pending');
    tick(s, DUE + 1);
    expect(response(s)).toMatchObject({ status: 'breached', lateByMs: 1 });
  });
  it('when a response comes at a warning instant, then no warning is sent (the clock concludes on the instant only after it)', () => {
    const s = reported();
    const first = response(s).warnAtMs[0]!;
    expect(nextWakeMs(s)).toBe(first + 1);
    tick(s, first);
    respond(s, first, first);
    tick(s, first + 1);
    expect(concluded(s)).toEqual([]);
  });
});

describe('stated times (issue 10)', () => {
  it("when a time is stated within the clock tolerance, then it stands unmarked; earlier it is the vendor's claim and the hospital is told", () => {
    const s = reported();
    const near = respond(s, T0 + 5 * MIN, T0 + 5 * MIN - 60_000).fact;
    expect(near.occurredAt).toBe(T0 + 4 * MIN);
    expect(near.statedBy).toBeUndefined();
    const t = reported();
    const far = respond(t, T0 + 10 * MIN, T0 + 3 * MIN).fact;
    expect(far.statedBy).toBe('vendor');
    expect(t.outgoing.notices.find((n) => n.topic === 'fault.stated-time')).toMatchObject({
      recipients: 'hospital',
      factSeq: far.seq,
    });
  });

  it('when a time is stated beyond its window, in the future or before the report, then it is refused naming the rule', () => {
    const now = T0 + 30 * HOUR;
    const s = reported({}, T0);
    expect(refusal(() => respond(s, now, now - 25 * HOUR))).toMatchObject({
      type: 'RuleViolation',
      code: 'BACKDATE_WINDOW',
      clause: '4.9.4',
    });
    expect(refusal(() => respond(s, T0 + MIN, T0 + 10 * MIN))).toMatchObject({
      type: 'ValidationError',
      field: 'occurredAt',
    });
    expect(refusal(() => respond(s, T0 + MIN, T0 - MIN))).toMatchObject({ code: 'BEFORE_REPORT' });
  });

  it('when the terms give a kind its own window, then that window applies and the others keep the default', () => {
    const s = reported();
    s.terms = { ...s.terms!, statedTimes: { ...s.terms!.statedTimes, backdateHours: { default: 24, respond: 1 } } };
    expect(refusal(() => respond(s, T0 + 3 * HOUR, T0 + 90 * MIN))).toMatchObject({ code: 'BACKDATE_WINDOW' });
    expect(() =>
      check(
        'investigate',
        { ...s, status: 'responded' },
        { actor: vendor, occurredAtMs: T0 + 90 * MIN },
        T0 + 3 * HOUR,
      ),
    ).not.toThrow();
  });

  it("when a fault is phoned in to the vendor's service desk, then the report is the hospital's recorded by the vendor, and the hospital may contest its time", () => {
    const s = reported({ reportedBy: { name: 'desk', role: 'vendor-service-desk' } });
    expect(s.timeline[0]).toMatchObject({ type: 'case.reported', onBehalfOf: 'hospital', statedBy: 'vendor' });
    expect(s.outgoing.notices.find((n) => n.topic === 'fault.stated-time')).toMatchObject({ recipients: 'hospital' });
    expect(
      refusal(() => check('contestTime', s, { actor: vendor, factSeq: 1, reason: 'x' } as never, T0 + MIN)),
    ).toMatchObject({ code: 'CONTEST_OWN_STATEMENT' });
    expect(() =>
      check('contestTime', s, { actor: hospital, factSeq: 1, reason: 'we called at 09:10' } as never, T0 + MIN),
    ).not.toThrow();
  });
});

describe('a contested stated time, decided both ways (clause 6 dispute, issue 10)', () => {
  const approver = { name: 'zhao', role: 'hospital-approver' };
  function contested(): { s: FaultState; seq: number } {
    const s = reported();
    tick(s, DUE + 1); // breached at the due time
    const seq = respond(s, DUE + 30 * MIN, DUE - 5 * MIN).fact.seq; // the vendor states it called back in time
    act(s, 'contestTime', { factSeq: seq, reason: 'no call was logged before 09:40' }, DUE + 40 * MIN, hospital);
    return { s, seq };
  }

  it('when the approver upholds the stated time, then the response stays met and the breach stays superseded', () => {
    const { s, seq } = contested();
    act(
      s,
      'decideContest',
      { factSeq: seq, decision: 'stated', reason: 'the phone log shows the call' },
      DUE + HOUR,
      approver,
    );
    expect(response(s).status).toBe('met');
    expect(s.stated[0]!.decision).toMatchObject({ outcome: 'stated', effectiveAtMs: DUE - 5 * MIN });
  });

  it('when the approver decides for the contest, then the response is judged on its recording time: breached again under a new key', () => {
    const { s, seq } = contested();
    act(
      s,
      'decideContest',
      { factSeq: seq, decision: 'contested', reason: 'no record of the call' },
      DUE + HOUR,
      approver,
    );
    expect(response(s)).toMatchObject({ status: 'breached', lateByMs: 30 * MIN });
    expect(s.outgoing.proposals.map((p) => p.key)).toEqual([
      'fault:C-1:1:response-breach',
      'fault:C-1:1:response-breach#2',
    ]);
  });

  it('when the contest window has closed or no contest is open, then the request is refused naming the rule', () => {
    const { s, seq } = contested();
    expect(
      refusal(() =>
        check(
          'decideContest',
          s,
          { actor: hospital, factSeq: seq, decision: 'stated', reason: 'x' } as never,
          DUE + HOUR,
        ),
      ),
    ).toMatchObject({ type: 'Forbidden' });
    expect(
      refusal(() => check('contestTime', s, { actor: hospital, factSeq: seq, reason: 'again' } as never, DUE + HOUR)),
    ).toMatchObject({ code: 'ALREADY_CONTESTED' });
    const t = reported();
    const late = respond(t, DUE, T0 + MIN).fact.seq;
    expect(
      refusal(() => check('contestTime', t, { actor: hospital, factSeq: late, reason: 'x' } as never, DUE + 73 * HOUR)),
    ).toMatchObject({ code: 'CONTEST_WINDOW_CLOSED' });
    expect(
      refusal(() =>
        check('decideContest', t, { actor: approver, factSeq: late, decision: 'stated', reason: 'x' } as never, DUE),
      ),
    ).toMatchObject({ code: 'NOT_CONTESTED' });
  });
});
