// Who is told (issue 13): a contract's people, on-call roster and notification settings, read
// in one round trip by the dispatcher.
import type { Pool, PoolClient } from 'pg';
import {
  DEFAULT_ESCALATION,
  type Audience,
  type EscalationStep,
  type Person,
  type Shift,
  type Subscriptions,
} from '../../../notify/model';

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
