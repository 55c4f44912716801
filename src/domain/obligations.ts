// Pure rules of the obligations that start at signing (4.10, 6.3): lateness in whole
// Asia/Shanghai days, the 6.3 rectification plan and its items, and the 6.6 exception for a
// hospital change notified late. The go-live rules are go-live.ts, the 4.2 register staff-register.ts.
import { ValidationError } from './errors';
import { Fen } from './money';
import { PenaltyItem, rectificationLatePenalty } from './penalties';
import { ContractTerms, defaultTerms } from './terms';
import { addDays, assertIsoDate, DAY_MS, daysBetween, IsoDate, shanghaiDate, startOfShanghaiDay } from './time';

/** 6.6 exception: a hospital change notified less than one week (7 calendar days) ahead. */
export const HOSPITAL_CHANGE_NOTICE_MS = 7 * DAY_MS;

/**
 * Whole days late at an instant for something due by 24:00 of dueDate (Civil Code art. 203):
 * done on dueDate = 0, done the next day = 1. Days are Asia/Shanghai calendar days.
 */
export function daysLateAt(dueDate: IsoDate, atMs: number): number {
  return Math.max(0, daysBetween(assertIsoDate(dueDate, 'dueDate'), shanghaiDate(atMs)));
}

/** The instant at which daysLateAt(dueDate, ·) first equals d (d >= 1): 00:00 of dueDate + d. */
export function lateByDaysAtMs(dueDate: IsoDate, d: number): number {
  return startOfShanghaiDay(addDays(dueDate, d));
}

/** 6.3: a rectification item's penalty at closure (or its running figure while open). */
export function rectificationItemPenalty(
  amountFen: Fen,
  dueDate: IsoDate,
  atMs: number,
  terms: ContractTerms = defaultTerms(),
): { daysLate: number; penalty: PenaltyItem | null } {
  const daysLate = daysLateAt(dueDate, atMs);
  return { daysLate, penalty: daysLate > 0 ? rectificationLatePenalty(amountFen, daysLate, terms) : null };
}

/** 6.3: the instant an open item becomes MORE than the limit (30) days late. */
export function rectificationRightsAtMs(dueDate: IsoDate, terms: ContractTerms = defaultTerms()): number {
  return lateByDaysAtMs(dueDate, terms.thresholds.rectificationLateDays + 1);
}

export interface PlanItemInput {
  itemId: string;
  description: string;
  dueDate?: string;
  exemption?: { explanation: string };
}

/**
 * 6.3: each plan item has either a due date (after the day it is submitted) or, when the
 * software's architecture cannot fix it, an exemption with its explanation.
 */
export function validatePlanItems(items: readonly PlanItemInput[], submittedAtMs: number): void {
  if (items.length === 0)
    throw new ValidationError(
      'PLAN_EMPTY',
      'a rectification plan needs at least one item; list "no problems found" as an exempt item (clause 6.3)',
      { field: 'items', clause: '6.3' },
    );
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const field = `items.${i}`;
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(it.itemId))
      throw new ValidationError('INVALID_ITEM_ID', `${field}.itemId must be 1-40 letters, digits, _ . -`, {
        field: `${field}.itemId`,
        clause: '6.3',
      });
    if (seen.has(it.itemId))
      throw new ValidationError('DUPLICATE_ITEM', `item ${it.itemId} is listed twice`, {
        field: `${field}.itemId`,
        clause: '6.3',
      });
    seen.add(it.itemId);
    if ((it.dueDate === undefined) === (it.exemption === undefined))
      throw new ValidationError(
        'ITEM_NEEDS_DUE_OR_EXEMPTION',
        `item ${it.itemId} needs exactly one of a due date or an architecture exemption (clause 6.3)`,
        { field, clause: '6.3' },
      );
    if (it.dueDate !== undefined && assertIsoDate(it.dueDate, `${field}.dueDate`) <= shanghaiDate(submittedAtMs)) {
      throw new ValidationError(
        'DUE_DATE_PAST',
        `item ${it.itemId}: the due date must be after the day the plan is submitted (clause 6.3)`,
        { field: `${field}.dueDate`, clause: '6.3' },
      );
    }
    if (it.exemption !== undefined && it.exemption.explanation.trim().length < 10)
      throw new ValidationError(
        'EXEMPTION_NEEDS_EXPLANATION',
        `item ${it.itemId}: an architecture exemption needs an explanation (clause 6.3)`,
        { field: `${field}.exemption.explanation`, clause: '6.3' },
      );
  });
}

export interface HospitalChange {
  changeId: string;
  kind: 'mac' | 'ip' | 'network' | 'server';
  changedAt: string; // ISO instant
  notifiedAt: string; // ISO instant the vendor was told
}

/** 6.6 exception: the hospital notified the change less than one week before making it. */
export function isLateNotice(c: Pick<HospitalChange, 'changedAt' | 'notifiedAt'>): boolean {
  return Date.parse(c.changedAt) - Date.parse(c.notifiedAt) < HOSPITAL_CHANGE_NOTICE_MS;
}

/**
 * 6.6: a restriction found (or the 4.10 removal missed) costs the fixed sum, except where it
 * was caused by a hospital change of MAC, IP, network or server notified less than a week
 * ahead. The exception applies only when the finding cites a change RECORDED on the platform,
 * made no later than the finding, with late notice.
 */
export function dongleException(
  relatedChangeId: string | undefined,
  foundAtMs: number,
  changes: readonly HospitalChange[],
): { applies: boolean; reason: string } {
  if (!relatedChangeId)
    return { applies: false, reason: 'no hospital change of MAC, IP, network or server is cited (clause 6.6)' };
  const c = changes.find((x) => x.changeId === relatedChangeId);
  if (!c)
    return {
      applies: false,
      reason: `hospital change ${relatedChangeId} is not recorded on the platform (clause 6.6)`,
    };
  if (Date.parse(c.changedAt) > foundAtMs)
    return {
      applies: false,
      reason: `hospital change ${relatedChangeId} was made after the restriction was found (clause 6.6)`,
    };
  if (!isLateNotice(c))
    return {
      applies: false,
      reason: `hospital change ${relatedChangeId} was notified at least one week ahead (clause 6.6)`,
    };
  return {
    applies: true,
    reason: `the hospital changed the ${c.kind} on ${c.changedAt} with notice on ${c.notifiedAt}, less than one week ahead: the vendor is exempt (clause 6.6 exception)`,
  };
}

/** Calendar years a working-day count from an instant can touch (the count is a few weeks at most). */
export function calendarYearsFor(fromMs: number, toDate?: IsoDate): number[] {
  const first = Number(shanghaiDate(fromMs).slice(0, 4));
  const last = Math.max(first + 1, toDate ? Number(toDate.slice(0, 4)) : first);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
