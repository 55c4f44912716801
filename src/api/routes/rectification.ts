// The 6.3 system check, problems and rectification plan over HTTP: the vendor delivers the plan
// within 7 working days, the hospital reviews its items, the vendor revises and reports them
// done, the hospital confirms; a late item costs 0.3 % per day, a late plan is priced under 6.5.
// Decisions are Updates of the contract's rectification workflow, whose validators repeat the
// role and state rules; the read comes from the PostgreSQL record.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { dateSchema } from '../validate';
import { getObligationRecord } from '../../db/queries/obligations';
import {
  confirmItemDoneUpdate,
  pricePlanBreachUpdate,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
} from '../../workflows/obligations';
import { ContractParams, contractOf, recordView, sendUpdate, text, updateArgs, withOccurredAt } from './obligation-kit';
import { answerLocale } from '../language';
import { declareContestRoutes, mountContestRoutes } from './contest-routes';
import { RectificationState } from './obligation-schemas';
import { recorded } from './case-schemas';
import { RECTIFICATION, notFoundOf } from './refusals';

const itemId = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
const exemption = z.strictObject({ explanation: text(5000) }).optional();
const Item = z.strictObject({ itemId, description: text(), dueDate: dateSchema.optional(), exemption });
const Plan = z.strictObject({
  systemCheck: text(20000),
  problems: z.array(text()).max(500),
  items: z.array(Item).max(500),
});
const Review = z.strictObject({
  decisions: z
    .array(z.strictObject({ itemId, accepted: z.boolean(), note: z.string().max(2000).optional() }))
    .min(1)
    .max(500),
});
const Revise = z.strictObject({ description: text(), dueDate: dateSchema.optional(), exemption });
const Confirm = z.strictObject({ confirmed: z.boolean(), note: z.string().max(2000).optional() });
const Price = z.strictObject({
  ratePercent: z.string().regex(/^\d+(\.\d+)?$/, 'must be a percent as a decimal string, e.g. "0.05"'),
});
const ItemParams = ContractParams.extend({ itemId: z.string().describe('plan item id') });

const BASE = '/contracts/{id}/rectification';
const state = (description: string) => ({ 200: { description, schema: RectificationState } });
const routes = {
  read: declareRoute({
    method: 'get',
    path: BASE,
    localized: true, // the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    refusals: notFoundOf('rectification obligation of this contract'),
    summary: 'The 6.3 check, problems and rectification plan with running late figures',
    params: ContractParams,
    responses: { 200: { description: 'the plan as recorded', schema: recorded(RectificationState) } },
  }),
  plan: declareRoute({
    method: 'post',
    path: `${BASE}/plan`,
    duty: 'serve',
    refusals: RECTIFICATION,
    summary: 'Vendor delivers the system check, problems and plan within 7 working days (6.3)',
    params: ContractParams,
    body: withOccurredAt(Plan),
    responses: state('the plan, its items awaiting review'),
  }),
  review: declareRoute({
    method: 'post',
    path: `${BASE}/review`,
    duty: 'confirm',
    refusals: RECTIFICATION,
    summary: 'Hospital accepts or rejects plan items (6.3)',
    params: ContractParams,
    body: withOccurredAt(Review),
    responses: state('the plan with the decisions'),
  }),
  revise: declareRoute({
    method: 'post',
    path: `${BASE}/items/{itemId}/revise`,
    duty: 'serve',
    refusals: RECTIFICATION,
    summary: 'Vendor revises a rejected item (6.3)',
    params: ItemParams,
    body: withOccurredAt(Revise),
    responses: state('the plan with the item awaiting review again'),
  }),
  done: declareRoute({
    method: 'post',
    path: `${BASE}/items/{itemId}/done`,
    duty: 'serve',
    refusals: RECTIFICATION,
    summary: 'Vendor reports an item done (6.3); its stated time is the one judged',
    params: ItemParams,
    body: withOccurredAt(z.strictObject({})),
    responses: state('the plan with the item claimed done'),
  }),
  confirm: declareRoute({
    method: 'post',
    path: `${BASE}/items/{itemId}/confirm`,
    duty: 'confirm',
    refusals: RECTIFICATION,
    summary: 'Hospital confirms or refuses an item reported done; a late item is charged 0.3% per day (6.3)',
    params: ItemParams,
    body: withOccurredAt(Confirm),
    responses: state('the plan with the item done, or open again'),
  }),
  price: declareRoute({
    method: 'post',
    path: `${BASE}/plan-breach/price`,
    duty: 'decide',
    refusals: RECTIFICATION,
    summary: 'Approver prices a late plan under 6.5 (0.01%-0.1%)',
    params: ContractParams,
    body: withOccurredAt(Price),
    responses: state('the plan with the priced breach'),
  }),
  ...declareContestRoutes(BASE, ContractParams, '6.3'),
};

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
