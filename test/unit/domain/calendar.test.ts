import { findWorkday } from 'chinese-days';
import { CalendarYear, shippedCalendar, WorkingDayCalendar } from '../../../src/domain/calendar';
import { CALENDAR_SOURCE_VERSION, SHIPPED_CALENDAR_YEARS } from '../../../src/domain/calendar-data';
import { ValidationError } from '../../../src/domain/errors';
import { addDays, endOfShanghaiDay, startOfShanghaiDay } from '../../../src/domain/time';

const cal = shippedCalendar();
// Noon Shanghai time of a date: an event somewhere inside that day.
const noon = (date: string): number => startOfShanghaiDay(date) + 12 * 3_600_000;

describe('shipped calendar data', () => {
  it('when shipped, then it holds exactly the years chinese-days covers (2024-2026, no 2027)', () => {
    expect(cal.loadedYears()).toEqual([2024, 2025, 2026]);
    expect(cal.isLoaded(2027)).toBe(false);
    expect(CALENDAR_SOURCE_VERSION).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
    expect(SHIPPED_CALENDAR_YEARS.every((y) => y.version === CALENDAR_SOURCE_VERSION)).toBe(true);
  });

  it.each([
    // 2025 Spring Festival: 01-28..02-04 off; Sun 01-26 and Sat 02-08 worked (调休上班)
    ['2025-01-26', true],
    ['2025-01-27', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true],
    ['2025-02-09', false],
    // 2025 Labour Day 05-01..05-05 with Sun 04-27 worked; Dragon Boat 05-31..06-02
    ['2025-04-27', true],
    ['2025-05-05', false],
    ['2025-06-02', false],
    ['2025-06-03', true],
    // 2025 National Day + Mid-autumn 10-01..10-08; Sun 09-28 and Sat 10-11 worked
    ['2025-09-28', true],
    ['2025-10-01', false],
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-10-11', true],
    ['2025-10-12', false],
    // 2026 New Year 01-01..01-03 with Sun 01-04 worked
    ['2026-01-01', false],
    ['2026-01-02', false],
    ['2026-01-04', true],
    // 2026 Spring Festival 02-15..02-23; Sat 02-14 and Sat 02-28 worked
    ['2026-02-14', true],
    ['2026-02-15', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2026-03-01', false],
    // 2026 Labour Day 05-01..05-05 with Sat 05-09 worked; Mid-autumn 09-25 (Fri)
    ['2026-05-05', false],
    ['2026-05-09', true],
    ['2026-09-25', false],
    // 2026 National Day 10-01..10-07; Sun 09-20 and Sat 10-10 worked
    ['2026-09-20', true],
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-10-11', false],
    // an ordinary week
    ['2025-03-03', true],
    ['2025-03-08', false],
  ])('when the date is %p, then isWorkingDay is %p', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });
});

