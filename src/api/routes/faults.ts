import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  affectsOperations,
  faultDeadlines,
  mergeTerms,
  type FaultDeadline,
  type FaultLevel,
  type TermsOverrides,
} from '../../domain';
import * as q from '../../db/queries/faults';
import { findTermsVersion } from '../../db/queries/contracts';
import { permittedFaultActions, permittedLedgerActions } from '../fault-permitted';
import { requestHash } from '../../services/contracts';
import { withClosures } from '../../services/case-closures';
import { checkDocumentRef } from '../../documents/refs';
import { FAULT_LIST_CSV, sendList } from '../../reports/list-export';
import { faultCaseStart } from '../../temporal/fault-start';
import { faultCaseWorkflow } from '../../workflows/fault-case';
import {
  EXCLUSION_CAUSES,
  FAULT_CHANNELS,
  faultUpdates,
  type ActionResult,
  type FaultAction,
  type FaultCaseInput,
} from '../../workflows/fault/messages';
import { actorOf, allow, assertContractAccess, canTouchContract } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, HttpError, notFound } from '../errors';
import { contractInstant, msToInstants } from '../instants';
import { declareRoute, mount } from '../route';
import type { DutyName } from '../../security/duties';
import { FaultActed, FaultCase, FaultCaseRow, FaultReported } from './fault-schemas';
import { withRecordResync } from '../record-resync';
import { idempotencyKeyOf, instantSchema, onOpenCase, parseBody } from '../validate';

// Fault cases (clause 4.9): intake, lifecycle actions (Temporal Updates of the case workflow,
// whose validators answer 403/409 with the rule), and reads from the PostgreSQL record.
const level = z.number().int().min(1).max(5);
const Report = z.strictObject({
  level,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  channel: z.enum(FAULT_CHANNELS),
  affectsOperations: z.boolean().default(false), // levels 1-2 always do (4.9.3)
  reporter: z.string().trim().min(1).max(100),
  reportedAt: instantSchema.optional(),
});
const note = z.string().max(2_000).optional();
// When the fact happened, stated by the caller (default now); the workflow checks its window (issue 10).
const occurredAt = instantSchema
  .optional()
  .describe("when it happened (default now); earlier than now is the caller's claim, contestable by the other party");
const reason = z.string().trim().min(1).max(2_000);
const ACTION_BODIES: Record<FaultAction, z.ZodType> = {
  respond: z.strictObject({
    engineer: z.string().trim().min(1).max(100),
    how: z.enum([...FAULT_CHANNELS, 'onsite']),
    note,
    occurredAt,
  }),
  investigate: z.strictObject({ note, occurredAt }),
  submitAnalysis: z.strictObject({
    reference: z.string().trim().min(1).max(500),
    checksum: z.string().regex(/^(sha256:)?[0-9a-fA-F]{8,128}$/, 'must be a hex digest, e.g. sha256:<hex>'),
    note,
    occurredAt,
  }),
  reviewAnalysis: z.strictObject({
    decision: z.enum(['accept', 'reject']),
    reason: reason.optional().describe('required when rejecting: the vendor resubmits (4.9.2)'),
  }),
  onsiteArrived: z.strictObject({ engineer: z.string().trim().min(1).max(100), note, occurredAt }),
  replacementProvided: z.strictObject({ description: z.string().trim().min(1).max(2_000), note, occurredAt }),
  resolve: z.strictObject({ summary: z.string().trim().min(1).max(5_000), occurredAt }),
  confirmFix: z.strictObject({ note, occurredAt }),
  reopen: z.strictObject({ reason, occurredAt }),
  regrade: z.strictObject({ level, reason, occurredAt }),
  claimExclusion: z.strictObject({
    cause: z.enum(EXCLUSION_CAUSES),
    evidence: z.array(z.string().trim().min(1).max(2_000)).min(1).max(50),
    explanation: z.string().trim().min(1).max(5_000),
    occurredAt,
  }),
  decideExclusion: z.strictObject({ decision: z.enum(['accept', 'reject']), reason, occurredAt }),
  contestTime: z.strictObject({
    factSeq: z.number().int().min(1),
    reason,
    proposedAt: instantSchema
      .optional()
      .describe('when the contesting party says it happened (default: when it was recorded)'),
  }),
  decideContest: z.strictObject({
    factSeq: z.number().int().min(1),
    decision: z.enum(['stated', 'contested']),
    reason,
  }),
};
/**
 * ISO instants of the body become epoch ms for the workflow (its payloads carry ms), with the
 * instant the API received the request: an action is judged by when it was sent, not by when a
 * busy or stopped worker gets to it (issue 10).
 */
