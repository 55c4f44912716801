// The 6.3 money of the rectification plan: a late item's daily charge (at its confirmed
// completion, a decided time or the contract's end), the late plan's price and the running
// figure the query shows. Pure: the workflow proposes what these return, with its record write.
import { formatFen } from '../../domain/money';
import { rectificationItemPenalty } from '../../domain/obligations';
import { otherCommitmentPenalty, type PenaltyItem } from '../../domain/penalties';
import type { ContractTerms } from '../../domain/terms';
import { endOfShanghaiDay } from '../../domain/time';
import type { RectificationItem, RectificationState } from './rectification-messages';

/** A late item's 6.3 charge: the ledger key suffix, the fact it cites, the penalty, due and judged instants. */
export interface LateCharge {
  suffix: string;
  fact: string;
  penalty: PenaltyItem;
  dueMs: number;
  atMs: number;
  item?: RectificationItem;
}

/** The 6.3 daily charge of an item done (or closed) at atMs, or null when it was not late. */
export function lateCharge(
  it: RectificationItem,
  amountFen: bigint,
  atMs: number,
  terms: ContractTerms,
  fact: (daysLate: number) => string,
  suffix = `item:${it.itemId}:late`,
): LateCharge | null {
  const r = rectificationItemPenalty(amountFen, it.dueDate!, atMs, terms);
  if (!r.penalty) return null;
  return { suffix, fact: fact(r.daysLate), penalty: r.penalty, dueMs: endOfShanghaiDay(it.dueDate!), atMs, item: it };
}

/**
 * Clause 3: at the end of the contract an open item stops accruing: it is charged for the days
 * late up to the end (an item reported done but not yet confirmed, up to its report), under the
 * same ledger key as a closure, so it is never charged twice. Moves the items; returns the charges.
 */
export function contractEndCharges(
  s: RectificationState,
  endMs: number,
  amountFen: bigint,
  terms: ContractTerms,
): LateCharge[] {
  const out: LateCharge[] = [];
  for (const it of s.items) {
    if ((it.status !== 'open' && it.status !== 'done-claimed') || !it.dueDate) continue;
    const claimed = it.status === 'done-claimed';
    const atMs = claimed ? Date.parse(it.doneClaimedAt!) : endMs;
    const r = rectificationItemPenalty(amountFen, it.dueDate, atMs, terms);
    Object.assign(it, {
      daysLate: r.daysLate,
      penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
      closedAt: new Date(endMs).toISOString(),
      ...(claimed ? {} : { status: 'unfinished-at-contract-end' }),
    });
    const charge = lateCharge(
      it,
      amountFen,
      atMs,
      terms,
      (d) =>
        `rectification item ${it.itemId} ${claimed ? `reported done ${d} day(s) after` : `still not done at the end of the contract, ${d} day(s) after`} its due date ${it.dueDate}`,
    );
    if (charge) out.push({ ...charge, item: undefined });
  }
  return out;
}

/** The state as the query shows it: open items with their running figure as of nowMs. */
export function withRunningFigures(
  s: RectificationState,
  nowMs: number,
  amountFen: bigint,
  terms: ContractTerms,
): RectificationState {
  return {
    ...s,
    asOf: new Date(nowMs).toISOString(),
    items: s.items.map((it) => {
      if (it.status !== 'open' || !it.dueDate) return it;
      const r = rectificationItemPenalty(amountFen, it.dueDate, nowMs, terms);
      return { ...it, daysLate: r.daysLate, penaltyFen: formatFen(r.penalty?.amountFen ?? 0n) };
    }),
  };
}

/** The late plan's price (6.3 deadline, "another commitment"): 6.2.2 at once, or 6.5 at the rate the approver chose. */
export function planCharge(
  amountFen: bigint,
  deadlineMs: number,
  nowMs: number,
  terms: ContractTerms,
  chosen?: { rate: string; actor: string },
): LateCharge {
  return {
    suffix: 'plan-missed',
    fact: `the post-signing check and rectification plan were not delivered within the working-day deadline (6.3)${chosen ? `; rate chosen by ${chosen.actor}` : ''}`,
    penalty: chosen
      ? otherCommitmentPenalty(amountFen, chosen.rate, '6.5', terms)
      : otherCommitmentPenalty(amountFen, undefined, '6.2.2', terms),
    dueMs: deadlineMs,
    atMs: nowMs,
  };
}

/** The charge of an item the hospital confirmed done, counted to its stated completion (6.3). */
export const closedLateCharge = (it: RectificationItem, amountFen: bigint, terms: ContractTerms): LateCharge | null =>
  lateCharge(
    it,
    amountFen,
    Date.parse(it.doneClaimedAt!),
    terms,
    (d) => `rectification item ${it.itemId} done ${d} day(s) after its due date ${it.dueDate}`,
  );

const iso = (ms: number) => new Date(ms).toISOString();

/** The ledger proposal of a charge under the terms version in force (the case's key is added by the kernel). */
export const proposalOf = (ch: LateCharge, termsVersion: number) => ({
  clause: ch.penalty.clause,
  termsVersion,
  fact: ch.fact,
  dueAt: iso(ch.dueMs),
  lateByMs: Math.max(0, ch.atMs - ch.dueMs),
  amountFen: formatFen(ch.penalty.amountFen),
  basis: ch.penalty.basis,
  basisTemplate: ch.penalty.basisTemplate,
  ...(ch.penalty.reading ? { reading: ch.penalty.reading } : {}),
  occurredAt: iso(ch.atMs),
});
