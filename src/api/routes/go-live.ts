// The 6.3 go-live obligation over HTTP: the deadline, the vendor's one written extension of at
// most one month and the approver's decision, the hospital's record that the system is live,
// and the deductions accrued meanwhile. Decisions are Updates of the contract's go-live
// workflow, whose validators repeat the role and state rules; the read comes from PostgreSQL.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { dateSchema } from '../validate';
import { getObligationRecord } from '../../db/queries/obligations';
import { decideExtensionUpdate, recordGoLiveUpdate, requestExtensionUpdate } from '../../workflows/obligations';
import { ContractParams, contractOf, recordView, sendUpdate, text, updateArgs, withOccurredAt } from './obligation-kit';
import { answerLocale } from '../language';
import { declareContestRoutes, mountContestRoutes } from './contest-routes';
import { GoLiveState } from './obligation-schemas';
import { recorded } from './case-schemas';
import { GO_LIVE, notFoundOf } from './refusals';

const Extension = z.strictObject({ newDate: dateSchema, reason: text() });
const Decision = z.strictObject({ approved: z.boolean(), note: z.string().max(2000).optional() });

const BASE = '/contracts/{id}/go-live';
const state = (description: string) => ({ 200: { description, schema: GoLiveState } });
const routes = {
  read: declareRoute({
    method: 'get',
    path: BASE,
    localized: true, // the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    refusals: notFoundOf('go-live obligation of this contract'),
    summary: 'The 6.3 go-live deadline, extension and accrued deductions',
    params: ContractParams,
    responses: { 200: { description: 'the go-live obligation as recorded', schema: recorded(GoLiveState) } },
  }),
  extension: declareRoute({
    method: 'post',
    path: `${BASE}/extension`,
    duty: 'serve',
    refusals: GO_LIVE,
    summary: 'Vendor requests the one written extension of at most one month (6.3)',
    params: ContractParams,
    body: withOccurredAt(Extension),
    responses: state('the obligation with the pending extension'),
  }),
  decision: declareRoute({
    method: 'post',
    path: `${BASE}/extension/decision`,
    duty: 'decide',
    refusals: GO_LIVE,
    summary: 'Hospital approver approves or refuses the extension (6.3)',
    params: ContractParams,
    body: withOccurredAt(Decision),
    responses: state('the obligation with the decided extension'),
  }),
  live: declareRoute({
    method: 'post',
    path: `${BASE}/live`,
    duty: 'confirm',
    refusals: GO_LIVE,
    summary: 'Hospital records that the system is live (6.3)',
    params: ContractParams,
    body: withOccurredAt(z.strictObject({})),
    responses: state('the obligation, live; deductions stop at its stated time'),
  }),
  ...declareContestRoutes(BASE, ContractParams, '6.3'),
};

export function goLiveRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const handleOf = (req: Request) => temporal.workflow.getHandle(`golive:${contractOf(req)}`);
  /** One Update of the obligation; `audit` names the action as the audit trail has always named it. */
  const act =
    (audit: string, run: (req: Request, h: ReturnType<typeof handleOf>) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const handle = handleOf(req);
      auditAs(res, `golive.${audit}`, handle.workflowId, {});
      const answer = await sendUpdate(
        deps,
        handle,
        handle.workflowId,
        '6.3',
        () => run(req, handle),
        async () => Boolean(await getObligationRecord(pool, handle.workflowId)),
      );
      res.status(200).json(answer);
    };

  mount(r, routes.read, async (req, res) => {
    const o = await getObligationRecord(pool, `golive:${contractOf(req)}`);
    if (!o) throw notFound(`go-live obligation of contract ${req.params.id}`);
    res.status(200).json(recordView(o, answerLocale(req, res)));
  });
  mount(
    r,
    routes.extension,
    allow('vendor-engineer'),
    act('extension', (req, h) =>
      h.executeUpdate(requestExtensionUpdate, { args: [updateArgs(req, routes.extension.body(req))] }),
    ),
  );
  mount(
    r,
    routes.decision,
    allow('hospital-approver'),
    act('extension.decision', (req, h) =>
      h.executeUpdate(decideExtensionUpdate, { args: [updateArgs(req, routes.decision.body(req))] }),
    ),
  );
  mount(
    r,
    routes.live,
    allow('hospital-operator', 'hospital-approver'),
    act('live', (req, h) => h.executeUpdate(recordGoLiveUpdate, { args: [updateArgs(req, routes.live.body(req))] })),
  );
  mountContestRoutes(r, routes, act);
  return r;
}
