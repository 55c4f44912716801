// The Temporal Schedule of one contract cycle (issue 5) as options: its id, its calendar spec in
// Asia/Shanghai at the start of each contract quarter or year (or daily for the reconcile),
// the launcher it starts, its overlap and catch-up (why: schedules.ts). Pure: no client call.
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { cycleCalendars } from '../domain/cycle-calendars';
import { shanghaiDate } from '../domain/time';
import { SA } from './search-attributes';
import { launcherStartMetadata } from './case-summaries';

export type CycleKind = 'inspection' | 'care' | 'acceptance' | 'reconcile';
/** reconcile: the daily firing that follows the calendar shifted by a failed acceptance (clause 3; see the launcher). */
export const CYCLE_KINDS: CycleKind[] = ['inspection', 'care', 'acceptance', 'reconcile'];
export const scheduleId = (contractId: string, kind: CycleKind) => `weibao:${contractId}:${kind}`;
export const TIME_ZONE = 'Asia/Shanghai';
/** A schedule's comment as the Web UI shows it to the hospital's and the vendor's staff: Chinese first, then the English (issue 15). */
const bilingual = (zh: string, en: string) => `${zh} / ${en}`;

export interface ScheduledContract {
  id: string;
  signedAt: string;
  status: 'active' | 'ended';
}

export function scheduleOptions(c: ScheduledContract, kind: CycleKind, taskQueue: string): ScheduleOptions {
  const cal = cycleCalendars(shanghaiDate(Date.parse(c.signedAt)));
  // Five minutes past midnight Shanghai: the new period has begun on every reading of "day".
  const spec =
    kind === 'acceptance'
      ? {
          calendars: [
            {
              month: MONTHS[cal.yearly.month - 1],
              dayOfMonth: cal.yearly.dayOfMonth,
              hour: 0,
              minute: 5,
              comment: bilingual('每个合同年开始（条款 3、8）', 'start of each contract year (clauses 3, 8)'),
            },
          ],
        }
      : // Half an hour after the others, so on a quarter's first day the nominal firing starts it and this one finds it.
        kind === 'reconcile'
        ? {
            calendars: [
              {
                hour: 0,
                minute: 35,
                comment: bilingual(
                  '每日：启动因验收未通过而顺延的日历所需的期间（条款 3）',
                  'daily: start any period the calendar shifted by a failed acceptance needs (clause 3)',
                ),
              },
            ],
          }
        : {
            calendars: [
              {
                month: cal.quarterly.months.map((m) => MONTHS[m - 1]),
                dayOfMonth: cal.quarterly.dayOfMonth,
                hour: 0,
                minute: 5,
                comment: bilingual(
                  `每个合同季度开始（条款 4.1${kind === 'inspection' ? '/4.3' : ''}）`,
                  `start of each contract quarter (clause 4.1${kind === 'inspection' ? '/4.3' : ''})`,
                ),
              },
            ],
          };
  const launcher = launcherStartMetadata(kind, c.id);
  return {
    scheduleId: scheduleId(c.id, kind),
    spec: { ...spec, timezone: TIME_ZONE, startAt: new Date(c.signedAt) },
    action: {
      type: 'startWorkflow',
      workflowType: 'cycleLauncherWorkflow',
      taskQueue,
      // Temporal appends the scheduled time: weibao-launch:<kind>:<contractId>-2025-04-01T16:05:00Z
      workflowId: `weibao-launch:${kind}:${c.id}`,
      args: [{ kind, contractId: c.id }],
      // What the Web UI shows of each run (issue 15): which cycles of which contract it starts.
      staticSummary: launcher.staticSummary,
      staticDetails: launcher.staticDetails,
      typedSearchAttributes: [
        { key: SA.contractId, value: c.id },
        { key: SA.kind, value: 'launcher' },
        { key: SA.summary, value: launcher.listLine },
      ],
    },
    // The reconcile fills every gap up to its own fire time, so catching up its latest missed day is enough.
    policies: {
      overlap: ScheduleOverlapPolicy.ALLOW_ALL,
      catchupWindow: kind === 'reconcile' ? '2 days' : '365 days',
      pauseOnFailure: false,
    },
    memo: { contractId: c.id, kind },
  };
}

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
