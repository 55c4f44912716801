// Yearly acceptances over HTTP (3, 8): the vendor submits the year's package, the hospital's
// approver passes it (the form signed and sealed in three copies, 8) or fails it with reasons
// (the year runs on, 3). Reads come from PostgreSQL; decisions are Updates of the year's case,
// whose validators repeat the role and state rules. Declarations: acceptance-routes.ts.
import { Router, type Request, type Response } from 'express';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { mount } from '../route';
import { answerLocale } from '../language';
import { caseClosed } from '../validate';
import * as q from '../../db/queries/cycles';
import { recordTextsIn } from '../../i18n/record-texts';
import { withCaseClosures } from '../../services/case-closures';
import { checkCitations } from '../../documents/refs';
import { acceptanceCaseId, decideAcceptance, submitAcceptance } from '../../workflows/cycles';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import { contractOf, sendUpdate, updateArgs } from './obligation-kit';
import { contestAnswer } from './contest-routes';
import { acceptanceRoutes as routes, yearOf } from './acceptance-routes';

/** GET /contracts/{id}/acceptances's answer (also part of the contract's overview). */
export const acceptancesOf = async (pool: ApiDeps['pool'], c: string) => ({
  items: await withCaseClosures(pool, await q.listAcceptances(pool, c)),
});

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
    // the package's penalty facts and the record's texts in the reader's language (issue 15)
    res.status(200).json(recordTextsIn(await acceptancesOf(pool, contractOf(req)), answerLocale(req, res)));
  });
  mount(r, routes.one, async (req, res) => {
    const c = contractOf(req);
    const year = yearOf(req);
    const row = await q.getAcceptance(pool, c, year);
    if (!row) throw notFound(`acceptance of year ${req.params.year} of contract ${c}`);
    const one = { ...(await closed([row]))[0], record: (await q.acceptanceRecord(pool, c, year)) ?? null };
    res.status(200).json(recordTextsIn(one, answerLocale(req, res)));
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
