// Messages of a yearly acceptance (3, 8, 10): workflow id, input, state, updates and query,
// error codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AcceptancePackage } from '../../activities/cycles';
import type { ActionBase } from '../kernel/case-messages';
import type { OnboardedAcceptance } from './acceptance-onboarded';

export const acceptanceCaseId = (contractId: string, year: number) => `acceptance:${contractId}:${year}`;

export interface AcceptanceInput {
  contractId: string;
  year: number;
  /** A year accepted before the contract was entered (issue 10 item 4): its rounds are replayed. */
  onboarded?: OnboardedAcceptance;
}
export interface Decision {
  at: string;
  by: string;
  outcome: 'pass' | 'fail';
  reasons?: string[];
  hospitalSignatory?: string;
  vendorSignatory?: string;
  /** Clause 8: scans of the signed and sealed form (stored acceptance-scan documents, checked by the API). */
  signedForms?: { documentRef: string; sha256: string }[];
  factSeq?: number;
}
export interface AcceptanceState {
  contractId: string;
  year: number;
  yearStart: string | null;
  yearEnd: string | null;
  status: 'waiting-year-end' | 'awaiting-submission' | 'submitted' | 'failed' | 'passed';
  round: number;
  package: AcceptancePackage | null;
  submittedAt: string | null;
  decisions: Decision[];
  paymentId: string | null;
}
export interface SubmitArgs extends ActionBase {
  note?: string;
}
export interface DecisionInput extends ActionBase {
  outcome: 'pass' | 'fail';
  reasons?: string[];
  hospitalSignatory?: string;
  vendorSignatory?: string;
  signedForms?: { documentRef: string; sha256: string }[];
}

export const submitAcceptance = defineUpdate<AcceptanceState, [SubmitArgs]>('submitAcceptance');
export const decideAcceptance = defineUpdate<AcceptanceState, [DecisionInput]>('decideAcceptance');
export const acceptanceState = defineQuery<AcceptanceState>('acceptanceState');

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const ACCEPTANCE_FACT_KIND = { submit: 'acceptanceSubmission', decide: 'acceptanceDecision' } as const;

export const ACCEPTANCE_ERRORS = ['ACCEPTANCE_NOT_OPEN', 'ACCEPTANCE_NOT_SUBMITTED'] as const;
