// Notifications over HTTP (issue 13): per contract, the people to notify (party, role,
// channels, language), the vendor's on-duty roster, the escalation chain and topic overrides;
// and every notification with its deliveries and attempts. Mutations are audited; every route
// honours the key's contracts. Secrets of channels are write-only.
import { Router, type Request } from 'express';
import { allow, actorOf, assertContractAccess, type Role } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, HttpError, notFound } from '../errors';
import { documentRoute } from '../openapi';
import { parseBody, parseQuery } from '../validate';
import { inTransaction } from '../../db/pool';
import { findContract } from '../../db/queries/contracts';
import {
  findSettings,
  listPeople,
  listShifts,
  replaceShifts,
  upsertPerson,
  upsertSettings,
} from '../../db/queries/notifications';
import { deliveryMetrics, findNotification, listNotifications } from '../../db/queries/deliveries';
import { parseInstant } from '../../domain/time';
import { redactTarget } from '../../notify/channels';
import { shanghaiTime } from '../../notify/messages';
import type { Channel, Person } from '../../notify/model';
import { onDuty } from '../../notify/routing';
import { ListQuery, PersonBody, personId, RosterBody, RosterQuery, SettingsBody } from './notify-schemas';

documentRoute(
  '/contracts/{id}/notify/people',
  'get',
  'People notified for a contract: party, role, channels (secrets hidden), language, topics, quiet hours',
);
documentRoute(
  '/contracts/{id}/notify/people/{personId}',
  'put',
  'Adds or replaces a person to notify; the vendor manages its people, the hospital its own; active=false stops their messages',
  PersonBody,
);
documentRoute(
  '/contracts/{id}/notify/roster',
  'get',
  "The vendor's on-duty roster and who is on duty at ?at= (default now), Asia/Shanghai",
);
documentRoute(
  '/contracts/{id}/notify/roster',
  'put',
  'Vendor replaces its on-duty roster (shifts of vendor engineers; level-1 faults page them at once, 4.9.4)',
  RosterBody,
);
documentRoute(
  '/contracts/{id}/notify/settings',
  'get',
  'The escalation chain of fault warnings and breaches, and topic overrides',
);
documentRoute(
  '/contracts/{id}/notify/settings',
  'put',
  'Hospital approver or admin sets the escalation chain (default 50 % on-duty, 80 % + vendor lead + hospital operator, breach + vendor manager + approver)',
  SettingsBody,
);
documentRoute(
  '/contracts/{id}/notifications',
  'get',
  'Notifications of a contract with each delivery: recipient, channel, attempts, status, last error',
);
documentRoute(
  '/notifications/metrics',
  'get',
  'Delivery counts by channel and status, failed attempts, unrouted messages, oldest pending delivery',
);
documentRoute(
  '/notifications/{key}',
  'get',
  'One notification with every delivery, its rendered message and every attempt',
);

const READ: Role[] = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'];
const PARTY_OF_ROLE: Partial<Record<Role, 'vendor' | 'hospital'>> = {
  'vendor-engineer': 'vendor',
  'hospital-operator': 'hospital',
  'hospital-approver': 'hospital',
};

const publicChannel = (c: Channel) =>
  c.type === 'email'
    ? c
    : { type: c.type, url: redactTarget(c.type, c.url), ...('secret' in c ? { secret: '(set)' } : {}) };
const publicPerson = (p: Person & { updatedAt?: string; updatedBy?: string }) => ({
  ...p,
  channels: p.channels.map(publicChannel),
});

