// API-key management (clause 7, issue 12 finding 5): minting, listing, finding and revoking the
// bearer keys in api_keys. Checking a presented key is authentication's (auth.ts), which hashes
// it the same way (hashKey); rotation builds on these (src/security/key-life.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from '../workflows/kernel/actors';
import { inTransaction } from '../db/pool';
import type { Locale } from '../i18n/locale';

// Keys are 32 random bytes; a fast hash is enough for such entropy (no password stretching needed).
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export const newKeyId = () => `key_${randomUUID().slice(0, 8)}`;

/** Keys expire (issue 12, finding 5): at most this long after they are made, unless told sooner. */
export const KEY_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * In a transaction: inside an API request, the key and its audit row commit together. The key
 * expires after expiresInDays (default and most KEY_MAX_DAYS), never after notAfterMs (the
 * minting key's own expiry: a key cannot outlive the key that made it).
 */
export async function createApiKey(
  pool: Pool,
  input: {
    id?: string;
    name: string;
    role: Role;
    contracts?: string[];
    createdBy?: string;
    expiresInDays?: number;
    notAfterMs?: number;
    nowMs?: number;
    locale?: Locale;
  },
) {
  const id = input.id ?? newKeyId();
  const key = `wb_${randomBytes(32).toString('base64url')}`;
  const contracts = input.contracts?.length ? input.contracts : ['*'];
  const expiresAtMs = Math.min(
    (input.nowMs ?? Date.now()) + Math.min(input.expiresInDays ?? KEY_MAX_DAYS, KEY_MAX_DAYS) * DAY_MS,
    input.notAfterMs ?? Infinity,
  );
  const expiresAt = new Date(expiresAtMs).toISOString();
  await inTransaction(pool, (tx) =>
    tx.query(
      `INSERT INTO api_keys (id, name, role, contracts, key_hash, created_by, expires_at, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.name, input.role, contracts, hashKey(key), input.createdBy ?? null, expiresAt, input.locale ?? null],
    ),
  );
  return { id, key, name: input.name, role: input.role, contracts, expiresAt, locale: input.locale ?? null };
}

/** Every key whose contracts lie wholly inside the scope (null = all keys), newest first; no secret, no hash. */
export async function listApiKeys(pool: Pool, scope: string[] | null) {
  const { rows } = await pool.query(
    `SELECT id, name, role, contracts, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt",
            last_used_at AS "lastUsedAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy", locale
       FROM api_keys WHERE $1::text[] IS NULL OR contracts <@ $1::text[] ORDER BY created_at DESC, id`,
    [scope],
  );
  return rows as (KeyRow & {
    createdBy: string | null;
    createdAt: Date;
    lastUsedAt: Date | null;
    replacedBy: string | null;
  })[];
}

export interface KeyRow {
  id: string;
  name: string;
  role: Role;
  contracts: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  locale: Locale | null;
}
export async function findApiKey(pool: Pool, id: string): Promise<KeyRow | undefined> {
  const { rows } = await pool.query(
    'SELECT id, name, role, contracts, expires_at AS "expiresAt", revoked_at AS "revokedAt", locale FROM api_keys WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Revokes a key (idempotent: a revoked key keeps its first revocation time); undefined if unknown. */
export async function revokeApiKey(
  pool: Pool,
  id: string,
): Promise<{ id: string; name: string; role: Role; revokedAt: string } | undefined> {
  const { rows } = await inTransaction(pool, (tx) =>
    tx.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
     RETURNING id, name, role, revoked_at AS "revokedAt"`,
      [id],
    ),
  );
  return rows[0] && { ...rows[0], revokedAt: (rows[0].revokedAt as Date).toISOString() };
}
