// Notification queries (issue 13), one function each: subscriptions, routing, delivery.
import type { Pool, PoolClient } from 'pg';
import {
  DEFAULT_ESCALATION,
  type Audience,
  type EscalationStep,
  type OutboxMessage,
  type Person,
  type PlannedDelivery,
  type RenderedMessage,
  type Shift,
  type Subscriptions,
} from '../../notify/model';

type Db = Pool | PoolClient;
const ms = (d: Date | null) => (d ? d.getTime() : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const personOf = (r: Record<string, any>): Person => ({
  personId: r.person_id,
  name: r.name,
  party: r.party,
  role: r.role,
  language: r.language,
  mobile: r.mobile,
  channels: r.channels,
  topics: r.topics,
  quietHours: r.quiet_hours,
  active: r.active,
});

export async function listPeople(
  db: Db,
  contractId: string,
): Promise<(Person & { updatedAt: string; updatedBy: string })[]> {
  const { rows } = await db.query('SELECT * FROM notify_people WHERE contract_id = $1 ORDER BY person_id', [
    contractId,
  ]);
  return rows.map((r) => ({ ...personOf(r), updatedAt: iso(r.updated_at)!, updatedBy: r.updated_by }));
}

export async function upsertPerson(db: Db, contractId: string, p: Person, by: string): Promise<void> {
  await db.query(
    `INSERT INTO notify_people (contract_id, person_id, name, party, role, language, mobile, channels, topics, quiet_hours, active, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (contract_id, person_id) DO UPDATE SET name = $3, party = $4, role = $5, language = $6, mobile = $7, channels = $8,
       topics = $9, quiet_hours = $10, active = $11, updated_by = $12, updated_at = now()`,
    [
      contractId,
      p.personId,
      p.name,
      p.party,
      p.role,
      p.language,
      p.mobile ?? null,
      JSON.stringify(p.channels),
      p.topics,
      p.quietHours ? JSON.stringify(p.quietHours) : null,
      p.active,
      by,
    ],
  );
}

export async function listShifts(db: Db, contractId: string): Promise<Shift[]> {
  const { rows } = await db.query(
    'SELECT person_id, starts_at, ends_at FROM notify_roster_shifts WHERE contract_id = $1 ORDER BY starts_at, person_id',
    [contractId],
  );
  return rows.map((r) => ({ personId: r.person_id, startsAtMs: ms(r.starts_at)!, endsAtMs: ms(r.ends_at)! }));
}

/** Replaces the roster (the caller holds the transaction). */
export async function replaceShifts(tx: PoolClient, contractId: string, shifts: Shift[]): Promise<void> {
  await tx.query('DELETE FROM notify_roster_shifts WHERE contract_id = $1', [contractId]);
  if (!shifts.length) return;
  await tx.query(
    `INSERT INTO notify_roster_shifts (contract_id, person_id, starts_at, ends_at)
     SELECT $1, p, to_timestamp(s / 1000.0), to_timestamp(e / 1000.0) FROM unnest($2::text[], $3::float8[], $4::float8[]) AS t(p, s, e)`,
    [contractId, shifts.map((s) => s.personId), shifts.map((s) => s.startsAtMs), shifts.map((s) => s.endsAtMs)],
  );
}

export async function findSettings(
  db: Db,
  contractId: string,
): Promise<{
  escalation: EscalationStep[];
  routes: Record<string, Audience[]>;
  updatedAt: string | null;
  updatedBy: string | null;
}> {
  const { rows } = await db.query('SELECT * FROM notify_settings WHERE contract_id = $1', [contractId]);
  const r = rows[0];
  return r
    ? { escalation: r.escalation, routes: r.routes, updatedAt: iso(r.updated_at), updatedBy: r.updated_by }
    : { escalation: DEFAULT_ESCALATION, routes: {}, updatedAt: null, updatedBy: null };
}

export async function upsertSettings(
  db: Db,
  contractId: string,
  s: { escalation: EscalationStep[]; routes: Record<string, Audience[]> },
  by: string,
): Promise<void> {
  await db.query(
    `INSERT INTO notify_settings (contract_id, escalation, routes, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contract_id) DO UPDATE SET escalation = $2, routes = $3, updated_by = $4, updated_at = now()`,
    [contractId, JSON.stringify(s.escalation), JSON.stringify(s.routes), by],
  );
}

/** A contract's people, roster and settings in one round trip (the dispatcher's hot path). */
export async function subscriptions(db: Db, contractId: string): Promise<Subscriptions> {
  const { rows } = await db.query(
    `SELECT (SELECT COALESCE(json_agg(p ORDER BY p.person_id), '[]') FROM notify_people p WHERE p.contract_id = $1) AS people,
            (SELECT COALESCE(json_agg(json_build_array(s.person_id, (EXTRACT(EPOCH FROM s.starts_at) * 1000)::bigint, (EXTRACT(EPOCH FROM s.ends_at) * 1000)::bigint)), '[]')
               FROM notify_roster_shifts s WHERE s.contract_id = $1) AS shifts,
            (SELECT row_to_json(x) FROM notify_settings x WHERE x.contract_id = $1) AS settings`,
    [contractId],
  );
  const r = rows[0];
  return {
    people: (r.people as Record<string, any>[]).map(personOf),
    shifts: (r.shifts as [string, number, number][]).map(([personId, startsAtMs, endsAtMs]) => ({
      personId,
      startsAtMs: Number(startsAtMs),
      endsAtMs: Number(endsAtMs),
    })),
    escalation: r.settings?.escalation ?? DEFAULT_ESCALATION,
    routes: r.settings?.routes ?? {},
  };
}

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
