// The 6.3 rectification plan's duties: each with its clause, due time, warnings and what a
// breach does. Every verdict is a pure function of the facts' stated times, the terms, the
// calendar and the clock: a plan stated before its deadline is in time whenever typed in.
import type { WorkingDayCalendar } from '../../domain/calendar';
import { daysLateAt, lateByDaysAtMs, rectificationRightsAtMs } from '../../domain/obligations';
import type { ContractTerms } from '../../domain/terms';
import { endOfShanghaiDay } from '../../domain/time';
import type { Visibility } from '../kernel/case';
import type { RectificationState } from './rectification-messages';

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
    breach:
      'the terminate rights event; withdrawn (with its cause) if the completion, confirmed, is stated or decided before the mark, raised again under a new key if a decided time moves it past',
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

/**
 * When the workflow wakes next: the plan deadline (daily while it is provisional, to re-read the
 * calendar), daily while an item is late (the running figure) and at each open item's 30-day mark.
 */
export function nextWakeMs(s: RectificationState, nowMs: number, terms: ContractTerms, refreshMs: number): number {
  const wakes: number[] = [];
  if (!s.plan && !s.planBreach)
    wakes.push(Date.parse(s.planDeadline.deadlineAt), ...(s.planDeadline.provisional ? [nowMs + refreshMs] : []));
  for (const it of s.items) {
    if (it.status !== 'open' || !it.dueDate) continue;
    wakes.push(lateByDaysAtMs(it.dueDate, daysLateAt(it.dueDate, nowMs) + 1));
    if (!it.rightsEventRaised) wakes.push(rectificationRightsAtMs(it.dueDate, terms));
  }
  return Math.min(...wakes.filter((x) => x > nowMs));
}

/** The plan breach the deadline's passing records (6.3), priced under the terms' reading of "another commitment". */
export function planBreachOf(s: RectificationState, nowMs: number, terms: ContractTerms) {
  const reading = terms.penalties.otherCommitmentReading;
  const d = s.planDeadline;
  return {
    at: new Date(nowMs).toISOString(),
    clause: reading,
    reading: `${d.provisional ? `deadline PROVISIONAL (calendar year(s) ${d.provisionalYears.join(', ')} not loaded; Mon-Fri assumed); ` : ''}6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under ${reading}`,
    priced: false,
  };
}

/** The record's visibility once the contract ended (clause 3): nothing awaited, breached if anything was late. */
export const contractEndedVisibility = (s: RectificationState): Visibility => ({
  status: 'contract-ended',
  awaiting: 'none',
  breached: s.planBreach !== null || s.items.some((i) => i.daysLate > 0),
  nextDeadlineMs: null,
});

/** What the parties are told when the contract ends with the plan open (clause 3): each item's standing and the plan's breach. */
export const contractEndNotice = (s: RectificationState) => ({
  items: s.items.map(({ itemId, status, daysLate, penaltyFen }) => ({ itemId, status, daysLate, penaltyFen })),
  planBreach: s.planBreach,
});
