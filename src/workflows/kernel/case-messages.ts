// Messages every obligation case shares (issue 10): the contest of a stated time and its
// decision, and what a stated time looks like in the state. Plain JSON (workflow payloads).
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actors';
import type { Fact } from './facts';

export type ObligationKind = 'rectification' | 'golive' | 'dongle' | 'staff';

/** What every action of an obligation may carry: the caller, and when it says the fact happened (default now). */
export interface ActionBase {
  actor: Actor;
  occurredAtMs?: number;
}

/** A time stated for an earlier instant: the stating party's claim, contestable by the other within contestUntil. */
export interface StatedTime {
  factSeq: number;
  type: string;
  statedBy: 'hospital' | 'vendor';
  statedAt: string;
  recordedAt: string;
  contestUntil: string;
  contest?: {
    by: string;
    party: 'hospital' | 'vendor';
    reason: string;
    proposedAt: string;
    at: string;
    factSeq: number;
  };
  decision?: {
    outcome: 'stated' | 'contested';
    effectiveAt: string;
    by: string;
    reason: string;
    at: string;
    factSeq: number;
  };
}

/** The other party contests a stated time; proposedAtMs: when it says the fact happened (default its recording). */
export interface ContestTimeArgs {
  actor: Actor;
  factSeq: number;
  reason: string;
  proposedAtMs?: number;
}
/** The hospital's approver decides, as a disputed penalty is decided (clause 6). */
export interface DecideContestArgs {
  actor: Actor;
  factSeq: number;
  decision: 'stated' | 'contested';
  reason: string;
}
export interface ContestResult {
  caseId: string;
  stated: StatedTime;
  fact: Fact;
}

export const contestTimeUpdate = defineUpdate<ContestResult, [ContestTimeArgs]>('contestTime');
export const decideContestUpdate = defineUpdate<ContestResult, [DecideContestArgs]>('decideContest');

/** Codes the stated-time rules answer with (409), for clients and tests. */
export const STATED_TIME_ERRORS = [
  'BACKDATE_WINDOW',
  'BEFORE_OBLIGATION',
  'NOT_STATED',
  'CONTEST_OWN_STATEMENT',
  'CONTEST_WINDOW_CLOSED',
  'ALREADY_CONTESTED',
  'NOT_CONTESTED',
] as const;
