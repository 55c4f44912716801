// Key rotation (issue 12, finding 5): a new key with the same name, role and contracts; the
// old one names its successor and keeps working only for a grace period (default an hour), so
// a deployment can switch without downtime. A key rotates itself; an admin rotates keys that
// lie within its own contracts (src/security/key-scope.ts). The new key is shown once.
import type { Pool } from 'pg';
import { createApiKey, newKeyId, type KeyRow } from '../api/api-keys';
import { conflict } from '../api/errors';
import { inTransaction } from '../db/pool';

export const DEFAULT_GRACE_MINUTES = 60;

export async function rotateApiKey(
  pool: Pool,
  old: KeyRow,
  by: { name: string; expiresAtMs?: number },
  graceMinutes: number,
  nowMs: number,
) {
  if (old.revokedAt)
    throw conflict('KEY_REVOKED', `key ${old.id} is revoked; a revoked key is not rotated (mint a new one)`, '7');
  const id = newKeyId();
  const created = await createApiKey(pool, {
    id,
    name: old.name,
    role: old.role,
    contracts: old.contracts,
    ...(old.locale ? { locale: old.locale } : {}),
    createdBy: by.name,
    notAfterMs: by.expiresAtMs,
    nowMs,
  });
  const graceUntil = new Date(Math.min(nowMs + graceMinutes * 60_000, old.expiresAt?.getTime() ?? Infinity));
  const { rowCount } = await inTransaction(pool, (tx) =>
    tx.query(
      'UPDATE api_keys SET expires_at = LEAST(expires_at, $2), replaced_by = $3 WHERE id = $1 AND replaced_by IS NULL',
      [old.id, graceUntil, id],
    ),
  );
  if (!rowCount) throw conflict('KEY_ALREADY_ROTATED', `key ${old.id} was already rotated`, '7');
  return { ...created, replaces: old.id, oldKeyExpiresAt: graceUntil.toISOString() };
}
