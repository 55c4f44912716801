// Sign-in and sign-out of the web console (issue 16; clause 7, MLPS level 3). POST /session is
// answered before authentication (it is how a person authenticates); signing out needs a
// session or a key. The accounts themselves: people.ts.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, type Actor } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { instantOut } from '../instants';
import { ErrorBody } from '../openapi';
import { declareRoute, mount } from '../route';
import type * as q from '../../db/queries/people';
import type { AuthBrake } from '../../security/auth-brake';
import { sessionCookie, signIn, signOut, type SessionPolicy } from '../../security/sessions';
import { LOGIN, PersonOut, personOut } from './person-schemas';
import { NONE } from './refusals';

const SignIn = z.strictObject({ login: LOGIN, password: z.string().min(1).max(256) });
export const sessionPolicy = (c: ApiDeps['config']): SessionPolicy => ({
  idleMinutes: c.SESSION_IDLE_MINUTES,
  maxHours: c.SESSION_MAX_HOURS,
  lockAttempts: c.SIGNIN_LOCK_ATTEMPTS,
  lockMinutes: c.SIGNIN_LOCK_MINUTES,
});

const routes = {
  signIn: declareRoute({
    method: 'post',
    path: '/session',
    duty: 'session',
    refusals: NONE,
    summary:
      'Sign in to the console with login and password: sets an httpOnly SameSite cookie; answers the CSRF token every change must send as X-CSRF-Token',
    body: SignIn,
    responses: {
      201: {
        description: 'signed in',
        schema: z.object({
          person: PersonOut,
          csrfToken: z.string(),
          idleMinutes: z.number().int().describe('the session ends after this long without a request'),
          expiresAt: instantOut,
        }),
      },
      429: {
        description: 'too many failed sign-ins, or the account is locked: Retry-After says when to try again',
        schema: ErrorBody,
      },
    },
  }),
  signOut: declareRoute({
    method: 'post',
    path: '/session/end',
    duty: 'session',
    refusals: NONE,
    summary: 'Sign out (ends the session of the cookie; with an API key it does nothing)',
    responses: {
      200: {
        description: 'signed out',
        schema: z.object({ signedOut: z.boolean().describe('false: the request had no session (an API key)') }),
      },
    },
  }),
};

/** A person's account as an actor (audit rows and signed Temporal actors name the login). */
export const personActor = (p: q.PersonRow): Actor => ({
  keyId: p.id,
  name: p.login,
  role: p.role,
  contracts: p.contracts,
});

/** POST /session, before authentication; failed sign-ins are braked per client and per login. */
export function signInRouter(deps: ApiDeps, brake: AuthBrake): Router {
  const r = Router();
  mount(r, routes.signIn, async (req, res) => {
    const body = routes.signIn.body(req);
    auditAs(res, 'session.sign-in', body.login);
    const subjects = [`client:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, `login:${body.login}`];
    const wait = brake.retryAfter(subjects);
    if (wait !== undefined) {
      res.setHeader('retry-after', String(wait));
      throw new HttpError(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', `too many failed sign-ins; retry after ${wait} s`, {
        clause: '7',
      });
    }
    const policy = sessionPolicy(deps.config);
    try {
      // The audit row, written with the session, names who signed in.
      const s = await signIn(deps.pool, policy, { ...body, nowMs: deps.now() }, (p) => (req.actor = personActor(p)));
      res.setHeader('set-cookie', sessionCookie(s.token, policy.maxHours * 3600, req.secure));
      routes.signIn.send(res, 201, {
        person: personOut(s.person),
        csrfToken: s.csrfToken,
        idleMinutes: policy.idleMinutes,
        expiresAt: s.expiresAt,
      });
    } catch (e) {
      if (e instanceof HttpError) {
        brake.fail(subjects);
        if (e.code === 'ACCOUNT_LOCKED') res.setHeader('retry-after', String(e.extra.retryAfterSeconds));
      }
      throw e;
    }
  });
  return r;
}

/** POST /session/end, after authentication (an API key's request ends nothing). */
export function signOutRouter({ pool, now }: ApiDeps): Router {
  const r = Router();
  mount(r, routes.signOut, async (req, res) => {
    auditAs(res, 'session.sign-out', actorOf(req).keyId);
    await signOut(pool, req, now());
    res.setHeader('set-cookie', sessionCookie('', 0, req.secure));
    routes.signOut.send(res, 200, { signedOut: Boolean(req.session) });
  });
  return r;
}
