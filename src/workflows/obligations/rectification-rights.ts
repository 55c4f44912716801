// The 6.3 rectification plan's 30-day right per item (terms.thresholds.rectificationLateDays):
// whether the terminate event stands, is raised or is withdrawn, judged on the item's stated
// times and never on when the worker saw them; its key and the cause of a withdrawal. Pure: the
// workflow raises or withdraws what rightsChange returns, after its record write.
import { daysLateAt, rectificationRightsAtMs } from '../../domain/obligations';
import type { ContractTerms } from '../../domain/terms';
import type { RectificationItem } from './rectification-messages';

/** An item's 30-day right (6.3): raise it, withdraw it, or leave it as it stands. */
export type RightsVerdict = 'raise' | 'withdraw' | 'unchanged';

/**
 * Judged on the item's facts, never on when the worker saw them: the right stands when the
 * item was still not done at its mark (terms.thresholds.rectificationLateDays after the due
 * date), i.e. it is open at or past the mark, or its stated completion is at or past it. A
 * raised right is withdrawn only once the hospital confirmed a completion stated (or decided)
 * before the mark; an unconfirmed claim leaves it standing.
 */
export function rightsVerdict(it: RectificationItem, nowMs: number, terms: ContractTerms): RightsVerdict {
  if (!it.dueDate) return 'unchanged';
  const mark = rectificationRightsAtMs(it.dueDate, terms);
  const done = it.doneClaimedAt ? Date.parse(it.doneClaimedAt) : undefined;
  const stands =
    it.status === 'open'
      ? nowMs >= mark
      : it.status === 'done' || it.status === 'done-claimed'
        ? done! >= mark
        : it.rightsEventRaised; // exempt, rejected, closed at the contract's end: as it stands
  if (stands && !it.rightsEventRaised) return 'raise';
  if (!stands && it.rightsEventRaised && it.status === 'done') return 'withdraw';
  return 'unchanged';
}

/** Why a raised right was withdrawn: the fact that superseded it and the completion it records (6.3). */
export const rightsSupersededCause = (it: RectificationItem, factSeq: number, terms: ContractTerms): string =>
  `superseded by fact ${factSeq}: item ${it.itemId} was done at ${it.doneClaimedAt}, before it was more than ${terms.thresholds.rectificationLateDays} days late (6.3)`;

/** The item's terminate event (6.3); a right raised again after a withdrawal takes a new key (the old stays withdrawn). */
export function rightsEvent(contractId: string, it: RectificationItem, terms: ContractTerms) {
  const base = `${contractId}:rectification:${it.itemId}:30-days`;
  const n = it.rightsWithdrawn?.length ?? 0;
  const mark = rectificationRightsAtMs(it.dueDate!, terms);
  return {
    key: n ? `${base}@${n}` : base,
    contractId,
    right: 'terminate',
    clause: '6.3',
    numbers: {
      itemId: it.itemId,
      dueDate: it.dueDate!,
      daysLate: daysLateAt(it.dueDate!, mark), // at the mark: the same whenever the worker judged it
      limitDays: terms.thresholds.rectificationLateDays,
    },
  };
}

/**
 * Carries the item's 30-day verdict onto its state (6.3): the terminate event to raise after the
 * record write, or the key and cause of the raised one to withdraw when a confirmed completion
 * stated (or decided) before the mark superseded it (superseded() records the fact saying so).
 */
export function rightsChange(
  contractId: string,
  it: RectificationItem,
  verdict: RightsVerdict,
  terms: ContractTerms,
  superseded: () => { seq: number },
): { raise: ReturnType<typeof rightsEvent> } | { withdraw: { key: string; cause: string } } | null {
  if (verdict === 'unchanged') return null;
  const e = rightsEvent(contractId, it, terms);
  if (verdict === 'raise') {
    it.rightsEventRaised = true;
    return { raise: e };
  }
  const cause = rightsSupersededCause(it, superseded().seq, terms);
  it.rightsEventRaised = false;
  it.rightsWithdrawn = [...(it.rightsWithdrawn ?? []), e.key];
  return { withdraw: { key: e.key, cause } };
}
