// The 6.3 rectification plan's routes, declared once (route.ts): the record's read, the plan,
// the hospital's review, an item revised, reported done and confirmed, the late plan priced,
// and the stated-time contests. Handlers: rectification.ts.
import { z } from 'zod';
import { declareRoute } from '../route';
import { dateSchema } from '../validate';
import { ContractParams, text, withOccurredAt } from './obligation-kit';
import { declareContestRoutes } from './contest-routes';
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
export const rectificationRoutes = {
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
