// The hospital's MAC/IP/network/server change notices, 6.6's one exception: a restriction caused
// by a change the vendor was told of less than a week ahead costs nothing. The dongle
// obligation's findings cite these records (dongle.ts).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { idempotencyKeyOf, instantSchema } from '../validate';
import { findContract } from '../../db/queries/contracts';
import { insertHospitalChange, listHospitalChanges } from '../../db/queries/obligations';
import { isLateNotice } from '../../domain/obligations';
import { ContractParams, contractOf, text } from './obligation-kit';
import { HospitalChangeOut } from './obligation-schemas';
import { CONTRACT_404 } from './refusals';

const HospitalChange = z.strictObject({
  kind: z.enum(['mac', 'ip', 'network', 'server']),
  description: text(),
  changedAt: instantSchema,
  notifiedAt: instantSchema,
});

type ChangeKind = z.infer<typeof HospitalChange>['kind'];

const CHANGES = '/contracts/{id}/hospital-changes';
const routes = {
  recordChange: declareRoute({
    method: 'post',
    path: CHANGES,
    duty: 'confirm',
    refusals: CONTRACT_404,
    summary: 'Hospital records a MAC/IP/network/server change and when the vendor was told (6.6 exception)',
    params: ContractParams,
    body: HospitalChange,
    responses: { 201: { description: 'the recorded change', schema: HospitalChangeOut } },
  }),
  changes: declareRoute({
    method: 'get',
    path: CHANGES,
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'Recorded hospital changes with whether the notice was under a week',
    params: ContractParams,
    responses: { 200: { description: 'changes', schema: z.object({ items: z.array(HospitalChangeOut) }) } },
  }),
};

export function hospitalChangesRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const hospital = allow('hospital-operator', 'hospital-approver');

  mount(r, routes.recordChange, hospital, async (req, res) => {
    const c = contractOf(req);
    const body = routes.recordChange.body(req);
    const key = idempotencyKeyOf(req);
    if (!(await findContract(pool, c))) throw notFound(`contract ${c}`);
    const row = await insertHospitalChange(pool, {
      id: `hc-${randomUUID().slice(0, 12)}`,
      contractId: c,
      ...body,
      changedAt: new Date(body.changedAt).toISOString(),
      notifiedAt: new Date(body.notifiedAt).toISOString(),
      recordedBy: actorOf(req).name,
      idempotencyKey: key ? `${c}:${key}` : null,
    });
    auditAs(res, 'hospital-change.record', row.changeId, { kind: row.kind, lateNotice: isLateNotice(row) });
    routes.recordChange.send(res, 201, { ...row, kind: row.kind as ChangeKind, lateNotice: isLateNotice(row) });
  });
  mount(r, routes.changes, async (req, res) => {
    const items = await listHospitalChanges(pool, contractOf(req));
    routes.changes.send(res, 200, {
      items: items.map((c) => ({ ...c, kind: c.kind as ChangeKind, lateNotice: isLateNotice(c) })),
    });
  });
  return r;
}
