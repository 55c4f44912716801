import type { RequestHandler, Request } from 'express';
import type { Pool } from 'pg';
import { ROLES, type Role } from '../workflows/kernel/actors';
import { forbidden, HttpError, unauthorized } from './errors';
import type { AuthBrake } from '../security/auth-brake';
import { noteContract } from '../security/audit-scope';
import { hashKey } from './api-keys';
import type { Locale } from '../i18n/locale';

export { ROLES, type Role }; // one role list for the API and the workflows (src/workflows/kernel/actors.ts)

export interface Actor {
  keyId: string;
  name: string;
  role: Role;
  contracts: string[];
  expiresAtMs?: number;
  /** The key's language for what the API writes to it (migration 140); Accept-Language overrides it. */
  locale?: Locale;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/**
 * Keys verified in the last few seconds (API_KEY_CACHE_SECONDS; 0 = every request reads the
 * table): one database round trip less on every request. Only valid keys are kept, by hash.
 * Revoking through this API (POST /api-keys/:id/revoke) clears it at once; a key revoked by
 * another API instance or by hand in the database stops working here within the TTL.
 */
export class KeyCache {
  private readonly keys = new Map<string, { actor: Actor; untilMs: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly max = 10_000,
  ) {}
  get(hash: string): Actor | undefined {
    const hit = this.keys.get(hash);
    if (hit && hit.untilMs > this.now() && (hit.actor.expiresAtMs ?? Infinity) > this.now()) return hit.actor;
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

/**
 * Bearer keys (a console session was checked before: src/security/sessions.ts). A presented key that fails (unknown, revoked, expired, malformed) counts
 * against the client and the key (src/security/auth-brake.ts); once braked, the request is
 * answered 429 with Retry-After before any database query (issue 12, finding 5).
 */
export function authenticate(pool: Pool, cache: KeyCache, brake: AuthBrake, now: () => number): RequestHandler {
  return async (req, res, next) => {
    if (req.actor) return next(); // signed in with a console session (src/security/sessions.ts)
    const header = req.headers.authorization;
    if (!header) throw unauthorized();
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const hex = m ? hashKey(m[1]!).toString('hex') : undefined;
    const subjects = [`client:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, ...(hex ? [`key:${hex}`] : [])];
    const wait = brake.retryAfter(subjects);
    if (wait !== undefined) {
      res.setHeader('retry-after', String(wait));
      throw new HttpError(
        429,
        'TOO_MANY_FAILED_AUTHENTICATIONS',
        `too many failed authentications from this client or with this key; retry after ${wait} s`,
        { clause: '7' },
      );
    }
    if (!m || !hex) {
      brake.fail(subjects);
      throw unauthorized();
    }
    let actor = cache.get(hex);
    if (!actor) {
      const { rows } = await pool.query(
        `SELECT id, name, role, contracts, expires_at, locale FROM api_keys
          WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
        [Buffer.from(hex, 'hex'), new Date(now())],
      );
      if (rows.length === 0) {
        brake.fail(subjects);
        throw unauthorized('unknown, revoked or expired API key');
      }
      const r = rows[0];
      // Frozen: one cached object serves many requests.
      actor = Object.freeze({
        keyId: r.id,
        name: r.name,
        role: r.role,
        contracts: Object.freeze([...r.contracts]) as string[],
        ...(r.expires_at ? { expiresAtMs: (r.expires_at as Date).getTime() } : {}),
        ...(r.locale ? { locale: r.locale as Locale } : {}),
      });
      cache.set(hex, actor);
    }
    req.actor = actor;
    touchKey(pool, actor.keyId, now());
    next();
  };
}

// Last use of a key (the admin's key list, GET /api-keys): one write per key and minute at most,
// off the request's path; a failed write loses a "last used" time, never the request.
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();
function touchKey(pool: Pool, keyId: string, nowMs: number): void {
  if (nowMs - (touched.get(keyId) ?? -Infinity) < TOUCH_EVERY_MS) return;
  touched.set(keyId, nowMs);
  pool
    .query('UPDATE api_keys SET last_used_at = GREATEST(last_used_at, $2) WHERE id = $1', [keyId, new Date(nowMs)])
    .catch(() => touched.delete(keyId));
}

/** Least privilege: a route names the roles that may call it. */
export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.actor?.role;
    if (!role || !roles.includes(role))
      throw forbidden(`role ${role ?? 'none'} may not do this; allowed: ${roles.join(', ')}`);
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
