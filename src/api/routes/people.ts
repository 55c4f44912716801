// Personal accounts of the web console (issue 16; clause 7). People are made by admins (route and
// `npm run create-person`), with a role and contracts exactly as API keys have (key-scope.ts: an
// admin hands out no more than it holds).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, ROLES, type Actor } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { inTransaction } from '../../db/pool';
import * as q from '../../db/queries/people';
import { assertKeyWithinScope, mintableContracts } from '../../security/key-scope';
import { hashPassword, passwordWeakness } from '../../security/passwords';
import { LOGIN, PersonOut, personOut } from './person-schemas';
import { NONE, notFoundOf, refusal } from './refusals';

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

const routes = {
  people: declareRoute({
    method: 'get',
    path: '/people',
    duty: 'people',
    refusals: NONE,
    summary: "Personal console accounts (admin), within the admin's contracts",
    responses: { 200: { description: 'people', schema: z.object({ items: z.array(PersonOut) }) } },
  }),
  create: declareRoute({
    method: 'post',
    path: '/people',
    duty: 'people',
    refusals: { 409: refusal(['LOGIN_TAKEN'], 'the login is taken (clause 7)') },
    summary: 'Create a personal console account (admin): role and contracts as for an API key',
    body: CreatePerson,
    responses: { 201: { description: 'created', schema: PersonOut } },
  }),
  disable: declareRoute({
    method: 'post',
    path: '/people/{id}/disable',
    duty: 'people',
    refusals: notFoundOf('person'),
    summary: 'Disable a personal account (admin): its sessions end at once',
    params: z.object({ id: z.string().describe('person id') }),
    responses: { 200: { description: 'disabled', schema: PersonOut } },
  }),
};

export function peopleRouter({ pool, now }: ApiDeps): Router {
  const r = Router();
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
