// The vendor's maintenance engineers (4.2) and their changes (6.7) over HTTP. The register
// lives in PostgreSQL; each change is a workflow `staff-change:<contractId>:<requestId>`
// (staff-change-request.ts) that checks the 7 working days of notice and waits for the
// hospital's written decision. Reads come from PostgreSQL; decisions are Updates of the case.
// The routes are declared in staff-change-routes.ts.
import { Router, type Request, type Response } from 'express';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { mount } from '../route';
import { getObligationRecord, listObligationRecords } from '../../db/queries/obligations';
import {
  contestTimeUpdate,
  decideContestUpdate,
  decideStaffChangeUpdate,
  staffChangeCaseId,
  withdrawStaffChangeUpdate,
  type StaffChangeInput,
} from '../../workflows/obligations';
import { contractOf, recordView, sendUpdate, updateArgs } from './obligation-kit';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { contestAnswer } from './contest-routes';
import { staffRegisterRouter } from './staff-register';
import { changeRequested, changeRequestId, requestStaffChange } from './staff-change-request';
import { staffChangeRoutes as routes } from './staff-change-routes';

type Handle = ReturnType<ApiDeps['temporal']['workflow']['getHandle']>;

export function staffRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const caseOf = (req: Request) => staffChangeCaseId(contractOf(req), routes.one.params(req).requestId);
  /** One Update of the change; a change that has finished is a 409 naming 4.2 (sendUpdate). */
  const act = async <T>(req: Request, res: Response, audit: string, run: (h: Handle) => Promise<T>, detail = {}) => {
    const workflowId = caseOf(req);
    auditAs(res, audit, workflowId, detail);
    const h = temporal.workflow.getHandle(workflowId);
    const recordedCase = async () => (await getObligationRecord(pool, workflowId)) !== null;
    return sendUpdate(deps, h, `staff change ${workflowId}`, '4.2', () => run(h), recordedCase);
  };
  r.use(staffRegisterRouter(deps));

  // Both routes take a Change and answer the change as recorded (their declarations share the schemas).
  const requestChange = (kind: StaffChangeInput['kind']) => async (req: Request, res: Response) => {
    const c = contractOf(req);
    const body = routes.request.body(req);
    const requestId = changeRequestId(req, body, kind);
    const action = kind === 'requested' ? 'staff-change.request' : 'staff-change.report-unannounced';
    auditAs(res, action, staffChangeCaseId(c, requestId), {
      effectiveDate: body.effectiveDate,
      remove: body.remove,
      add: body.add.map((e) => e.engineerId),
    });
    const { input, created } = await requestStaffChange(deps, req, kind, c, requestId, body);
    // 201 once; a retry or a request that raced it (12 concurrent answered 201 each, issue 11) gets 200 and the same change.
    routes.request.send(res, created ? 201 : 200, changeRequested(input));
  };
  mount(r, routes.request, allow('vendor-engineer'), requestChange('requested'));
  mount(r, routes.unannounced, allow('hospital-operator', 'hospital-approver'), requestChange('unannounced'));

  mount(r, routes.list, async (req, res) => {
    const rows = await listObligationRecords(pool, { contracts: [contractOf(req)], kind: 'staff', limit: 500 });
    const items = rows.map((o) => ({
      workflowId: o.workflowId,
      requestId: o.workflowId.split(':').pop()!,
      status: o.status,
      awaiting: o.awaiting,
      breached: o.breached,
      effectiveAt: o.nextDeadlineAt,
      requestedAt: (o.state as { requestedAt?: string }).requestedAt ?? null,
      closed: o.closedAt !== null,
      closedAt: o.closedAt,
      closedHow: o.closedHow,
    }));
    routes.list.send(res, 200, recordTextsIn({ items }, answerLocale(req, res))); // as the one change answers
  });
  mount(r, routes.one, async (req, res) => {
    const o = await getObligationRecord(pool, caseOf(req));
    if (!o) throw notFound(`staff change ${req.params.requestId} of contract ${req.params.id}`);
    res.status(200).json(recordView(o, answerLocale(req, res)));
  });
  mount(r, routes.decision, allow('hospital-approver'), async (req, res) => {
    const body = routes.decision.body(req);
    const audit = body.approved ? 'staff-change.approve' : 'staff-change.refuse';
    res
      .status(200)
      .json(
        await act(req, res, audit, (h) => h.executeUpdate(decideStaffChangeUpdate, { args: [updateArgs(req, body)] })),
      );
  });
  mount(r, routes.withdraw, allow('vendor-engineer'), async (req, res) => {
    const body = routes.withdraw.body(req);
    res
      .status(200)
      .json(
        await act(req, res, 'staff-change.withdraw', (h) =>
          h.executeUpdate(withdrawStaffChangeUpdate, { args: [updateArgs(req, body)] }),
        ),
      );
  });
  // Stated times (issue 10): the other party contests, the hospital's approver decides.
  mount(r, routes.contest, allow('hospital-operator', 'hospital-approver', 'vendor-engineer'), async (req, res) => {
    const body = routes.contest.body(req);
    const run = (h: Handle) => h.executeUpdate(contestTimeUpdate, { args: [updateArgs(req, body)] });
    const detail = { factSeq: body.factSeq };
    res.status(200).json(contestAnswer(await act(req, res, 'staff-change.contest', run, detail)));
  });
  mount(r, routes.contestDecision, allow('hospital-approver'), async (req, res) => {
    const body = routes.contestDecision.body(req);
    const run = (h: Handle) => h.executeUpdate(decideContestUpdate, { args: [updateArgs(req, body)] });
    const detail = { factSeq: body.factSeq };
    res.status(200).json(contestAnswer(await act(req, res, 'staff-change.contest-decision', run, detail)));
  });
  return r;
}
