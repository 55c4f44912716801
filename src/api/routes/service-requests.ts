// Service requests over HTTP (issue 18): the hospital raises or plans a request under its clause
// (4.4-5.4), either party registers a licence's expiry (4.4); each is a workflow
// `service:<contractId>:<requestId>` whose Updates repeat the role and state rules. Reads come
// from its record in PostgreSQL (obligation_records, kind 'service'). Schemas: service-schemas.ts;
// the routes are declared in service-routes.ts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { licenceTextsIn } from '../../i18n/licence';
import type { Locale } from '../../i18n/locale';
import { mount, type Route } from '../route';
import { endOfShanghaiDay } from '../../domain/time';
import { getObligationRecord, listObligationRecords } from '../../db/queries/obligations';
import type { DocumentCitation } from '../../documents/refs';
import type { Role } from '../auth';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/obligations';
import { serviceRequestId, serviceUpdates, type ServiceRequestInput } from '../../workflows/service-request';
import { actorArg, contractOf, recordView, sendUpdate, toWorkflowArgs } from './obligation-kit';
import { contestAnswer } from './contest-routes';
import { checkRefs, raiseRequest, requestIdOf } from './service-raise';
import type { ListQuery } from './service-schemas';
import { serviceActionRoutes as actionRoutes, serviceRoutes as routes } from './service-routes';

/** GET /contracts/{id}/service-requests's answer for its filters (also part of the contract's overview, unfiltered). */
export async function serviceRequestsOf(pool: ApiDeps['pool'], contractId: string, q: z.output<typeof ListQuery>) {
  const rows = await listObligationRecords(pool, {
    contracts: [contractId],
    kind: 'service',
    status: q.status,
    awaiting: q.awaiting,
    breached: q.breached === undefined ? undefined : q.breached === 'true',
    limit: 500,
  });
  const items = rows
    .map((o) => ({ o, s: o.state as ServiceRequestInput & { due: { date: string } | null } }))
    .filter(({ s }) => q.clause === undefined || s.clause === q.clause)
    .map(({ o, s }) => ({
      workflowId: o.workflowId,
      requestId: s.requestId,
      clause: s.clause,
      origin: s.origin,
      title: s.title,
      dueDate: s.due?.date ?? null,
      status: o.status,
      awaiting: o.awaiting,
      breached: o.breached,
      dueAt: o.nextDeadlineAt,
      closed: o.closedAt !== null,
    }));
  return { items };
}

/** The list in the reader's language: what the workflows wrote (recordTextsIn, the one read-back) and a licence's title (issue 15). */
export const serviceListIn = (list: Awaited<ReturnType<typeof serviceRequestsOf>>, locale: Locale) => ({
  items: recordTextsIn(list.items, locale).map((i) => licenceTextsIn(i, locale)),
});

export function serviceRequestsRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const wfId = (req: Request) => serviceRequestId(contractOf(req), routes.one.params(req).requestId);

  mount(r, routes.raise, allow('hospital-operator', 'hospital-approver'), async (req, res) => {
    const contractId = contractOf(req);
    const b = routes.raise.body(req);
    if (b.proposedDueDate && endOfShanghaiDay(b.proposedDueDate) <= deps.now())
      throw new HttpError(400, 'INVALID_INPUT', `proposedDueDate ${b.proposedDueDate} is not after today`, {
        field: 'proposedDueDate',
        clause: b.clause,
      });
    const { raised, created } = await raiseRequest(deps, req, res, {
      contractId,
      requestId: requestIdOf(req, b.requestId, 'sr'),
      clause: b.clause as ServiceRequestInput['clause'],
      origin: b.origin,
      title: b.title,
      description: b.description,
      documents: b.documents,
      ...(b.proposedDueDate ? { proposedDueDate: b.proposedDueDate } : {}),
    });
    routes.raise.send(res, created ? 201 : 200, raised);
  });
  mount(r, routes.licence, allow('vendor-engineer', 'hospital-operator', 'hospital-approver'), async (req, res) => {
    const b = routes.licence.body(req);
    const { raised, created } = await raiseRequest(deps, req, res, {
      contractId: contractOf(req),
      requestId: requestIdOf(req, b.requestId, 'lic'),
      clause: '4.4',
      origin: 'licence',
      title: `licence ${b.name}`,
      description: b.description ?? `renew licence ${b.name} before it lapses at the end of ${b.expiresOn} (4.4)`,
      documents: b.documents,
      licence: { name: b.name, expiresOn: b.expiresOn },
    });
    routes.licence.send(res, created ? 201 : 200, licenceTextsIn(raised, answerLocale(req, res)));
  });

  mount(r, routes.list, async (req, res) => {
    const list = await serviceRequestsOf(pool, contractOf(req), routes.list.query(req));
    routes.list.send(res, 200, serviceListIn(list, answerLocale(req, res)));
  });
  mount(r, routes.one, async (req, res) => {
    const o = await getObligationRecord(pool, wfId(req));
    if (!o) throw notFound(`service request ${req.params.requestId} of contract ${req.params.id}`);
    res.status(200).json(licenceTextsIn(recordView(o, answerLocale(req, res)), answerLocale(req, res)));
  });

  /** One Update of the case, refused by its validators with the case's clause (or clause 6 for a contest decision). */
  const act = (route: Route, update: unknown, clause?: string) => async (req: Request, res: Response) => {
    const workflowId = wfId(req);
    const body = route.body(req) as Record<string, unknown>;
    auditAs(res, `service-request.${route.spec.path.split('/{requestId}/')[1]!.replace('/', '.')}`, workflowId);
    const h = temporal.workflow.getHandle(workflowId);
    // Its record appears with the workflow's first write; a request raised a moment ago may not have it yet.
    const o = await getObligationRecord(pool, workflowId);
    const started =
      o !== null ||
      (await h.describe().then(
        () => true,
        () => false,
      ));
    if (!started) throw notFound(`service request ${req.params.requestId} of contract ${req.params.id}`);
    const caseClause = clause ?? String((o?.state as { clause?: string } | undefined)?.clause ?? '4.4');
    if (Array.isArray(body.evidence))
      await checkRefs(pool, contractOf(req), 'evidence', body.evidence as DocumentCitation[], caseClause);
    const args = { ...toWorkflowArgs(body), actor: actorArg(req) };
    // as never: route.body parsed the action's schema (service-schemas.ts ACTIONS), the arguments its Update declares.
    const run = () => h.executeUpdate(update as typeof contestTimeUpdate, { args: [args as never] });
    const answer = await sendUpdate(deps, h, `service request ${workflowId}`, caseClause, run, async () => o !== null);
    res
      .status(200)
      .json(
        update === contestTimeUpdate || update === decideContestUpdate
          ? contestAnswer(answer)
          : recordTextsIn(answer, answerLocale(req, res)),
      );
  };
  for (const a of actionRoutes)
    mount(r, a.route, allow(...(a.roles as readonly Role[])), act(a.route, serviceUpdates[a.action]));
  mount(
    r,
    routes.contest,
    allow('hospital-operator', 'hospital-approver', 'vendor-engineer'),
    act(routes.contest as Route, contestTimeUpdate),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    act(routes.contestDecision as Route, decideContestUpdate, '6'),
  );
  return r;
}
