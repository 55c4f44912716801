// The calendar specs of the contract cycles' Temporal Schedules (issue 5): the start of every
// contract quarter (4.1, 4.3) and year (3, 8) counted from the signing day, in Asia/Shanghai.
// Pure: schedule-options.ts builds the schedules from these; the periods themselves: cycles.ts.
import type { IsoDate } from './time';

/** Temporal calendar specs (Asia/Shanghai) that fire at the start of every contract quarter and year. */
export function cycleCalendars(signDate: IsoDate): {
  quarterly: { months: number[]; dayOfMonth: number };
  yearly: { month: number; dayOfMonth: number };
} {
  const [, m, d] = signDate.split('-').map(Number) as [number, number, number];
  // Months without the signing day clamp the period start to their last day (addMonths); a
  // calendar spec would skip them, so from day 29 on fire on the 1st of the following month,
  // which is always inside the quarter. The workflow derives the period from the fire time.
  const late = d > 28;
  const first = late ? (m % 12) + 1 : m;
  const months = [0, 3, 6, 9].map((k) => ((first - 1 + k) % 12) + 1).sort((a, b) => a - b);
  const yearly = late ? { month: first, dayOfMonth: 1 } : { month: m, dayOfMonth: d };
  return { quarterly: { months, dayOfMonth: late ? 1 : d }, yearly };
}
