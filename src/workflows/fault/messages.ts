// The fault case's messages (clause 4.9): its workflow id, input, actions (Temporal Updates),
// query and error codes, imported by the API, the workflow and the tests alike. Everything here
// travels in payloads, so it is plain JSON: instants are epoch ms.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FaultLevel } from '../../domain';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import type { OnboardedFault } from './past';
import type { DeadlineState, FaultState, FaultStatus } from './state';

export const FAULT_CHANNELS = ['phone', 'wechat', 'web', 'remote'] as const; // 4.8 / 4.9.1
export type FaultChannel = (typeof FAULT_CHANNELS)[number];
export const EXCLUSION_CAUSES = ['hospital-misoperation', 'network', 'hardware', 'force-majeure'] as const; // 4.9.2
export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];

/** The workflow id of a fault case: its business key (contract ids have no colon). */
export const faultCaseId = (contractId: string, caseNo: number) => `fault:${contractId}:${caseNo}`;

export interface FaultCaseInput {
  caseId: string; // = workflow id, faultCaseId(contractId, caseNo)
  contractId: string;
  caseNo: number;
  level: FaultLevel;
  title: string;
  description: string;
  channel: FaultChannel;
  affectsOperations: boolean;
  reporter: string;
  /** When the fault was reported (stated by the caller; default the intake instant). */
  reportedAtMs: number;
  /** When the intake recorded it (the API's clock); absent on cases started before stated times. */
  recordedAtMs?: number;
  reportedBy: Actor;
  /**
   * What the API established at intake: the terms version in force at the report (clause 3)
   * and that the start already set every search attribute of the reported case. Without it
   * (cases started before) the workflow loads its terms and upserts its attributes itself.
   */
  intake?: { termsVersion: number; terms: unknown };
  /** A fault reported before its contract was registered: its entered facts, lived again at their times (past.ts). */
  onboarded?: OnboardedFault;
  /** Continue as new past this many history events (default 5,000), even before the server suggests it. */
  maxHistoryEvents?: number;
  /** Set when the workflow continues as new: the state goes on unchanged. */
  carried?: FaultState;
}

// Action arguments: the API passes the caller (role and name), the instant it received the
// request (receivedAtMs: what "now" means for this fact, however late the worker processes it)
// and the time the caller states the fact happened (occurredAtMs; default receivedAtMs).
export interface ActionBase {
  actor: Actor;
  occurredAtMs?: number;
  receivedAtMs?: number;
}
export interface RespondArgs extends ActionBase {
  engineer: string;
  how: FaultChannel | 'onsite';
  note?: string;
}
export interface NoteArgs extends ActionBase {
  note?: string;
}
export interface AnalysisArgs extends ActionBase {
  reference: string;
  checksum: string;
  note?: string;
}
/** The hospital accepts the analysis document, or rejects it with a reason and the vendor resubmits (4.9.2). */
export interface ReviewAnalysisArgs extends ActionBase {
  decision: 'accept' | 'reject';
  reason?: string;
}
export interface OnsiteArgs extends ActionBase {
  engineer: string;
  note?: string;
}
export interface ReplacementArgs extends ActionBase {
  description: string;
  note?: string;
}
export interface ResolveArgs extends ActionBase {
  summary: string;
}
export interface ReopenArgs extends ActionBase {
  reason: string;
}
export interface RegradeArgs extends ActionBase {
  level: FaultLevel;
  reason: string;
}
export interface ClaimExclusionArgs extends ActionBase {
  cause: ExclusionCause;
  evidence: string[];
  explanation: string;
}
export interface DecideExclusionArgs extends ActionBase {
  decision: 'accept' | 'reject';
  reason: string;
}
/** The other party contests a stated earlier time (issue 10); proposedAtMs: when it says the fact happened (default its recording). */
export interface ContestTimeArgs extends ActionBase {
  factSeq: number;
  reason: string;
  proposedAtMs?: number;
}
/** The hospital's approver decides a contest, as a disputed penalty is decided (clause 6). */
export interface DecideContestArgs extends ActionBase {
  factSeq: number;
  decision: 'stated' | 'contested';
  reason: string;
}

/** What every action answers: the case's status and its deadlines after the action. */
export interface ActionResult {
  caseId: string;
  status: FaultStatus;
  level: FaultLevel;
  deadlines: DeadlineState[];
  fact: Fact;
}

export const faultUpdates = {
  respond: defineUpdate<ActionResult, [RespondArgs]>('respond'),
  investigate: defineUpdate<ActionResult, [NoteArgs]>('investigate'),
  submitAnalysis: defineUpdate<ActionResult, [AnalysisArgs]>('submitAnalysis'),
  reviewAnalysis: defineUpdate<ActionResult, [ReviewAnalysisArgs]>('reviewAnalysis'),
  onsiteArrived: defineUpdate<ActionResult, [OnsiteArgs]>('onsiteArrived'),
  replacementProvided: defineUpdate<ActionResult, [ReplacementArgs]>('replacementProvided'),
  resolve: defineUpdate<ActionResult, [ResolveArgs]>('resolve'),
  confirmFix: defineUpdate<ActionResult, [NoteArgs]>('confirmFix'),
  reopen: defineUpdate<ActionResult, [ReopenArgs]>('reopen'),
  regrade: defineUpdate<ActionResult, [RegradeArgs]>('regrade'),
  claimExclusion: defineUpdate<ActionResult, [ClaimExclusionArgs]>('claimExclusion'),
  decideExclusion: defineUpdate<ActionResult, [DecideExclusionArgs]>('decideExclusion'),
  contestTime: defineUpdate<ActionResult, [ContestTimeArgs]>('contestTime'),
  decideContest: defineUpdate<ActionResult, [DecideContestArgs]>('decideContest'),
} as const;
export type FaultAction = keyof typeof faultUpdates;
/** Each action's arguments, as its Update declares them (the API's probes are typed by it). */
export type FaultArgs = {
  [K in FaultAction]: (typeof faultUpdates)[K] extends UpdateDefinition<ActionResult, [infer A]> ? A : never;
};
export const FAULT_ACTIONS = Object.keys(faultUpdates) as FaultAction[];

export const faultStateQuery = defineQuery<FaultState>('state');

/** The codes a refused fault action answers with (409 unless noted), for clients and tests. */
export const FAULT_ERRORS = [
  'ALREADY_RESPONDED',
  'NOT_RESPONDED',
  'NOT_AWAITING_INVESTIGATION',
  'ANALYSIS_NOT_REQUIRED',
  'ANALYSIS_ALREADY_SUBMITTED',
  'NO_ANALYSIS_TO_REVIEW',
  'CASE_NOT_OPEN',
  'ALREADY_RECORDED',
  'NOT_RESOLVED',
  'CASE_CLOSED',
  'SAME_LEVEL',
  'EXCLUSION_OPEN',
  'EXCLUSION_ACCEPTED',
  'EVIDENCE_REQUIRED',
  'NO_OPEN_EXCLUSION',
  'BACKDATE_WINDOW',
  'BEFORE_REPORT',
  'NOT_STATED',
  'CONTEST_OWN_STATEMENT',
  'CONTEST_WINDOW_CLOSED',
  'ALREADY_CONTESTED',
  'NOT_CONTESTED',
  'INVALID_INPUT',
  'FORBIDDEN',
] as const;
