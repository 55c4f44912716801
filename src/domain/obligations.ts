// Pure rules of the obligations that start at signing (4.10, 6.3) and of staff changes
// (4.2, 6.7): lateness in whole Asia/Shanghai days, the go-live extension, the 4.2
// qualified-engineer rule and the 6.6 exception for a hospital change notified late.
import { RuleViolation, ValidationError } from './errors';
import { applyRate, Fen, formatCny, formatPercent, percent } from './money';
import { goLivePenalty, PenaltyItem, rectificationLatePenalty } from './penalties';
import { ContractTerms, defaultTerms } from './terms';
import {
  addDays,
  addMonths,
  assertIsoDate,
  DAY_MS,
  daysBetween,
  IsoDate,
  shanghaiDate,
  startOfShanghaiDay,
} from './time';

/** 4.2: a qualified fixed engineer has at least this many years on the product. */
export const QUALIFIED_MIN_YEARS = 2;
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

/** 6.3: the latest date a go-live may be extended to (one written extension, at most one month). */
export function latestGoLiveExtension(goLiveDate: IsoDate, terms: ContractTerms = defaultTerms()): IsoDate {
  return addMonths(goLiveDate, terms.goLive.maxExtensionMonths);
}

export function validateGoLiveExtension(
  goLiveDate: IsoDate,
  newDate: IsoDate,
  terms: ContractTerms = defaultTerms(),
): void {
  assertIsoDate(newDate, 'newDate');
  const latest = latestGoLiveExtension(goLiveDate, terms);
  if (newDate <= goLiveDate)
    throw new ValidationError(
      'EXTENSION_NOT_LATER',
      `the extended go-live date must be after ${goLiveDate} (clause 6.3)`,
      { field: 'newDate', clause: '6.3' },
    );
  if (newDate > latest)
    throw new RuleViolation(
      'EXTENSION_TOO_LONG',
      `go-live may be extended by at most ${terms.goLive.maxExtensionMonths} month(s), to ${latest} (clause 6.3)`,
      { field: 'newDate', clause: '6.3' },
    );
}

/**
 * 6.3 "每超期7天": the number of days late at which the k-th period (k >= 1) is charged,
 * under the contract's counting reading (completed: day 7k; started: day 7(k-1)+1).
 */
export function goLivePeriodDay(k: number, counting: 'completed' | 'started', periodDays = 7): number {
  return counting === 'completed' ? k * periodDays : (k - 1) * periodDays + 1;
}

/**
 * The go-live ledger entry of the k-th period: the cumulative penalty of k periods rounded
 * once (5% × k of the amount, half up) minus that of k-1 periods, so the entries always sum
 * to the once-rounded total (per-period rounding could keep 4 periods just under 20%).
 */
export function goLivePeriodPenalty(
  amountFen: Fen,
  k: number,
  terms: ContractTerms = defaultTerms(),
): PenaltyItem & { cumulativeFen: Fen } {
  const counting = terms.penalties.goLiveCounting;
  const periodDays = terms.penalties.goLivePeriodDays;
  const cum = (j: number) =>
    j === 0 ? 0n : goLivePenalty(amountFen, goLivePeriodDay(j, counting, periodDays), counting, terms).amountFen;
  const total = goLivePenalty(amountFen, goLivePeriodDay(k, counting, periodDays), counting, terms);
  const amount = total.amountFen - cum(k - 1);
  const r = formatPercent(percent(terms.penalties.goLivePercentPerPeriod));
  const basis = `clause 6.3: go-live period ${k}, charged at ${goLivePeriodDay(k, counting, periodDays)} day(s) late after the extension: ${r} of the contract amount ${formatCny(amountFen)} per period; ${k} period(s) = ${formatCny(total.amountFen)} rounded once, this entry ${formatCny(amount)}`;
  return {
    clause: '6.3',
    amountFen: amount,
    basis,
    ...(total.reading ? { reading: total.reading } : {}),
    cumulativeFen: total.amountFen,
  };
}

/** 6.3: deductions reaching 20% (达到…及以上) of the contract amount: the vendor is in breach. */
export function reachesDeductionBreach(totalFen: Fen, amountFen: Fen, terms: ContractTerms = defaultTerms()): boolean {
  const r = percent(terms.thresholds.deductionPercent);
  return totalFen * r.den >= amountFen * r.num;
}

/**
 * 6.3 "deductions reaching 20%": two events, never the same fact twice. The contract core
 * records the AUTHORITATIVE breach right (key `<contractId>:threshold-<pct>`, right
 * 'breach-terminate-refund') once the CONFIRMED total of all deductions reaches the threshold.
 * The go-live workflow sees its own PROPOSED deductions reach it earlier (they await the
 * approver's confirmation), so it raises a distinct advance event under its own key and right,
 * whose text names the authoritative one; it is raised once per contract.
 */
