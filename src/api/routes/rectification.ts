// The 6.3 system check, problems and rectification plan over HTTP: the vendor delivers the plan
// within 7 working days, the hospital reviews its items, the vendor revises and reports them
// done, the hospital confirms; a late item costs 0.3 % per day, a late plan is priced under 6.5.
// Decisions are Updates of the contract's rectification workflow, whose validators repeat the
// role and state rules; the read comes from the PostgreSQL record. Declarations:
// rectification-routes.ts.
import { Router, type Request, type Response } from 'express';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { mount } from '../route';
import { getObligationRecord } from '../../db/queries/obligations';
import {
  confirmItemDoneUpdate,
  pricePlanBreachUpdate,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
} from '../../workflows/obligations';
import { contractOf, recordView, sendUpdate, updateArgs } from './obligation-kit';
import { answerLocale } from '../language';
import { mountContestRoutes } from './contest-routes';
import { rectificationRoutes as routes } from './rectification-routes';

export function rectificationRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const handleOf = (req: Request) => temporal.workflow.getHandle(`rectification:${contractOf(req)}`);
  /** One Update of the plan; `audit` names the action as the audit trail has always named it. */
  const act =
    (audit: string, run: (req: Request, h: ReturnType<typeof handleOf>) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const handle = handleOf(req);
      const itemIdOf = req.params.itemId;
      auditAs(res, `rectification.${audit}`, handle.workflowId, itemIdOf ? { itemId: itemIdOf } : {});
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
    const o = await getObligationRecord(pool, `rectification:${contractOf(req)}`);
    if (!o) throw notFound(`rectification obligation of contract ${req.params.id}`);
    res.status(200).json(recordView(o, answerLocale(req, res)));
  });
  const vendor = allow('vendor-engineer');
  const hospital = allow('hospital-operator', 'hospital-approver');
  mount(
    r,
    routes.plan,
    vendor,
    act('plan', (req, h) => h.executeUpdate(submitPlanUpdate, { args: [updateArgs(req, routes.plan.body(req))] })),
  );
  mount(
    r,
    routes.review,
    hospital,
    act('review', (req, h) => h.executeUpdate(reviewItemsUpdate, { args: [updateArgs(req, routes.review.body(req))] })),
  );
  mount(
    r,
    routes.revise,
    vendor,
    act('items.revise', (req, h) => {
      const { occurredAt, ...item } = routes.revise.body(req);
      const a = { ...updateArgs(req, { occurredAt }), item: { itemId: String(req.params.itemId), ...item } };
      return h.executeUpdate(reviseItemUpdate, { args: [a] });
    }),
  );
  mount(
    r,
    routes.done,
    vendor,
    act('items.done', (req, h) => {
      const a = { ...updateArgs(req, routes.done.body(req)), itemId: String(req.params.itemId) };
      return h.executeUpdate(reportItemDoneUpdate, { args: [a] });
    }),
  );
  mount(
    r,
    routes.confirm,
    hospital,
    act('items.confirm', (req, h) => {
      const a = { ...updateArgs(req, routes.confirm.body(req)), itemId: String(req.params.itemId) };
      return h.executeUpdate(confirmItemDoneUpdate, { args: [a] });
    }),
  );
  mount(
    r,
    routes.price,
    allow('hospital-approver'),
    act('plan-breach.price', (req, h) =>
      h.executeUpdate(pricePlanBreachUpdate, { args: [updateArgs(req, routes.price.body(req))] }),
    ),
  );
  // Stated times (issue 10): either party contests, the approver decides.
  mountContestRoutes(r, routes, act);
  return r;
}
