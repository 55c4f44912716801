// Quarterly inspections over HTTP (4.1, 4.3, 4.6): the vendor submits the report (a stored
// inspection-report document), the hospital acknowledges it or asks for changes, high findings
// become remediation items the vendor resolves with evidence. Reads come from PostgreSQL;
// decisions are Updates of the quarter's workflow, whose validators repeat the role and state rules.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { dateSchema } from '../validate';
import * as q from '../../db/queries/cycles';
import { withCaseClosures } from '../../services/case-closures';
import { parsePeriodKey } from '../../domain/cycles';
import { checkCitations, checkDocumentRef, documentCitation } from '../../documents/refs';
import { inspectionCaseId } from '../../workflows/cycles/inspection-messages';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import {
  acknowledgeInspection,
  requestInspectionChanges,
  resolveRemediation,
  submitInspectionReport,
} from '../../workflows/cycles';
import {
  actorArg,
  contestAnswer,
  ContractParams,
  contractOf,
  declareContestRoutes,
  occurredAt,
  sendUpdate,
  toWorkflowArgs,
} from './obligation-kit';
import { InspectionRowOut, InspectionState } from './cycle-schemas';

const Report = z.strictObject({
  inspectionDate: dateSchema,
  engineer: z.string().min(1).max(200),
  findings: z
    .array(
      z.strictObject({
        title: z.string().min(1).max(500),
        severity: z.enum(['low', 'medium', 'high']),
        description: z.string().max(5000).optional(),
      }),
    )
    .max(200),
  recommendations: z.array(z.string().min(1).max(2000)).max(200),
  documentRef: z.string().min(1).max(500),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex characters'),
  occurredAt,
});
const Ack = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const Changes = z.strictObject({ reasons: z.array(z.string().min(1).max(2000)).min(1).max(50), occurredAt });
const Resolve = z.strictObject({
  note: z.string().max(2000).optional(),
  // The remediation's evidence as a stored document (issue 14, 4.6): a remediation-evidence of this contract.
  evidence: documentCitation.optional(),
  occurredAt,
});
export const PeriodParams = ContractParams.extend({
  period: z.string().describe('contract year and quarter, like 1Q2'),
});

const BASE = '/contracts/{id}/inspections/{period}';
const state = (description: string) => ({ 200: { description, schema: InspectionState } });
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/inspections',
    duty: 'read',
    summary: 'Quarterly inspections of a contract (4.1, 4.3)',
    params: ContractParams,
    responses: { 200: { description: 'inspections', schema: z.object({ items: z.array(InspectionRowOut) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: BASE,
    duty: 'read',
    summary: 'One inspection, period like 1Q2',
    params: PeriodParams,
    responses: { 200: { description: 'the inspection as recorded', schema: InspectionRowOut } },
  }),
  report: declareRoute({
    method: 'post',
    path: `${BASE}/report`,
    duty: 'serve',
    summary:
      'Vendor submits the inspection report, a stored inspection-report (4.3); late reports are recorded as late',
    params: PeriodParams,
    body: Report,
    responses: state('the inspection with its report'),
  }),
  acknowledge: declareRoute({
    method: 'post',
    path: `${BASE}/acknowledge`,
    duty: 'confirm',
    summary: 'Hospital acknowledges the report; high findings become remediation items (4.6)',
    params: PeriodParams,
    body: Ack,
    responses: state('the inspection, acknowledged'),
  }),
  changes: declareRoute({
    method: 'post',
    path: `${BASE}/request-changes`,
    duty: 'confirm',
    summary: 'Hospital asks for changes to the report (4.3)',
    params: PeriodParams,
    body: Changes,
    responses: state('the inspection awaiting a new report'),
  }),
  resolve: declareRoute({
    method: 'post',
    path: `${BASE}/remediation/{itemId}/resolve`,
    duty: 'serve',
    summary: 'Vendor resolves a remediation item, citing a stored remediation-evidence (4.6)',
    params: PeriodParams.extend({ itemId: z.string().describe('remediation item id') }),
    body: Resolve,
    responses: state('the inspection with the item resolved'),
  }),
  ...declareContestRoutes(BASE, PeriodParams, '4.3'),
};

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
      res.status(200).json(audit.startsWith('contest') ? contestAnswer(answer as never) : answer);
    };
  const args = (req: Request, body: Record<string, unknown>) => ({ ...toWorkflowArgs(body), actor: actorArg(req) });

  mount(r, routes.list, async (req, res) => {
    routes.list.send(res, 200, { items: await closed(await q.listInspections(pool, contractOf(req))) });
  });
  mount(r, routes.one, async (req, res) => {
    const { c, year, quarter } = inspection(req);
    const row = await q.getInspection(pool, c, year, quarter);
    if (!row) throw notFound(`inspection ${year}Q${quarter} of contract ${c}`);
    routes.one.send(res, 200, (await closed([row]))[0]!);
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
        return h.executeUpdate(submitInspectionReport, { args: [args(req, body) as never] });
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
      (req, h) => h.executeUpdate(acknowledgeInspection, { args: [args(req, routes.acknowledge.body(req)) as never] }),
    ),
  );
  mount(
    r,
    routes.changes,
    hospital,
    act(
      'request-changes',
      (req) => ({ reasons: routes.changes.body(req).reasons.length }),
      (req, h) => h.executeUpdate(requestInspectionChanges, { args: [args(req, routes.changes.body(req)) as never] }),
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
        const a = { ...args(req, body), itemId: String(req.params.itemId) };
        return h.executeUpdate(resolveRemediation, { args: [a as never] });
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
      (req, h) => h.executeUpdate(contestTimeUpdate, { args: [args(req, routes.contest.body(req)) as never] }),
    ),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    act(
      'contest-decision',
      (req) => ({ factSeq: routes.contestDecision.body(req).factSeq }),
      (req, h) =>
        h.executeUpdate(decideContestUpdate, { args: [args(req, routes.contestDecision.body(req)) as never] }),
    ),
  );
  return r;
}
