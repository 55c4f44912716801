// The one record path of every case family (src/workflows/kernel/record.ts): facts, the
// family's projection row, outbox notices and ledger proposals in ONE transaction, applied only
// when the write's fence is not older than the stored one. Delivery of the notices starts right
// after commit, in the background: a receiver that is down never delays the case.
import type { PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import * as rq from '../db/queries/case-records';
import { recordFaultProjection } from '../db/queries/faults';
import { recordObligationProjection } from '../db/queries/obligations';
import { recordAcceptanceProjection, recordCareProjection, recordInspectionProjection } from '../db/queries/cycles';
import { proposeEntryIn, withdrawEntryIn, WITHDRAWABLE } from '../services/ledger';
import type { RecordBatch, RecordResult } from '../workflows/kernel/record';
import type { ActivityDeps } from './deps';

/** Each family's projection of its snapshot (list columns the API filters on). Families add one line. */
const PROJECTIONS: Record<string, (tx: PoolClient, b: RecordBatch) => Promise<void>> = {
  fault: recordFaultProjection,
  rectification: recordObligationProjection,
  golive: recordObligationProjection,
  dongle: recordObligationProjection,
  staff: recordObligationProjection,
  service: recordObligationProjection,
  inspection: recordInspectionProjection,
  care: recordCareProjection,
  acceptance: recordAcceptanceProjection,
};

/**
 * 80 % of the default workflow task timeout (10 s), where sdk-core heartbeats a task that waits
 * for local activities: a write that ends later than this after its task started may answer for
 * a task that timed out meanwhile, so the case writes again (kernel/activities.ts). Not lower: on
 * a loaded worker many writes end 5-9 s after their task's start (kill -9 test at load 20), and
 * each late one costs a second write just when the database is busiest. The margin of 2 s covers
 * the worker's clock against the server's (the task's start is the server's time).
 */
export const LATE_WRITE_MS = 8_000;

const WORKFLOW_ACTOR = 'system:workflow'; // the ledger's actor for workflow proposals (contracts.ts)

export async function writeRecord(
  tx: PoolClient,
  b: RecordBatch,
): Promise<{ result: RecordResult; notices: string[] }> {
  const entryIds: Record<string, string> = {};
  if (!(await rq.claimHead(tx, b))) return { result: { applied: false, entryIds }, notices: [] };
  // Read with the facts' write (one round trip), before this batch proposes or withdraws anything:
  // its own proposals are live and its withdrawals are done below, so both are left out here.
  const withdrawing = new Set(b.withdrawals.map((w) => w.key));
  const open = (await rq.replaceFacts(tx, b, WORKFLOW_ACTOR, WITHDRAWABLE)).filter((k) => !withdrawing.has(k));
  await PROJECTIONS[b.kind]?.(tx, b);
  const notices = await rq.upsertNotices(tx, b.caseId, b.contractId, b.notices);
  for (const p of b.proposals) {
    entryIds[p.key] = (
      await proposeEntryIn(tx, { ...p, contractId: b.contractId, caseKind: b.kind, caseId: b.caseId }, WORKFLOW_ACTOR)
    ).entryId;
  }
  for (const w of b.withdrawals) await withdrawEntryIn(tx, w.key, w.reason, WORKFLOW_ACTOR);
  // Proposals of a task that never completed: the workflow does not have them.
  const live = new Set([...b.penaltyKeys, ...b.proposals.map((p) => p.key)]);
  for (const key of open) {
    if (!live.has(key))
      await withdrawEntryIn(
        tx,
        key,
        `not a fact of case ${b.caseId}: proposed by a workflow task that did not complete (record fence ${b.fence})`,
        WORKFLOW_ACTOR,
      );
  }
  return { result: { applied: true, entryIds }, notices };
}

export function recordActivities(deps: ActivityDeps) {
  return {
    /** Writes a case's completed state (idempotent: a retried or stale batch changes nothing newer). */
    async recordCase(b: RecordBatch): Promise<RecordResult> {
      // The notices are outbox rows of this transaction; the dispatcher delivers them after commit.
      // A write stuck behind a stopped worker's open transaction fails and is retried, not queued forever.
      const { result } = await inTransaction(deps.pool, (tx) => writeRecord(tx, b), { lockTimeout: '5s' });
      // Real time against the task's start (workflow time, the server's clock): see LATE_WRITE_MS.
      const late = b.fenceAtMs !== undefined && Date.now() - b.fenceAtMs >= LATE_WRITE_MS;
      return {
        ...result,
        ...(b.fenceAtMs !== undefined ? { fenceAtMs: b.fenceAtMs } : {}),
        ...(late ? { late: true } : {}),
      };
    },
  };
}
