// Sending deliveries (issue 13): the due ones claimed under a lease, each attempt recorded with
// its outcome (and the retry it earns).
import type { Pool, PoolClient } from 'pg';
import type { Channel, RenderedMessage } from '../../../notify/model';

type Db = Pool | PoolClient;

export interface DueDelivery {
  id: string;
  outboxKey: string;
  topic: string;
  contractId: string | null;
  channel: string;
  language: string;
  spec: Channel;
  message: RenderedMessage;
  recipients: { personId: string; name: string; mobile?: string | null }[];
  attempts: number;
  data: Record<string, unknown>;
}

/**
 * Claims due deliveries: each one's attempt count goes up and it is leased (not due again)
 * for leaseMs, so a second dispatcher, or this one's next round, skips it while it is sent. A
 * dispatcher that dies mid-send leaves the lease to expire; the delivery is then retried.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  if (limit <= 0) return [];
  const { rows } = await db.query(
    `UPDATE notification_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
      FROM notifications_outbox o
     WHERE o.key = d.outbox_key AND d.id IN (
       SELECT id FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.outbox_key, o.topic, d.contract_id, d.channel, d.language, d.spec, d.message, d.recipients, d.attempts, o.body`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({
    id: String(r.id),
    outboxKey: r.outbox_key,
    topic: r.topic,
    contractId: r.contract_id,
    channel: r.channel,
    language: r.language,
    spec: r.spec,
    message: r.message,
    recipients: r.recipients,
    attempts: r.attempts,
    data: r.body,
  }));
}

export type Outcome = { ok: true } | { ok: false; error: string; retryInMs: number | null };

/** Records one attempt and its outcome: delivered, retried after a backoff, or dead (retryInMs null). */
export async function finishAttempt(
  db: Db,
  d: { id: string; attempt: number; startedAtMs: number; ms: number },
  o: Outcome,
): Promise<void> {
  await db.query(
    `WITH a AS (INSERT INTO notification_attempts (delivery_id, attempt, started_at, ms, ok, error)
                VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6) ON CONFLICT DO NOTHING)
     UPDATE notification_deliveries SET
       status = CASE WHEN $5 THEN 'delivered' WHEN $7::float8 IS NULL THEN 'dead' ELSE 'pending' END,
       delivered_at = CASE WHEN $5 THEN now() END,
       last_error = CASE WHEN $5 THEN last_error ELSE $6 END,
       next_attempt_at = CASE WHEN $7::float8 IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $7 / 1000.0) END
     WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [
      d.id,
      d.attempt,
      d.startedAtMs,
      Math.round(d.ms),
      o.ok,
      o.ok ? null : o.error.slice(0, 1000),
      o.ok ? null : o.retryInMs,
    ],
  );
}
