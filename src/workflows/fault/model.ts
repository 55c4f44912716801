// The fault case (clause 4.9): its input, state, facts, actions and their Temporal names.
// Everything here travels in workflow payloads and is carried across continue-as-new, so it is
// plain JSON: instants are epoch ms, money is a fen string.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ContractTerms, FaultDeadlineKind, FaultLevel } from '../../domain';

export const FAULT_CHANNELS = ['phone', 'wechat', 'web', 'remote'] as const; // 4.8 / 4.9.1
export type FaultChannel = (typeof FAULT_CHANNELS)[number];
export const EXCLUSION_CAUSES = ['hospital-misoperation', 'network', 'hardware', 'force-majeure'] as const; // 4.9.2
export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];
export type FaultStatus = 'reported' | 'responded' | 'investigating' | 'resolved' | 'closed';

export interface Actor { name: string; role: string }

export interface FaultCaseInput {
  caseId: string; // = workflow id, fault:<contractId>:<caseNo>
  contractId: string;
  caseNo: number;
  level: FaultLevel;
  title: string;
  description: string;
  channel: FaultChannel;
  affectsOperations: boolean;
  reporter: string;
  reportedAtMs: number;
  reportedBy: Actor;
  /**
   * What the API established at intake (set by every intake since it was added): the terms
   * version in force at the report (clause 3; read by the same query as termsAt) and that the
   * start already set every search attribute of the reported case. Without it (cases started
   * before, whose recorded histories replay unchanged) the workflow loads the terms itself and
   * upserts its attributes once at the start.
   */
  intake?: { termsVersion: number; terms: unknown };
  /** Continue as new past this many history events (default 5,000), even before the server suggests it. */
  maxHistoryEvents?: number;
  /** Set when the workflow continues as new: the state goes on unchanged. */
  carried?: FaultState;
}

export type DeadlineStatus = 'pending' | 'met' | 'breached' | 'cancelled';

export interface DeadlineState {
  id: string; // kind, or kind:round for a resolution clock restarted by a reopen
  kind: FaultDeadlineKind;
  round: number;
  clause: string;
  reading?: string;
  startMs: number;
  dueMs: number;
  warnAtMs: number[];
  warned: number; // warnings sent so far (index into warnAtMs)
  status: DeadlineStatus;
  doneAtMs?: number; // when the obligation was fulfilled (also when late: the breach stays)
  breachedAtMs?: number;
  lateByMs?: number;
  note?: string;
}

export interface Fact {
  seq: number;
  atMs: number;
  type: string;
  actor: string;
  role: string;
  clause?: string;
  detail: Record<string, unknown>;
}

export interface PenaltyRecord {
  key: string;
  deadlineId: string;
  clause: string;
  amountFen: string;
  lateByMs: number;
  dueMs: number;
  held: boolean;
  waived?: boolean;
  entryId?: string;
}

export interface ExclusionState {
  status: 'open' | 'accepted' | 'rejected';
  cause: ExclusionCause;
  evidence: string[];
  explanation: string;
  claimedBy: string;
  claimedAtMs: number;
  decidedBy?: string;
  decidedAtMs?: number;
  reason?: string;
}

export interface FaultState {
  caseId: string;
  contractId: string;
  caseNo: number;
  title: string;
  description: string;
  channel: FaultChannel;
  reporter: string;
  reportedAtMs: number;
  level: FaultLevel;
  affectsOperations: boolean;
  termsVersion?: number;
  terms?: ContractTerms;
  status: FaultStatus;
  response?: { by: string; how: string; atMs: number };
  analysis?: { reference: string; checksum: string; atMs: number; by: string };
  resolution?: { atMs: number; by: string; summary: string };
  round: number; // resolution clock round: 1, then +1 per reopen (4.9.2 clocks restart)
  exclusions: ExclusionState[];
  deadlines: DeadlineState[];
  penalties: PenaltyRecord[];
  timeline: Fact[];
  persistedSeq: number;
  continuedAsNew: number;
}

// Action arguments: the API passes the caller (role and name) and the validator checks them.
export interface ActionBase { actor: Actor }
export interface RespondArgs extends ActionBase { engineer: string; how: FaultChannel | 'onsite'; note?: string }
export interface NoteArgs extends ActionBase { note?: string }
export interface AnalysisArgs extends ActionBase { reference: string; checksum: string; note?: string }
export interface OnsiteArgs extends ActionBase { engineer: string; note?: string }
export interface ReplacementArgs extends ActionBase { description: string; note?: string }
export interface ResolveArgs extends ActionBase { summary: string }
export interface ReopenArgs extends ActionBase { reason: string }
export interface RegradeArgs extends ActionBase { level: FaultLevel; reason: string }
export interface ClaimExclusionArgs extends ActionBase { cause: ExclusionCause; evidence: string[]; explanation: string }
export interface DecideExclusionArgs extends ActionBase { decision: 'accept' | 'reject'; reason: string }

/** What every action answers: the case's status and its deadlines after the action. */
export interface ActionResult { caseId: string; status: FaultStatus; level: FaultLevel; deadlines: DeadlineState[]; fact: Fact }

export const faultUpdates = {
  respond: defineUpdate<ActionResult, [RespondArgs]>('respond'),
  investigate: defineUpdate<ActionResult, [NoteArgs]>('investigate'),
  submitAnalysis: defineUpdate<ActionResult, [AnalysisArgs]>('submitAnalysis'),
  onsiteArrived: defineUpdate<ActionResult, [OnsiteArgs]>('onsiteArrived'),
  replacementProvided: defineUpdate<ActionResult, [ReplacementArgs]>('replacementProvided'),
  resolve: defineUpdate<ActionResult, [ResolveArgs]>('resolve'),
  confirmFix: defineUpdate<ActionResult, [NoteArgs]>('confirmFix'),
  reopen: defineUpdate<ActionResult, [ReopenArgs]>('reopen'),
  regrade: defineUpdate<ActionResult, [RegradeArgs]>('regrade'),
  claimExclusion: defineUpdate<ActionResult, [ClaimExclusionArgs]>('claimExclusion'),
  decideExclusion: defineUpdate<ActionResult, [DecideExclusionArgs]>('decideExclusion'),
} as const;
export type FaultAction = keyof typeof faultUpdates;
export const FAULT_ACTIONS = Object.keys(faultUpdates) as FaultAction[];

export const faultStateQuery = defineQuery<FaultState>('state');
