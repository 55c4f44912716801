// The one path from a case workflow to PostgreSQL (every family). The record is the completed
// workflow state: a local activity runs before its workflow task completes, so a task that never
// completes (worker killed, stopped, slow) may have written facts the retried task does not
// have, under sequence numbers the retried task uses for other facts. So every write carries a
// fence that grows across workflow tasks and runs (the run number and the history length at the
// task's start) and across attempts of one task (the task's start time, fenceAtMs: a retried or
// re-sent task starts at the same history length); the database applies a write only when its
// fence is >= the stored one, replaces the facts it carries (same seq, newer content), and
// removes stored facts, notices and proposed penalties beyond what the workflow has. A stale
// write (a stopped worker resuming after its task was retried elsewhere) changes nothing.
// A retried task writes again whatever its timer or signal produced (it replays them, later).
// What it may lack is an Update: the server drops an Update whose task failed, so the facts that
// task wrote would stay until the case's next write. The API answers that Update with an error
// and sends recordResyncSignal (src/api/record-resync.ts): the workflow then writes its head
// (last seq, projection, penalty keys), which removes them.
import { defineSignal, workflowInfo } from '@temporalio/workflow';
import type { Fact } from './facts';
import type { Party } from './actors';
import type { BasisTemplate } from '../../i18n/basis';

/** A notification announced by a fact; the record write puts it in notifications_outbox (same transaction). */
export interface Notice {
  key: string;
  topic: string;
  subject: string;
  body: Record<string, unknown>;
  /** The fact it announces (its row goes when that fact is removed as a phantom). */
  factSeq: number;
  /** Who it is for (routing is the notifications component's; this names the party). */
  recipients: Party | 'both';
}

/** A penalty the case proposes to the ledger (clause 6), keyed so a retry is a no-op. */
export interface Proposal {
  key: string;
  clause: string;
  termsVersion: number;
  fact: string;
  dueAt?: string;
  lateByMs?: number;
  amountFen: string;
  /** The English sentence; basisTemplate, when the domain wrote it, renders it in either language (issue 15). */
  basis: string;
  basisTemplate?: BasisTemplate;
  reading?: string;
  occurredAt: string;
  held?: boolean;
}

/** A proposed penalty withdrawn because a fact superseded its breach (the reason cites the fact). */
export interface Withdrawal {
  key: string;
  reason: string;
}

export interface RecordBatch {
  caseId: string;
  kind: string;
  contractId: string;
  fence: number;
  /** The writing task's start (workflow time, ms): orders attempts of one task; set by recordCase. */
  fenceAtMs?: number;
  /** The workflow's timeline length: stored facts beyond it are phantoms. */
  lastSeq: number;
  facts: Fact[];
  notices: Notice[];
  proposals: Proposal[];
  withdrawals: Withdrawal[];
  /** Every penalty key the case has proposed and not withdrawn: other proposed entries of the case are phantoms. */
  penaltyKeys: string[];
  /** The family's projection (e.g. the fault_cases row), written in the same transaction. */
  snapshot: Record<string, unknown>;
}

export interface RecordResult {
  applied: boolean;
  entryIds: Record<string, string>;
  /** The fenceAtMs of the batch this result is for (absent in histories recorded before it existed). */
  fenceAtMs?: number;
  /**
   * The write ended so long after its task started (LATE_WRITE_MS in src/activities/records.ts) that the task may have timed
   * out meanwhile: the case writes its batch again (activities.ts recordCase). Decided by the
   * activity and carried in the result, so a replay decides the same from history.
   */
  late?: true;
}

/** The fence of the current workflow task: grows across tasks (a retried task starts later in history) and runs. */
export function recordFence(run: number): number {
  return run * 1_000_000 + workflowInfo().historyLength;
}

/**
 * "Write your head again": sent by the API when an Update failed without the workflow's answer
 * (its task may have written facts before it failed). Carries nothing; the write it causes
 * removes what the workflow does not have.
 */
export const recordResyncSignal = defineSignal('recordResync');

/** What a case keeps to know what it has written. */
export interface RecordCursor {
  persistedSeq: number;
  notified: number;
}
