import { applyRate, percent, shippedCalendar } from '../../src/domain';
import { resolveTerms } from '../../src/domain/terms-schema';
import {
  assertQualifiedRemains,
  assertQualifiedWithPending,
  personsChanged,
  registerAfterChange,
  type Engineer,
} from '../../src/domain/staff-register';
import {
  calendarYearsFor,
  daysLateAt,
  dongleException,
  isLateNotice,
  lateByDaysAtMs,
  rectificationItemPenalty,
  rectificationRightsAtMs,
  validatePlanItems,
  type HospitalChange,
} from '../../src/domain/obligations';
import {
  goLivePeriodDay,
  goLivePeriodPenalty,
  maxGoLivePeriods,
  reachesDeductionBreach,
  validateGoLiveExtension,
} from '../../src/domain/go-live';
import { parseInstant } from '../../src/domain/time';

const AMOUNT = 123_456_789n;
const at = (s: string) => parseInstant(s);

describe('7 working days after signing (4.10, 6.3) on the shipped calendar', () => {
  it.each([
    [
      'signed just before the 2025 National Day holiday (10-11 is a working Saturday)',
      '2025-09-30T10:00:00+08:00',
      '2025-10-16',
    ],
    [
      'signed just before the 2026 Spring Festival (02-14 and 02-28 are working Saturdays)',
      '2026-02-13T17:00:00+08:00',
      '2026-03-02',
    ],
    ['signed late on an ordinary Monday: the signing day is not counted', '2025-06-09T23:59:00+08:00', '2025-06-18'],
  ])('when %s, then the deadline is 24:00 of the right day', (_what, signed, lastDay) => {
    const d = shippedCalendar().addWorkingDays(at(signed), 7);
    expect(d.lastDay).toBe(lastDay);
    expect(new Date(d.deadlineMs).toISOString()).toBe(
      new Date(at(`${lastDay}T00:00:00+08:00`) + 86_400_000).toISOString(),
    );
    expect(d.provisional).toBe(false);
  });
});

describe('rectification lateness (6.3)', () => {
  it('when an item is done on its due day, then it is on time; the next day it is 1 day late', () => {
    expect(daysLateAt('2025-03-10', at('2025-03-10T23:59:59+08:00'))).toBe(0);
    expect(daysLateAt('2025-03-10', at('2025-03-11T00:00:00+08:00'))).toBe(1);
    expect(lateByDaysAtMs('2025-03-10', 1)).toBe(at('2025-03-11T00:00:00+08:00'));
  });
  it('when an item is 15 days late, then the penalty is 15 x 0.3% of the amount rounded once, not per day', () => {
    const r = rectificationItemPenalty(AMOUNT, '2025-03-10', at('2025-03-25T12:00:00+08:00'));
    expect(r.daysLate).toBe(15);
    expect(r.penalty!.amountFen).toBe(5_555_556n); // 5,555,555.505 fen; per-day rounding would give 5,555,550
    expect(r.penalty!.clause).toBe('6.3');
  });
  it('when an item becomes more than 30 days late, then the rights instant is 00:00 of day 31', () => {
    expect(rectificationRightsAtMs('2025-03-10')).toBe(at('2025-04-10T00:00:00+08:00'));
  });
  it.each([
    [[], 'PLAN_EMPTY'],
    [[{ itemId: 'a', description: 'x' }], 'ITEM_NEEDS_DUE_OR_EXEMPTION'],
    [
      [{ itemId: 'a', description: 'x', dueDate: '2025-03-10', exemption: { explanation: 'architecture limit here' } }],
      'ITEM_NEEDS_DUE_OR_EXEMPTION',
    ],
    [[{ itemId: 'a', description: 'x', dueDate: '2025-03-01' }], 'DUE_DATE_PAST'],
    [[{ itemId: 'a', description: 'x', exemption: { explanation: 'no' } }], 'EXEMPTION_NEEDS_EXPLANATION'],
    [
      [
        { itemId: 'a', description: 'x', dueDate: '2025-04-01' },
        { itemId: 'a', description: 'y', dueDate: '2025-04-01' },
      ],
      'DUPLICATE_ITEM',
    ],
  ])('when plan items are %j, then they are refused with %s', (items, code) => {
    expect(() => validatePlanItems(items, at('2025-03-01T10:00:00+08:00'))).toThrow(expect.objectContaining({ code }));
  });
});