export function goLiveProposedBreachEvent(
  contractId: string,
  chargedFen: Fen,
  amountFen: Fen,
  periods: number,
  terms: ContractTerms = defaultTerms(),
) {
  const pct = terms.thresholds.deductionPercent;
  return {
    key: `${contractId}:golive:${pct}`,
    contractId,
    right: 'breach-terminate-refund-pending-confirmation',
    clause: '6.3',
    numbers: {
      basis: 'proposed',
      goLiveDeductionsFen: chargedFen.toString(),
      contractAmountFen: amountFen.toString(),
      thresholdPercent: pct,
      periods,
      authoritativeEventKey: `${contractId}:threshold-${pct}`,
      note: `go-live deductions PROPOSED under clause 6.3 (${formatCny(chargedFen)}, ${periods} period(s)) reached ${pct}% of the contract amount ${formatCny(amountFen)}; they are not yet confirmed. The breach right of 6.3 (terminate and demand all payments back) is established when CONFIRMED deductions reach ${pct}%, recorded once as rights event ${contractId}:threshold-${pct}`,
    },
  };
}

/** The most go-live periods that can be charged: the deductions never exceed the contract amount. */
export function maxGoLivePeriods(amountFen: Fen, terms: ContractTerms = defaultTerms()): number {
  const one = applyRate(amountFen, percent(terms.penalties.goLivePercentPerPeriod));
  return one === 0n ? 0 : Number(amountFen / one);
}

export interface Engineer {
  engineerId: string;
  name: string;
  qualification: string;
  yearsOnProduct: number;
  fixed: boolean;
  /** The qualification as a stored staff-qualification document (4.2), checked when the fact is taken. */
  qualificationDocument?: { documentRef: string; sha256: string };
}

/** 4.2: a fixed engineer from the original manufacturer with two or more years on the product. */
export function isQualified(e: Engineer): boolean {
  return e.fixed && e.yearsOnProduct >= QUALIFIED_MIN_YEARS;
}

/** 4.2: refuse a register (or a change) that leaves no qualified fixed engineer. */
export function assertQualifiedRemains(registerAfter: readonly Engineer[]): void {
  if (!registerAfter.some(isQualified)) {
    throw new RuleViolation(
      'NO_QUALIFIED_ENGINEER',
      `the contract must always have at least one fixed maintenance engineer with ${QUALIFIED_MIN_YEARS} or more years on the product (clause 4.2)`,
      { clause: '4.2' },
    );
  }
}

/** The register after removing and adding engineers; unknown removals are refused. */
export function registerAfterChange(
  register: readonly Engineer[],
  remove: readonly string[],
  add: readonly Engineer[],
): Engineer[] {
  for (const id of remove)
    if (!register.some((e) => e.engineerId === id))
      throw new ValidationError('UNKNOWN_ENGINEER', `engineer ${id} is not on the register`, {
        field: 'remove',
        clause: '4.2',
      });
  for (const e of add)
    if (register.some((r) => r.engineerId === e.engineerId))
      throw new ValidationError('DUPLICATE_ENGINEER', `engineer ${e.engineerId} is already on the register`, {
        field: 'add',
        clause: '4.2',
      });
  return [...register.filter((e) => !remove.includes(e.engineerId)), ...add];
}

export interface PendingStaffChange {
  changeId: string;
  effectiveDate: IsoDate;
  remove: readonly string[];
  add: readonly Engineer[];
}

/** The register once every change effective on or before date has taken effect (in date order). */
function registerOn(register: readonly Engineer[], changes: readonly PendingStaffChange[], date: IsoDate): Engineer[] {
  return [...changes]
    .filter((c) => c.effectiveDate <= date)
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0))
    .reduce<Engineer[]>((r, c) => registerAfterChange(r, c.remove, c.add), [...register]);
}

/**
 * 4.2 with pending changes: the changes still pending (not refused, withdrawn or applied)
 * will take effect on their dates, so a new request is checked against that timeline. It is
 * refused when, on some effective date, the timeline with it has no qualified fixed engineer
 * while the timeline without it had one (a request that does not make things worse passes).
 */
export function assertQualifiedWithPending(
  register: readonly Engineer[],
  pending: readonly PendingStaffChange[],
  change: PendingStaffChange,
): void {
  for (const id of change.remove) {
    const other = pending.find((p) => p.remove.includes(id));
    if (other)
      throw new RuleViolation(
        'ENGINEER_CHANGE_PENDING',
        `engineer ${id} is already removed by pending change ${other.changeId} effective ${other.effectiveDate} (clause 4.2)`,
        { field: 'remove', clause: '4.2' },
      );
  }
  const all = [...pending, change];
  const dates = [...new Set(all.map((c) => c.effectiveDate))].sort().filter((d) => d >= change.effectiveDate);
  for (const d of dates) {
    if (registerOn(register, all, d).some(isQualified) || !registerOn(register, pending, d).some(isQualified)) continue;
    const others = pending
      .filter((p) => p.effectiveDate <= d)
      .map((p) => `${p.changeId} (effective ${p.effectiveDate})`);
    throw new RuleViolation(
      'NO_QUALIFIED_ENGINEER',
      `from ${d} this change${others.length ? `, together with pending change(s) ${others.join(', ')},` : ''} would leave no fixed maintenance engineer with ${QUALIFIED_MIN_YEARS} or more years on the product (clause 4.2)`,
      { field: 'remove', clause: '4.2' },
    );
  }
}

/**
 * 6.7 "每人每次": persons changed by one change. Reading applied: a replacement (one out,
 * one in) is one person changed, so persons = max(removed, added).
 */
export function personsChanged(removed: number, added: number): number {
  return Math.max(removed, added);
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
