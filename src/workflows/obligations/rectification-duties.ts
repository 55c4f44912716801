// The 6.3 rectification plan's duties: each with its clause, due time, warnings and what a
// breach does. Every verdict is a pure function of the facts' stated times, the terms, the
// calendar and the clock: a plan stated before its deadline is in time whenever typed in.
import type { WorkingDayCalendar } from '../../domain/calendar';
import { daysLateAt, rectificationRightsAtMs } from '../../domain/obligations';
import type { ContractTerms } from '../../domain/terms';
import { endOfShanghaiDay } from '../../domain/time';
import type { Visibility } from '../kernel/case';
import type { RectificationItem, RectificationState } from './rectification-messages';

export const RECTIFICATION_DUTIES = [
  {
    duty: 'plan',
    clause: '6.3',
    due: 'terms.workingDays.rectificationPlan working days after signing (calendar; provisional while a year is not loaded)',
    warnings: 'none; the deadline is on the record from signing',
    breach:
      "another commitment not kept: priced under terms.penalties.otherCommitmentReading (6.2.2 at once, or 6.5 at the approver's rate); withdrawn if a plan stated in time supersedes it",
  },
  {
    duty: 'item',
    clause: '6.3',
    due: "each accepted item's due date (end of that day, Asia/Shanghai)",
    warnings: 'daily while late (the running figure)',
    breach: 'the 6.3 daily rate from the due date to the stated completion, charged when the hospital confirms it',
  },
  {
    duty: 'item 30 days late',
    clause: '6.3',
    due: 'terms.thresholds.rectificationLateDays after the due date',
    warnings: 'none',
    breach: 'the terminate rights event',
  },
] as const;

/** The plan deadline from the signing on the calendar and terms as they stand. */
export function planDeadline(
  cal: WorkingDayCalendar,
  signedMs: number,
  terms: ContractTerms,
): RectificationState['planDeadline'] {
  const d = cal.addWorkingDays(signedMs, terms.workingDays.rectificationPlan);
  return {
    deadlineAt: new Date(d.deadlineMs).toISOString(),
    lastDay: d.lastDay,
    provisional: d.provisional,
    provisionalYears: d.provisionalYears,
  };
}

/**
 * The plan deadline now: 'missed' when it passed with no plan stated before it (a plan entered
 * late at onboarding is judged so too, as it was live); 'superseded' when a missed deadline
 * meets a plan stated in time (typed in later, or a contest decided for it).
 */
export function planVerdict(s: RectificationState, nowMs: number): 'missed' | 'superseded' | 'unchanged' {
  if ((!s.plan || s.plan.late) && !s.planBreach && nowMs >= Date.parse(s.planDeadline.deadlineAt)) return 'missed';
  if (s.plan && !s.plan.late && s.planBreach) return 'superseded';
  return 'unchanged';
}

/** Open items whose 30-day mark (thresholds.rectificationLateDays) passed without their rights event yet. */
export const rightsDue = (s: RectificationState, nowMs: number, terms: ContractTerms): RectificationItem[] =>
  s.items.filter(
    (it) =>
      it.status === 'open' &&
      it.dueDate &&
      !it.rightsEventRaised &&
      nowMs >= rectificationRightsAtMs(it.dueDate, terms),
  );

export const isFinished = (s: RectificationState): boolean =>
  s.plan !== null &&
  s.items.every((i) => i.status === 'done' || i.status === 'exempt') &&
  (!s.planBreach || s.planBreach.priced);

/** The next contractual instant (not a wake-up): the plan deadline, an item's due end or its 30-day mark. */
export function nextDeadline(s: RectificationState, nowMs: number, terms: ContractTerms): number | null {
  const d: number[] = [];
  if (!s.plan && !s.planBreach) d.push(Date.parse(s.planDeadline.deadlineAt));
  for (const it of s.items) {
    if (it.status !== 'open' || !it.dueDate) continue;
    d.push(
      nowMs < endOfShanghaiDay(it.dueDate)
        ? endOfShanghaiDay(it.dueDate)
        : it.rightsEventRaised
          ? Infinity
          : rectificationRightsAtMs(it.dueDate, terms),
    );
  }
  const m = Math.min(...d);
  return Number.isFinite(m) ? m : null;
}

/** The record's visibility: status, who is awaited, breached, the next contractual instant. */
export function visibility(s: RectificationState, nowMs: number, terms: ContractTerms): Visibility {
  const finished = isFinished(s);
  const overdue = s.items.some((i) => i.status === 'open' && i.dueDate && daysLateAt(i.dueDate, nowMs) > 0);
  const awaitingHospital =
    s.items.some((i) => i.status === 'awaiting-review' || i.status === 'done-claimed') ||
    (s.planBreach !== null && !s.planBreach.priced);
  return {
    status: finished
      ? 'closed'
      : !s.plan
        ? s.planBreach
          ? 'plan-late'
          : 'awaiting-plan'
        : overdue
          ? 'items-overdue'
          : 'in-progress',
    awaiting: finished ? 'none' : awaitingHospital ? 'hospital' : 'vendor',
    breached: s.planBreach !== null || overdue || s.items.some((i) => i.daysLate > 0),
    nextDeadlineMs: nextDeadline(s, nowMs, terms),
  };
}
