// Recurring cycles over HTTP (issue 5): quarterly inspections (inspections.ts, 4.1, 4.3, 4.6),
// customer care (care.ts, 4.1), yearly acceptances (acceptances.ts, 3, 8); here the payments
// of clause 10, the contract's Temporal Schedules, and the contract hooks that keep them.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { answerLocale } from '../language';
import { basisOf } from '../../i18n/basis';
import { recordTextsIn } from '../../i18n/record-texts';
import type { Locale } from '../../i18n/locale';

import * as q from '../../db/queries/cycles';
import { listContractSchedules, upsertContractSchedules, deleteContractSchedules } from '../../temporal/schedules';
import type { ContractSummary } from '../contract-hooks';
import { ContractParams, contractOf } from './obligation-kit';
import { ScheduleOut } from './cycle-schemas';
import { PaymentOut } from './acceptance-schemas';
import { acceptancesRouter } from './acceptances';
import { careRouter } from './care';
import { inspectionsRouter } from './inspections';
import { NONE, notFoundOf, refusal, with409 } from './refusals';

const Paid = z.strictObject({ reference: z.string().min(1).max(200).optional() });
const routes = {
  payments: declareRoute({
    method: 'get',
    path: '/contracts/{id}/payments',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: "Payment requests (10): each year's fee less the deductions confirmed in the year before",
    params: ContractParams,
    responses: { 200: { description: 'payment requests', schema: z.object({ items: z.array(PaymentOut) }) } },
  }),
  paid: declareRoute({
    method: 'post',
    path: '/payments/{id}/paid',
    localized: true,
    duty: 'pay',
    refusals: with409(
      notFoundOf('payment'),
      refusal(['ALREADY_PAID'], 'the payment is already marked paid (clause 10)'),
    ),
    summary: 'Finance marks a payment paid (10), once',
    params: z.object({ id: z.string().describe('payment id') }),
    body: Paid,
    responses: { 200: { description: 'the payment, paid', schema: PaymentOut } },
  }),
  schedules: declareRoute({
    method: 'get',
    path: '/contracts/{id}/schedules',
    duty: 'oversee',
    refusals: NONE,
    summary: "The contract's Temporal Schedules, described",
    params: ContractParams,
    responses: { 200: { description: 'schedules', schema: z.object({ items: z.array(ScheduleOut) }) } },
  }),
};

/** GET /contracts/{id}/payments's answer (also part of the contract's overview). */
export const paymentsOf = async (pool: ApiDeps['pool'], c: string, locale: Locale) => ({
  items: (await q.listPayments(pool, c)).map((p) => recordTextsIn(p, locale)), // the platform's basis in the reader's language (issue 15)
});
export { routes as cycleRoutes };

export function cyclesRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  mount(r, routes.payments, async (req, res) => {
    routes.payments.send(res, 200, await paymentsOf(pool, contractOf(req), answerLocale(req, res)));
  });
  mount(r, routes.paid, allow('finance'), async (req, res) => {
    const body = routes.paid.body(req);
    const pay = await q.getPayment(pool, String(req.params.id));
    if (!pay) throw notFound(`payment ${req.params.id}`);
    assertContractAccess(actorOf(req), pay.contractId);
    auditAs(res, 'payment.paid', pay.id, { year: pay.year, amountFen: pay.amountFen });
    const done = await q.markPaymentPaid(pool, pay.id, actorOf(req).name, body.reference ?? null, new Date(deps.now()));
    if (!done) throw conflict('ALREADY_PAID', `payment ${pay.id} is already marked paid (clause 10)`, '10');
    routes.paid.send(res, 200, recordTextsIn(done, answerLocale(req, res)));
  });
  mount(r, routes.schedules, allow('admin', 'auditor'), async (req, res) => {
    res.status(200).json({ items: await listContractSchedules(temporal, contractOf(req)) });
  });
  r.use(inspectionsRouter(deps), careRouter(deps), acceptancesRouter(deps));
  return r;
}

// Lifecycle hooks (src/api/contract-hooks.ts): idempotent, so a retried request repairs them.
export async function cyclesAfterCreated(deps: ApiDeps, c: ContractSummary): Promise<void> {
  await upsertContractSchedules(deps.temporal, c, deps.config.TEMPORAL_TASK_QUEUE);
  // Clause 10: the fee of year 1 is payable at signing.
  const row = await q.contractForCycles(deps.pool, c.id);
  const fee = row?.yearlyFeesFen[0] ?? '0';
  await q.insertPayment(deps.pool, {
    contractId: c.id,
    year: 1,
    feeFen: fee,
    deductionsFen: '0',
    amountFen: fee,
    ...basisOf('payment.10.first-year', {}),
    releasedAt: c.signedAt,
    releasedBy: 'signing',
  });
}
export async function cyclesAfterAmended(deps: ApiDeps, c: ContractSummary): Promise<void> {
  await upsertContractSchedules(deps.temporal, c, deps.config.TEMPORAL_TASK_QUEUE);
}
export async function cyclesAfterEnded(deps: ApiDeps, c: ContractSummary): Promise<void> {
  await deleteContractSchedules(deps.temporal, c.id);
}
