// Pure rules of the fixed engineers' register (4.2, 6.7): who is qualified, that a change (or
// the changes pending) leave one qualified engineer, and how many persons a change counts.
// Split from obligations.ts (issue 10 item 1).
import { RuleViolation, ValidationError } from './errors';
import { IsoDate } from './time';

/** 4.2: a qualified fixed engineer has at least this many years on the product. */
export const QUALIFIED_MIN_YEARS = 2;

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
