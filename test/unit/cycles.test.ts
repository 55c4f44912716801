import {
  contractQuarter,
  parsePeriodKey,
  quarterAt,
  quarterIfKnown,
  quartersThrough,
  yearSpanIfStarted,
} from '../../src/domain/cycles';
import { cycleCalendars } from '../../src/domain/cycle-calendars';
import { paymentAmount, paymentGate } from '../../src/domain/payments';

const signed = Date.parse('2025-01-02T09:00:00+08:00');

test.each([
  [1, 1, '2025-01-02', '2025-04-01'],
  [1, 4, '2025-10-02', '2026-01-01'],
  [2, 1, '2026-01-02', '2026-04-01'],
  [3, 4, '2027-10-02', '2028-01-01'],
])('when year %i quarter %i is asked, then it runs from %s to its last day %s (4.3)', (y, q, start, last) => {
  const p = contractQuarter(signed, y, q);
  expect([p.startDate, p.lastDay]).toEqual([start, last]);
  expect(new Date(p.dueMs).toISOString()).toBe(
    new Date(Date.parse(`${last}T00:00:00+08:00`) + 86_400_000).toISOString(),
  );
});

test('when an instant is given, then quarterAt finds its contract quarter, and none before signing', () => {
  expect(quarterAt(signed, Date.parse('2025-04-01T23:59:59+08:00'))).toMatchObject({ year: 1, quarter: 1 });
  expect(quarterAt(signed, Date.parse('2025-04-02T00:00:00+08:00'))).toMatchObject({ year: 1, quarter: 2 });
  expect(quarterAt(signed, signed - 1)).toBeUndefined();
});

test('when year 1 is extended by a failed acceptance, then it has a quarter 5 and year 2 counts from the pass (3)', () => {
  const pass = Date.parse('2026-03-01T10:00:00+08:00');
  const ext = [{ contractYear: 1, untilMs: pass }];
  expect(contractQuarter(signed, 1, 5, ext)).toMatchObject({ startDate: '2026-01-02', lastDay: '2026-02-28' });
  expect(contractQuarter(signed, 2, 1, ext).startDate).toBe('2026-03-01');
  expect(() => contractQuarter(signed, 1, 5)).toThrow(/no quarter 5/);
});

test.each([
  ['100000000', '100000', '99900000', '0'],
  ['100', '150', '0', '50'],
  ['100', '0', '100', '0'],
])(
  'when the fee is %s fen and confirmed deductions %s, then %s is paid and %s remains open (10)',
  (fee, ded, amount, rest) => {
    const r = paymentAmount(BigInt(fee), BigInt(ded));
    expect([r.amountFen.toString(), r.uncoveredFen.toString()]).toEqual([amount, rest]);
  },
);

test('when year N >= 2 has no pass of N-1, then its payment is not allowed (10)', () => {
  expect(paymentGate(1, new Set()).allowed).toBe(true);
  expect(paymentGate(2, new Set()).allowed).toBe(false);
  expect(paymentGate(3, new Set([2])).allowed).toBe(true);
});

test('when signed on the 31st, then quarterly schedules fire on the 1st of the following months', () => {
  expect(cycleCalendars('2025-01-31')).toEqual({
    quarterly: { months: [2, 5, 8, 11], dayOfMonth: 1 },
    yearly: { month: 2, dayOfMonth: 1 },
  });
  expect(cycleCalendars('2025-03-15').quarterly).toEqual({ months: [3, 6, 9, 12], dayOfMonth: 15 });
  expect(parsePeriodKey('2Q3')).toEqual({ year: 2, quarter: 3 });
  expect(() => parsePeriodKey('0Q1')).toThrow();
});

test("when a schedule fires at 00:05 on the anniversary, before the signing time of day, then the quarter is the new year's first (3, 4.3)", () => {
  expect(quarterAt(signed, Date.parse('2026-01-02T00:05:00+08:00'))).toMatchObject({
    year: 2,
    quarter: 1,
    startDate: '2026-01-02',
  });
  const open = [{ contractYear: 1, untilMs: null }];
  expect(quarterAt(signed, Date.parse('2026-01-02T00:05:00+08:00'), open)).toMatchObject({ year: 1, quarter: 5 });
});

test('when year 1 failed and passed on 2026-03-01, then the quarters begun run 1Q1..1Q5 (cut at the pass, due at its full 3 months) then 2Q1 from the pass (3)', () => {
  const pass = Date.parse('2026-03-01T15:00:00+08:00');
  const ext = [{ contractYear: 1, untilMs: pass }];
  const qs = quartersThrough(signed, Date.parse('2026-06-01T00:10:00+08:00'), ext, 3);
  expect(qs.map((p) => `${p.year}Q${p.quarter}:${p.startDate}`)).toEqual([
    '1Q1:2025-01-02',
    '1Q2:2025-04-02',
    '1Q3:2025-07-02',
    '1Q4:2025-10-02',
    '1Q5:2026-01-02',
    '2Q1:2026-03-01',
    '2Q2:2026-06-01',
  ]);
  const q5 = qs[4]!;
  expect(q5.lastDay).toBe('2026-02-28');
  expect(new Date(q5.dueMs).toISOString()).toBe(new Date(Date.parse('2026-04-02T00:00:00+08:00')).toISOString());
  // The day after the pass, before 1Q6 would have begun: 2Q1 is there.
  expect(quartersThrough(signed, Date.parse('2026-03-02T00:00:00+08:00'), ext, 3).at(-1)).toMatchObject({
    year: 2,
    quarter: 1,
  });
});

test("when year 1's extension is still open, then year 2 and its quarters are not known yet and the quarters run on as 1Q5, 1Q6 (3)", () => {
  const open = [{ contractYear: 1, untilMs: null }];
  expect(quarterIfKnown(signed, 2, 1, open)).toBeUndefined();
  expect(yearSpanIfStarted(signed, 2, open)).toBeUndefined();
  expect(quarterIfKnown(signed, 1, 7)).toBeUndefined();
  expect(
    quartersThrough(signed, Date.parse('2026-04-05T00:00:00+08:00'), open, 3)
      .slice(-2)
      .map((p) => `${p.year}Q${p.quarter}`),
  ).toEqual(['1Q5', '1Q6']);
});
