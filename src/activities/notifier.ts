import type { Pool } from 'pg';
import type { Notifier } from './deps';

/**
 * The workflows' notify activity writes the message to notifications_outbox (idempotent by
 * key); the dispatcher (src/notify/dispatcher.ts) routes it to the subscribed people and
 * delivers it with retries, off the case's critical path: a receiver that is down never
 * holds a workflow task.
 */
export function outboxNotifier(pool: Pool): Notifier {
  return {
    async send(n) {
      await pool.query(
        'INSERT INTO notifications_outbox (key, topic, contract_id, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING',
        [n.key, n.topic, n.contractId ?? null, n.subject, JSON.stringify(n.body)],
      );
    },
  };
}
