// Facts that carry their time (issue 10), for every family: a caller may state when a fact
// happened. Within the clock tolerance it is simply "now"; earlier, it is the stating party's
// claim (statedBy), visible to the other party, who may contest it within the contract's window;
// beyond the back-dating window of its kind it is refused naming the rule. Terms: statedTimes.
import { backdateHoursOf, defaultTerms, type ContractTerms } from '../../domain/terms';
import { invalidInput, ruleViolation } from '../failures';
import { otherParty, partyOf, type Actor, type Party } from './actors';
import type { Fact } from './facts';

const HOUR_MS = 3_600_000;

export interface StatedInstant {
  occurredAt: number;
  statedBy?: Party;
  onBehalfOf?: Party;
}

/**
 * Validates a stated time (synchronous: update validators call it) and returns the fact's time
 * fields. notBeforeMs: the earliest instant that makes sense (e.g. the report of the case).
 * onBehalfOf: the party the recorder acts for when it is not its own (a fault phoned in to the
 * vendor's desk is the hospital's report, 4.8); such a statement is always the recorder's claim.
 */
export function statedInstant(
  terms: ContractTerms | undefined,
  kind: string,
  actor: Actor,
  nowMs: number,
  statedMs: number | undefined,
  clause: string,
  opts: { notBeforeMs?: number; onBehalfOf?: Party } = {},
): StatedInstant {
  const t = terms ?? defaultTerms();
  const toleranceMs = t.statedTimes.toleranceSeconds * 1000;
  if (statedMs !== undefined) {
    if (!Number.isFinite(statedMs))
      throw invalidInput('occurredAt', 'occurredAt must be an instant (ISO 8601 with offset)', clause);
    if (statedMs > nowMs + toleranceMs)
      throw invalidInput(
        'occurredAt',
        `occurredAt ${new Date(statedMs).toISOString()} is in the future (clock tolerance ${t.statedTimes.toleranceSeconds} s)`,
        clause,
      );
    const windowH = backdateHoursOf(t, kind);
    if (statedMs < nowMs - windowH * HOUR_MS) {
      throw ruleViolation(
        'BACKDATE_WINDOW',
        `a ${kind} may be stated at most ${windowH} h back (terms statedTimes.backdateHours.${kind in t.statedTimes.backdateHours ? kind : 'default'}); ${new Date(statedMs).toISOString()} is earlier`,
        clause,
      );
    }
    if (opts.notBeforeMs !== undefined && statedMs < opts.notBeforeMs) {
      throw ruleViolation(
        'BEFORE_REPORT',
        `occurredAt ${new Date(statedMs).toISOString()} is before the fault was reported (${new Date(opts.notBeforeMs).toISOString()})`,
        clause,
      );
    }
  }
  return markStated(t, actor, nowMs, statedMs, opts.onBehalfOf);
}

/**
 * statedInstant for an obligation that began at notBeforeMs (the signing, the request): a time
 * stated before it is refused (BEFORE_OBLIGATION); pure, so the families' check() calls it too.
 */
export function statedSince(
  terms: ContractTerms | undefined,
  kind: string,
  actor: Actor,
  nowMs: number,
  statedMs: number | undefined,
  clause: string,
  notBeforeMs?: number,
): StatedInstant {
  if (statedMs !== undefined && notBeforeMs !== undefined && statedMs < notBeforeMs) {
    throw ruleViolation(
      'BEFORE_OBLIGATION',
      `occurredAt ${new Date(statedMs).toISOString()} is before this obligation began (${new Date(notBeforeMs).toISOString()}) (clause ${clause})`,
      clause,
    );
  }
  return statedInstant(terms, kind, actor, nowMs, statedMs, clause);
}

/**
 * The time fields of a fact whose time was already validated: within the tolerance the stated
 * time stands unmarked (clocks differ by that much); earlier it is marked as the recorder's
 * claim, as is anything recorded on the other party's behalf.
 */
export function markStated(
  terms: ContractTerms | undefined,
  actor: Actor,
  nowMs: number,
  statedMs: number | undefined,
  onBehalfOf?: Party,
): StatedInstant {
  const t = terms ?? defaultTerms();
  const recorder = partyOf(actor.role);
  const occurredAt = statedMs === undefined ? nowMs : Math.min(statedMs, nowMs);
  const early = occurredAt < nowMs - t.statedTimes.toleranceSeconds * 1000;
  const forOther = onBehalfOf !== undefined && onBehalfOf !== recorder;
  return { occurredAt, ...(onBehalfOf ? { onBehalfOf } : {}), ...(early || forOther ? { statedBy: recorder } : {}) };
}

/**
 * A fact entered at onboarding (issue 10 item 4): the admin's statement on behalf of the party
 * whose act it was, marked stated by that party, so the other one is told and may contest it
 * like any stated time (the contest routes of every family).
 */
export const enteredFor = (at: string, party: Party): StatedInstant => ({
  occurredAt: Date.parse(at),
  statedBy: party,
  onBehalfOf: party,
});

/** Checks a contest of fact's stated time by actor (synchronous). */
export function checkContest(
  terms: ContractTerms | undefined,
  fact: Fact | undefined,
  actor: Actor,
  nowMs: number,
  clause: string,
): void {
  const t = terms ?? defaultTerms();
  if (!fact?.statedBy)
    throw ruleViolation(
      'NOT_STATED',
      "only a time stated by a party for an earlier instant (or on the other's behalf) can be contested",
      clause,
    );
  const party = partyOf(actor.role);
  if (party !== otherParty(fact.statedBy))
    throw ruleViolation(
      'CONTEST_OWN_STATEMENT',
      `a time stated by the ${fact.statedBy} is contested by the ${otherParty(fact.statedBy)}`,
      clause,
    );
  const untilMs = fact.recordedAt + t.statedTimes.contestHours * HOUR_MS;
  if (nowMs > untilMs)
    throw ruleViolation(
      'CONTEST_WINDOW_CLOSED',
      `the window to contest fact ${fact.seq} closed at ${new Date(untilMs).toISOString()} (terms statedTimes.contestHours = ${t.statedTimes.contestHours})`,
      clause,
    );
}

/** Until when the other party may contest a fact's stated time. */
export function contestUntilMs(terms: ContractTerms | undefined, fact: Fact): number {
  return fact.recordedAt + (terms ?? defaultTerms()).statedTimes.contestHours * HOUR_MS;
}
