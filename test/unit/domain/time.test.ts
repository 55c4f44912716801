import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  endOfShanghaiDay,
  parseInstant,
  quarterOf,
  shanghaiDate,
  startOfShanghaiDay,
} from '../../../src/domain/time';
import { ValidationError } from '../../../src/domain/errors';

describe('Asia/Shanghai dates (UTC+8, no DST)', () => {
  it.each([
    ['2025-01-01T15:59:59.999Z', '2025-01-01'],
    ['2025-01-01T16:00:00.000Z', '2025-01-02'],
    ['2024-12-31T16:00:00Z', '2025-01-01'],
    ['2024-02-28T16:30:00Z', '2024-02-29'],
  ])('when the instant is %p, then the Shanghai date is %p', (iso, date) => {
    expect(shanghaiDate(Date.parse(iso))).toBe(date);
  });

  it('when a day starts and ends, then it is 00:00 and 24:00 at +08:00', () => {
    expect(startOfShanghaiDay('2025-10-08')).toBe(Date.parse('2025-10-08T00:00:00+08:00'));
    expect(endOfShanghaiDay('2025-10-08')).toBe(Date.parse('2025-10-09T00:00:00+08:00'));
  });

  it.each([['2025-02-30'], ['2025-1-01'], ['20250101'], ['2025-13-01']])(
    'when the date is %p, then it is rejected',
    (d) => {
      expect(() => startOfShanghaiDay(d)).toThrow(ValidationError);
    },
  );

  it.each([
    ['2025-02-27', 2, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('when %p plus %p days, then %p', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
  });

  it.each([
    ['2025-01-26', 0],
    ['2025-02-08', 6],
    ['2025-10-01', 3],
    ['2026-02-14', 6],
  ])('when the date is %p, then the day of week is %p', (d, dow) => {
    expect(dayOfWeek(d)).toBe(dow);
  });

  it('when counting calendar days, then the difference is whole days', () => {
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
  });

  it.each([
    ['2025-02-14', 1, '2025-03-31'],
    ['2025-06-30', 2, '2025-06-30'],
    ['2025-07-01', 3, '2025-09-30'],
    ['2025-11-11', 4, '2025-12-31'],
  ])('when the date is %p, then it is in quarter %p ending %p', (d, q, last) => {
    expect(quarterOf(d)).toEqual({ year: 2025, quarter: q, lastDay: last });
  });

  it('when an instant has no zone, then parseInstant rejects it', () => {
    expect(() => parseInstant('2025-01-01T00:00:00')).toThrow(ValidationError);
    expect(parseInstant('2025-01-01T00:00:00+08:00')).toBe(Date.parse('2024-12-31T16:00:00Z'));
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-03-15', 1, '2025-04-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-12-10', 1, '2026-01-10'],
    ['2025-05-31', 0, '2025-05-31'],
  ])('when %p plus %p month(s), then %p', (d, n, out) => {
    expect(addMonths(d, n)).toBe(out);
  });
});
