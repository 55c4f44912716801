// Yearly acceptances over HTTP (3, 8): the vendor submits the year's package, the hospital's
// approver passes it (the form signed and sealed in three copies, 8) or fails it with reasons
// (the year runs on, 3). Reads come from PostgreSQL; decisions are Updates of the year's case,
// whose validators repeat the role and state rules.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { caseClosed } from '../validate';
import * as q from '../../db/queries/cycles';
import { withCaseClosures } from '../../services/case-closures';
import { checkCitations, documentCitation } from '../../documents/refs';
import { acceptanceCaseId, decideAcceptance, submitAcceptance } from '../../workflows/cycles';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import { ContractParams, contractOf, occurredAt, sendUpdate, updateArgs } from './obligation-kit';
import { contestAnswer, declareContestRoutes } from './contest-routes';
import { AcceptanceRecordOut, AcceptanceRowOut, AcceptanceState } from './acceptance-schemas';
import { NONE, cycleRefusals, notFoundOf } from './refusals';

const Submit = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const Decide = z
  .strictObject({
    outcome: z.enum(['pass', 'fail']),
    reasons: z.array(z.string().min(1).max(2000)).max(50).optional(),
    hospitalSignatory: z.string().min(1).max(200).optional(),
    vendorSignatory: z.string().min(1).max(200).optional(),
    // Clause 8: scans of the form signed and sealed in three copies, stored acceptance-scan documents.
    signedForms: z.array(documentCitation).min(1).max(3).optional(),
    occurredAt,
  })
  .refine((d) => d.outcome === 'pass' || d.signedForms === undefined, {
    message: 'the signed form belongs to a pass (clause 8); a fail names its reasons',
    path: ['signedForms'],
  });
// A contract year in a path: a positive integer, else 400 naming `year` (never a database error).
const YearParam = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a contract year in decimal digits')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1000)); // not '0x1' (issue 11)
const YearParams = ContractParams.extend({ year: YearParam.describe('contract year, 1 for the first') });
const yearOf = (req: Request): number => z.strictObject({ year: YearParam }).parse({ year: req.params.year }).year;

