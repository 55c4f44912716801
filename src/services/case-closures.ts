// Cases closed outside the API (issue 10 item 8): cancelled or terminated in the Web UI or the
// CLI (or timed out, or failed). Termination runs no workflow code, so the worker's reconciler
// finds such cases in Temporal's visibility by their search attributes and records each once,
// by workflow id, with Temporal's close time. Reads of every family attach the closure: the
// case shows how and when it closed, and no deadline of it is shown as still counting.
import type { Client } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import { closuresOf, insertClosure, latestClosureAt, type Closure, type ClosureHow } from '../db/queries/closures';
import type { Logger } from '../logger';
import { SA } from '../temporal/search-attributes';

const HOW: Record<string, ClosureHow> = {
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed-out',
  FAILED: 'failed',
};
const KINDS = ['fault', 'inspection', 'care', 'acceptance', 'rectification', 'golive', 'dongle', 'staff', 'service'];
/** Visibility is eventually consistent: rescan this far before the latest closure recorded. */
const OVERLAP_MS = 10 * 60_000;

/** One scan: records every case closed outside the API since the last one recorded; returns the new ones. */
export async function reconcileClosures(client: Client, pool: Pool): Promise<Closure[]> {
  const latest = await latestClosureAt(pool);
  const since = latest ? ` AND CloseTime > '${new Date(Date.parse(latest) - OVERLAP_MS).toISOString()}'` : '';
  const query = `ExecutionStatus IN ('Canceled', 'Terminated', 'TimedOut', 'Failed') AND WeibaoKind IN (${KINDS.map((k) => `'${k}'`).join(', ')})${since}`;
  const found: Closure[] = [];
  for await (const w of client.workflow.list({ query })) {
    const how = HOW[w.status.name];
    const kind = w.typedSearchAttributes.get(SA.kind);
    const contractId = w.typedSearchAttributes.get(SA.contractId);
    if (!how || !kind || !contractId || !w.closeTime) continue;
    const c = { workflowId: w.workflowId, kind, contractId, how, closedAt: w.closeTime.toISOString() };
    if (await insertClosure(pool, c)) found.push({ ...c, recordedAt: new Date().toISOString() });
  }
  return found;
}

/** Runs the scan every `everyMs` in the worker process; returns the stop function. */
export function startClosureReconciler(client: Client, pool: Pool, log: Logger, everyMs: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = reconcileClosures(client, pool).then(
      (found) => {
        for (const c of found)
          log.warn(
            { workflowId: c.workflowId, how: c.how, closedAt: c.closedAt },
            'case closed outside the API recorded',
          );
      },
      (err: Error) => log.warn({ reason: err.message }, 'closure reconcile failed; retried at the next scan'),
    );
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Attaches the closure to rows of any family read from PostgreSQL (keyed by workflow id): the
 * status becomes how it closed, and nothing is awaited or due any more.
 */
export async function withClosures<T extends Record<string, unknown>>(
  pool: Pool | PoolClient,
  rows: T[],
  idOf: (r: T) => string,
): Promise<T[]> {
  const closures = await closuresOf(pool, rows.map(idOf));
  return rows.map((r) => {
    const c = closures.get(idOf(r));
    if (!c) return r;
    return {
      ...r,
      status: c.how,
      ...('awaiting' in r ? { awaiting: 'none' } : {}),
      ...('nextDeadlineAt' in r ? { nextDeadlineAt: null } : {}),
      closure: { how: c.how, at: c.closedAt, recordedAt: c.recordedAt },
    };
  });
}

/** withClosures for rows that carry their case id as workflowId (the cycles' periods and years). */
export const withCaseClosures = <T extends Record<string, unknown> & { workflowId: string }>(
  pool: Pool,
  rows: T[],
): Promise<T[]> => withClosures(pool, rows, (r) => r.workflowId);
