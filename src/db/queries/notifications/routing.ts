// Routing the outbox (issue 13): unrouted messages locked for one dispatcher, the cases they
// name with their terms, the deliveries made of them, and the messages marked routed.
import type { Pool, PoolClient } from 'pg';
import type { OutboxMessage, PlannedDelivery, RenderedMessage } from '../../../notify/model';

type Db = Pool | PoolClient;
const ms = (d: Date | null) => (d ? d.getTime() : null);
/** Outbox rows not yet routed, locked so that a second dispatcher skips them. */
export async function lockUnrouted(tx: PoolClient, limit: number): Promise<OutboxMessage[]> {
  const { rows } = await tx.query(
    `SELECT key, topic, contract_id, subject, body, created_at FROM notifications_outbox WHERE routed_at IS NULL
      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows.map((r) => ({
    key: r.key,
    topic: r.topic,
    contractId: r.contract_id,
    subject: r.subject,
    body: r.body,
    createdAtMs: ms(r.created_at)!,
  }));
}

export interface CaseFacts {
  caseId: string;
  level: number;
  title: string;
  reportedAtMs: number;
  affectsOperations: boolean;
  terms: unknown;
}

/** The cases the messages name, with the terms in force at their report (for the due times). */
export async function caseFacts(db: Db, caseIds: string[]): Promise<Map<string, CaseFacts>> {
  if (!caseIds.length) return new Map();
  const { rows } = await db.query(
    `SELECT c.case_id, c.level, c.title, c.reported_at, c.affects_operations, v.terms FROM fault_cases c
       LEFT JOIN contract_terms_versions v ON v.contract_id = c.contract_id AND v.version = c.terms_version
      WHERE c.case_id = ANY($1)`,
    [caseIds],
  );
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        caseId: r.case_id,
        level: r.level,
        title: r.title,
        reportedAtMs: ms(r.reported_at)!,
        affectsOperations: r.affects_operations,
        terms: r.terms,
      },
    ]),
  );
}

export interface NewDelivery {
  msg: OutboxMessage;
  plan: PlannedDelivery;
  message: RenderedMessage;
}

/**
 * Inserts a batch's deliveries in one statement and claims at once those due now (their first
 * attempt counted and leased, as claimDue does), so a new message goes out without another
 * round trip; those held by quiet hours wait for claimDue. Returns the claimed ids.
 */
export async function insertDeliveries(
  tx: PoolClient,
  ds: NewDelivery[],
  nowMs: number,
  leaseMs: number,
): Promise<Map<NewDelivery, string>> {
  if (!ds.length) return new Map();
  const rows = ds.map(({ msg, plan, message }) => ({
    outbox_key: msg.key,
    contract_id: msg.contractId,
    channel: plan.channel,
    target: plan.target,
    language: plan.language,
    recipients: plan.recipients,
    spec: plan.spec,
    message,
    due: plan.notBeforeMs <= nowMs,
    not_before_ms: plan.notBeforeMs,
  }));
  const { rows: out } = await tx.query(
    `INSERT INTO notification_deliveries (outbox_key, contract_id, channel, target, language, recipients, spec, message, attempts, next_attempt_at)
     SELECT outbox_key, contract_id, channel, target, language, recipients, spec, message, CASE WHEN due THEN 1 ELSE 0 END,
            CASE WHEN due THEN now() + make_interval(secs => $2 / 1000.0) ELSE to_timestamp(not_before_ms / 1000.0) END
       FROM jsonb_to_recordset($1::jsonb) AS t(outbox_key text, contract_id text, channel text, target text, language text, recipients jsonb,
                                               spec jsonb, message jsonb, due boolean, not_before_ms float8)
     ON CONFLICT (outbox_key, channel, target, language) DO NOTHING
     RETURNING id, attempts, outbox_key, channel, target, language`,
    [JSON.stringify(rows), leaseMs],
  );
  const byId = new Map(ds.map((d) => [`${d.msg.key}|${d.plan.channel}|${d.plan.target}|${d.plan.language}`, d]));
  const claimed = new Map<NewDelivery, string>();
  for (const r of out)
    if (r.attempts === 1)
      claimed.set(byId.get(`${r.outbox_key}|${r.channel}|${r.target}|${r.language}`)!, String(r.id));
  return claimed;
}

/** Routed: its deliveries exist. delivered_at (002's "handed over") is stamped too, so the old sweep leaves it alone. */
export async function markRouted(tx: PoolClient, keys: string[]): Promise<void> {
  await tx.query(
    'UPDATE notifications_outbox SET routed_at = now(), delivered_at = COALESCE(delivered_at, now()) WHERE key = ANY($1)',
    [keys],
  );
}
