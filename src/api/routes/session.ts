// Sign-in, sign-out and personal accounts of the web console (issue 16; clause 7, MLPS level 3).
// POST /session is answered before authentication (it is how a person authenticates); the
// others need a session or a key. People are made by admins (route and `npm run create-person`),
// with a role and contracts exactly as API keys have (key-scope.ts: an admin hands out no more
// than it holds).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, ROLES, type Actor } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { contractInstant, instantOut } from '../instants';
import { ErrorBody } from '../openapi';
import { declareRoute, mount } from '../route';
import { inTransaction } from '../../db/pool';
import * as q from '../../db/queries/people';
import type { AuthBrake } from '../../security/auth-brake';
import { assertKeyWithinScope, mintableContracts } from '../../security/key-scope';
import { hashPassword, passwordWeakness } from '../../security/passwords';
import { sessionCookie, signIn, signOut, type SessionPolicy } from '../../security/sessions';

export const LOGIN = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2-64 characters: a-z, 0-9, ".", "_", "-"');
const SignIn = z.strictObject({ login: LOGIN, password: z.string().min(1).max(256) });
const CreatePerson = z.strictObject({
  login: LOGIN,
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  contracts: z.array(z.string().min(1).max(64)).max(100).optional(),
  password: z.string().superRefine((p, ctx) => {
    const weak = passwordWeakness(p);
    if (weak) ctx.addIssue({ code: 'custom', message: `the password needs ${weak} (clause 7, MLPS level 3)` });
  }),
});

export const sessionPolicy = (c: ApiDeps['config']): SessionPolicy => ({
  idleMinutes: c.SESSION_IDLE_MINUTES,
  maxHours: c.SESSION_MAX_HOURS,
  lockAttempts: c.SIGNIN_LOCK_ATTEMPTS,
  lockMinutes: c.SIGNIN_LOCK_MINUTES,
});

// Answers (issue 15): a person never with its password hash; instants +08:00.
const PersonOut = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  contracts: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: instantOut,
  lockedUntil: instantOut.optional().describe('too many wrong passwords: sign-in refused until then (clause 7)'),
  disabledAt: instantOut.optional(),
});
const personOut = (p: q.PersonRow): z.input<typeof PersonOut> => ({
  id: p.id,
  login: p.login,
  displayName: p.displayName,
  role: p.role,
  contracts: p.contracts,
  createdBy: p.createdBy,
  createdAt: contractInstant(p.createdAt),
  ...(p.lockedUntil ? { lockedUntil: contractInstant(p.lockedUntil) } : {}),
  ...(p.disabledAt ? { disabledAt: contractInstant(p.disabledAt) } : {}),
});
const routes = {
  signIn: declareRoute({
    method: 'post',
    path: '/session',
    duty: 'session',
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
    summary: 'Sign out (ends the session of the cookie; with an API key it does nothing)',
    responses: {
      200: {
        description: 'signed out',
        schema: z.object({ signedOut: z.boolean().describe('false: the request had no session (an API key)') }),
      },
    },
  }),
  people: declareRoute({
    method: 'get',
    path: '/people',
    duty: 'people',
    summary: "Personal console accounts (admin), within the admin's contracts",
    responses: { 200: { description: 'people', schema: z.object({ items: z.array(PersonOut) }) } },
  }),
  create: declareRoute({
    method: 'post',
    path: '/people',
    duty: 'people',
    summary: 'Create a personal console account (admin): role and contracts as for an API key',
    body: CreatePerson,
    responses: { 201: { description: 'created', schema: PersonOut } },
  }),
  disable: declareRoute({
    method: 'post',
    path: '/people/{id}/disable',
    duty: 'people',
    summary: 'Disable a personal account (admin): its sessions end at once',
    params: z.object({ id: z.string().describe('person id') }),
    responses: { 200: { description: 'disabled', schema: PersonOut } },
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

export function peopleRouter({ pool, now }: ApiDeps): Router {
  const r = Router();
  mount(r, routes.signOut, async (req, res) => {
    auditAs(res, 'session.sign-out', actorOf(req).keyId);
    await signOut(pool, req, now());
    res.setHeader('set-cookie', sessionCookie('', 0, req.secure));
    routes.signOut.send(res, 200, { signedOut: Boolean(req.session) });
  });
  mount(r, routes.people, allow('admin'), async (req, res) => {
    const a = actorOf(req);
    const people = await q.listPeople(pool, a.contracts.includes('*') ? '*' : a.contracts);
    routes.people.send(res, 200, { items: people.map(personOut) });
  });
  mount(r, routes.create, allow('admin'), async (req, res) => {
    const admin = actorOf(req);
    const body = routes.create.body(req);
    const id = `person_${randomUUID().slice(0, 8)}`;
    auditAs(res, 'person.create', id, { login: body.login, role: body.role, contracts: body.contracts ?? ['*'] });
    const contracts = mintableContracts(admin, body.contracts);
    const made = await createPerson(pool, { ...body, id, contracts, createdBy: admin.name });
    routes.create.send(res, 201, personOut(made));
  });
  mount(r, routes.disable, allow('admin'), async (req, res) => {
    const { id } = routes.disable.params(req);
    auditAs(res, 'person.disable', id);
    const target = await q.personById(pool, id);
    if (!target) throw notFound(`person ${id}`);
    assertKeyWithinScope(actorOf(req), target);
    const done = await inTransaction(pool, (tx) => q.disablePerson(tx, id, new Date(now())));
    routes.disable.send(res, 200, personOut(done!));
  });
  return r;
}

/** For the route and the CLI: a taken login is a 409. */
export async function createPerson(
  pool: ApiDeps['pool'],
  p: {
    id?: string;
    login: string;
    displayName: string;
    role: Actor['role'];
    contracts: string[];
    password: string;
    createdBy: string;
  },
): Promise<q.PersonRow> {
  const passwordHash = await hashPassword(p.password);
  // In a transaction: inside an API request, the account and its audit row commit together.
  const made = await inTransaction(pool, (tx) =>
    q.insertPerson(tx, {
      id: p.id ?? `person_${randomUUID().slice(0, 8)}`,
      login: p.login,
      displayName: p.displayName,
      role: p.role,
      contracts: p.contracts,
      passwordHash,
      createdBy: p.createdBy,
    }),
  );
  if (!made) throw new HttpError(409, 'LOGIN_TAKEN', `the login ${p.login} is taken`, { field: 'login', clause: '7' });
  return made;
}
