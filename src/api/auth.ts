import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import type { Pool } from 'pg';
import { ROLES, type Role } from '../workflows/kernel/actors';
import { forbidden, unauthorized } from './errors';
import { noteContract } from '../security/audit-scope';
import { inTransaction } from '../db/pool';

export { ROLES, type Role }; // one role list for the API and the workflows (src/workflows/kernel/actors.ts)

export interface Actor { keyId: string; name: string; role: Role; contracts: string[] }

declare module 'express-serve-static-core' {
  interface Request { actor?: Actor }
}

// Keys are 32 random bytes; a fast hash is enough for such entropy (no password stretching needed).
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export const newKeyId = () => `key_${randomUUID().slice(0, 8)}`;

/** In a transaction: inside an API request, the key and its audit row commit together. */
export async function createApiKey(pool: Pool, input: { id?: string; name: string; role: Role; contracts?: string[]; createdBy?: string }) {
  const id = input.id ?? newKeyId();
  const key = `wb_${randomBytes(32).toString('base64url')}`;
  await inTransaction(pool, (tx) => tx.query(
    'INSERT INTO api_keys (id, name, role, contracts, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, input.name, input.role, input.contracts?.length ? input.contracts : ['*'], hashKey(key), input.createdBy ?? null],
  ));
  return { id, key, name: input.name, role: input.role, contracts: input.contracts?.length ? input.contracts : ['*'] };
}

/**
 * Keys verified in the last few seconds (API_KEY_CACHE_SECONDS; 0 = every request reads the
 * table): one database round trip less on every request. Only valid keys are kept, by hash.
 * Revoking through this API (POST /api-keys/:id/revoke) clears it at once; a key revoked by
 * another API instance or by hand in the database stops working here within the TTL.
 */
export class KeyCache {
  private readonly keys = new Map<string, { actor: Actor; untilMs: number }>();
  constructor(private readonly ttlMs: number, private readonly now: () => number, private readonly max = 10_000) {}
  get(hash: string): Actor | undefined {
    const hit = this.keys.get(hash);
    if (hit && hit.untilMs > this.now()) return hit.actor;
    if (hit) this.keys.delete(hash);
    return undefined;
  }
  set(hash: string, actor: Actor): void {
    if (this.ttlMs <= 0) return;
    if (this.keys.size >= this.max) this.keys.clear(); // bounded: keys are few, a flood of them only costs lookups
    this.keys.set(hash, { actor, untilMs: this.now() + this.ttlMs });
  }
  clear(): void {
    this.keys.clear();
  }
}

export function authenticate(pool: Pool, cache: KeyCache): RequestHandler {
  return async (req, _res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) throw unauthorized();
    const hash = hashKey(m[1]!);
    const hex = hash.toString('hex');
    let actor = cache.get(hex);
    if (!actor) {
      const { rows } = await pool.query('SELECT id, name, role, contracts FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash]);
      if (rows.length === 0) throw unauthorized('unknown or revoked API key');
      // Frozen: one cached object serves many requests.
      actor = Object.freeze({ keyId: rows[0].id, name: rows[0].name, role: rows[0].role, contracts: Object.freeze([...rows[0].contracts]) as string[] });
      cache.set(hex, actor);
    }
    req.actor = actor;
    next();
  };
}

export async function findApiKey(pool: Pool, id: string): Promise<{ id: string; role: Role; contracts: string[] } | undefined> {
  const { rows } = await pool.query('SELECT id, role, contracts FROM api_keys WHERE id = $1', [id]);
  return rows[0];
}

/** Revokes a key (idempotent: a revoked key keeps its first revocation time); undefined if unknown. */
export async function revokeApiKey(pool: Pool, id: string): Promise<{ id: string; name: string; role: Role; revokedAt: string } | undefined> {
  const { rows } = await inTransaction(pool, (tx) => tx.query(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
     RETURNING id, name, role, revoked_at AS "revokedAt"`, [id]));
  return rows[0] && { ...rows[0], revokedAt: (rows[0].revokedAt as Date).toISOString() };
}

/** Least privilege: a route names the roles that may call it. */
export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.actor?.role;
    if (!role || !roles.includes(role)) throw forbidden(`role ${role ?? 'none'} may not do this; allowed: ${roles.join(', ')}`);
    next();
  };
}

export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

export function canTouchContract(actor: Actor, contractId: string): boolean {
  return actor.contracts.includes('*') || actor.contracts.includes(contractId);
}

export function assertContractAccess(actor: Actor, contractId: string): void {
  noteContract(contractId); // the request's audit row belongs to this contract's scope
  if (!canTouchContract(actor, contractId)) throw forbidden(`this key may not touch contract ${contractId}`);
}
