// Personal accounts and console sessions (migration 150), one function per query.
import type { Pool, PoolClient } from 'pg';
import type { Role } from '../../workflows/kernel/actors';

type Db = Pool | PoolClient;

export interface PersonRow {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  contracts: string[];
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

const PERSON = `id, login, display_name AS "displayName", role, contracts, password_hash AS "passwordHash",
  failed_attempts AS "failedAttempts", locked_until AS "lockedUntil", disabled_at AS "disabledAt",
  created_by AS "createdBy", created_at AS "createdAt"`;

export async function insertPerson(
  db: Db,
  p: Pick<PersonRow, 'id' | 'login' | 'displayName' | 'role' | 'contracts' | 'passwordHash' | 'createdBy'>,
): Promise<PersonRow | undefined> {
  const { rows } = await db.query(
    `INSERT INTO people (id, login, display_name, role, contracts, password_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (login) DO NOTHING RETURNING ${PERSON}`,
    [p.id, p.login, p.displayName, p.role, p.contracts, p.passwordHash, p.createdBy],
  );
  return rows[0];
}

export async function personByLogin(db: Db, login: string): Promise<PersonRow | undefined> {
  const { rows } = await db.query(`SELECT ${PERSON} FROM people WHERE login = $1`, [login]);
  return rows[0];
}

export async function personById(db: Db, id: string): Promise<PersonRow | undefined> {
  const { rows } = await db.query(`SELECT ${PERSON} FROM people WHERE id = $1`, [id]);
  return rows[0];
}

export async function listPeople(db: Db, contracts: string[] | '*'): Promise<PersonRow[]> {
  const { rows } = await db.query(
    `SELECT ${PERSON} FROM people WHERE $1::text[] IS NULL OR contracts <@ $1 ORDER BY login`,
    [contracts === '*' ? null : contracts],
  );
  return rows;
}

/** One more failed sign-in; at the limit the account locks until lockUntil (and the count restarts). */
export async function noteFailedSignIn(db: Db, id: string, limit: number, lockUntil: Date): Promise<PersonRow> {
  const { rows } = await db.query(
    `UPDATE people SET
       failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
       locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END
     WHERE id = $1 RETURNING ${PERSON}`,
    [id, limit, lockUntil],
  );
  return rows[0];
}

export async function noteSignedIn(db: Db, id: string): Promise<void> {
  await db.query('UPDATE people SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
}

export async function disablePerson(db: Db, id: string, at: Date): Promise<PersonRow | undefined> {
  const { rows } = await db.query(
    `UPDATE people SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING ${PERSON}`,
    [id, at],
  );
  await db.query('UPDATE console_sessions SET ended_at = $2 WHERE person_id = $1 AND ended_at IS NULL', [id, at]);
  return rows[0];
}

export interface SessionRow {
  personId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(
  db: Db,
  s: { tokenHash: Buffer; personId: string; csrfToken: string; at: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO console_sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [s.tokenHash, s.personId, s.csrfToken, s.at, s.expiresAt],
  );
}

/** The live session of this token hash with its person (not ended, not expired, not idle, person enabled). */
export async function liveSession(
  db: Db,
  tokenHash: Buffer,
  now: Date,
  idleSince: Date,
): Promise<(SessionRow & { person: PersonRow }) | undefined> {
  const { rows } = await db.query(
    `SELECT s.person_id AS "personId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
            row_to_json(p) AS person
       FROM console_sessions s
       JOIN LATERAL (SELECT ${PERSON} FROM people WHERE id = s.person_id) p ON true
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
        AND p."disabledAt" IS NULL`,
    [tokenHash, now, idleSince],
  );
  return rows[0];
}

export async function touchSession(db: Db, tokenHash: Buffer, at: Date): Promise<void> {
  await db.query('UPDATE console_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [
    tokenHash,
    at,
  ]);
}

export async function endSession(db: Db, tokenHash: Buffer, at: Date): Promise<void> {
  await db.query('UPDATE console_sessions SET ended_at = COALESCE(ended_at, $2) WHERE token_hash = $1', [
    tokenHash,
    at,
  ]);
}
