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
import { registry } from '../openapi';
import { parseBody } from '../validate';
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

registry.registerPath({
  method: 'post',
  path: '/session',
  summary:
    'Sign in to the console with login and password: sets an httpOnly SameSite cookie; answers the CSRF token every change must send as X-CSRF-Token',
  request: { body: { content: { 'application/json': { schema: SignIn } } } },
  responses: { 201: { description: 'signed in' }, 401: { description: 'wrong' }, 429: { description: 'locked' } },
});
registry.registerPath({
  method: 'post',
  path: '/session/end',
  summary: 'Sign out (ends the session of the cookie; with an API key it does nothing)',
  responses: { 200: { description: 'signed out' } },
});
registry.registerPath({
  method: 'get',
  path: '/people',
  summary: "Personal console accounts (admin), within the admin's contracts",
  responses: { 200: { description: 'people' } },
});
registry.registerPath({
  method: 'post',
  path: '/people',
  summary: 'Create a personal console account (admin): role and contracts as for an API key',
  request: { body: { content: { 'application/json': { schema: CreatePerson } } } },
  responses: { 201: { description: 'created' } },
});
registry.registerPath({
  method: 'post',
  path: '/people/{id}/disable',
  summary: 'Disable a personal account (admin): its sessions end at once',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: 'disabled' } },
});

const personOut = (p: q.PersonRow) => ({
  id: p.id,
  login: p.login,
  displayName: p.displayName,
  role: p.role,
  contracts: p.contracts,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  ...(p.lockedUntil ? { lockedUntil: p.lockedUntil.toISOString() } : {}),
  ...(p.disabledAt ? { disabledAt: p.disabledAt.toISOString() } : {}),
});

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
  r.post('/session', async (req, res) => {
    const body = parseBody(SignIn, req.body);
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
      res.status(201).json({
        person: personOut(s.person),
        csrfToken: s.csrfToken,
        idleMinutes: policy.idleMinutes,
        expiresAt: s.expiresAt.toISOString(),
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
  r.post('/session/end', async (req, res) => {
    auditAs(res, 'session.sign-out', actorOf(req).keyId);
    await signOut(pool, req, now());
    res.setHeader('set-cookie', sessionCookie('', 0, req.secure));
    res.json({ signedOut: Boolean(req.session) });
  });
  r.get('/people', allow('admin'), async (req, res) => {
    const a = actorOf(req);
    const people = await q.listPeople(pool, a.contracts.includes('*') ? '*' : a.contracts);
    res.json({ items: people.map(personOut) });
  });
  r.post('/people', allow('admin'), async (req, res) => {
    const admin = actorOf(req);
    const body = parseBody(CreatePerson, req.body);
    const id = `person_${randomUUID().slice(0, 8)}`;
    auditAs(res, 'person.create', id, { login: body.login, role: body.role, contracts: body.contracts ?? ['*'] });
    const contracts = mintableContracts(admin, body.contracts);
    const made = await createPerson(pool, { ...body, id, contracts, createdBy: admin.name });
    res.status(201).json(personOut(made));
  });
  r.post('/people/:id/disable', allow('admin'), async (req, res) => {
    const id = String(req.params.id);
    auditAs(res, 'person.disable', id);
    const target = await q.personById(pool, id);
    if (!target) throw notFound(`person ${id}`);
    assertKeyWithinScope(actorOf(req), target);
    const done = await inTransaction(pool, (tx) => q.disablePerson(tx, id, new Date(now())));
    res.json(personOut(done!));
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
