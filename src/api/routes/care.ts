// Customer care over HTTP (4.1): the vendor logs its return visits and product-material
// mailings (a stated earlier time is its claim, within the back-dating window, contestable by
// the hospital); each quarter's case counts them against the required visits. Reads come from
// PostgreSQL; a stated time's contest and decision are Updates of the quarter's case.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { answerLocale } from '../language';
import { idempotencyKeyOf, instantSchema } from '../validate';
import * as q from '../../db/queries/cycles';
import { recordTextsIn } from '../../i18n/record-texts';
import { withCaseClosures } from '../../services/case-closures';
import { parsePeriodKey, quarterAt } from '../../domain/cycles';
import { checkDocumentRef } from '../../documents/refs';
import { termsAt } from '../../services/contracts';
import { careCaseId, careLogged } from '../../workflows/cycles/care-messages';
import { careLogStated } from '../../workflows/cycles/care-rules';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import { actorArg, ContractParams, contractOf, sendUpdate, updateArgs } from './obligation-kit';
import { contestAnswer, declareContestRoutes } from './contest-routes';
import { CareLogOut, CarePeriodOut } from './cycle-schemas';
import { PeriodParams } from './inspection-routes';
import { CONTRACT_404, NONE, cycleRefusals } from './refusals';

const CareLog = z
  .strictObject({
    kind: z.enum(['visit', 'mailing']),
    occurredAt: instantSchema
      .optional()
      .describe(
        "when the visit or mailing happened (default now); earlier than now is the vendor's claim, within statedTimes.backdateHours.careVisit / careMailing, contestable by the hospital",
      ),
    channel: z.string().min(1).max(100),
    withWhom: z.string().min(1).max(200),
    topics: z.array(z.string().min(1).max(200)).min(1).max(50),
    note: z.string().max(2000).optional(),
    // The visit's note as a stored care-visit-note document (issue 14), with its hash.
    documentRef: z
      .string()
      .regex(/^doc_[0-9a-f]{32}@\d{1,6}$/, 'must be <documentId>@<version> of a stored document')
      .optional(),
    sha256: z
      .string()
      .regex(/^(sha256:)?[a-fA-F0-9]{64}$/, 'must be 64 hex characters')
      .optional(),
  })
  .refine((b) => (b.documentRef === undefined) === (b.sha256 === undefined), {
    message: 'documentRef and sha256 go together',
    path: ['sha256'],
  });

const log = (description: string) => ({ description, schema: CareLogOut });
const routes = {
  logs: declareRoute({
    method: 'get',
    path: '/contracts/{id}/care-logs',
    duty: 'read',
    refusals: NONE,
    summary: 'Customer-care logs (4.1)',
    params: ContractParams,
    responses: { 200: { description: 'logs', schema: z.object({ items: z.array(CareLogOut) }) } },
  }),
  log: declareRoute({
    method: 'post',
    path: '/contracts/{id}/care-logs',
    duty: 'serve',
    refusals: { ...CONTRACT_404, 409: cycleRefusals('care period', '4.1', 'care')[409] },
    summary: 'Vendor logs a return visit or mailing (4.1); Idempotency-Key makes retries safe',
    params: ContractParams,
    body: CareLog,
    responses: { 201: log('logged'), 200: log('the log of this Idempotency-Key, logged before') },
  }),
  periods: declareRoute({
    method: 'get',
    path: '/contracts/{id}/care-periods',
    duty: 'read',
    localized: true,
    refusals: NONE,
    summary: 'Customer-care quarters and whether they were kept (4.1)',
    params: ContractParams,
    responses: { 200: { description: 'quarters', schema: z.object({ items: z.array(CarePeriodOut) }) } },
  }),
  ...declareContestRoutes('/contracts/{id}/care-periods/{period}', PeriodParams, '4.1'),
};

/** GET /contracts/{id}/care-periods's answer (also part of the contract's overview). */
export async function carePeriodsOf(pool: ApiDeps['pool'], c: string) {
  const rows = await q.listCarePeriods(pool, c);
  // A period cancelled or terminated outside the API shows how and when (issue 10 item 8).
  return { items: await withCaseClosures(pool, rows) };
}
export { routes as careRoutes };

export function careRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  mount(r, routes.logs, async (req, res) => {
    routes.logs.send(res, 200, { items: await q.listCareLogs(pool, contractOf(req)) });
  });
  mount(r, routes.periods, async (req, res) => {
    res.status(200).json(recordTextsIn(await carePeriodsOf(pool, contractOf(req)), answerLocale(req, res))); // issue 15
  });
  mount(r, routes.log, allow('vendor-engineer'), async (req, res) => {
    const c = contractOf(req);
    const body = routes.log.body(req);
    const contract = await q.contractForCycles(pool, c);
    if (!contract) throw notFound(`contract ${c}`);
    const key = idempotencyKeyOf(req);
    if (body.documentRef)
      await checkDocumentRef(pool, {
        contractId: c,
        documentRef: body.documentRef,
        sha256: body.sha256!,
        kind: 'care-visit-note',
        clause: '4.1',
      });
    // The stated time within its window (409 BACKDATE_WINDOW naming the term); earlier than now is marked the vendor's.
    const nowMs = Date.now();
    const { terms } = await termsAt(pool, c, nowMs);
    const stated = body.occurredAt ? Date.parse(body.occurredAt) : undefined;
    const time = careLogStated(terms, body.kind, actorArg(req), nowMs, stated);
    const { row, created } = await q.insertCareLog(pool, {
      contractId: c,
      ...body,
      occurredAt: new Date(time.occurredAt).toISOString(),
      ...(time.statedBy === 'vendor' || time.statedBy === 'hospital' ? { statedBy: time.statedBy } : {}),
      loggedBy: actorOf(req).name,
      ...(key ? { idempotencyKey: key } : {}),
    });
    auditAs(res, 'care.log', String(row.id), { kind: body.kind });
    // Tell the period's workflow to recount; a period without a running workflow counts at its start.
    const period = quarterAt(Date.parse(contract.signedAt), time.occurredAt, contract.extensions);
    if (period)
      await temporal.workflow
        .getHandle(careCaseId(c, period.year, period.quarter!))
        .signal(careLogged)
        .catch(() => undefined);
    routes.log.send(res, created ? 201 : 200, row);
  });

  // Stated times of the logs (issue 10): the hospital contests, its approver decides.
  const contest =
    (
      audit: string,
      parse: (req: Request) => { factSeq: number },
      run: (req: Request, h: ReturnType<typeof temporal.workflow.getHandle>) => Promise<unknown>,
    ) =>
    async (req: Request, res: Response) => {
      const c = contractOf(req);
      const { year, quarter } = parsePeriodKey(String(req.params.period));
      const h = temporal.workflow.getHandle(careCaseId(c, year, quarter));
      auditAs(res, `care.${audit}`, h.workflowId, { factSeq: parse(req).factSeq });
      const answer = await sendUpdate(deps, h, `customer care ${h.workflowId}`, '4.1', () => run(req, h));
      res.status(200).json(answer);
    };
  mount(
    r,
    routes.contest,
    allow('hospital-operator', 'hospital-approver', 'vendor-engineer'),
    contest('contest', routes.contest.body, async (req, h) =>
      contestAnswer(await h.executeUpdate(contestTimeUpdate, { args: [updateArgs(req, routes.contest.body(req))] })),
    ),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    contest('contest-decision', routes.contestDecision.body, async (req, h) =>
      contestAnswer(
        await h.executeUpdate(decideContestUpdate, { args: [updateArgs(req, routes.contestDecision.body(req))] }),
      ),
    ),
  );
  return r;
}
