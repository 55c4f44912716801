// Recurring cycles over HTTP (issue 5): inspections (4.1, 4.3, 4.6), customer care (4.1),
// yearly acceptance (3, 8) and payments (10). Reads come from PostgreSQL; decisions go to
// the period's workflow as updates, whose validators repeat the role and state rules.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { WorkflowHandle } from '@temporalio/client';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { documentRoute } from '../openapi';
import { withRecordResync } from '../record-resync';
import { caseClosed, dateSchema, idempotencyKeyOf, instantSchema, onOpenCase, parseBody } from '../validate';
import * as q from '../../db/queries/cycles';
import { withClosures } from '../../services/case-closures';
import { parsePeriodKey, quarterAt } from '../../domain/cycles';
import { listContractSchedules, upsertContractSchedules, deleteContractSchedules } from '../../temporal/schedules';
import type { ContractSummary } from '../contract-hooks';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/kernel/case-messages';
import { ContractParams, contestAnswer, declareContestRoutes, occurredAt, toWorkflowArgs } from './obligation-kit';
import { mount } from '../route';
import {
  acknowledgeInspection,
  careLogged,
  decideAcceptance,
  requestInspectionChanges,
  resolveRemediation,
  submitAcceptance,
  submitInspectionReport,
} from '../../workflows/cycles';
import { checkCitations, checkDocumentRef, documentCitation } from '../../documents/refs';
import { termsAt } from '../../services/contracts';
import { careLogStated } from '../../workflows/cycles/care-rules';

