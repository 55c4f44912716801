// Messages of the dongle-removal obligation (4.10, 6.6): workflow id, input, state, updates and
// query, error codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionBase, StatedTime } from '../kernel/case-messages';
import type { OnboardedFacts } from './common';

export const dongleCaseId = (contractId: string) => `dongle:${contractId}`;

export interface DongleInput {
  contractId: string;
  signedAt: string;
  onboarded?: OnboardedFacts;
}
export type RestrictionKind = 'dongle' | 'encryption' | 'time-lock' | 'licence-code';
export interface DongleFinding {
  findingId: string;
  foundAt: string;
  reportedBy: string;
  description: string;
  relatedChangeId?: string;
  outcome: 'pending' | 'exempt' | 'penalised';
  reason?: string;
  penaltyFen?: string;
  factSeq?: number;
}
export interface DongleDeclaration {
  at: string;
  by: string;
  removed: { kind: RestrictionKind; description: string }[];
  statement: string;
  factSeq?: number;
  verification: { at: string; by: string; accepted: boolean; note?: string; factSeq?: number } | null;
}
export interface DongleState {
  contractId: string;
  deadline: { deadlineAt: string; lastDay: string; provisional: boolean; provisionalYears: number[] };
  declarations: DongleDeclaration[];
  deadlineMissed: boolean;
  findings: DongleFinding[];
  /** Clause 3: the term ended; findings recorded until then are judged, nothing more is accepted. */
  contractEnded: { at: string; reason: string } | null;
  /** Times stated for an earlier instant (issue 10), each contestable by the other party. */
  stated: StatedTime[];
  history: { at: string; actor: string; action: string }[];
}

export interface DeclareArgs extends ActionBase {
  removed: { kind: RestrictionKind; description: string }[];
  statement: string;
}
export interface VerifyArgs extends ActionBase {
  accepted: boolean;
  note?: string;
  relatedChangeId?: string;
}
export interface FindingArgs extends ActionBase {
  findingId: string;
  description: string;
  relatedChangeId?: string;
}

export const dongleStateQuery = defineQuery<DongleState>('dongleState');
export const declareRemovedUpdate = defineUpdate<DongleState, [DeclareArgs]>('declareRemoved');
export const verifyRemovalUpdate = defineUpdate<DongleState, [VerifyArgs]>('verifyRemoval');
export const reportRestrictionUpdate = defineUpdate<DongleState, [FindingArgs]>('reportRestriction');

/** The update of each action (the workflow wires each to the rules' check and apply). */
export const DONGLE_UPDATES = {
  declare: declareRemovedUpdate,
  verify: verifyRemovalUpdate,
  finding: reportRestrictionUpdate,
} as const;

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const DONGLE_FACT_KIND = {
  declare: 'dongleDeclaration',
  verify: 'dongleVerification',
  finding: 'restrictionFinding',
} as const;

export const DONGLE_ERRORS = [
  'CONTRACT_ENDED',
  'NOT_READY',
  'ALREADY_DECLARED',
  'STATEMENT_REQUIRED',
  'NOTHING_TO_VERIFY',
  'FINDING_EXISTS',
] as const;
