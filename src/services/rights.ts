// Rights events (6.3 deductions reaching 20%, 6.4/6.5 over 5%, 6.3 rectification > 30 days
// late) and their notification. The event and its outbox row are written in the caller's
// transaction, so a right is recorded exactly once (UNIQUE key) and never without its notice;
// delivery happens after commit (activities: the notifier; API: a deliverNotification workflow).
import type { Client } from '@temporalio/client';
import type { PoolClient } from 'pg';
import type { Db } from '../db/queries/contracts';
import { findOutbox, insertOutbox, insertRightsEvent, markDelivered, type OutboxRow } from '../db/queries/ledger';
import { crossedThresholds } from '../domain/thresholds';
import { formatCny } from '../domain/money';
import type { ContractTerms } from '../domain/terms';
import type { Notifier } from '../activities/deps';
import type { Logger } from '../logger';

export interface RightsEventInput { key: string; contractId: string; right: string; clause: string; numbers: Record<string, string | number>; source?: string | null }

export const outboxKeyOf = (rightsKey: string) => `rights:${rightsKey}`;

// An advance warning (e.g. go-live's own proposed deductions reaching 20%) must not read as
// if the right already stood: only confirmed deductions give it (6.3).
function subjectOf(e: RightsEventInput): string {
  return e.right.endsWith('-pending-confirmation')
    ? `Contract ${e.contractId}: proposed deductions would give the hospital a right under clause ${e.clause} once confirmed (${e.right})`
    : `Contract ${e.contractId}: the hospital may exercise a right under clause ${e.clause} (${e.right})`;
}

/** Inserts the event and its outbox row; returns the outbox key when newly created. */
export async function recordRightsEvent(tx: Db, e: RightsEventInput): Promise<string | null> {
  const created = await insertRightsEvent(tx, { ...e, source: e.source ?? null });
  if (!created) return null;
  const key = outboxKeyOf(e.key);
  await insertOutbox(tx, {
    key, topic: 'rights-event', contractId: e.contractId,
    subject: subjectOf(e),
    body: { rightsEventKey: e.key, contractId: e.contractId, right: e.right, clause: e.clause, numbers: e.numbers },
  });
  return key;
}

/**
 * Called inside a transaction holding the contract's row lock, after a confirmation moved
 * the confirmed total from prev to next: records each threshold newly crossed.
 */
export async function recordThresholdCrossings(tx: PoolClient, c: { id: string; amountFen: string }, terms: ContractTerms, prev: bigint, next: bigint, source: string): Promise<string[]> {
  const keys: string[] = [];
  for (const t of crossedThresholds(prev, next, BigInt(c.amountFen), terms)) {
    const key = await recordRightsEvent(tx, {
      key: `${c.id}:threshold-${t.percent}`, contractId: c.id, right: t.right, clause: t.clause, source,
      numbers: { confirmedFen: next.toString(), previousConfirmedFen: prev.toString(), contractAmountFen: c.amountFen, thresholdPercent: t.percent, comparison: t.comparison, confirmed: formatCny(next), description: t.description },
    });
    if (key) keys.push(key);
  }
  return keys;
}

/** Activity path: send through the notifier (idempotency key = outbox key) and stamp it. */
export async function deliverNow(db: Db, notifier: Notifier, key: string): Promise<void> {
  const n = await findOutbox(db, key);
  if (!n || n.deliveredAt) return;
  await notifier.send(toNotification(n));
  await markDelivered(db, key);
}

export function toNotification(n: OutboxRow) {
  return { key: n.key, topic: n.topic, ...(n.contractId ? { contractId: n.contractId } : {}), subject: n.subject, body: n.body };
}

/**
 * API path (the API has no notifier): one durable workflow per notification, id
 * `notification:<key>`, so a repeated start is a no-op. If Temporal is unreachable the row
 * stays undelivered in notifications_outbox (delivered_at NULL) and is logged.
 */
export async function deliverViaWorkflow(db: Db, temporal: Client, taskQueue: string, log: Logger, keys: string[]): Promise<void> {
  for (const key of keys) {
    const n = await findOutbox(db, key);
    if (!n || n.deliveredAt) continue;
    try {
      await temporal.workflow.start('deliverNotification', { taskQueue, workflowId: `notification:${key}`, args: [toNotification(n)] });
    } catch (err) {
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') log.error({ err, key }, 'notification delivery could not be started; it stays in notifications_outbox');
    }
  }
}