export function notificationsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const contractOf = async (req: Request) => {
    const id = String(req.params.id);
    assertContractAccess(actorOf(req), id);
    if (!(await findContract(pool, id))) throw notFound(`contract ${id}`);
    return id;
  };

  r.get('/contracts/:id/notify/people', allow(...READ), async (req, res) => {
    res.json({ items: (await listPeople(pool, await contractOf(req))).map(publicPerson) });
  });
  r.put(
    '/contracts/:id/notify/people/:personId',
    allow('admin', 'vendor-engineer', 'hospital-operator', 'hospital-approver'),
    async (req, res) => {
      const c = await contractOf(req);
      const pid = personId.parse(String(req.params.personId));
      const body = parseBody(PersonBody, req.body);
      auditAs(res, 'notify.person.put', c, {
        personId: pid,
        party: body.party,
        role: body.role,
        channels: body.channels.map((x) => x.type),
        active: body.active,
      });
      const actor = actorOf(req);
      const own = PARTY_OF_ROLE[actor.role];
      if (actor.role !== 'admin' && own !== body.party)
        throw forbidden(`role ${actor.role} manages the ${own} party's people only`);
      const existing = (await listPeople(pool, c)).find((p) => p.personId === pid);
      if (existing && actor.role !== 'admin' && existing.party !== own)
        throw forbidden(`person ${pid} belongs to the ${existing.party} party`);
      const person: Person = {
        personId: pid,
        ...body,
        mobile: body.mobile ?? null,
        quietHours: body.quietHours ?? null,
      };
      await upsertPerson(pool, c, person, actor.name);
      res.status(existing ? 200 : 201).json(publicPerson(person));
    },
  );

  r.get('/contracts/:id/notify/roster', allow(...READ), async (req, res) => {
    const c = await contractOf(req);
    const q = parseQuery(RosterQuery, req.query);
    const atMs = q.at ? parseInstant(q.at, 'at') : deps.now();
    const [people, shifts] = await Promise.all([listPeople(pool, c), listShifts(pool, c)]);
    const duty = onDuty({ people, shifts }, atMs);
    res.json({
      shifts: shifts.map((s) => ({
        personId: s.personId,
        startsAt: shanghaiTime(s.startsAtMs),
        endsAt: shanghaiTime(s.endsAtMs),
        startsAtIso: new Date(s.startsAtMs).toISOString(),
        endsAtIso: new Date(s.endsAtMs).toISOString(),
      })),
      onDuty: {
        at: shanghaiTime(atMs),
        people: duty.map((p) => ({ personId: p.personId, name: p.name })),
        fromRoster: shifts.some((s) => s.startsAtMs <= atMs && atMs < s.endsAtMs),
      },
    });
  });
  r.put('/contracts/:id/notify/roster', allow('admin', 'vendor-engineer'), async (req, res) => {
    const c = await contractOf(req);
    const body = parseBody(RosterBody, req.body);
    auditAs(res, 'notify.roster.put', c, { shifts: body.shifts.length });
    const shifts = body.shifts.map((s, i) => ({
      personId: s.personId,
      startsAtMs: parseInstant(s.startsAt, `shifts.${i}.startsAt`),
      endsAtMs: parseInstant(s.endsAt, `shifts.${i}.endsAt`),
    }));
    const engineers = new Set(
      (await listPeople(pool, c)).filter((p) => p.party === 'vendor' && p.role === 'engineer').map((p) => p.personId),
    );
    shifts.forEach((s, i) => {
      if (!engineers.has(s.personId))
        throw conflict(
          'NOT_A_VENDOR_ENGINEER',
          `shifts.${i}.personId: ${s.personId} is not a vendor engineer of this contract (add them under /notify/people first)`,
          '4.2',
        );
      if (s.endsAtMs <= s.startsAtMs)
        throw new HttpError(400, 'INVALID_INPUT', `shifts.${i}.endsAt must be after startsAt`, {
          field: `shifts.${i}.endsAt`,
        });
    });
    await inTransaction(pool, (tx) => replaceShifts(tx, c, shifts));
    res.json({ shifts: shifts.length });
  });

  r.get('/contracts/:id/notify/settings', allow(...READ), async (req, res) => {
    res.json(await findSettings(pool, await contractOf(req)));
  });
  r.put('/contracts/:id/notify/settings', allow('admin', 'hospital-approver'), async (req, res) => {
    const c = await contractOf(req);
    const body = parseBody(SettingsBody, req.body);
    auditAs(res, 'notify.settings.put', c, {
      steps: body.escalation.map((s) => s.atPercent),
      routes: Object.keys(body.routes),
    });
    await upsertSettings(pool, c, body, actorOf(req).name);
    res.json(await findSettings(pool, c));
  });

  r.get('/contracts/:id/notifications', allow(...READ), async (req, res) => {
    const c = await contractOf(req);
    const q = parseQuery(ListQuery, req.query);
    res.json({ items: await listNotifications(pool, c, q, redactTarget) });
  });
  r.get('/notifications/metrics', allow('auditor', 'admin'), async (req, res) => {
    const scope = actorOf(req).contracts.includes('*') ? null : actorOf(req).contracts;
    res.json(await deliveryMetrics(pool, scope));
  });
  r.get('/notifications/:key', allow(...READ), async (req, res) => {
    const n = await findNotification(pool, String(req.params.key), redactTarget);
    const scope = actorOf(req).contracts;
    if (!n || (!scope.includes('*') && !(n.contractId && scope.includes(n.contractId))))
      throw notFound(`notification ${String(req.params.key)}`);
    res.json(n);
  });
  return r;
}