describe('go-live (6.3)', () => {
  it('when the extension is one month or less, then it is accepted; a day more is refused', () => {
    expect(() => validateGoLiveExtension('2025-01-31', '2025-02-28')).not.toThrow();
    expect(() => validateGoLiveExtension('2025-01-31', '2025-03-01')).toThrow(
      expect.objectContaining({ code: 'EXTENSION_TOO_LONG', clause: '6.3' }),
    );
    expect(() => validateGoLiveExtension('2025-01-31', '2025-01-31')).toThrow(
      expect.objectContaining({ code: 'EXTENSION_NOT_LATER' }),
    );
  });
  it('when periods are counted completed or started, then the k-th period falls on day 7k or 7(k-1)+1', () => {
    expect([1, 2].map((k) => goLivePeriodDay(k, 'completed'))).toEqual([7, 14]);
    expect([1, 2].map((k) => goLivePeriodDay(k, 'started'))).toEqual([1, 8]);
  });
  it('when four 5% periods are charged, then the entries sum to 20% rounded once and reach the breach', () => {
    const entries = [1, 2, 3, 4].map((k) => goLivePeriodPenalty(AMOUNT, k));
    const sum = entries.reduce((a, e) => a + e.amountFen, 0n);
    expect(sum).toBe(applyRate(AMOUNT, percent('20')));
    expect(entries[3]!.cumulativeFen).toBe(sum);
    expect(reachesDeductionBreach(entries[2]!.cumulativeFen, AMOUNT)).toBe(false);
    expect(reachesDeductionBreach(sum, AMOUNT)).toBe(true);
    expect(maxGoLivePeriods(AMOUNT)).toBe(20);
    expect(goLivePeriodPenalty(AMOUNT, 1, resolveTerms({ penalties: { goLiveCounting: 'started' } })).reading).toMatch(
      /STARTED/,
    );
  });
});

describe('staff (4.2, 6.7)', () => {
  const eng = (id: string, years: number, fixed = true): Engineer => ({
    engineerId: id,
    name: id,
    qualification: 'OA certified',
    yearsOnProduct: years,
    fixed,
  });
  it('when a change would leave no fixed engineer with 2+ years, then it is refused naming 4.2', () => {
    const reg = [eng('a', 3), eng('b', 1)];
    expect(() => assertQualifiedRemains(registerAfterChange(reg, ['a'], [eng('c', 1.5)]))).toThrow(
      expect.objectContaining({ code: 'NO_QUALIFIED_ENGINEER', clause: '4.2' }),
    );
    expect(() => assertQualifiedRemains(registerAfterChange(reg, ['a'], [eng('c', 2)]))).not.toThrow();
    expect(() => assertQualifiedRemains(registerAfterChange(reg, ['a'], [eng('c', 5, false)]))).toThrow();
    expect(() => registerAfterChange(reg, ['zz'], [])).toThrow(expect.objectContaining({ code: 'UNKNOWN_ENGINEER' }));
  });
  it('when one engineer replaces another, then one person changed', () => {
    expect(personsChanged(1, 1)).toBe(1);
    expect(personsChanged(2, 1)).toBe(2);
  });
  it('when notice is 6 working days, then it is short; with 7 it is enough (National Day 2025)', () => {
    const cal = shippedCalendar();
    // Notice on 2025-09-30: working days 10-09, 10-10, 10-11 (Sat), 10-13, 10-14, 10-15, 10-16.
    expect(cal.hasWorkingDaysNotice(at('2025-09-30T10:00:00+08:00'), '2025-10-16', 7)).toMatchObject({
      ok: false,
      workingDays: 6,
    });
    expect(cal.hasWorkingDaysNotice(at('2025-09-30T10:00:00+08:00'), '2025-10-17', 7)).toMatchObject({
      ok: true,
      workingDays: 7,
    });
  });
});

