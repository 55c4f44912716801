// The notification outbox (issue 10 item 5): an outward effect leaves off the case's critical path.
import type { Db } from '../contracts';

export interface OutboxRow {
  key: string;
  topic: string;
  contractId: string | null;
  subject: string;
  body: Record<string, unknown>;
  deliveredAt: string | null;
}

export async function insertOutbox(db: Db, n: Omit<OutboxRow, 'deliveredAt'>): Promise<void> {
  await db.query(
    'INSERT INTO notifications_outbox (key, topic, contract_id, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING',
    [n.key, n.topic, n.contractId, n.subject, JSON.stringify(n.body)],
  );
}
