// Rights events (6.3 deductions reaching 20%, 6.4/6.5 over 5%, 6.3 rectification > 30 days
// late) and their notification. The event and its outbox row are written in the caller's
// transaction, so a right is recorded exactly once (UNIQUE key) and never without its notice;
// the outbox row is the message: the dispatcher (src/notify) routes it to the approver and
// finance and delivers it after commit, like every other notification (one delivery path).
import type { PoolClient } from 'pg';
import type { Db } from '../db/queries/contracts';
import { insertOutbox, insertRightsEvent, insertRightsWithdrawal } from '../db/queries/ledger';
import { crossedThresholds } from '../domain/thresholds';
import { formatCny } from '../domain/money';
import type { ContractTerms } from '../domain/terms';

export interface RightsEventInput {
  key: string;
  contractId: string;
  right: string;
  clause: string;
  numbers: Record<string, string | number>;
  source?: string | null;
}

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
    key,
    topic: 'rights-event',
    contractId: e.contractId,
    subject: subjectOf(e),
    body: { rightsEventKey: e.key, contractId: e.contractId, right: e.right, clause: e.clause, numbers: e.numbers },
  });
  return key;
}

/**
 * Called inside a transaction holding the contract's row lock, after a confirmation moved
 * the confirmed total from prev to next: records each threshold newly crossed.
 */
export async function recordThresholdCrossings(
  tx: PoolClient,
  c: { id: string; amountFen: string },
  terms: ContractTerms,
  prev: bigint,
  next: bigint,
  source: string,
): Promise<string[]> {
  const keys: string[] = [];
  for (const t of crossedThresholds(prev, next, BigInt(c.amountFen), terms)) {
    const key = await recordRightsEvent(tx, {
      key: `${c.id}:threshold-${t.percent}`,
      contractId: c.id,
      right: t.right,
      clause: t.clause,
      source,
      numbers: {
        confirmedFen: next.toString(),
        previousConfirmedFen: prev.toString(),
        contractAmountFen: c.amountFen,
        thresholdPercent: t.percent,
        comparison: t.comparison,
        confirmed: formatCny(next),
        description: t.description,
      },
    });
    if (key) keys.push(key);
  }
  return keys;
}

/**
 * Withdraws a rights event whose breach was superseded (issue 10), with its time and cause, and
 * tells the approver and finance through the outbox in the same transaction; returns the
 * outbox key when newly withdrawn (a retry or an unknown key is a no-op).
 */
export async function withdrawRightsEvent(
  tx: Db,
  w: { key: string; contractId: string; atMs: number; cause: string; caseId?: string },
): Promise<string | null> {
  if (!(await insertRightsWithdrawal(tx, w))) return null;
  const key = `${outboxKeyOf(w.key)}:withdrawn`;
  await insertOutbox(tx, {
    key,
    topic: 'rights-withdrawn',
    contractId: w.contractId,
    subject: `Contract ${w.contractId}: rights event ${w.key} withdrawn: ${w.cause}`,
    body: {
      rightsEventKey: w.key,
      contractId: w.contractId,
      cause: w.cause,
      withdrawnAt: new Date(w.atMs).toISOString(),
    },
  });
  return key;
}
