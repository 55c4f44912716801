// The fault case's state (clause 4.9), carried across continue-as-new: plain JSON.
import type { ContractTerms, FaultDeadlineKind, FaultLevel } from '../../domain';
import type { Party } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import type { Notice, Proposal, Withdrawal } from '../kernel/record';
import type { ExclusionCause, FaultChannel } from './messages';

export type FaultStatus = 'reported' | 'responded' | 'investigating' | 'resolved' | 'closed';
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
  /** The verdict: a pure function of the facts' times (see duties.ts verdict()). */
  status: DeadlineStatus;
  /** When the obligation was fulfilled: the fulfilling fact's occurredAt (or its decided time). */
  doneAtMs?: number;
  doneSeq?: number;
  /** When the case was resolved in this deadline's round (4.9.2 applies only while unresolved). */
  resolvedAtMs?: number;
  /** Set when the deadline no longer applies (re-grade, reopen): why. */
  voided?: string;
  breachedAtMs?: number;
  lateByMs?: number;
  /** Breaches recorded so far (a superseded breach and a later one get distinct ledger keys). */
  breaches?: number;
  note?: string;
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
  /** A fact superseded the breach: the proposal was withdrawn (ledger status event), citing it. */
  withdrawn?: string;
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

/** A time stated for an earlier instant (issue 10): the stating party's claim, contestable by the other. */
export interface StatedTime {
  factSeq: number;
  statedBy: Party;
  statedAtMs: number; // the fact's occurredAt as stated
  recordedAtMs: number;
  contest?: { by: string; party: Party; reason: string; proposedAtMs: number; atMs: number; factSeq: number };
  decision?: {
    outcome: 'stated' | 'contested';
    effectiveAtMs: number;
    by: string;
    reason: string;
    atMs: number;
    factSeq: number;
  };
}

/** What the next record write carries besides the new facts (src/workflows/kernel/record.ts). */
export interface Outgoing {
  notices: Notice[];
  proposals: Proposal[];
  withdrawals: Withdrawal[];
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
  /** The latest analysis submission (4.9.2) and the hospital's review of it; status absent on cases from before reviews = submitted. */
  analysis?: {
    reference: string;
    checksum: string;
    atMs: number;
    by: string;
    status?: 'submitted' | 'accepted' | 'rejected';
    submission?: number;
    factSeq?: number;
    review?: { decision: 'accepted' | 'rejected'; by: string; reason?: string; atMs?: number };
  };
  resolution?: { atMs: number; by: string; summary: string };
  round: number; // resolution clock round: 1, then +1 per reopen (4.9.2 clocks restart)
  exclusions: ExclusionState[];
  deadlines: DeadlineState[];
  penalties: PenaltyRecord[];
  stated: StatedTime[];
  timeline: Fact[];
  outgoing: Outgoing;
  persistedSeq: number;
  continuedAsNew: number;
}
