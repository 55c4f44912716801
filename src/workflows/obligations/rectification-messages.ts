// Messages of the 6.3 rectification plan: workflow id, input, state, updates, query and error
// codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PlanItemInput } from '../../domain/obligations';
import type { ActionBase, StatedTime } from '../kernel/case-messages';
import type { OnboardedFacts } from './common';

export const rectificationCaseId = (contractId: string) => `rectification:${contractId}`;

export interface RectificationInput {
  contractId: string;
  signedAt: string;
  onboarded?: OnboardedFacts;
}
export type ItemStatus =
  'awaiting-review' | 'rejected' | 'open' | 'done-claimed' | 'done' | 'exempt' | 'unfinished-at-contract-end';
export interface RectificationItem extends PlanItemInput {
  status: ItemStatus;
  note?: string;
  doneClaimedAt?: string;
  closedAt?: string;
  daysLate: number;
  penaltyFen: string;
  /** The 30-day terminate right (6.3) stands: its event is raised and not withdrawn. */
  rightsEventRaised: boolean;
  /** Keys of this item's rights events withdrawn because a confirmed completion superseded them. */
  rightsWithdrawn?: string[];
  /** The fact of the claimed completion (its time is the one judged) and the ledger key of a late closure. */
  doneFactSeq?: number;
  penaltyKey?: string;
}
export interface RectificationState {
  contractId: string;
  signedAt: string;
  termsVersion: number;
  /** Workflow time of the figures (a query sees the state of the last wake-up, at most a day old). */
  asOf?: string;
  planDeadline: { deadlineAt: string; lastDay: string; provisional: boolean; provisionalYears: number[] };
  plan: {
    submittedAt: string;
    by: string;
    late: boolean;
    systemCheck: string;
    problems: string[];
    factSeq?: number;
  } | null;
  planBreach: { at: string; clause: string; reading: string; priced: boolean; penaltyFen?: string } | null;
  items: RectificationItem[];
  /** Clause 3: the contract ended; late items were charged up to the end (or their claimed completion). */
  contractEnded: { at: string; reason: string } | null;
  /** Times stated for an earlier instant (issue 10), each contestable by the other party. */
  stated: StatedTime[];
  history: { at: string; actor: string; action: string; itemId?: string }[];
}

export interface PlanArgs extends ActionBase {
  systemCheck: string;
  problems: string[];
  items: PlanItemInput[];
}
export interface ReviewArgs extends ActionBase {
  decisions: { itemId: string; accepted: boolean; note?: string }[];
}
export interface ReviseArgs extends ActionBase {
  item: PlanItemInput;
}
export interface ItemArgs extends ActionBase {
  itemId: string;
}
export interface ConfirmArgs extends ActionBase {
  itemId: string;
  confirmed: boolean;
  note?: string;
}
export interface PriceArgs extends ActionBase {
  ratePercent: string;
}

export const rectificationStateQuery = defineQuery<RectificationState>('rectificationState');
export const submitPlanUpdate = defineUpdate<RectificationState, [PlanArgs]>('submitPlan');
export const reviewItemsUpdate = defineUpdate<RectificationState, [ReviewArgs]>('reviewItems');
export const reviseItemUpdate = defineUpdate<RectificationState, [ReviseArgs]>('reviseItem');
export const reportItemDoneUpdate = defineUpdate<RectificationState, [ItemArgs]>('reportItemDone');
export const confirmItemDoneUpdate = defineUpdate<RectificationState, [ConfirmArgs]>('confirmItemDone');
export const pricePlanBreachUpdate = defineUpdate<RectificationState, [PriceArgs]>('pricePlanBreach');

/** The update of each action (the workflow wires each to the rules' check and apply). */
export const RECTIFICATION_UPDATES = {
  plan: submitPlanUpdate,
  review: reviewItemsUpdate,
  revise: reviseItemUpdate,
  done: reportItemDoneUpdate,
  confirm: confirmItemDoneUpdate,
  price: pricePlanBreachUpdate,
} as const;

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const RECTIFICATION_FACT_KIND = {
  plan: 'rectificationPlan',
  review: 'planItemReview',
  revise: 'planItemRevision',
  done: 'planItemDone',
  confirm: 'planItemConfirmation',
  price: 'planBreachPricing',
} as const;

export const RECTIFICATION_ERRORS = [
  'CONTRACT_ENDED',
  'NOT_READY',
  'UNKNOWN_ITEM',
  'PLAN_ALREADY_SUBMITTED',
  'NO_DECISIONS',
  'ITEM_NOT_AWAITING_REVIEW',
  'ITEM_NOT_REJECTED',
  'ITEM_NOT_OPEN',
  'ITEM_NOT_REPORTED_DONE',
  'NO_UNPRICED_PLAN_BREACH',
] as const;
