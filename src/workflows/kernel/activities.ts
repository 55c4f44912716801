// Activities as workflows see them: typed from createActivities (src/activities/index.ts), so a
// renamed field fails to compile instead of failing at run time. Type-only import: the workflow
// bundle gets no activity code.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Fact } from './facts';
import type { RecordBatch, RecordResult } from './record';

export type { Activities };

/**
 * The families' activities (terms, calendar, ledger, cycles): a domain refusal is not retried,
 * anything else is, up to every 5 minutes (the database or the notifier may be down for a while).
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['NotFound', 'NotFoundError', 'ValidationError', 'RuleViolation'],
  },
});
export type TermsAt = Awaited<ReturnType<Activities['termsAt']>>;

/** Ordinary activities: scheduled only by a completed workflow task (ledger holds, waivers). */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

// Local: one marker event instead of three and no extra workflow task, so a record write costs
// no round trip through the server. Safe because every write is fenced (record.ts).
export const localActivities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Writes a case's completed state (the one record path); returns what the ledger assigned.
 * Date.now() in a workflow is the start of the current workflow task: it orders the attempts of
 * one task, which share a history length (record.ts).
 *
 * A write that ended late (result.late, LATE_WRITE_MS after its task started) is written again.
 * When a workflow task times out while its record write runs (a loaded worker), two things can
 * follow on the same worker, and the case cannot tell which from its own state:
 * - the run was evicted and replayed: the SDK does not start the replay's write while the first
 *   one still runs and hands the first one's result to it (sdk-core local_activities.rs, "Tried
 *   to queue already-executing local activity"). That write carried the first attempt's facts
 *   (their recording times); the replay's would never reach PostgreSQL (8 of 50 cases after
 *   kill -9 under load, issue 10 done-when (c));
 * - the run stayed cached: sdk-core lets the retried task wait for the outstanding write and
 *   completes it with what the first attempt computed (managed_run.rs), at the first attempt's
 *   workflow time. A replay runs the same code at the retry's start time.
 * The decision must therefore come from the result alone (a marker in history), never from the
 * workflow clock: comparing the echoed fenceAtMs with Date.now() replayed differently from the
 * cached run and wedged the case ("[TMPRL1100] No command scheduled for event TimerStarted",
 * test/workflow/record-takeover.test.ts). Writing the same batch twice is harmless (fenced).
 *
 * The facts take the times the record holds (adoptRecordedTimes): a replay after a take-over
 * stamps them at the retry's start, but the record and the cached run have the first attempt's.
 * adopted (the family's) then copies them into what it keeps beside the facts and returns the
 * projection row as it now is.
 */
export async function recordCase(batch: RecordBatch, adopted?: () => Record<string, unknown>): Promise<RecordResult> {
  const fenceAtMs = Date.now();
  const r = await localActivities.recordCase({ ...batch, fenceAtMs });
  // When the facts moved, the family copies their times into its state (its stated times) and
  // gives the projection again: a write sent again carries it, so the row agrees with the facts
  // it is written beside. Same command either way (only the input differs; a replay compares none).
  const snapshot = adoptRecordedTimes(batch.facts, fenceAtMs, r.fenceAtMs) ? adopted?.() : undefined;
  if (!r.late) return r;
  return localActivities.recordCase({ ...batch, fenceAtMs, ...(snapshot ? { snapshot } : {}) });
}

/**
 * A write that answers for an earlier attempt of this task (its echoed fenceAtMs is earlier than
 * this task's start) stored the facts this task stamped "now" at that attempt's start: this
 * task's copies take those times, so the workflow and its record agree whichever attempt a
 * replay runs (the echo is in history; an on-time write echoes this task's own start: no change).
 * Facts stamped in another task keep theirs. The facts are the timeline's own objects. True
 * when a fact moved.
 */
function adoptRecordedTimes(facts: Fact[], ownMs: number, echoedMs: number | undefined): boolean {
  if (echoedMs === undefined || echoedMs === ownMs) return false;
  let moved = false;
  for (const f of facts) {
    if (f.recordedAt !== ownMs) continue;
    if (f.occurredAt === ownMs) f.occurredAt = echoedMs;
    f.recordedAt = echoedMs;
    moved = true;
  }
  return moved;
}