const BASE = '/contracts/{id}/acceptances/{year}';
const state = (description: string) => ({ 200: { description, schema: AcceptanceState } });
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/acceptances',
    duty: 'read',
    refusals: NONE,
    summary: 'Yearly acceptances (3, 8)',
    params: ContractParams,
    responses: { 200: { description: 'acceptances', schema: z.object({ items: z.array(AcceptanceRowOut) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: BASE,
    duty: 'read',
    refusals: notFoundOf('acceptance of this year'),
    summary: 'One yearly acceptance with its package and record',
    params: YearParams,
    responses: {
      200: {
        description: 'the acceptance, and the clause-8 form once passed',
        schema: AcceptanceRowOut.extend({ record: AcceptanceRecordOut.nullable() }),
      },
    },
  }),
  submit: declareRoute({
    method: 'post',
    path: `${BASE}/submit`,
    duty: 'serve',
    refusals: cycleRefusals('acceptance', '3, 8', 'acceptance'),
    summary: "Vendor submits the year's acceptance package (3)",
    params: YearParams,
    body: Submit,
    responses: state('the acceptance, submitted'),
  }),
  decision: declareRoute({
    method: 'post',
    path: `${BASE}/decision`,
    duty: 'accept',
    refusals: cycleRefusals('acceptance', '3, 8', 'acceptance'),
    summary: 'Hospital approver passes (signed form, 8) or fails (reasons, 3) the acceptance',
    params: YearParams,
    body: Decide,
    responses: state('the acceptance, passed or failed'),
  }),
  ...declareContestRoutes(BASE, YearParams, '8'),
};

/** GET /contracts/{id}/acceptances's answer (also part of the contract's overview). */
export const acceptancesOf = async (pool: ApiDeps['pool'], c: string) => ({
  items: await withCaseClosures(pool, await q.listAcceptances(pool, c)),
});
export { routes as acceptanceRoutes };

export function acceptancesRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const closed = (rows: q.AcceptanceRow[]) => withCaseClosures(pool, rows);
  // A passed acceptance's workflow has completed, so an update would find no workflow (404):
  // the recorded state answers with the rule instead.
  const notPassed = async (c: string, year: number) => {
    if ((await q.getAcceptance(pool, c, year))?.status === 'passed')
      throw caseClosed(`acceptance of year ${year} of contract ${c}`, '8', 'passed (its record is final)');
  };
  /** One Update of the year's case, audited as `acceptance.<audit>`. */
  const act =
    (
      audit: (req: Request) => [string, Record<string, unknown>],
      run: (req: Request, h: ReturnType<typeof temporal.workflow.getHandle>, c: string) => Promise<unknown>,
    ) =>
    async (req: Request, res: Response) => {
      const c = contractOf(req);
      const id = acceptanceCaseId(c, yearOf(req));
      const [action, detail] = audit(req);
      auditAs(res, `acceptance.${action}`, id, detail);
      const h = temporal.workflow.getHandle(id);
      const answer = await sendUpdate(deps, h, id, '8', () => run(req, h, c));
      res.status(200).json(answer);
    };

  mount(r, routes.list, async (req, res) => {
    res.status(200).json(await acceptancesOf(pool, contractOf(req)));
  });
  mount(r, routes.one, async (req, res) => {
    const c = contractOf(req);
    const year = yearOf(req);
    const row = await q.getAcceptance(pool, c, year);
    if (!row) throw notFound(`acceptance of year ${req.params.year} of contract ${c}`);
    res.status(200).json({ ...(await closed([row]))[0], record: (await q.acceptanceRecord(pool, c, year)) ?? null });
  });
  mount(
    r,
    routes.submit,
    allow('vendor-engineer'),
    act(
      (req) => {
        routes.submit.body(req); // 400 before anything is audited as done
        return ['submit', {}];
      },
      async (req, h, c) => {
        const body = routes.submit.body(req);
        await notPassed(c, yearOf(req));
        return h.executeUpdate(submitAcceptance, { args: [updateArgs(req, body)] });
      },
    ),
  );
  mount(
    r,
    routes.decision,
    allow('hospital-approver'),
    act(
      (req) => {
        const body = routes.decision.body(req);
        const detail =
          body.outcome === 'fail'
            ? { reasons: body.reasons?.length ?? 0 }
            : { signedForms: (body.signedForms ?? []).map((f) => f.documentRef) };
        return [body.outcome, detail];
      },
      async (req, h, c) => {
        const body = routes.decision.body(req);
        await notPassed(c, yearOf(req));
        const forms = (body.signedForms ?? []).map((cite, i) => ({
          at: `signedForms.${i}`,
          cite,
          kind: 'acceptance-scan' as const,
          clause: '8',
        }));
        await checkCitations(pool, c, forms);
        return h.executeUpdate(decideAcceptance, { args: [updateArgs(req, body)] });
      },
    ),
  );
  // Stated times (issue 10): the other party contests, the hospital's approver decides.
  mount(
    r,
    routes.contest,
    allow('hospital-operator', 'hospital-approver', 'vendor-engineer'),
    act(
      (req) => ['contest', { factSeq: routes.contest.body(req).factSeq }],
      async (req, h) =>
        contestAnswer(await h.executeUpdate(contestTimeUpdate, { args: [updateArgs(req, routes.contest.body(req))] })),
    ),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    act(
      (req) => ['contest-decision', { factSeq: routes.contestDecision.body(req).factSeq }],
      async (req, h) =>
        contestAnswer(
          await h.executeUpdate(decideContestUpdate, { args: [updateArgs(req, routes.contestDecision.body(req))] }),
        ),
    ),
  );
  return r;
}
