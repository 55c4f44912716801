import { contractQuarter, cycleCalendars, parsePeriodKey, paymentAmount, paymentGate, quarterAt } from '../../src/domain/cycles';

const signed = Date.parse('2025-01-02T09:00:00+08:00');

test.each([
  [1, 1, '2025-01-02', '2025-04-01'], [1, 4, '2025-10-02', '2026-01-01'], [2, 1, '2026-01-02', '2026-04-01'], [3, 4, '2027-10-02', '2028-01-01'],
])('when year %i quarter %i is asked, then it runs from %s to its last day %s (4.3)', (y, q, start, last) => {
  const p = contractQuarter(signed, y, q);
  expect([p.startDate, p.lastDay]).toEqual([start, last]);
  expect(new Date(p.dueMs).toISOString()).toBe(new Date(Date.parse(`${last}T00:00:00+08:00`) + 86_400_000).toISOString());
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
  ['100000000', '100000', '99900000', '0'], ['100', '150', '0', '50'], ['100', '0', '100', '0'],
])('when the fee is %s fen and confirmed deductions %s, then %s is paid and %s remains open (10)', (fee, ded, amount, rest) => {
  const r = paymentAmount(BigInt(fee), BigInt(ded));
  expect([r.amountFen.toString(), r.uncoveredFen.toString()]).toEqual([amount, rest]);
});

test('when year N >= 2 has no pass of N-1, then its payment is not allowed (10)', () => {
  expect(paymentGate(1, new Set()).allowed).toBe(true);
  expect(paymentGate(2, new Set()).allowed).toBe(false);
  expect(paymentGate(3, new Set([2])).allowed).toBe(true);
});

test('when signed on the 31st, then quarterly schedules fire on the 1st of the following months', () => {
  expect(cycleCalendars('2025-01-31')).toEqual({ quarterly: { months: [2, 5, 8, 11], dayOfMonth: 1 }, yearly: { month: 2, dayOfMonth: 1 } });
  expect(cycleCalendars('2025-03-15').quarterly).toEqual({ months: [3, 6, 9, 12], dayOfMonth: 15 });
  expect(parsePeriodKey('2Q3')).toEqual({ year: 2, quarter: 3 });
  expect(() => parsePeriodKey('0Q1')).toThrow();
});
