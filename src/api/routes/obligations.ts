// Signing obligations over HTTP (issue 6): the 6.3 rectification plan (rectification.ts) and
// go-live (go-live.ts), the 4.10/6.6 dongle removal (dongle.ts) and the hospital's change
// notices (hospital-changes.ts). Here: the list across contracts, a contract's overview and the
// admin's (re)start; the contract hooks that start, amend and end the obligations are in
// obligation-hooks.ts.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { findContract } from '../../db/queries/contracts';
import { getObligationRecord, listObligationRecords } from '../../db/queries/obligations';
import { caseListFilters } from './case-list-filters';
import { ContractParams, contractOf, recordView } from './obligation-kit';
import { answerLocale } from '../language';
import type { Locale } from '../../i18n/locale';
import { startSigningObligations } from './obligation-hooks';
import { DongleState, GoLiveState, ObligationListItem, RectificationState } from './obligation-schemas';
import { recorded } from './case-schemas';
import { dongleRouter } from './dongle';
import { goLiveRouter } from './go-live';
import { rectificationRouter } from './rectification';
import { hospitalChangesRouter } from './hospital-changes';
import { CONTRACT_404, NONE } from './refusals';

const ListQuery = z.strictObject({
  kind: z.enum(['rectification', 'golive', 'dongle', 'staff', 'service']).optional(),
  ...caseListFilters,
  contractId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/obligations',
    duty: 'read',
    refusals: NONE,
    summary:
      "Obligation cases (rectification, golive, dongle, staff, service) across the caller's contracts, from their record; filters kind, status, awaiting, breached",
    query: ListQuery,
    responses: { 200: { description: 'cases', schema: z.object({ items: z.array(ObligationListItem) }) } },
  }),
  ofContract: declareRoute({
    method: 'get',
    path: '/contracts/{id}/obligations',
    localized: true, // the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    refusals: NONE,
    summary: 'Signing obligations of a contract: rectification plan, go-live, dongle removal (4.10, 6.3, 6.6)',
    params: ContractParams,
    responses: {
      200: {
        description: 'each obligation as recorded, null where none was started',
        schema: z.object({
          contractId: z.string(),
          rectification: recorded(RectificationState).nullable(),
          goLive: recorded(GoLiveState).nullable(),
          dongle: recorded(DongleState).nullable(),
        }),
      },
    },
  }),
  start: declareRoute({
    method: 'post',
    path: '/contracts/{id}/obligations/start',
    duty: 'administer',
    refusals: CONTRACT_404,
    summary: 'Admin: (re)start the signing obligations of a contract; already running is success',
    params: ContractParams,
    responses: { 200: { description: 'started, or already running', schema: z.object({ started: z.literal(true) }) } },
  }),
};

/** GET /contracts/{id}/obligations's answer (also part of the contract's overview). */
export async function signingObligationsOf(pool: ApiDeps['pool'], c: string, locale: Locale) {
  const get = async (id: string) => {
    const o = await getObligationRecord(pool, id);
    return o ? recordView(o, locale) : null;
  };
  const [rectification, goLive, dongle] = await Promise.all([
    get(`rectification:${c}`),
    get(`golive:${c}`),
    get(`dongle:${c}`),
  ]);
  return { contractId: c, rectification, goLive, dongle };
}
export { routes as obligationRoutes };

export function obligationsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  // Reads come from the PostgreSQL record (issue 10 item 6), never from Temporal, whose
  // retention forgets a closed workflow.
  mount(r, routes.list, async (req, res) => {
    const q = routes.list.query(req);
    const actor = actorOf(req);
    if (q.contractId) assertContractAccess(actor, q.contractId);
    const rows = await listObligationRecords(pool, {
      contracts: q.contractId ? [q.contractId] : actor.contracts.includes('*') ? null : actor.contracts,
      kind: q.kind,
      status: q.status,
      awaiting: q.awaiting,
      breached: q.breached === undefined ? undefined : q.breached === 'true',
      limit: q.limit,
    });
    routes.list.send(res, 200, {
      items: rows.map((o) => ({
        workflowId: o.workflowId,
        contractId: o.contractId,
        kind: o.kind,
        status: o.status,
        awaiting: o.awaiting,
        breached: o.breached,
        nextDeadline: o.nextDeadlineAt,
        running: o.closedAt === null,
        closedAt: o.closedAt,
        closedHow: o.closedHow,
        updatedAt: o.updatedAt,
      })),
    });
  });
  mount(r, routes.ofContract, async (req, res) => {
    res.status(200).json(await signingObligationsOf(pool, contractOf(req), answerLocale(req, res)));
  });
  mount(r, routes.start, allow('admin'), async (req, res) => {
    const contract = await findContract(pool, contractOf(req));
    if (!contract) throw notFound(`contract ${req.params.id}`);
    auditAs(res, 'obligations.start', contract.id);
    await startSigningObligations(deps, contract);
    routes.start.send(res, 200, { started: true });
  });
  r.use(rectificationRouter(deps), goLiveRouter(deps), dongleRouter(deps), hospitalChangesRouter(deps));
  return r;
}
