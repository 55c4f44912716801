// Facts of the rectification plan that carry or change a past time (issue 10): the history of a
// running contract entered at onboarding, judged as it would have been live (6.3), and a
// contested time decided by the approver, which moves the plan's delivery or an item's
// completion and judges its charge again.
import { formatFen } from '../../domain/money';
import { itemAfterReviews, itemSteps } from '../../domain/onboarding-plan-items';
import { rectificationItemPenalty } from '../../domain/obligations';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import { enteredFor, type StatedInstant } from '../kernel/stated-times';
import type { OnboardedFacts } from './common';
import { lateCharge, type LateCharge } from './rectification-charges';
import type { RectificationItem, RectificationState } from './rectification-messages';
import type { RulesContext } from './rectification-rules';

const iso = (ms: number) => new Date(ms).toISOString();

/** Records a fact entered at onboarding at its own time (occurredAt, ms). */
export type RecordPast = (type: string, detail: Record<string, unknown>, occurredAtMs: number) => Fact;

/** The vendor's acts of the plan (its delivery, a revision of a rejected item); the rest are the hospital's. */
const VENDOR_ACTS = new Set(['plan.submit', 'item.revise']);

/**
 * The recorder of facts entered at onboarding (issue 10 item 6): the plan is the vendor's act,
 * an item confirmed done the hospital's; the admin states them on their behalf.
 */
export const pastRecorder =
  (
    fact: (actor: Actor, type: string, detail: Record<string, unknown>, clause: string, time: StatedInstant) => Fact,
    by: Actor,
  ): RecordPast =>
  (type, detail, occurredAtMs) =>
    fact(by, type, detail, '6.3', enteredFor(iso(occurredAtMs), VENDOR_ACTS.has(type) ? 'vendor' : 'hospital'));

/**
 * Facts entered at onboarding, at their own times: the plan (late if after the deadline), its
 * items accepted, and those done at their time closed with the days late as live (6.3). Returns
 * the items whose late charge the workflow proposes; the 30-day rights are judged after, as live.
 */
export function enterOnboarded(
  s: RectificationState,
  r: NonNullable<OnboardedFacts['rectification']>,
  by: string,
  x: RulesContext,
  record: RecordPast,
): RectificationItem[] {
  const pf = record('plan.submit', { items: r.items.length }, Date.parse(r.planSubmittedAt));
  s.plan = {
    submittedAt: r.planSubmittedAt,
    by,
    late: Date.parse(r.planSubmittedAt) >= Date.parse(s.planDeadline.deadlineAt),
    systemCheck: 'delivered before the contract was entered (onboarding)',
    problems: [],
    factSeq: pf.seq,
  };
  const closing: RectificationItem[] = [];
  for (const it of r.items) {
    // 6.3: the hospital's reviews and the vendor's revisions at their times, as live (reviewItems, reviseItem).
    for (const step of itemSteps(it))
      if (step.kind === 'review') {
        const { at, accepted, note } = step.review;
        record(
          accepted ? 'item.accept' : 'item.reject',
          { itemId: it.itemId, ...(note ? { note } : {}) },
          Date.parse(at),
        );
      } else record('item.revise', { itemId: it.itemId }, Date.parse(step.revision.at));
    const now = itemAfterReviews(it, r.planSubmittedAt);
    const entered: RectificationItem = {
      itemId: it.itemId,
      description: now.description,
      ...(now.dueDate ? { dueDate: now.dueDate } : {}),
      status: now.status,
      daysLate: 0,
      penaltyFen: '0',
      rightsEventRaised: false,
    };
    s.items.push(entered);
    if (!it.doneAt || now.status !== 'open') continue;
    const p = now.dueDate ? rectificationItemPenalty(x.amountFen, now.dueDate, Date.parse(it.doneAt), x.terms!) : null;
    const f = record('item.confirm-done', { itemId: it.itemId }, Date.parse(it.doneAt));
    Object.assign(entered, {
      status: 'done',
      doneClaimedAt: it.doneAt,
      doneFactSeq: f.seq,
      closedAt: it.doneAt,
      daysLate: p?.daysLate ?? 0,
      penaltyFen: formatFen(p?.penalty?.amountFen ?? 0n),
    });
    if (p && p.daysLate > 0) closing.push(entered);
  }
  return closing;
}

/** What a decided time changes in the ledger: the closed item's old charge withdrawn, its new one proposed. */
export interface Retimed {
  withdraw: { suffix: string; cause: string }[];
  charge: LateCharge[];
}

/**
 * A decided contest moved a fact's time: the plan's delivery or an item's claimed completion
 * moves with it. An item already closed is judged again on the decided time (a new ledger key;
 * the old entry is withdrawn); its 30-day right is judged again by the workflow's loop.
 */
export function retime(s: RectificationState, factSeq: number, atMs: number, x: RulesContext): Retimed {
  const out: Retimed = { withdraw: [], charge: [] };
  if (s.plan?.factSeq === factSeq)
    Object.assign(s.plan, { submittedAt: iso(atMs), late: atMs >= Date.parse(s.planDeadline.deadlineAt) });
  for (const it of s.items) {
    if (it.doneFactSeq !== factSeq) continue;
    it.doneClaimedAt = iso(atMs);
    if (it.status !== 'done' || !it.dueDate) continue;
    const r = rectificationItemPenalty(x.amountFen, it.dueDate, atMs, x.terms!);
    if (it.penaltyKey)
      out.withdraw.push({
        suffix: it.penaltyKey,
        cause: `the completion time of item ${it.itemId} was decided to be ${iso(atMs)} (fact ${factSeq})`,
      });
    Object.assign(it, {
      daysLate: r.daysLate,
      penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
      penaltyKey: undefined,
    });
    const c = lateCharge(
      it,
      x.amountFen,
      atMs,
      x.terms!,
      (d) => `rectification item ${it.itemId} done ${d} day(s) after its due date ${it.dueDate} (time decided)`,
      `item:${it.itemId}:late:${factSeq}`,
    );
    if (c) out.charge.push(c);
  }
  return out;
}
