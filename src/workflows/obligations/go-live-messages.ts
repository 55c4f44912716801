// Messages of the go-live obligation (6.3): workflow id, input, state, updates, signal, query
// and error codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/time';
import type { ActionBase, StatedTime } from '../kernel/case-messages';
import type { OnboardedFacts } from './common';

export const goLiveCaseId = (contractId: string) => `golive:${contractId}`;

export interface GoLiveInput {
  contractId: string;
  signedAt: string;
  goLiveDate: IsoDate;
  onboarded?: OnboardedFacts;
}
export interface GoLiveState {
  contractId: string;
  asOf?: string;
  goLiveDate: IsoDate;
  latestExtension: IsoDate;
  deadlineDate: IsoDate;
  reading: string;
  extension: GoLiveExtension | null;
  /** Extensions made moot by an amendment of the go-live date (kept as facts). */
  supersededExtensions: GoLiveExtension[];
  /** Amendments of the go-live date received from the contract (clause 3 terms versions). */
  amendments: { at: string; termsVersion: number; from: IsoDate; to: IsoDate | null }[];
  contractEnded: { at: string; reason: string } | null;
  liveAt: string | null;
  liveRecordedBy: string | null;
  liveFactSeq?: number;
  daysLate: number;
  periodsCharged: number;
  chargedFen: string;
  /** The advance 6.3 event on proposed deductions stands (raised, not withdrawn). */
  breachRaised: boolean;
  /** Keys of advance events withdrawn because a go-live stated in time superseded the periods that reached the threshold. */
  breachWithdrawn?: string[];
  /** Times stated for an earlier instant (issue 10), each contestable by the other party. */
  stated: StatedTime[];
  history: { at: string; actor: string; action: string }[];
}
export interface GoLiveExtension {
  requestedAt: string;
  by: string;
  newDate: IsoDate;
  reason: string;
  status: 'pending' | 'approved' | 'refused' | 'superseded';
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export interface ExtensionArgs extends ActionBase {
  newDate: IsoDate;
  reason: string;
}
export interface ExtensionDecisionArgs extends ActionBase {
  approved: boolean;
  note?: string;
}

/** A new terms version changed (or removed) the go-live date; sent by afterContractAmended, repeats are ignored. */
export const goLiveDateAmendedSignal =
  defineSignal<[{ goLiveDate: IsoDate | null; termsVersion: number }]>('goLiveDateAmended');
export const goLiveStateQuery = defineQuery<GoLiveState>('goLiveState');
export const requestExtensionUpdate = defineUpdate<GoLiveState, [ExtensionArgs]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<GoLiveState, [ExtensionDecisionArgs]>('decideExtension');
export const recordGoLiveUpdate = defineUpdate<GoLiveState, [ActionBase]>('recordGoLive');

/** The update of each action (the workflow wires each to the rules' check and apply). */
export const GOLIVE_UPDATES = {
  request: requestExtensionUpdate,
  decide: decideExtensionUpdate,
  live: recordGoLiveUpdate,
} as const;

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const GOLIVE_FACT_KIND = {
  request: 'goLiveExtensionRequest',
  decide: 'goLiveExtensionDecision',
  live: 'goLive',
} as const;

export const GOLIVE_ERRORS = [
  'OBLIGATION_CLOSED',
  'NOT_READY',
  'ALREADY_LIVE',
  'EXTENSION_ALREADY_REQUESTED',
  'EXTENSION_TOO_LATE',
  'EXTENSION_NEEDS_REASON',
  'NO_PENDING_EXTENSION',
] as const;
