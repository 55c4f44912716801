// Deliveries read back (issue 13): a contract's notifications and one of them (addresses
// redacted by the caller), the metrics endpoint's counts and /health's platform-wide ones.
import type { Pool, PoolClient } from 'pg';
import type { Channel } from '../../../notify/model';

type Db = Pool | PoolClient;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
export interface DeliveryView {
  id: string;
  channel: Channel['type'];
  target: string;
  language: string;
  recipients: { personId: string; name: string }[];
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const deliveryView = (r: Record<string, any>, redact: (c: string, t: string) => string): DeliveryView => ({
  id: String(r.id),
  channel: r.channel,
  target: redact(r.channel, r.target),
  language: r.language,
  recipients: (r.recipients as { personId: string; name: string }[]).map((x) => ({
    personId: x.personId,
    name: x.name,
  })),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  createdAt: iso(r.created_at)!,
  deliveredAt: iso(r.delivered_at),
});

/** A contract's notifications, newest first, each with its deliveries. */
export async function listNotifications(
  db: Db,
  contractId: string,
  f: { topic?: string; status?: string; limit: number },
  redact: (c: string, t: string) => string,
) {
  const { rows } = await db.query(
    `SELECT o.key, o.topic, o.subject, o.body, o.created_at, o.routed_at,
            COALESCE(json_agg(d.* ORDER BY d.id) FILTER (WHERE d.id IS NOT NULL), '[]') AS deliveries
       FROM notifications_outbox o LEFT JOIN notification_deliveries d ON d.outbox_key = o.key
      WHERE o.contract_id = $1 AND ($2::text IS NULL OR o.topic = $2)
      GROUP BY o.key HAVING $3::text IS NULL OR bool_or(d.status = $3)
      ORDER BY o.created_at DESC, o.key LIMIT $4`,
    [contractId, f.topic ?? null, f.status ?? null, f.limit],
  );
  return rows.map((r) => ({
    key: r.key,
    topic: r.topic,
    subject: r.subject as string,
    body: r.body as Record<string, unknown>, // what the subject is about, for its reader's language (the route drops it)
    createdAt: iso(r.created_at)!,
    routedAt: iso(r.routed_at),
    deliveries: (r.deliveries as Record<string, any>[]).map((d) =>
      deliveryView(
        {
          ...d,
          created_at: new Date(d.created_at),
          delivered_at: d.delivered_at && new Date(d.delivered_at),
          next_attempt_at: new Date(d.next_attempt_at),
        },
        redact,
      ),
    ),
  }));
}

/** One notification with every delivery and every attempt. */
export async function findNotification(db: Db, key: string, redact: (c: string, t: string) => string) {
  const o = (
    await db.query(
      'SELECT key, topic, contract_id, subject, body, created_at, routed_at FROM notifications_outbox WHERE key = $1',
      [key],
    )
  ).rows[0];
  if (!o) return undefined;
  const ds = (await db.query('SELECT * FROM notification_deliveries WHERE outbox_key = $1 ORDER BY id', [key])).rows;
  const as = (
    await db.query('SELECT * FROM notification_attempts WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt', [
      ds.map((d) => d.id),
    ])
  ).rows;
  return {
    key: o.key,
    topic: o.topic,
    contractId: o.contract_id as string | null,
    subject: o.subject,
    body: o.body,
    createdAt: iso(o.created_at)!,
    routedAt: iso(o.routed_at),
    deliveries: ds.map((d) => ({
      ...deliveryView(d, redact),
      message: { title: d.message.title, text: d.message.text },
      attemptLog: as
        .filter((a) => String(a.delivery_id) === String(d.id))
        .map((a) => ({ attempt: a.attempt, startedAt: iso(a.started_at)!, ms: a.ms, ok: a.ok, error: a.error })),
    })),
  };
}

/** Counts for the metrics endpoint: deliveries by channel and status, attempts, backlog age. */
export async function deliveryMetrics(db: Db, scope: string[] | null) {
  const byStatus = (
    await db.query(
      `SELECT channel, status, count(*)::int AS n, COALESCE(sum(attempts), 0)::int AS attempts FROM notification_deliveries
      WHERE $1::text[] IS NULL OR contract_id = ANY($1) GROUP BY channel, status ORDER BY channel, status`,
      [scope],
    )
  ).rows;
  const failed = (
    await db.query(
      `SELECT count(*)::int AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
      WHERE NOT a.ok AND ($1::text[] IS NULL OR d.contract_id = ANY($1))`,
      [scope],
    )
  ).rows[0].n as number;
  const backlog = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM notifications_outbox WHERE routed_at IS NULL AND ($1::text[] IS NULL OR contract_id = ANY($1))) AS unrouted,
            (SELECT EXTRACT(EPOCH FROM now() - min(created_at))::float8 FROM notification_deliveries WHERE status = 'pending' AND ($1::text[] IS NULL OR contract_id = ANY($1))) AS oldest`,
      [scope],
    )
  ).rows[0];
  return {
    deliveries: byStatus,
    failedAttempts: failed,
    unrouted: backlog.unrouted as number,
    oldestPendingSeconds: backlog.oldest === null ? null : Math.round(backlog.oldest),
  };
}

/** Platform-wide delivery counts for /health (no contract named): pending, dead letters, unrouted, oldest pending. */
export async function deliveryHealth(db: Db): Promise<{
  pending: number;
  delivered: number;
  dead: number;
  unrouted: number;
  oldestPendingSeconds: number | null;
}> {
  const r = (
    await db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            (SELECT count(*)::int FROM notifications_outbox WHERE routed_at IS NULL) AS unrouted,
            EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest
       FROM notification_deliveries`,
    )
  ).rows[0];
  return {
    pending: r.pending,
    delivered: r.delivered,
    dead: r.dead,
    unrouted: r.unrouted,
    oldestPendingSeconds: r.oldest === null ? null : Math.round(r.oldest),
  };
}