function toWorkflowArgs(body: Record<string, unknown>, receivedAtMs: number): Record<string, unknown> {
  const { occurredAt: o, proposedAt: p, ...rest } = body;
  return {
    ...rest,
    receivedAtMs,
    ...(typeof o === 'string' ? { occurredAtMs: Date.parse(o) } : {}),
    ...(typeof p === 'string' ? { proposedAtMs: Date.parse(p) } : {}),
  };
}
// URL segment -> update name.
export const ACTION_PATHS: Record<string, FaultAction> = {
  respond: 'respond',
  investigate: 'investigate',
  analysis: 'submitAnalysis',
  'analysis-review': 'reviewAnalysis',
  onsite: 'onsiteArrived',
  replacement: 'replacementProvided',
  resolve: 'resolve',
  confirm: 'confirmFix',
  reopen: 'reopen',
  regrade: 'regrade',
  exclusion: 'claimExclusion',
  'exclusion-decision': 'decideExclusion',
  contest: 'contestTime',
  'contest-decision': 'decideContest',
};
const ListQuery = z.strictObject({
  status: z.enum(['reported', 'responded', 'investigating', 'resolved', 'closed']).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  contractId: z.string().max(64).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const CaseParams = z.object({ caseId: z.string().describe('fault:<contractId>:<caseNo>') });
const routes = {
  report: declareRoute({
    method: 'post',
    path: '/contracts/{contractId}/faults',
    duty: 'report',
    summary:
      'Report a fault (hospital-operator, or vendor-service-desk for a fault phoned in, 4.8); Idempotency-Key makes retries return the same case (4.9)',
    params: z.object({ contractId: z.string() }),
    body: Report,
    responses: {
      201: { description: 'case id and every deadline with its clause', schema: FaultReported },
      200: { description: 'the case of this Idempotency-Key, reported before', schema: FaultReported },
    },
  }),
  list: declareRoute({
    method: 'get',
    path: '/faults',
    duty: 'read',
    summary: 'List fault cases (filters: status, level, breached, contractId, from/to on reportedAt)',
    query: ListQuery,
    responses: { 200: { description: 'cases', schema: z.object({ items: z.array(FaultCaseRow) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/faults/{caseId}',
    duty: 'read',
    summary: 'One fault case with timeline, deadlines and ledger penalties',
    params: CaseParams,
    responses: { 200: { description: 'case', schema: FaultCase } },
  }),
};
// The duty of each action (src/security/duties.ts): the vendor's service, the hospital's confirmation, contests, decisions.
const ACTION_DUTIES: Record<FaultAction, DutyName> = {
  respond: 'serve',
  investigate: 'serve',
  submitAnalysis: 'serve',
  reviewAnalysis: 'confirm',
  onsiteArrived: 'serve',
  replacementProvided: 'serve',
  resolve: 'serve',
  confirmFix: 'confirm',
  reopen: 'confirm',
  regrade: 'confirm',
  claimExclusion: 'contest',
  decideExclusion: 'decide',
  contestTime: 'contestTime',
  decideContest: 'decide',
};
const actionRoutes = Object.entries(ACTION_PATHS).map(([segment, action]) =>
  declareRoute({
    method: 'post',
    path: `/faults/{caseId}/${segment}`,
    duty: ACTION_DUTIES[action],
    summary: `Fault case action ${action} (4.9); 409 names the rule, 403 the role`,
    params: CaseParams,
    body: ACTION_BODIES[action],
    responses: { 200: { description: 'case status and deadlines after the action', schema: FaultActed } },
  }),
);

/** fault:<contractId>:<caseNo> -> contractId (contract ids have no colon). */
function contractOf(caseId: string): string {
  const m = /^fault:([A-Za-z0-9_.-]{1,64}):(\d+)$/.exec(caseId);
  if (!m) throw notFound(`fault case ${caseId}`);
  return m[1]!;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A report stated this close after now is clock skew, not the future (terms statedTimes.toleranceSeconds default). */
const STATED_TOLERANCE_MS = 120_000;

export function faultsRouter(deps: ApiDeps): Router {
  const { pool, temporal, config } = deps;
  const r = Router();

  mount(r, routes.report, allow('hospital-operator', 'vendor-service-desk'), async (req, res) => {
    const actor = actorOf(req);
    const contractId = String(req.params.contractId);
    assertContractAccess(actor, contractId);
    const body = parseBody(Report, req.body);
    const key = idempotencyKeyOf(req);
    const nowMs = deps.now();
    const statedMs = body.reportedAt ? Date.parse(body.reportedAt) : nowMs;
    if (statedMs > nowMs + STATED_TOLERANCE_MS)
      throw new HttpError(400, 'INVALID_INPUT', 'reportedAt: a fault cannot be reported in the future', {
        field: 'reportedAt',
        clause: '4.9.4',
      });
    const reportedAtMs = Math.min(statedMs, nowMs);
    const hash = requestHash({ ...body, reportedAtMs: body.reportedAt ? reportedAtMs : undefined });
    const lvl = body.level as FaultLevel;

    const intake = await intakeOnce(true);
    async function intakeOnce(mayRetry: boolean): Promise<{
      caseId: string;
      caseNo: number;
      created: boolean;
      reportedAtMs: number;
      version: number;
      terms: unknown;
      deadlines: FaultDeadline[];
    }> {
      let r: q.IntakeResult | undefined;
      try {
        r = await q.intake(pool, {
          contractId,
          atMs: reportedAtMs,
          nowMs,
          idempotencyKey: key,
          requestHash: hash,
          createdBy: actor.name,
          level: lvl,
          title: body.title,
          channel: body.channel,
          affectsOperations: affectsOperations(lvl, body.affectsOperations),
          reporter: body.reporter,
          description: body.description,
          createdByRole: actor.role,
        });
      } catch (e) {
        // The same Idempotency-Key raced in concurrently: the other request created the case.
        if (mayRetry && key && (e as { code?: string }).code === '23505') return intakeOnce(false);
        throw e;
      }
      if (!r) throw notFound(`contract ${contractId}`);
      const { seen, created } = r;
      if (seen && seen.requestHash !== hash)
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different fault report');
      if (r.version === null)
        throw conflict('BEFORE_CONTRACT_TERM', 'reportedAt is before the contract was signed', '3');
      if (!seen && r.status !== 'active')
        throw conflict('CONTRACT_ENDED', `contract ${contractId} has ended; no fault can be reported on it`, '3');
      if (!seen && !created && !r.withinBackdateWindow) {
        throw conflict(
          'BACKDATE_WINDOW',
          `reportedAt: a fault may be reported at most ${r.backdateHours} h back (terms statedTimes.backdateHours.report)`,
          '4.9.3',
        );
      }
      // A retry answers with the first report's instant (reportedAt may have defaulted to "now").
      const atMs = seen ? new Date(seen.reportedAt).getTime() : reportedAtMs;
      // Stored terms were validated when written (terms-schema.ts).
      const deadlines = faultDeadlines(atMs, lvl, body.affectsOperations, mergeTerms(r.terms as TermsOverrides));
      const made = seen ?? created;
      if (!made) throw new Error(`fault intake on active contract ${contractId} wrote no case`); // the statement's own invariant
      return {
        caseId: made.caseId,
        caseNo: made.caseNo,
        created: !seen,
        reportedAtMs: atMs,
        version: r.version,
        terms: r.terms,
        deadlines,
      };
    }

    // Deterministic workflow id: a retry after a crash between commit and start starts it now; a
    // second start of the same id is WorkflowExecutionAlreadyStarted, which is success here.
    const input: FaultCaseInput = {
      caseId: intake.caseId,
      contractId,
      caseNo: intake.caseNo,
      level: lvl,
      title: body.title,
      description: body.description,
      channel: body.channel,
      affectsOperations: affectsOperations(lvl, body.affectsOperations),
      reporter: body.reporter,
      reportedAtMs: intake.reportedAtMs,
      recordedAtMs: nowMs,
      reportedBy: { name: actor.name, role: actor.role },
      // A retry's context was read at its own instant, not the first report's: that case loads its terms itself.
      ...(intake.created ? { intake: { termsVersion: intake.version, terms: intake.terms } } : {}),
    };
    try {
      await temporal.workflow.start(
        faultCaseWorkflow,
        faultCaseStart(input, intake.deadlines, config.TEMPORAL_TASK_QUEUE),
      );
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    auditAs(res, 'fault.report', intake.caseId, { level: lvl, created: intake.created });
    routes.report.send(res, intake.created ? 201 : 200, {
      caseId: intake.caseId,
      contractId,
      caseNo: intake.caseNo,
      level: lvl,
      reportedAt: iso(intake.reportedAtMs),
      termsVersion: intake.version,
      created: intake.created,
      deadlines: intake.deadlines.map((d) => ({
        kind: d.kind,
        dueAt: iso(d.dueMs),
        clause: d.clause,
        warnAt: d.warnAtMs.map(iso),
        ...(d.reading ? { reading: d.reading } : {}),
      })),
    });
  });

  const act =
    (action: FaultAction): RequestHandler =>
    async (req, res) => {
      const actor = actorOf(req);
      const caseId = String(req.params.caseId);
      assertContractAccess(actor, contractOf(caseId));
      auditAs(res, `fault.${action}`, caseId);
      const receivedAtMs = deps.now();
      const body = parseBody(ACTION_BODIES[action], req.body) as Record<string, unknown>;
      if (action === 'submitAnalysis') {
        // a doc_…@N reference must be a stored fault analysis of this contract with that hash (4.9.2)
        await checkDocumentRef(pool, {
          contractId: contractOf(caseId),
          documentRef: String(body.reference),
          sha256: String(body.checksum),
          kind: 'fault-analysis',
          clause: '4.9.2',
          field: 'reference',
        });
      }
      const handle = temporal.workflow.getHandle(caseId);
      // A finished workflow accepts no update: the case is closed for good (409, not "not found").
      const acted: ActionResult = await onOpenCase(
        handle,
        `fault case ${caseId} (open a new case for a new fault)`,
        '4.9.2',
        () =>
          withRecordResync(temporal, handle, deps.log, () =>
            handle.executeUpdate(faultUpdates[action] as never, {
              args: [{ actor: { name: actor.name, role: actor.role }, ...toWorkflowArgs(body, receivedAtMs) }] as never,
            }),
          ),
        async () => (await q.getCase(pool, caseId)) !== null,
      );
      // The workflow's answer carries epoch ms; the client gets instants (+08:00).
      res.status(200).json({
        ...acted,
        deadlines: msToInstants(acted.deadlines),
        fact: {
          ...(msToInstants(acted.fact) as object),
          occurredAt: contractInstant(acted.fact.occurredAt),
          recordedAt: contractInstant(acted.fact.recordedAt),
        },
      });
    };
  for (const route of actionRoutes) mount(r, route, act(ACTION_PATHS[route.key.split('/').pop()!]!));

  mount(r, routes.list, async (req, res) => {
    const actor = actorOf(req);
    const f = routes.list.query(req);
    if (f.contractId && !canTouchContract(actor, f.contractId))
      throw forbidden(`this key may not touch contract ${f.contractId}`);
    const items = await q.listCases(pool, {
      contracts: actor.contracts.includes('*') ? '*' : actor.contracts,
      contractId: f.contractId,
      status: f.status,
      level: f.level,
      breached: f.breached,
      from: f.from ? new Date(f.from) : undefined,
      to: f.to ? new Date(f.to) : undefined,
      limit: f.limit,
      offset: f.offset,
    });
    sendList(req, res, await withClosures(pool, items, (c) => String(c.caseId)), FAULT_LIST_CSV); // JSON, or CSV on Accept: text/csv
  });

  mount(r, routes.one, async (req, res) => {
    const caseId = String(req.params.caseId);
    assertContractAccess(actorOf(req), contractOf(caseId));
    const found = await q.getCase(pool, caseId);
    if (!found) throw notFound(`fault case ${caseId}`);
    const [[row], timeline, ledger, terms] = await Promise.all([
      withClosures(pool, [found], () => caseId),
      q.caseTimeline(pool, caseId),
      q.casePenalties(pool, caseId),
      findTermsVersion(pool, contractOf(caseId), Number(found.termsVersion ?? 1)),
    ]);
    // What this caller may do now (the console shows these and nothing else): src/api/fault-permitted.ts.
    const closed = Boolean((row as { closure?: unknown }).closure);
    const permittedActions = closed
      ? []
      : permittedFaultActions(actorOf(req), found as never, timeline as never, terms?.terms, ACTION_PATHS, deps.now());
    const withActions = ledger.map((e) => ({
      ...e,
      permittedActions: permittedLedgerActions(actorOf(req), e as { id: string; status: string }),
    }));
    // deadlines, exclusions and penalties are the workflow's projection (epoch ms), and fact
    // details carry ms too (a breach's dueMs): every instant of the answer at +08:00.
    const { deadlines, exclusions, penalties, ...rest } = row!;
    const instants = msToInstants({ deadlines, exclusions, penalties, timeline }) as object;
    res.status(200).json({ ...rest, ...instants, ledger: withActions, permittedActions });
  });

  return r;
}