describe('4.2 with pending changes', () => {
  const q = (engineerId: string, years = 3): Engineer => ({
    engineerId,
    name: engineerId,
    qualification: 'OA',
    yearsOnProduct: years,
    fixed: true,
  });
  const register = [q('wang'), q('zhao'), q('li', 1)];
  const pending = [{ changeId: 'A', effectiveDate: '2025-06-20', remove: ['wang'], add: [] }];

  it('when a second change together with a pending one leaves no qualified engineer, then it is refused naming 4.2 and the pending change', () => {
    expect(() =>
      assertQualifiedWithPending(register, pending, {
        changeId: 'B',
        effectiveDate: '2025-06-25',
        remove: ['zhao'],
        add: [],
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'NO_QUALIFIED_ENGINEER',
        clause: '4.2',
        message: expect.stringContaining('A (effective 2025-06-20)'),
      }),
    );
    // Effective before the pending one: it bites when the pending one takes effect.
    expect(() =>
      assertQualifiedWithPending(register, pending, {
        changeId: 'B',
        effectiveDate: '2025-06-10',
        remove: ['zhao'],
        add: [],
      }),
    ).toThrow(/from 2025-06-20/);
  });

  it('when the second change brings a qualified engineer, or no change is pending, then it passes', () => {
    expect(() =>
      assertQualifiedWithPending(register, pending, {
        changeId: 'B',
        effectiveDate: '2025-06-25',
        remove: ['zhao'],
        add: [q('sun', 2)],
      }),
    ).not.toThrow();
    expect(() =>
      assertQualifiedWithPending(register, [], {
        changeId: 'B',
        effectiveDate: '2025-06-25',
        remove: ['zhao'],
        add: [],
      }),
    ).not.toThrow();
  });

  it('when a change removes an engineer a pending change already removes, then it is refused as pending', () => {
    expect(() =>
      assertQualifiedWithPending(register, pending, {
        changeId: 'B',
        effectiveDate: '2025-06-25',
        remove: ['wang'],
        add: [q('sun')],
      }),
    ).toThrow(expect.objectContaining({ code: 'ENGINEER_CHANGE_PENDING', clause: '4.2' }));
  });
});

describe('6.6 exception: hospital change notified less than a week ahead', () => {
  const changes: HospitalChange[] = [
    { changeId: 'late', kind: 'ip', changedAt: '2025-05-10T02:00:00.000Z', notifiedAt: '2025-05-05T02:00:00.000Z' },
    {
      changeId: 'early',
      kind: 'server',
      changedAt: '2025-05-10T02:00:00.000Z',
      notifiedAt: '2025-05-03T02:00:00.000Z',
    },
  ];
  it.each([
    ['late', true],
    ['early', false],
    ['unknown', false],
    [undefined, false],
  ])('when the finding cites change %s, then the exception applies: %s', (id, applies) => {
    expect(dongleException(id, at('2025-05-12T10:00:00+08:00'), changes).applies).toBe(applies);
  });
  it('when the cited change was made after the finding, then the exception does not apply', () => {
    expect(dongleException('late', at('2025-05-09T10:00:00+08:00'), changes).applies).toBe(false);
    expect(isLateNotice(changes[1]!)).toBe(false);
  });
  it('when a count starts in December, then the next year is loaded too', () => {
    expect(calendarYearsFor(at('2025-12-30T10:00:00+08:00'))).toEqual([2025, 2026]);
  });
});
