// Who may record what on the 6.3 rectification plan, and what each fact changes. check() is
// synchronous and pure so the update validators refuse before anything reaches history;
// apply() (rectification-apply.ts) records the facts, moves the state and returns the effects.
import { otherCommitmentPenalty } from '../../domain/penalties';
import { validatePlanItems } from '../../domain/obligations';
import type { ContractTerms } from '../../domain/terms';
import { ruleViolation } from '../failures';
import { statedSince, type StatedInstant } from '../kernel/stated-times';
import { guard } from './common';
import {
  RECTIFICATION_FACT_KIND,
  type RectificationInput,
  type ConfirmArgs,
  type ItemArgs,
  type PlanArgs,
  type PriceArgs,
  type RectificationItem,
  type RectificationState,
  type ReviewArgs,
  type ReviseArgs,
} from './rectification-messages';
import { checkRecordable, requireParty } from './shared-rules';

export type RectificationAction =
  | { action: 'plan'; args: PlanArgs }
  | { action: 'review'; args: ReviewArgs }
  | { action: 'revise'; args: ReviseArgs }
  | { action: 'done'; args: ItemArgs }
  | { action: 'confirm'; args: ConfirmArgs }
  | { action: 'price'; args: PriceArgs };

/** What the rules need besides the state: the terms and contract amount (fen) once loaded, and the clock. */
export interface RulesContext {
  terms: ContractTerms | undefined;
  amountFen: bigint;
  nowMs: number;
}

/** The state before any fact; the plan deadline is set once the terms and calendar are loaded (NOT_READY before). */
export const initialRectificationState = (input: RectificationInput): RectificationState => ({
  contractId: input.contractId,
  signedAt: input.signedAt,
  termsVersion: 0,
  plan: null,
  planBreach: null,
  items: [],
  contractEnded: null,
  stated: [],
  history: [],
  planDeadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] },
});

export function item(s: RectificationState, id: string): RectificationItem {
  const it = s.items.find((i) => i.itemId === id);
  if (!it) throw ruleViolation('UNKNOWN_ITEM', `plan item ${id} does not exist (clause 6.3)`, '6.3');
  return it;
}

/** The action's stated time, validated against its kind's window and the signing (throws 400/409 naming the rule). */
export function stated(s: RectificationState, a: RectificationAction, x: RulesContext): StatedInstant {
  const kind = RECTIFICATION_FACT_KIND[a.action];
  return statedSince(x.terms, kind, a.args.actor, x.nowMs, a.args.occurredAtMs, '6.3', Date.parse(s.signedAt));
}

function status(s: RectificationState, id: string, want: RectificationItem['status'], code: string, what: string) {
  const st = item(s, id).status;
  if (st !== want) throw ruleViolation(code, `item ${id} is ${st}, ${what} (clause 6.3)`, '6.3');
}

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit. */
export function check(s: RectificationState, a: RectificationAction, x: RulesContext): void {
  checkRecordable(s.contractEnded, s.planDeadline.lastDay !== '', '6.3');
  switch (a.action) {
    case 'plan':
      requireParty(a.args.actor, 'vendor', 'submitting the rectification plan', '6.3');
      stated(s, a, x);
      if (s.plan)
        throw ruleViolation(
          'PLAN_ALREADY_SUBMITTED',
          'the plan was already submitted; revise rejected items instead (clause 6.3)',
          '6.3',
        );
      guard(() => validatePlanItems(a.args.items, x.nowMs));
      return;
    case 'review':
      requireParty(a.args.actor, 'hospital', 'reviewing plan items', '6.3');
      stated(s, a, x);
      if (a.args.decisions.length === 0)
        throw ruleViolation('NO_DECISIONS', 'name at least one item to accept or reject (clause 6.3)', '6.3');
      for (const d of a.args.decisions)
        status(s, d.itemId, 'awaiting-review', 'ITEM_NOT_AWAITING_REVIEW', 'not awaiting review');
      return;
    case 'revise': {
      requireParty(a.args.actor, 'vendor', 'revising a plan item', '6.3');
      stated(s, a, x);
      const st = item(s, a.args.item.itemId).status;
      if (st !== 'rejected')
        throw ruleViolation(
          'ITEM_NOT_REJECTED',
          `only a rejected item can be revised; ${a.args.item.itemId} is ${st} (clause 6.3)`,
          '6.3',
        );
      guard(() => validatePlanItems([a.args.item], x.nowMs));
      return;
    }
    case 'done':
      requireParty(a.args.actor, 'vendor', 'reporting an item done', '6.3');
      stated(s, a, x);
      status(s, a.args.itemId, 'open', 'ITEM_NOT_OPEN', 'not open');
      return;
    case 'confirm':
      requireParty(a.args.actor, 'hospital', 'confirming an item done', '6.3');
      stated(s, a, x);
      status(s, a.args.itemId, 'done-claimed', 'ITEM_NOT_REPORTED_DONE', 'not reported done');
      return;
    case 'price':
      requireParty(a.args.actor, 'hospital', 'pricing the late plan', '6.5', ['hospital-approver']);
      if (!s.planBreach || s.planBreach.priced)
        throw ruleViolation(
          'NO_UNPRICED_PLAN_BREACH',
          "there is no late plan awaiting the approver's rate (clause 6.5)",
          '6.5',
        );
      guard(() => otherCommitmentPenalty(x.amountFen, a.args.ratePercent, '6.5', x.terms!));
      stated(s, a, x);
      return;
  }
}
