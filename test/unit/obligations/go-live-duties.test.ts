import { ApplicationFailure } from '@temporalio/common';
import { defaultTerms } from '../../../src/domain';
import { lateByDaysAtMs } from '../../../src/domain/obligations';
import { endOfShanghaiDay } from '../../../src/domain/time';
import {
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
