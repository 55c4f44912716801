// Quarterly inspections over HTTP (4.1, 4.3, 4.6): the vendor submits the report (a stored
// inspection-report document), the hospital acknowledges it or asks for changes, high findings
// become remediation items the vendor resolves with evidence. Reads come from PostgreSQL;
// decisions are Updates of the quarter's workflow, whose validators repeat the role and state rules.
// The routes and their bodies are declared in inspection-routes.ts.
import { Router, type Request, type Response } from 'express';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { mount } from '../route';
import * as q from '../../db/queries/cycles';
import { withCaseClosures } from '../../services/case-closures';
import { parsePeriodKey } from '../../domain/cycles';
import { checkCitations, checkDocumentRef } from '../../documents/refs';
import { inspectionCaseId } from '../../workflows/cycles/inspection-messages';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import {
  acknowledgeInspection,
  requestInspectionChanges,
  resolveRemediation,
  submitInspectionReport,
} from '../../workflows/cycles';
import { contractOf, sendUpdate, updateArgs } from './obligation-kit';
import { contestAnswer } from './contest-routes';
import { inspectionRoutes as routes } from './inspection-routes';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';

/** GET /contracts/{id}/inspections's answer (also part of the contract's overview). */
export const inspectionsOf = async (pool: ApiDeps['pool'], c: string) => ({
  items: await withCaseClosures(pool, await q.listInspections(pool, c)),
});

export function inspectionsRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  // A period cancelled or terminated outside the API shows how and when (issue 10 item 8).
  const closed = (rows: q.InspectionRow[]) => withCaseClosures(pool, rows);
  const inspection = (req: Request) => {
    const c = contractOf(req);
    const { year, quarter } = parsePeriodKey(String(req.params.period));
    return { c, year, quarter, handle: temporal.workflow.getHandle(inspectionCaseId(c, year, quarter)) };
  };
  type Handle = ReturnType<typeof inspection>['handle'];
  /** One Update of the quarter's case, audited as `inspection.<audit>`. */
  const act =
    (
      audit: string,
      detail: (req: Request) => Record<string, unknown>,
      run: (req: Request, h: Handle, c: string) => Promise<unknown>,
    ) =>
    async (req: Request, res: Response) => {
      const { c, handle } = inspection(req);
      auditAs(res, `inspection.${audit}`, handle.workflowId, detail(req));
      const answer = await sendUpdate(deps, handle, `inspection ${handle.workflowId}`, '4.3', () =>
        run(req, handle, c),
      );
      res.status(200).json(answer);
    };

  mount(r, routes.list, async (req, res) => {
    // who entered a past report and the texts the workflow wrote, in the reader's language (issue 15)
    routes.list.send(res, 200, recordTextsIn(await inspectionsOf(pool, contractOf(req)), answerLocale(req, res)));
  });
  mount(r, routes.one, async (req, res) => {
    const { c, year, quarter } = inspection(req);
    const row = await q.getInspection(pool, c, year, quarter);
    if (!row) throw notFound(`inspection ${year}Q${quarter} of contract ${c}`);
    routes.one.send(res, 200, recordTextsIn((await closed([row]))[0]!, answerLocale(req, res)));
  });
  const vendor = allow('vendor-engineer');
  const hospital = allow('hospital-operator', 'hospital-approver');
  mount(
    r,
    routes.report,
    vendor,
    act(
      'report',
      (req) => {
        const { documentRef, sha256 } = routes.report.body(req);
        return { documentRef, sha256 };
      },
      async (req, h, c) => {
        const body = routes.report.body(req);
        // doc_…@N must be a stored inspection report of this contract with that hash (4.3)
        await checkDocumentRef(pool, {
          contractId: c,
          documentRef: body.documentRef,
          sha256: body.sha256,
          kind: 'inspection-report',
          clause: '4.3',
        });
        return h.executeUpdate(submitInspectionReport, { args: [updateArgs(req, body)] });
      },
    ),
  );
  mount(
    r,
    routes.acknowledge,
    hospital,
    act(
      'acknowledge',
      () => ({}),
      (req, h) => h.executeUpdate(acknowledgeInspection, { args: [updateArgs(req, routes.acknowledge.body(req))] }),
    ),
  );
  mount(
    r,
    routes.changes,
    hospital,
    act(
      'request-changes',
      (req) => ({ reasons: routes.changes.body(req).reasons.length }),
      (req, h) => h.executeUpdate(requestInspectionChanges, { args: [updateArgs(req, routes.changes.body(req))] }),
    ),
  );
  mount(
    r,
    routes.resolve,
    vendor,
    act(
      'remediation-resolve',
      (req) => {
        const { evidence } = routes.resolve.body(req);
        return { itemId: req.params.itemId, ...(evidence ? { evidence: evidence.documentRef } : {}) };
      },
      async (req, h, c) => {
        const body = routes.resolve.body(req);
        await checkCitations(pool, c, [
          { at: 'evidence', cite: body.evidence, kind: 'remediation-evidence', clause: '4.6' },
        ]);
        const a = { ...updateArgs(req, body), itemId: String(req.params.itemId) };
        return h.executeUpdate(resolveRemediation, { args: [a] });
      },
    ),
  );
  // Stated times (issue 10): the other party contests, the hospital's approver decides.
  mount(
    r,
    routes.contest,
    allow('hospital-operator', 'hospital-approver', 'vendor-engineer'),
    act(
      'contest',
      (req) => ({ factSeq: routes.contest.body(req).factSeq }),
      async (req, h) =>
        contestAnswer(await h.executeUpdate(contestTimeUpdate, { args: [updateArgs(req, routes.contest.body(req))] })),
    ),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    act(
      'contest-decision',
      (req) => ({ factSeq: routes.contestDecision.body(req).factSeq }),
      async (req, h) =>
        contestAnswer(
          await h.executeUpdate(decideContestUpdate, { args: [updateArgs(req, routes.contestDecision.body(req))] }),
        ),
    ),
  );
  return r;
}
