// Messages of an engineer change (4.2, 6.7): workflow id, input, state, updates, query and
// error codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/time';
import type { ActionBase, StatedTime } from '../kernel/case-messages';
import type { EngineerInput } from './common';

export const staffChangeCaseId = (contractId: string, requestId: string) => `staff-change:${contractId}:${requestId}`;

export interface StaffChangeInput {
  contractId: string;
  requestId: string;
  kind: 'requested' | 'unannounced';
  requestedAt: string;
  requestedBy: string;
  effectiveDate: IsoDate;
  remove: string[];
  add: EngineerInput[];
  reason: string;
  /**
   * Issue 10 item 4: a change made before the contract was entered (onboarding), its request
   * (requestedAt above), written decision and withdrawal at their times, stated by the admin
   * `by` on the parties' behalf; judged exactly as live (src/domain/onboarding-staff.ts).
   */
  onboarded?: {
    by: string;
    decision?: { approved: boolean; decidedAt: string; note?: string };
    withdrawnAt?: string;
  };
}
export interface StaffChangeState extends StaffChangeInput {
  persons: number;
  notice: { ok: boolean; workingDays: number; required: number; provisional: boolean; provisionalYears: number[] };
  decision: { approved: boolean; by: string; at: string; note?: string; factSeq?: number } | null;
  withdrawn: boolean;
  outcome: 'pending' | 'effective' | 'effective-flagged' | 'refused' | 'withdrawn' | 'contract-ended';
  contractEnded: { at: string; reason: string } | null;
  penaltyFen: string | null;
  flagReasons: string[];
  /** Times stated for an earlier instant (issue 10), each contestable by the other party. */
  stated: StatedTime[];
  history: { at: string; actor: string; action: string }[];
}

export interface StaffDecisionArgs extends ActionBase {
  approved: boolean;
  note?: string;
}

export const staffChangeStateQuery = defineQuery<StaffChangeState>('staffChangeState');
export const decideStaffChangeUpdate = defineUpdate<StaffChangeState, [StaffDecisionArgs]>('decideStaffChange');
export const withdrawStaffChangeUpdate = defineUpdate<StaffChangeState, [ActionBase]>('withdrawStaffChange');

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const STAFF_FACT_KIND = {
  request: 'staffChangeRequest',
  unannounced: 'staffChangeReport',
  decide: 'staffChangeDecision',
  withdraw: 'staffChangeWithdrawal',
} as const;

export const STAFF_ERRORS = ['NOT_READY', 'NOT_A_REQUEST', 'ALREADY_DECIDED', 'CHANGE_CLOSED'] as const;
