import { ApplicationFailure } from '@temporalio/common';
import { defaultTerms } from '../../../src/domain';
import { lateByDaysAtMs } from '../../../src/domain/obligations';
import { endOfShanghaiDay } from '../../../src/domain/time';
import {
  advanceEventKey,
  advanceEventVerdict,
  periodDueMs,
  periodsDueBy,
  periodsSuperseded,
  visibility,
} from '../../../src/workflows/obligations/go-live-duties';
import type { GoLiveState } from '../../../src/workflows/obligations/go-live-messages';
import { check, initialGoLiveState } from '../../../src/workflows/obligations/go-live-rules';

// Issue 10 item 1: the go-live periods (6.3) are a pure function of the go-live fact's stated
// time, the deadline date and the terms; each is driven here across its start.
const terms = defaultTerms(); // 5% per completed 7-day period
const MS = 1;
const state = (o: Partial<GoLiveState> = {}): GoLiveState => ({
  ...initialGoLiveState({ contractId: 'C-1', goLiveDate: '2026-06-30' }),
  latestExtension: '2026-07-30',
  ...o,
});
const code = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    return ((e as ApplicationFailure).details?.[0] as { code: string }).code;
  }
  return 'ok';
};

describe('go-live (6.3): each period judged on the go-live fact’s time', () => {
  const first = periodDueMs(state(), 1, terms);

  it('when the deadline is 30 June, then the first period is due when 7 days are completed (00:00 on 7 July)', () => {
    expect(first).toBe(lateByDaysAtMs('2026-06-30', 7));
    expect(new Date(first).toISOString()).toBe('2026-07-06T16:00:00.000Z');
  });
  it('when not live, then no period is due 1 ms before its start and one at it', () => {
    expect(periodsDueBy(state(), first - MS, 20, terms)).toBe(0);
    expect(periodsDueBy(state(), first, 20, terms)).toBe(1);
    expect(periodsDueBy(state(), periodDueMs(state(), 3, terms), 20, terms)).toBe(3);
  });
  it('when an extension awaits the decision, then nothing more is charged', () => {
    const pending = state({
      extension: { requestedAt: '', by: 'w', newDate: '2026-07-20', reason: 'r', status: 'pending' },
    });
    expect(periodsDueBy(pending, first + 30 * 86_400_000, 20, terms)).toBe(0);
  });
  it('when go-live is stated 1 ms before period 2 began after two were charged, then period 2 is superseded, period 1 stands', () => {
    const second = periodDueMs(state(), 2, terms);
    expect(periodsSuperseded(state({ periodsCharged: 2, liveAt: new Date(second - MS).toISOString() }), terms)).toBe(1);
    expect(periodsSuperseded(state({ periodsCharged: 2, liveAt: new Date(second).toISOString() }), terms)).toBe(0);
  });
  it('when the deadline day ends, then the record turns late and points at the first period', () => {
    const end = endOfShanghaiDay('2026-06-30');
    expect(visibility(state(), end - MS, 20, terms)).toMatchObject({ status: 'awaiting-go-live', nextDeadlineMs: end });
    expect(visibility(state(), end, 20, terms)).toMatchObject({ status: 'late', nextDeadlineMs: first });
  });
  it('when a period was charged, then an extension can no longer be requested (EXTENSION_TOO_LATE)', () => {
    const vendor = { name: 'wang', role: 'vendor-engineer' };
    const request = { action: 'request' as const, args: { actor: vendor, newDate: '2026-07-20', reason: 'delay' } };
    expect(code(() => check(state(), request, terms, 0, Date.parse('2026-06-01T00:00:00Z')))).toBe('ok');
    expect(code(() => check(state({ periodsCharged: 1 }), request, terms, 0, first))).toBe('EXTENSION_TOO_LATE');
    expect(code(() => check(state({ contractEnded: { at: 'x', reason: 'r' } }), request, terms, 0, first))).toBe(
      'OBLIGATION_CLOSED',
    );
  });
});

describe('go-live advance event (6.3): judged on the periods still charged', () => {
  const amount = 100_000_00n; // CNY 100,000: 20% is CNY 20,000
  it.each<[string, Partial<GoLiveState>, string]>([
    ['15% charged, none raised', { chargedFen: '1500000' }, 'unchanged'],
    ['20% charged, none raised', { chargedFen: '2000000' }, 'raise'],
    ['20% charged, raised', { chargedFen: '2000000', breachRaised: true }, 'unchanged'],
    ['15% left after a go-live superseded period 4, raised', { chargedFen: '1500000', breachRaised: true }, 'withdraw'],
  ])('when %s, then the verdict is %s', (_label, o, verdict) => {
    expect(advanceEventVerdict(state(o), amount, terms)).toBe(verdict);
  });
  it('when the event was withdrawn once, then a raise again takes a new key', () => {
    expect(advanceEventKey('C-1:golive:20', state())).toBe('C-1:golive:20');
    expect(advanceEventKey('C-1:golive:20', state({ breachWithdrawn: ['C-1:golive:20'] }))).toBe('C-1:golive:20@1');
  });
});
