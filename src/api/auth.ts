import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import type { Pool } from 'pg';
import { forbidden, unauthorized } from './errors';

export const ROLES = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor { keyId: string; name: string; role: Role; contracts: string[] }

declare module 'express-serve-static-core' {
  interface Request { actor?: Actor }
}

// Keys are 32 random bytes; a fast hash is enough for such entropy (no password stretching needed).
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export async function createApiKey(pool: Pool, input: { name: string; role: Role; contracts?: string[]; createdBy?: string }) {
  const id = `key_${randomUUID().slice(0, 8)}`;
  const key = `wb_${randomBytes(32).toString('base64url')}`;
  await pool.query(
    'INSERT INTO api_keys (id, name, role, contracts, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, input.name, input.role, input.contracts?.length ? input.contracts : ['*'], hashKey(key), input.createdBy ?? null],
  );
  return { id, key, name: input.name, role: input.role, contracts: input.contracts?.length ? input.contracts : ['*'] };
}

export function authenticate(pool: Pool): RequestHandler {
  return async (req, _res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) throw unauthorized();
    const { rows } = await pool.query(
      'SELECT id, name, role, contracts FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hashKey(m[1])]);
    if (rows.length === 0) throw unauthorized('unknown or revoked API key');
    req.actor = { keyId: rows[0].id, name: rows[0].name, role: rows[0].role, contracts: rows[0].contracts };
    next();
  };
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
  if (!canTouchContract(actor, contractId)) throw forbidden(`this key may not touch contract ${contractId}`);
}
