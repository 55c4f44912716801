// Notifications over HTTP (issue 13): per contract, the people to notify (party, role,
// channels, language), the vendor's on-duty roster, the escalation chain and topic overrides;
// and every notification with its deliveries and attempts. Mutations are audited; every route
// honours the key's contracts. Secrets of channels are write-only.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Role } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, HttpError, notFound } from '../errors';
import { contractInstant } from '../instants';
import { mount } from '../route';
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
import type { Channel, Person } from '../../notify/model';
import { onDuty } from '../../notify/routing';
import { subjectIn } from '../../notify/message-subject';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { PersonOut } from './notify-schemas';
import { NOTIFY_ROUTES } from './notify-routes';

const routes = NOTIFY_ROUTES;

const READ: Role[] = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'];
const PARTY_OF_ROLE: Partial<Record<Role, 'vendor' | 'hospital'>> = {
  'vendor-engineer': 'vendor',
  'hospital-operator': 'hospital',
  'hospital-approver': 'hospital',
};

/** A channel as answers show it: a robot's URL without its key, a secret only as "(set)". */
function publicChannel(c: Channel): z.input<typeof PersonOut>['channels'][number] {
  if (c.type === 'email') return c;
  const url = redactTarget(c.type, c.url);
  return c.type === 'wecom' ? { type: c.type, url } : { type: c.type, url, secret: '(set)' };
}
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

  mount(r, routes.people, allow(...READ), async (req, res) => {
    routes.people.send(res, 200, { items: (await listPeople(pool, await contractOf(req))).map(publicPerson) });
  });
  mount(
    r,
    routes.putPerson,
    allow('admin', 'vendor-engineer', 'hospital-operator', 'hospital-approver'),
    async (req, res) => {
      const c = await contractOf(req);
      const pid = routes.putPerson.params(req).personId;
      const body = routes.putPerson.body(req);
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
      routes.putPerson.send(res, existing ? 200 : 201, publicPerson(person));
    },
  );

  mount(r, routes.roster, allow(...READ), async (req, res) => {
    const c = await contractOf(req);
    const q = routes.roster.query(req);
    const atMs = q.at ? parseInstant(q.at, 'at') : deps.now();
    const [people, shifts] = await Promise.all([listPeople(pool, c), listShifts(pool, c)]);
    const duty = onDuty({ people, shifts }, atMs);
    routes.roster.send(res, 200, {
      shifts: shifts.map((s) => ({
        personId: s.personId,
        startsAt: contractInstant(s.startsAtMs),
        endsAt: contractInstant(s.endsAtMs),
      })),
      onDuty: {
        at: contractInstant(atMs),
        people: duty.map((p) => ({ personId: p.personId, name: p.name })),
        fromRoster: shifts.some((s) => s.startsAtMs <= atMs && atMs < s.endsAtMs),
      },
    });
  });
  mount(r, routes.putRoster, allow('admin', 'vendor-engineer'), async (req, res) => {
    const c = await contractOf(req);
    const body = routes.putRoster.body(req);
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
    routes.putRoster.send(res, 200, { shifts: shifts.length });
  });

  mount(r, routes.settings, allow(...READ), async (req, res) => {
    routes.settings.send(res, 200, await findSettings(pool, await contractOf(req)));
  });
  mount(r, routes.putSettings, allow('admin', 'hospital-approver'), async (req, res) => {
    const c = await contractOf(req);
    const body = routes.putSettings.body(req);
    auditAs(res, 'notify.settings.put', c, {
      steps: body.escalation.map((s) => s.atPercent),
      routes: Object.keys(body.routes),
    });
    await upsertSettings(pool, c, body, actorOf(req).name);
    routes.putSettings.send(res, 200, await findSettings(pool, c));
  });

  mount(r, routes.list, allow(...READ), async (req, res) => {
    const c = await contractOf(req);
    const q = routes.list.query(req);
    const locale = answerLocale(req, res);
    const items = (await listNotifications(pool, c, q, redactTarget)).map(({ body, ...n }) => ({
      ...n,
      subject: subjectIn({ ...n, body, contractId: c }, locale), // in the reader's language (issue 15)
    }));
    routes.list.send(res, 200, { items });
  });
  mount(r, routes.metrics, allow('auditor', 'admin'), async (req, res) => {
    const scope = actorOf(req).contracts.includes('*') ? null : actorOf(req).contracts;
    routes.metrics.send(res, 200, await deliveryMetrics(pool, scope));
  });
  mount(r, routes.one, allow(...READ), async (req, res) => {
    const { key } = routes.one.params(req);
    const n = await findNotification(pool, key, redactTarget);
    const scope = actorOf(req).contracts;
    if (!n || (!scope.includes('*') && !(n.contractId && scope.includes(n.contractId))))
      throw notFound(`notification ${key}`);
    const locale = answerLocale(req, res);
    // the subject and the body's platform-written texts (a why, a reason, a reading) in the reader's language (issue 15)
    routes.one.send(res, 200, { ...n, subject: subjectIn(n, locale), body: recordTextsIn(n.body, locale) });
  });
  return r;
}
