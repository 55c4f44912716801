// The 6.3 rectification plan's apply(): pure, so the handler runs it after check()
// (rectification-rules.ts) passed; it records the facts (through the kernel case) at their stated
// time, moves the state and returns the effects the workflow carries out after the record write:
// a late item's charge, the approver's 6.5 rate.
import { otherCommitmentPenalty } from '../../domain/penalties';
import { rectificationItemPenalty } from '../../domain/obligations';
import { formatFen } from '../../domain/money';
import type { Fact } from '../kernel/facts';
import type { StatedInstant } from '../kernel/stated-times';
import type { RectificationItem, RectificationState } from './rectification-messages';
import { item, type RectificationAction, type RulesContext } from './rectification-rules';

const iso = (ms: number) => new Date(ms).toISOString();

/** Records a fact of the plan (itemId goes into its detail). */
export type RecordFact = (
  type: string,
  itemId: string | undefined,
  detail: Record<string, unknown>,
  time: StatedInstant,
) => Fact;
/** What the workflow does after the record of an action: charge a late item, price the late plan. */
export interface Effects {
  close?: RectificationItem;
  price?: { rate: string; actor: string };
}

/** Applies a checked action at its stated time: records its facts, moves the state, returns the effects. */
export function apply(
  s: RectificationState,
  a: RectificationAction,
  time: StatedInstant,
  x: RulesContext,
  record: RecordFact,
): Effects {
  switch (a.action) {
    case 'plan': {
      const f = record('plan.submit', undefined, { items: a.args.items.length }, time);
      s.plan = {
        submittedAt: iso(f.occurredAt),
        by: a.args.actor.name,
        late: f.occurredAt >= Date.parse(s.planDeadline.deadlineAt),
        systemCheck: a.args.systemCheck,
        problems: a.args.problems,
        factSeq: f.seq,
      };
      s.items = a.args.items.map((it) => ({
        ...it,
        status: 'awaiting-review',
        daysLate: 0,
        penaltyFen: '0',
        rightsEventRaised: false,
      }));
      return {};
    }
    case 'review':
      for (const d of a.args.decisions) {
        const it = item(s, d.itemId);
        it.status = !d.accepted ? 'rejected' : it.exemption ? 'exempt' : 'open';
        it.note = d.note;
        const f = record(d.accepted ? 'item.accept' : 'item.reject', d.itemId, d.note ? { note: d.note } : {}, time);
        if (it.status === 'exempt') it.closedAt = iso(f.occurredAt);
      }
      return {};
    case 'revise':
      Object.assign(item(s, a.args.item.itemId), {
        ...a.args.item,
        dueDate: a.args.item.dueDate,
        exemption: a.args.item.exemption,
        status: 'awaiting-review',
      });
      record('item.revise', a.args.item.itemId, {}, time);
      return {};
    case 'done': {
      const it = item(s, a.args.itemId);
      const f = record('item.report-done', a.args.itemId, {}, time);
      it.status = 'done-claimed';
      it.doneClaimedAt = iso(f.occurredAt); // the time the days late are counted to (6.3): the vendor's stated time, contestable
      it.doneFactSeq = f.seq;
      return {};
    }
    case 'confirm': {
      const { itemId, confirmed, note } = a.args;
      const it = item(s, itemId);
      const f = record(confirmed ? 'item.confirm-done' : 'item.refuse-done', itemId, note ? { note } : {}, time);
      if (!confirmed) {
        Object.assign(it, { status: 'open', doneClaimedAt: undefined, doneFactSeq: undefined, note });
        return {};
      }
      const r = rectificationItemPenalty(x.amountFen, it.dueDate!, Date.parse(it.doneClaimedAt!), x.terms!);
      Object.assign(it, {
        status: 'done',
        closedAt: iso(f.occurredAt),
        daysLate: r.daysLate,
        penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
        note,
      });
      return r.daysLate > 0 ? { close: it } : {};
    }
    case 'price': {
      const p = otherCommitmentPenalty(x.amountFen, a.args.ratePercent, '6.5', x.terms!);
      s.planBreach = { ...s.planBreach!, priced: true, penaltyFen: formatFen(p.amountFen) };
      record('plan-breach.price', undefined, { ratePercent: a.args.ratePercent }, time);
      return { price: { rate: a.args.ratePercent, actor: a.args.actor.name } };
    }
  }
}
