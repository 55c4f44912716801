// Console sessions (issue 16; clause 7, MLPS level 3 identity rules of 4.6). A person signs in
// with login and password; the session is 32 random bytes in an httpOnly, SameSite=Strict
// cookie (only its hash is stored) and ends after SESSION_IDLE_MINUTES without use, after
// SESSION_MAX_HOURS in any case, at sign-out, or when the person is disabled. Every mutating
// request of a session must echo its CSRF token in X-CSRF-Token (a synchronizer token: the page
// reads it from GET /me, which another site cannot). SIGNIN_LOCK_ATTEMPTS wrong passwords in a
// row lock the account for SIGNIN_LOCK_MINUTES; the client and the login are also braked in
// memory (auth-brake.ts) before any password is hashed. A session acts as its person: the audit
// trail and the signed Temporal actor name the person's login.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import * as q from '../db/queries/people';
import { HttpError, unauthorized } from '../api/errors';
import type { Actor } from '../api/auth';
import { MUTATING } from './audit-scope';
import { inTransaction } from '../db/pool';
import { decoyHash, passwordMatches } from './passwords';
import type { AuthBrake } from './auth-brake';

export const SESSION_COOKIE = 'weibao_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
  lockAttempts: number;
  lockMinutes: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set when the request was authenticated by a console session rather than an API key. */
    session?: { csrfToken: string; expiresAt: Date; displayName: string };
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export function sessionTokenOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/** The Set-Cookie value: httpOnly, SameSite=Strict, Secure when the request came over TLS. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

const signInFailed = () =>
  new HttpError(401, 'SIGN_IN_FAILED', 'login or password is wrong (clause 7)', { clause: '7' });

/** Checks login and password, applies the lockout, and opens a session. */
export async function signIn(
  pool: Pool,
  policy: SessionPolicy,
  input: { login: string; password: string; nowMs: number },
  onVerified: (person: q.PersonRow) => void = () => undefined,
): Promise<{ token: string; csrfToken: string; person: q.PersonRow; expiresAt: Date }> {
  const person = await q.personByLogin(pool, input.login);
  if (!person || person.disabledAt) {
    await passwordMatches(await decoyHash(), input.password); // as slow as a real check
    throw signInFailed();
  }
  if (person.lockedUntil && person.lockedUntil.getTime() > input.nowMs) throw locked(person.lockedUntil, input.nowMs);
  if (!(await passwordMatches(person.passwordHash, input.password))) {
    const after = await q.noteFailedSignIn(
      pool,
      person.id,
      policy.lockAttempts,
      new Date(input.nowMs + policy.lockMinutes * 60_000),
    );
    if (after.lockedUntil && after.lockedUntil.getTime() > input.nowMs) throw locked(after.lockedUntil, input.nowMs);
    throw signInFailed();
  }
  await q.noteSignedIn(pool, person.id);
  onVerified(person);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = new Date(input.nowMs);
  const expiresAt = new Date(input.nowMs + policy.maxHours * 3_600_000);
  // With its audit row (inside the request): who signed in, when.
  await inTransaction(pool, (tx) =>
    q.insertSession(tx, { tokenHash: tokenHash(token), personId: person.id, csrfToken, at, expiresAt }),
  );
  return { token, csrfToken, person, expiresAt };
}

function locked(until: Date, nowMs: number): HttpError {
  const wait = Math.max(1, Math.ceil((until.getTime() - nowMs) / 1000));
  return new HttpError(
    429,
    'ACCOUNT_LOCKED',
    `too many wrong passwords: the account is locked until ${until.toISOString()} (clause 7, MLPS level 3)`,
    { clause: '7', retryAfterSeconds: wait },
  );
}

export async function signOut(pool: Pool, req: Request, nowMs: number): Promise<void> {
  const token = sessionTokenOf(req);
  if (token) await q.endSession(pool, tokenHash(token), new Date(nowMs));
}

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * Before the API-key check: a request without Authorization but with a session cookie is
 * authenticated as the session's person (a bad or expired session is a 401, counted by the
 * brake like a bad key). A mutating request must carry the session's CSRF token.
 */
export function authenticateSession(
  pool: Pool,
  policy: SessionPolicy,
  brake: AuthBrake,
  now: () => number,
): RequestHandler {
  return async (req, _res, next) => {
    const token = req.headers.authorization ? undefined : sessionTokenOf(req);
    if (!token) return next();
    const client = `client:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    if (brake.retryAfter([client]) !== undefined) return next(); // the key check answers 429
    const nowMs = now();
    const hash = tokenHash(token);
    const s = await q.liveSession(pool, hash, new Date(nowMs), new Date(nowMs - policy.idleMinutes * 60_000));
    if (!s) {
      brake.fail([client]);
      throw unauthorized('the session has ended (signed out, idle too long or expired): sign in again');
    }
    if (MUTATING.has(req.method)) {
      const given = req.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameToken(given, s.csrfToken))
        throw new HttpError(
          403,
          'CSRF_TOKEN_INVALID',
          `a session's change needs its ${CSRF_HEADER} header (clause 7)`,
          {
            clause: '7',
          },
        );
    }
    // Idle time counts from the last use; written at most every 30 s (reads are many).
    if (nowMs - new Date(s.lastSeenAt).getTime() > 30_000) await q.touchSession(pool, hash, new Date(nowMs));
    const actor: Actor = Object.freeze({
      keyId: s.person.id,
      name: s.person.login,
      role: s.person.role,
      contracts: Object.freeze([...s.person.contracts]) as string[],
    });
    req.actor = actor;
    req.session = { csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt), displayName: s.person.displayName };
    next();
  };
}