describe('addWorkingDays (event day not counted, due at 24:00 Shanghai of the last day)', () => {
  it.each([
    ['2024-12-31', '2025-01-10'], // New Year 2025-01-01
    ['2025-01-24', '2025-02-10'], // Spring Festival: Sun 01-26 and Sat 02-08 count
    ['2025-01-27', '2025-02-12'],
    ['2025-04-03', '2025-04-15'], // Qingming 04-04..04-06
    ['2025-04-25', '2025-05-08'], // Labour Day: Sun 04-27 counts
    ['2025-04-30', '2025-05-14'],
    ['2025-05-30', '2025-06-11'], // Dragon Boat 05-31..06-02
    ['2025-09-26', '2025-10-13'], // National Day: Sun 09-28 and Sat 10-11 count
    ['2025-10-01', '2025-10-16'], // event on a holiday
    ['2025-12-31', '2026-01-12'], // New Year 2026: Sun 01-04 counts, crosses the year
    ['2026-02-13', '2026-03-02'], // Spring Festival: Sat 02-14 and Sat 02-28 count
    ['2026-04-03', '2026-04-15'], // Qingming 04-04..04-06
    ['2026-04-30', '2026-05-13'], // Labour Day: Sat 05-09 counts
    ['2026-06-18', '2026-06-30'], // Dragon Boat 06-19..06-21
    ['2026-09-18', '2026-09-29'], // Sun 09-20 counts; Mid-autumn 09-25..09-27
    ['2026-09-30', '2026-10-15'], // National Day 10-01..10-07: Sat 10-10 counts
  ])('when the event is on %p, then 7 working days end on %p at 24:00', (eventDate, lastDay) => {
    const r = cal.addWorkingDays(noon(eventDate), 7);
    expect(r).toEqual({ lastDay, deadlineMs: endOfShanghaiDay(lastDay), provisional: false, provisionalYears: [] });
  });

  it.each([
    ['2025-09-27T15:30:00Z', '2025-10-13'], // 23:30 Sat Shanghai: Sun 09-28 is day 1
    ['2025-09-27T16:30:00Z', '2025-10-14'], // 00:30 Sun Shanghai: 09-28 is the event day, not counted
  ])('when the event instant is %p, then the Shanghai date decides and the deadline is %p', (iso, lastDay) => {
    expect(cal.addWorkingDays(Date.parse(iso), 7).lastDay).toBe(lastDay);
  });

  it('when n is 0, then the deadline is 24:00 of the event day', () => {
    expect(cal.addWorkingDays(noon('2025-10-01'), 0).lastDay).toBe('2025-10-01');
  });

  it.each([[-1], [1.5], [100000]])('when n is %p, then it is rejected', (n) => {
    expect(() => cal.addWorkingDays(noon('2025-03-03'), n)).toThrow(ValidationError);
  });

  it('when swept over every day of 2024-2026, then it agrees with chinese-days', () => {
    const mismatches: string[] = [];
    for (let d = '2024-01-01'; d <= '2026-12-20'; d = addDays(d, 1)) {
      for (const n of [1, 7]) {
        const ours = cal.addWorkingDays(noon(d), n).lastDay;
        if (ours !== findWorkday(n, d)) mismatches.push(`${d}+${n}: ${ours} vs ${findWorkday(n, d)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('unloaded years are provisional, never guessed silently', () => {
  it('when the event is in 2030, then Mon-Fri is used and the result is provisional', () => {
    expect(cal.addWorkingDays(noon('2030-03-01'), 7)).toEqual({
      lastDay: '2030-03-12',
      deadlineMs: endOfShanghaiDay('2030-03-12'),
      provisional: true,
      provisionalYears: [2030],
    });
  });

  it('when the count crosses into unloaded 2027, then 2027 is flagged', () => {
    const r = cal.addWorkingDays(noon('2026-12-28'), 7);
    expect(r).toMatchObject({ lastDay: '2027-01-06', provisional: true, provisionalYears: [2027] });
  });

  it('when an operator loads 2027, then the same count is final and uses its holidays', () => {
    const y2027: CalendarYear = {
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
      source: 'test notice',
      version: 't1',
    };
    const loaded = cal.withYear(y2027);
    expect(loaded.addWorkingDays(noon('2026-12-28'), 7)).toMatchObject({
      lastDay: '2027-01-07',
      provisional: false,
      provisionalYears: [],
    });
    expect(cal.isLoaded(2027)).toBe(false); // the original calendar is unchanged
  });

  it.each<[string, CalendarYear, string]>([
    [
      'a date from another year',
      { year: 2027, holidays: ['2028-01-01'], workdays: [], source: 's', version: 'v' },
      'calendar.2027',
    ],
    [
      'an impossible date',
      { year: 2027, holidays: ['2027-02-30'], workdays: [], source: 's', version: 'v' },
      'calendar.2027',
    ],
    [
      'a day both off and worked',
      { year: 2027, holidays: ['2027-01-02'], workdays: ['2027-01-02'], source: 's', version: 'v' },
      'calendar.2027',
    ],
    ['no source', { year: 2027, holidays: [], workdays: [], source: '', version: 'v' }, 'calendar.2027.source'],
    ['a year before 1949', { year: 1900, holidays: [], workdays: [], source: 's', version: 'v' }, 'calendar.year'],
    [
      'holidays that are not a list',
      { year: 2027, holidays: '2027-01-01' as never, workdays: [], source: 's', version: 'v' },
      'calendar.2027.holidays',
    ],
  ])('when year data has %s, then it is rejected naming %s', (_label, data, field) => {
    expect(() => new WorkingDayCalendar([data])).toThrow(ValidationError);
    expect(() => new WorkingDayCalendar([data])).toThrow(expect.objectContaining({ field }));
  });
});

describe('staff-change notice (4.2 / 6.7: 7 working days before it takes effect)', () => {
  it.each([
    ['2025-03-03', '2025-03-12', false, 6],
    ['2025-03-03', '2025-03-13', true, 7],
    ['2025-09-24', '2025-10-10', false, 6], // 10-01..10-08 are holidays
    ['2025-09-24', '2025-10-11', true, 7],
  ])(
    'when notified on %p for a change effective %p, then ok is %p with %p working days',
    (notice, effective, ok, workingDays) => {
      expect(cal.hasWorkingDaysNotice(noon(notice), effective, 7)).toEqual({
        ok,
        workingDays,
        provisional: false,
        provisionalYears: [],
      });
      expect(cal.workingDaysBetween(noon(notice), startOfShanghaiDay(effective))).toBe(workingDays);
    },
  );

  it('when checked for many days, then ok matches "addWorkingDays(notice, 7).lastDay is before the effective date"', () => {
    for (let notice = '2025-09-01'; notice <= '2025-10-20'; notice = addDays(notice, 1)) {
      for (let k = 1; k <= 20; k++) {
        const effective = addDays(notice, k);
        const expected = cal.addWorkingDays(noon(notice), 7).lastDay < effective;
        expect(cal.hasWorkingDaysNotice(noon(notice), effective, 7).ok).toBe(expected);
      }
    }
  });

  it('when the effective date is in an unloaded year, then the check is provisional', () => {
    expect(cal.hasWorkingDaysNotice(noon('2026-12-20'), '2027-01-05', 7)).toMatchObject({
      provisional: true,
      provisionalYears: [2027],
    });
  });
});