const instant = instantSchema;
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
const CareLog = z
  .strictObject({
    kind: z.enum(['visit', 'mailing']),
    occurredAt: instant
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
const Paid = z.strictObject({ reference: z.string().min(1).max(200).optional() });

documentRoute('/contracts/{id}/inspections', 'get', 'Quarterly inspections of a contract (4.1, 4.3)');
documentRoute('/contracts/{id}/inspections/{period}', 'get', 'One inspection, period like 1Q2');
documentRoute(
  '/contracts/{id}/inspections/{period}/report',
  'post',
  'Vendor submits the inspection report (4.3); late reports are recorded as late',
  Report,
);
documentRoute(
  '/contracts/{id}/inspections/{period}/acknowledge',
  'post',
  'Hospital acknowledges the report; high findings become remediation items (4.6)',
  Ack,
);
documentRoute(
  '/contracts/{id}/inspections/{period}/request-changes',
  'post',
  'Hospital asks for changes to the report',
  Changes,
);
documentRoute(
  '/contracts/{id}/inspections/{period}/remediation/{itemId}/resolve',
  'post',
  'Vendor resolves a remediation item (4.6)',
  Resolve,
);
documentRoute(
  '/contracts/{id}/care-logs',
  'post',
  'Vendor logs a return visit or mailing (4.1); Idempotency-Key makes retries safe',
  CareLog,
);
documentRoute('/contracts/{id}/care-logs', 'get', 'Customer-care logs (4.1)');
documentRoute('/contracts/{id}/care-periods', 'get', 'Customer-care quarters and whether they were kept (4.1)');
documentRoute('/contracts/{id}/acceptances', 'get', 'Yearly acceptances (3, 8)');
documentRoute('/contracts/{id}/acceptances/{year}', 'get', 'One yearly acceptance with its package and record');
documentRoute(
  '/contracts/{id}/acceptances/{year}/submit',
  'post',
  "Vendor submits the year's acceptance package (3)",
  Submit,
);
documentRoute(
  '/contracts/{id}/acceptances/{year}/decision',
  'post',
  'Hospital approver passes (signed form, 8) or fails (reasons, 3) the acceptance',
  Decide,
);
const PeriodParams = ContractParams.extend({ period: z.string().describe('contract year and quarter, like 1Q2') });
const contests = {
  inspection: declareContestRoutes('/contracts/{id}/inspections/{period}', PeriodParams, '4.3'),
  acceptance: declareContestRoutes(
    '/contracts/{id}/acceptances/{year}',
    ContractParams.extend({ year: z.string().describe('contract year, 1 for the first') }),
    '8',
  ),
  care: declareContestRoutes('/contracts/{id}/care-periods/{period}', PeriodParams, '4.1'),
};
documentRoute('/contracts/{id}/payments', 'get', 'Payment requests (10)');
documentRoute('/payments/{id}/paid', 'post', 'Finance marks a payment paid (10)', Paid);
documentRoute('/contracts/{id}/schedules', 'get', "The contract's Temporal Schedules, described");

const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;

function contractOf(req: Request): string {
  const id = String(req.params.id);
  assertContractAccess(actorOf(req), id);
  return id;
}
// A contract year in a path: a positive integer, else 400 naming `year` (never a database error).
const YearParam = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a contract year in decimal digits')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1000)); // not '0x1' (issue 11)
const yearOf = (req: Request): number => z.strictObject({ year: YearParam }).parse({ year: req.params.year }).year;
const actorArg = (req: Request) => ({ name: actorOf(req).name, role: actorOf(req).role });

export function cyclesRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  // A period cancelled or terminated outside the API shows how and when (issue 10 item 8).
  const closed = (rows: Record<string, unknown>[]) => withClosures(pool, rows, (x) => String(x.workflowId));
  const inspection = (req: Request) => {
    const c = contractOf(req);
    const { year, quarter } = parsePeriodKey(String(req.params.period));
    return { c, year, quarter, handle: temporal.workflow.getHandle(`inspection:${c}:${year}Q${quarter}`) };
  };

  r.get('/contracts/:id/inspections', allow(...READ), async (req, res) => {
    res.json({ items: await closed(await q.listInspections(pool, contractOf(req))) });
  });
  r.get('/contracts/:id/inspections/:period', allow(...READ), async (req, res) => {
    const { c, year, quarter } = inspection(req);
    const row = await q.getInspection(pool, c, year, quarter);
    if (!row) throw notFound(`inspection ${year}Q${quarter} of contract ${c}`);
    res.json((await closed([row]))[0]);
  });
  r.post('/contracts/:id/inspections/:period/report', allow('vendor-engineer'), async (req, res) => {
    const { c, handle } = inspection(req);
    const body = parseBody(Report, req.body);
    auditAs(res, 'inspection.report', handle.workflowId, { documentRef: body.documentRef, sha256: body.sha256 });
    await checkDocumentRef(pool, {
      contractId: c,
      documentRef: body.documentRef,
      sha256: body.sha256,
      kind: 'inspection-report',
      clause: '4.3',
    }); // doc_…@N must be stored
    res.json(
      await onOpenCase(handle, `inspection ${handle.workflowId}`, '4.3', () =>
        withRecordResync(temporal, handle, deps.log, () =>
          handle.executeUpdate(submitInspectionReport, {
            args: [{ ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }), actor: actorArg(req) }],
          }),
        ),
      ),
    );
  });
  r.post(
    '/contracts/:id/inspections/:period/acknowledge',
    allow('hospital-operator', 'hospital-approver'),
    async (req, res) => {
      const { handle } = inspection(req);
      const body = parseBody(Ack, req.body);
      auditAs(res, 'inspection.acknowledge', handle.workflowId);
      res.json(
        await onOpenCase(handle, `inspection ${handle.workflowId}`, '4.3', () =>
          withRecordResync(temporal, handle, deps.log, () =>
            handle.executeUpdate(acknowledgeInspection, {
              args: [{ ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }), actor: actorArg(req) }],
            }),
          ),
        ),
      );
    },
  );
  r.post(
    '/contracts/:id/inspections/:period/request-changes',
    allow('hospital-operator', 'hospital-approver'),
    async (req, res) => {
      const { handle } = inspection(req);
      const body = parseBody(Changes, req.body);
      auditAs(res, 'inspection.request-changes', handle.workflowId, { reasons: body.reasons.length });
      res.json(
        await onOpenCase(handle, `inspection ${handle.workflowId}`, '4.3', () =>
          withRecordResync(temporal, handle, deps.log, () =>
            handle.executeUpdate(requestInspectionChanges, {
              args: [{ ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }), actor: actorArg(req) }],
            }),
          ),
        ),
      );
    },
  );
  r.post(
    '/contracts/:id/inspections/:period/remediation/:itemId/resolve',
    allow('vendor-engineer'),
    async (req, res) => {
      const { c, handle } = inspection(req);
      const body = parseBody(Resolve, req.body);
      auditAs(res, 'inspection.remediation-resolve', handle.workflowId, {
        itemId: req.params.itemId,
        ...(body.evidence ? { evidence: body.evidence.documentRef } : {}),
      });
      await checkCitations(pool, c, [
        { at: 'evidence', cite: body.evidence, kind: 'remediation-evidence', clause: '4.6' },
      ]);
      res.json(
        await onOpenCase(handle, `inspection ${handle.workflowId}`, '4.3', () =>
          withRecordResync(temporal, handle, deps.log, () =>
            handle.executeUpdate(resolveRemediation, {
              args: [
                {
                  ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }),
                  itemId: String(req.params.itemId),
                  actor: actorArg(req),
                },
              ],
            }),
          ),
        ),
      );
    },
  );

  // Stated times (issue 10): the other party contests, the hospital's approver decides.
  const PARTIES = allow('hospital-operator', 'hospital-approver', 'vendor-engineer');
  for (const [kind, def, guard] of [
    ['contest', contestTimeUpdate, PARTIES],
    ['contestDecision', decideContestUpdate, allow('hospital-approver')],
  ] as const) {
    const audit = kind === 'contest' ? 'contest' : 'contest-decision';
    const contest = (h: WorkflowHandle, what: string, clause: string, req: Request) =>
      onOpenCase(h, what, clause, () =>
        withRecordResync(temporal, h, deps.log, () =>
          h.executeUpdate(def as typeof contestTimeUpdate, {
            args: [{ ...toWorkflowArgs(req.body as Record<string, unknown>), actor: actorArg(req) } as never],
          }),
        ),
      );
    mount(r, contests.inspection[kind], guard, async (req, res) => {
      const { handle } = inspection(req);
      const body = contests.inspection[kind].body(req);
      auditAs(res, `inspection.${audit}`, handle.workflowId, { factSeq: body.factSeq });
      req.body = body;
      res.status(200).json(contestAnswer(await contest(handle, `inspection ${handle.workflowId}`, '4.3', req)));
    });
    mount(r, contests.care[kind], guard, async (req, res) => {
      const c = contractOf(req);
      const { year, quarter } = parsePeriodKey(String(req.params.period));
      const h = temporal.workflow.getHandle(`care:${c}:${year}Q${quarter}`);
      const body = contests.care[kind].body(req);
      auditAs(res, `care.${audit}`, h.workflowId, { factSeq: body.factSeq });
      req.body = body;
      res.status(200).json(contestAnswer(await contest(h, `customer care ${h.workflowId}`, '4.1', req)));
    });
    mount(r, contests.acceptance[kind], guard, async (req, res) => {
      const id = `acceptance:${contractOf(req)}:${yearOf(req)}`;
      const body = contests.acceptance[kind].body(req);
      auditAs(res, `acceptance.${audit}`, id, { factSeq: body.factSeq });
      req.body = body;
      res.status(200).json(contestAnswer(await contest(temporal.workflow.getHandle(id), id, '8', req)));
    });
  }

  r.get('/contracts/:id/care-logs', allow(...READ), async (req, res) => {
    res.json({ items: await q.listCareLogs(pool, contractOf(req)) });
  });
  r.get('/contracts/:id/care-periods', allow(...READ), async (req, res) => {
    res.json({ items: await closed(await q.listCarePeriods(pool, contractOf(req))) });
  });
  r.post('/contracts/:id/care-logs', allow('vendor-engineer'), async (req, res) => {
    const c = contractOf(req);
    const body = parseBody(CareLog, req.body);
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
    const time = careLogStated(
      terms,
      body.kind,
      actorArg(req),
      nowMs,
      body.occurredAt ? Date.parse(body.occurredAt) : undefined,
    );
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
        .getHandle(`care:${c}:${period.year}Q${period.quarter}`)
        .signal(careLogged)
        .catch(() => undefined);
    res.status(created ? 201 : 200).json(row);
  });

  r.get('/contracts/:id/acceptances', allow(...READ), async (req, res) => {
    res.json({ items: await closed(await q.listAcceptances(pool, contractOf(req))) });
  });
  r.get('/contracts/:id/acceptances/:year', allow(...READ), async (req, res) => {
    const c = contractOf(req);
    const year = yearOf(req);
    const row = await q.getAcceptance(pool, c, year);
    if (!row) throw notFound(`acceptance of year ${req.params.year} of contract ${c}`);
    res.json({ ...(await closed([row]))[0], record: (await q.acceptanceRecord(pool, c, year)) ?? null });
  });
  // A passed acceptance's workflow has completed, so an update would find no workflow (404):
  // the recorded state answers with the rule instead.
  const notPassed = async (c: string, year: number) => {
    if ((await q.getAcceptance(pool, c, year))?.status === 'passed')
      throw caseClosed(`acceptance of year ${year} of contract ${c}`, '8', 'passed (its record is final)');
  };
  r.post('/contracts/:id/acceptances/:year/submit', allow('vendor-engineer'), async (req, res) => {
    const id = `acceptance:${contractOf(req)}:${yearOf(req)}`;
    const body = parseBody(Submit, req.body);
    await notPassed(contractOf(req), yearOf(req));
    auditAs(res, 'acceptance.submit', id);
    const h = temporal.workflow.getHandle(id);
    res.json(
      await onOpenCase(h, id, '8', () =>
        withRecordResync(temporal, h, deps.log, () =>
          h.executeUpdate(submitAcceptance, {
            args: [{ ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }), actor: actorArg(req) }],
          }),
        ),
      ),
    );
  });
  r.post('/contracts/:id/acceptances/:year/decision', allow('hospital-approver'), async (req, res) => {
    const id = `acceptance:${contractOf(req)}:${yearOf(req)}`;
    const body = parseBody(Decide, req.body);
    await notPassed(contractOf(req), yearOf(req));
    auditAs(
      res,
      `acceptance.${body.outcome}`,
      id,
      body.outcome === 'fail'
        ? { reasons: body.reasons?.length ?? 0 }
        : { signedForms: (body.signedForms ?? []).map((f) => f.documentRef) },
    );
    await checkCitations(
      pool,
      contractOf(req),
      (body.signedForms ?? []).map((cite, i) => ({
        at: `signedForms.${i}`,
        cite,
        kind: 'acceptance-scan',
        clause: '8',
      })),
    );
    const h = temporal.workflow.getHandle(id);
    res.json(
      await onOpenCase(h, id, '8', () =>
        withRecordResync(temporal, h, deps.log, () =>
          h.executeUpdate(decideAcceptance, {
            args: [{ ...(toWorkflowArgs(body) as typeof body & { occurredAtMs?: number }), actor: actorArg(req) }],
          }),
        ),
      ),
    );
  });

  r.get('/contracts/:id/payments', allow(...READ), async (req, res) => {
    res.json({ items: await q.listPayments(pool, contractOf(req)) });
  });
  r.post('/payments/:id/paid', allow('finance'), async (req, res) => {
    const body = parseBody(Paid, req.body);
    const pay = await q.getPayment(pool, String(req.params.id));
    if (!pay) throw notFound(`payment ${req.params.id}`);
    assertContractAccess(actorOf(req), pay.contractId);
    auditAs(res, 'payment.paid', pay.id, { year: pay.year, amountFen: pay.amountFen });
    const done = await q.markPaymentPaid(pool, pay.id, actorOf(req).name, body.reference ?? null, new Date(deps.now()));
    if (!done) throw conflict('ALREADY_PAID', `payment ${pay.id} is already marked paid (clause 10)`, '10');
    res.json(done);
  });
  r.get('/contracts/:id/schedules', allow('admin', 'auditor'), async (req, res) => {
    res.json({ items: await listContractSchedules(temporal, contractOf(req)) });
  });
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
    basis: 'clause 10: the fee of year 1 is paid after signing',
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
