// Signing obligations over HTTP (issue 6): the 6.3 rectification plan and go-live, the
// 4.10/6.6 dongle removal and the hospital's MAC/IP/network/server change notices. Decisions
// go to the contract's workflow as updates, whose validators repeat the role and state rules.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ContractSummary } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { withRecordResync } from '../record-resync';
import { documentRoute } from '../openapi';
import { dateSchema, idempotencyKeyOf, idFromKey, instantSchema, onOpenCase, parseBody, parseQuery } from '../validate';
import { findContract, listTermsVersions } from '../../db/queries/contracts';
import {
  getObligationRecord,
  insertHospitalChange,
  listHospitalChanges,
  listObligationRecords,
  listStaffChangeRequests,
  openObligationIds,
  type ObligationRecordRow,
} from '../../db/queries/obligations';
import { isLateNotice } from '../../domain/obligations';
import { SA } from '../../temporal/search-attributes';
import {
  contestTimeUpdate,
  decideContestUpdate,
  dongleWorkflow,
  goLiveWorkflow,
  rectificationWorkflow,
  confirmItemDoneUpdate,
  contextChangedSignal,
  declareRemovedUpdate,
  goLiveDateAmendedSignal,
  obligationContractEndedSignal,
  decideExtensionUpdate,
  dongleStateQuery,
  pricePlanBreachUpdate,
  recordGoLiveUpdate,
  reportItemDoneUpdate,
  reportRestrictionUpdate,
  requestExtensionUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
  verifyRemovalUpdate,
  type ContextChange,
  type OnboardedFacts,
} from '../../workflows/obligations';

const date = dateSchema;
const instant = instantSchema;
const text = (max = 2000) => z.string().trim().min(1).max(max);
const itemId = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
const Item = z.strictObject({
  itemId,
  description: text(),
  dueDate: date.optional(),
  exemption: z.strictObject({ explanation: text(5000) }).optional(),
});
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
const Revise = z.strictObject({
  description: text(),
  dueDate: date.optional(),
  exemption: z.strictObject({ explanation: text(5000) }).optional(),
});
const Confirm = z.strictObject({ confirmed: z.boolean(), note: z.string().max(2000).optional() });
const Price = z.strictObject({
  ratePercent: z.string().regex(/^\d+(\.\d+)?$/, 'must be a percent as a decimal string, e.g. "0.05"'),
});
const Extension = z.strictObject({ newDate: date, reason: text() });
const Decision = z.strictObject({ approved: z.boolean(), note: z.string().max(2000).optional() });
const Empty = z.strictObject({});
const Declaration = z.strictObject({
  removed: z
    .array(z.strictObject({ kind: z.enum(['dongle', 'encryption', 'time-lock', 'licence-code']), description: text() }))
    .max(200),
  statement: text(5000),
});
const Verification = z.strictObject({
  accepted: z.boolean(),
  note: z.string().max(2000).optional(),
  relatedChangeId: z.string().min(1).max(80).optional(),
});
const Finding = z.strictObject({
  findingId: itemId.optional(),
  description: text(5000),
  relatedChangeId: z.string().min(1).max(80).optional(),
});
const ListQuery = z.strictObject({
  kind: z.enum(['rectification', 'golive', 'dongle', 'staff', 'service']).optional(),
  status: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  awaiting: z.enum(['vendor', 'hospital', 'none']).optional(),
  breached: z.enum(['true', 'false']).optional(),
  contractId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
// When the fact happened, stated by the caller (default now); the workflow checks its kind's back-dating window (issue 10).
export const occurredAt = instant
  .optional()
  .describe("when it happened (default now); earlier than now is the caller's claim, contestable by the other party");
const reason = text();
export const Contest = z.strictObject({
  factSeq: z.number().int().min(1),
  reason,
  proposedAt: instant.optional().describe('when the contesting party says it happened (default: when it was recorded)'),
});
export const ContestDecision = z.strictObject({
  factSeq: z.number().int().min(1),
  decision: z.enum(['stated', 'contested']),
  reason,
});
/** ISO instants of the body become epoch ms for the workflow (its payloads carry ms). */
export function toWorkflowArgs(body: Record<string, unknown>): Record<string, unknown> {
  const { occurredAt: o, proposedAt: p, ...rest } = body;
  return {
    ...rest,
    ...(typeof o === 'string' ? { occurredAtMs: Date.parse(o) } : {}),
    ...(typeof p === 'string' ? { proposedAtMs: Date.parse(p) } : {}),
  };
}
/** Every action's body may state when its fact happened. */
export const withOccurredAt = (schema: z.ZodTypeAny): z.ZodTypeAny =>
  schema instanceof z.ZodObject ? schema.extend({ occurredAt }) : schema;
const HospitalChange = z.strictObject({
  kind: z.enum(['mac', 'ip', 'network', 'server']),
  description: text(),
  changedAt: instant,
  notifiedAt: instant,
});

documentRoute(
  '/contracts/{id}/obligations',
  'get',
  'Signing obligations of a contract: rectification plan, go-live, dongle removal (4.10, 6.3, 6.6)',
);
documentRoute(
  '/obligations',
  'get',
  "Obligation cases (rectification, golive, dongle, staff) across the caller's contracts, from visibility; filters kind, status, awaiting, breached",
);
documentRoute(
  '/contracts/{id}/obligations/start',
  'post',
  'Admin: (re)start the signing obligations of a contract; already running is success',
);
documentRoute(
  '/contracts/{id}/rectification',
  'get',
  'The 6.3 check, problems and rectification plan with running late figures',
);
documentRoute(
  '/contracts/{id}/rectification/plan',
  'post',
  'Vendor delivers the system check, problems and plan within 7 working days (6.3)',
  Plan,
);
documentRoute('/contracts/{id}/rectification/review', 'post', 'Hospital accepts or rejects plan items (6.3)', Review);
documentRoute('/contracts/{id}/rectification/items/{itemId}/revise', 'post', 'Vendor revises a rejected item', Revise);
documentRoute('/contracts/{id}/rectification/items/{itemId}/done', 'post', 'Vendor reports an item done');
documentRoute(
  '/contracts/{id}/rectification/items/{itemId}/confirm',
  'post',
  'Hospital confirms or refuses an item reported done; a late item is charged 0.3% per day (6.3)',
  Confirm,
);
documentRoute(
  '/contracts/{id}/rectification/plan-breach/price',
  'post',
  'Approver prices a late plan under 6.5 (0.01%-0.1%)',
  Price,
);
documentRoute('/contracts/{id}/go-live', 'get', 'The 6.3 go-live deadline, extension and accrued deductions');
documentRoute(
  '/contracts/{id}/go-live/extension',
  'post',
  'Vendor requests the one written extension of at most one month (6.3)',
  Extension,
);
documentRoute(
  '/contracts/{id}/go-live/extension/decision',
  'post',
  'Hospital approver approves or refuses the extension',
  Decision,
);
documentRoute('/contracts/{id}/go-live/live', 'post', 'Hospital records that the system is live');
documentRoute(
  '/contracts/{id}/dongle',
  'get',
  'The 4.10 removal of dongles, time locks and licence codes, and 6.6 findings',
);
documentRoute(
  '/contracts/{id}/dongle/declaration',
  'post',
  'Vendor declares every restriction removed (4.10)',
  Declaration,
);
documentRoute(
  '/contracts/{id}/dongle/verification',
  'post',
  'Hospital verifies the declaration; a rejection is a 6.6 finding',
  Verification,
);
documentRoute(
  '/contracts/{id}/dongle/findings',
  'post',
  'Hospital reports a restriction found later (6.6); cite a recorded change for the exception',
  Finding,
);
/** The contest and contest-decision routes of each family that takes stated times (issue 10), documented once. */
export function documentContestRoutes(paths: string[]): void {
  for (const path of paths) {
    documentRoute(
      `/contracts/{id}/${path}/contest`,
      'post',
      'The other party contests a time stated for an earlier instant, within statedTimes.contestHours (issue 10)',
      Contest,
    );
    documentRoute(
      `/contracts/{id}/${path}/contest-decision`,
      'post',
      'Hospital approver decides a contested time (stated or contested); the deadline is judged on the decided time (clause 6)',
      ContestDecision,
    );
  }
}
documentContestRoutes(['rectification', 'go-live', 'dongle']);
documentRoute(
  '/contracts/{id}/hospital-changes',
  'post',
  'Hospital records a MAC/IP/network/server change and when the vendor was told (6.6 exception)',
  HospitalChange,
);
documentRoute(
  '/contracts/{id}/hospital-changes',
  'get',
  'Recorded hospital changes with whether the notice was under a week',
);

const CLAUSE_OF: Record<string, string> = { rectification: '6.3', golive: '6.3', dongle: '4.10' };
const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;
const HOSPITAL = ['hospital-operator', 'hospital-approver'] as const;

export function contractOf(req: Request): string {
  const id = String(req.params.id);
  assertContractAccess(actorOf(req), id);
  return id;
}
export const actorArg = (req: Request) => ({ name: actorOf(req).name, role: actorOf(req).role });

/** Starts a workflow (by its function, typed arguments) with a fixed business id; one already started (or finished) is success. */
export async function startOnce<W extends (...a: never[]) => Promise<unknown>>(
  deps: ApiDeps,
  workflow: W,
  workflowId: string,
  kind: string,
  contractId: string,
  args: Parameters<W>,
): Promise<boolean> {
  try {
    await deps.temporal.workflow.start(workflow as never, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: SA.contractId, value: contractId },
        { key: SA.kind, value: kind },
        { key: SA.awaiting, value: 'vendor' },
        { key: SA.breached, value: false },
      ],
    });
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}

/** The contract hook: the obligations that start at signing (4.10, 6.3), with fixed ids. */
export async function startSigningObligations(
  deps: ApiDeps,
  c: Pick<ContractSummary, 'id' | 'signedAt' | 'goLiveDate'>,
  onboarded?: OnboardedFacts,
): Promise<void> {
  const past = onboarded ? { onboarded } : {};
  await startOnce(deps, rectificationWorkflow, `rectification:${c.id}`, 'rectification', c.id, [
    { contractId: c.id, signedAt: c.signedAt, ...past },
  ]);
  await startOnce(deps, dongleWorkflow, `dongle:${c.id}`, 'dongle', c.id, [
    { contractId: c.id, signedAt: c.signedAt, ...past },
  ]);
  if (c.goLiveDate)
    await startOnce(deps, goLiveWorkflow, `golive:${c.id}`, 'golive', c.id, [
      { contractId: c.id, signedAt: c.signedAt, goLiveDate: c.goLiveDate, ...past },
    ]);
}

/** Signals a workflow; false when it does not exist or has already closed. */
async function signalIfRunning(
  deps: ApiDeps,
  workflowId: string,
  fn: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>,
): Promise<boolean> {
  try {
    await fn(deps.temporal.workflow.getHandle(workflowId));
    return true;
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  }
}

/**
 * The contract hook at the end of the contract (clause 3): every running obligation of the
 * contract records the end and completes with its final state (dues up to the end are charged
 * first); pending staff changes close without effect. Signals are idempotent in the workflows.
 */
export async function endObligations(deps: ApiDeps, c: Pick<ContractSummary, 'id'>): Promise<void> {
  const row = await findContract(deps.pool, c.id);
  const ended = {
    endedAt: row?.endedAt ?? new Date(deps.now()).toISOString(),
    reason: row?.endReason ?? 'contract ended',
  };
  const ids = [
    `rectification:${c.id}`,
    `dongle:${c.id}`,
    `golive:${c.id}`,
    ...(await listStaffChangeRequests(deps.pool, c.id, true)).map((r) => r.workflowId),
    ...(await openObligationIds(deps.pool, c.id, ['service'])), // issue 18: open service requests close at the end
  ];
  for (const id of ids) await signalIfRunning(deps, id, (h) => h.signal(obligationContractEndedSignal, ended));
}

/**
 * The contract hook after an amendment: the go-live date of the latest terms version goes to
 * the running go-live workflow (which recomputes its deadline and records the change); a date
 * added where no go-live workflow ever ran starts one.
 */
export async function amendObligations(deps: ApiDeps, c: Pick<ContractSummary, 'id' | 'signedAt'>): Promise<void> {
  const latest = (await listTermsVersions(deps.pool, c.id)).at(-1);
  if (!latest) return;
  await contextChanged(deps, c.id, { what: 'terms', ref: `terms version ${latest.version}`, by: 'system:amendment' });
  const goLiveDate = latest.terms.goLive.date ?? null;
  const sent = await signalIfRunning(deps, `golive:${c.id}`, (h) =>
    h.signal(goLiveDateAmendedSignal, { goLiveDate, termsVersion: latest.version }),
  );
  if (!sent && goLiveDate)
    await startOnce(deps, goLiveWorkflow, `golive:${c.id}`, 'golive', c.id, [
      { contractId: c.id, signedAt: c.signedAt, goLiveDate },
    ]);
}

/**
 * Issue 10 item 7: a calendar load or a terms amendment reaches every running obligation it may
 * move at once (rectification plan, dongle removal, staff notice: the working-day deadlines),
 * each recording it as a fact. A workflow closed meanwhile is skipped.
 */
export async function contextChanged(deps: ApiDeps, contractId: string | null, change: ContextChange): Promise<number> {
  let n = 0;
  for (const id of await openObligationIds(deps.pool, contractId, ['rectification', 'dongle', 'staff'])) {
    if (await signalIfRunning(deps, id, (h) => h.signal(contextChangedSignal, change))) n += 1;
  }
  return n;
}

/**
 * An obligation as its record holds it: the workflow's state (facts with their times, deadlines,
 * penalties) and where the record stands, including a close made outside the API (item 8).
 */
export function recordView(o: ObligationRecordRow): Record<string, unknown> {
  return {
    ...(o.state as Record<string, unknown>),
    record: {
      status: o.status,
      awaiting: o.awaiting,
      breached: o.breached,
      nextDeadlineAt: o.nextDeadlineAt,
      version: o.version,
      updatedAt: o.updatedAt,
      closed: o.closedAt ? { at: o.closedAt, how: o.closedHow } : null,
    },
  };
}

export function obligationsRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const wf = (kind: 'rectification' | 'golive' | 'dongle', req: Request) =>
    temporal.workflow.getHandle(`${kind}:${contractOf(req)}`);
  const update = (
    kind: 'rectification' | 'golive' | 'dongle',
    action: string,
    schema: z.ZodTypeAny,
    def: unknown,
    roles: readonly (typeof READ)[number][],
    build?: (req: Request, body: Record<string, unknown>) => Record<string, unknown>,
  ) => {
    r.post(pathOf(kind, action), allow(...roles), async (req, res) => {
      const handle = wf(kind, req);
      const { occurredAt: at, ...body } = parseBody(withOccurredAt(schema), req.body) as Record<string, unknown>;
      const args = {
        ...(build ? build(req, body) : body),
        ...toWorkflowArgs({ occurredAt: at }),
        actor: actorArg(req),
      };
      auditAs(res, `${kind}.${action.replace(/\/:itemId|\//g, (m) => (m === '/' ? '.' : ''))}`, handle.workflowId, {
        ...(req.params.itemId ? { itemId: req.params.itemId } : {}),
      });
      res.json(
        await withRecordResync(temporal, handle, deps.log, () =>
          handle.executeUpdate(def as never, { args: [args] as never }),
        ).catch((e: unknown) => closedOr(e, handle)),
      );
    });
  };
  /** An update to a finished obligation is a 409, not a 404: the obligation exists and is closed. */
  const closedOr = (e: unknown, handle: ReturnType<typeof wf>): Promise<never> =>
    onOpenCase(
      handle,
      handle.workflowId,
      CLAUSE_OF[handle.workflowId.split(':')[0]!]!,
      () => Promise.reject(e),
      async () => (await getObligationRecord(pool, handle.workflowId)) !== null,
    );

  // Reads come from the PostgreSQL record (issue 10 item 6), never from Temporal, whose
  // retention forgets a closed workflow.
  r.get('/obligations', allow(...READ), async (req, res) => {
    const q = parseQuery(ListQuery, req.query);
    const actor = actorOf(req);
    if (q.contractId) assertContractAccess(actor, q.contractId);
    const rows = await listObligationRecords(pool, {
      contracts: q.contractId ? [q.contractId] : actor.contracts.includes('*') ? null : actor.contracts,
      kind: q.kind,
      status: q.status,
      awaiting: q.awaiting,
      breached: q.breached === undefined ? undefined : q.breached === 'true',
      limit: q.limit,
    });
    res.json({
      items: rows.map((o) => ({
        workflowId: o.workflowId,
        contractId: o.contractId,
        kind: o.kind,
        status: o.status,
        awaiting: o.awaiting,
        breached: o.breached,
        nextDeadline: o.nextDeadlineAt,
        running: o.closedAt === null,
        closedAt: o.closedAt,
        closedHow: o.closedHow,
        updatedAt: o.updatedAt,
      })),
    });
  });
  r.get('/contracts/:id/obligations', allow(...READ), async (req, res) => {
    const c = contractOf(req);
    const get = async (id: string) => {
      const o = await getObligationRecord(pool, id);
      return o ? recordView(o) : null;
    };
    const [rectification, goLive, dongle] = await Promise.all([
      get(`rectification:${c}`),
      get(`golive:${c}`),
      get(`dongle:${c}`),
    ]);
    res.json({ contractId: c, rectification, goLive, dongle });
  });
  r.post('/contracts/:id/obligations/start', allow('admin'), async (req, res) => {
    const contract = await findContract(pool, contractOf(req));
    if (!contract) throw notFound(`contract ${req.params.id}`);
    auditAs(res, 'obligations.start', contract.id);
    await startSigningObligations(deps, contract);
    res.json({ started: true });
  });
  for (const [kind, path] of [
    ['rectification', 'rectification'],
    ['golive', 'go-live'],
    ['dongle', 'dongle'],
  ] as const) {
    r.get(`/contracts/:id/${path}`, allow(...READ), async (req, res) => {
      const o = await getObligationRecord(pool, `${kind}:${contractOf(req)}`);
      if (!o) throw notFound(`${path} obligation of contract ${req.params.id}`);
      res.json(recordView(o));
    });
  }

  update('rectification', 'plan', Plan, submitPlanUpdate, ['vendor-engineer']);
  update('rectification', 'review', Review, reviewItemsUpdate, HOSPITAL);
  update('rectification', 'items/:itemId/revise', Revise, reviseItemUpdate, ['vendor-engineer'], (req, body) => ({
    item: { itemId: String(req.params.itemId), ...body },
  }));
  update('rectification', 'items/:itemId/done', Empty, reportItemDoneUpdate, ['vendor-engineer'], (req) => ({
    itemId: String(req.params.itemId),
  }));
  update('rectification', 'items/:itemId/confirm', Confirm, confirmItemDoneUpdate, HOSPITAL, (req, body) => ({
    ...body,
    itemId: String(req.params.itemId),
  }));
  update('rectification', 'plan-breach/price', Price, pricePlanBreachUpdate, ['hospital-approver']);
  update('golive', 'extension', Extension, requestExtensionUpdate, ['vendor-engineer']);
  update('golive', 'extension/decision', Decision, decideExtensionUpdate, ['hospital-approver']);
  update('golive', 'live', Empty, recordGoLiveUpdate, HOSPITAL);
  update('dongle', 'declaration', Declaration, declareRemovedUpdate, ['vendor-engineer']);
  // Stated times of every obligation (issue 10): either party contests, the approver decides.
  const PARTIES = ['hospital-operator', 'hospital-approver', 'vendor-engineer'] as const;
  for (const kind of ['rectification', 'golive', 'dongle'] as const) {
    update(kind, 'contest', Contest, contestTimeUpdate, PARTIES, (_req, body) => toWorkflowArgs(body));
    update(kind, 'contest-decision', ContestDecision, decideContestUpdate, ['hospital-approver']);
  }
  update('dongle', 'verification', Verification, verifyRemovalUpdate, HOSPITAL);
  r.post('/contracts/:id/dongle/findings', allow(...HOSPITAL), async (req, res) => {
    const handle = wf('dongle', req);
    const body = parseBody(withOccurredAt(Finding), req.body) as z.infer<typeof Finding> & { occurredAt?: string };
    const findingId = body.findingId ?? idFromKey(idempotencyKeyOf(req)) ?? `f-${randomUUID().slice(0, 8)}`;
    auditAs(res, 'dongle.findings', handle.workflowId, { findingId, relatedChangeId: body.relatedChangeId });
    try {
      res.json(
        await withRecordResync(temporal, handle, deps.log, () =>
          handle.executeUpdate(reportRestrictionUpdate, {
            args: [{ ...toWorkflowArgs(body), description: body.description, findingId, actor: actorArg(req) }],
          }),
        ),
      );
    } catch (e) {
      // A retried request (same Idempotency-Key or findingId) returns the recorded finding.
      const same =
        e instanceof WorkflowUpdateFailedError &&
        (e.cause as { details?: { code?: string }[] } | undefined)?.details?.[0]?.code === 'FINDING_EXISTS';
      if (!same) await closedOr(e, handle);
      res.json(await handle.query(dongleStateQuery));
    }
  });

  r.post('/contracts/:id/hospital-changes', allow(...HOSPITAL), async (req, res) => {
    const c = contractOf(req);
    const body = parseBody(HospitalChange, req.body);
    const key = idempotencyKeyOf(req);
    if (!(await findContract(pool, c))) throw notFound(`contract ${c}`);
    const row = await insertHospitalChange(pool, {
      id: `hc-${randomUUID().slice(0, 12)}`,
      contractId: c,
      ...body,
      changedAt: new Date(body.changedAt).toISOString(),
      notifiedAt: new Date(body.notifiedAt).toISOString(),
      recordedBy: actorOf(req).name,
      idempotencyKey: key ? `${c}:${key}` : null,
    });
    auditAs(res, 'hospital-change.record', row.changeId, { kind: row.kind, lateNotice: isLateNotice(row) });
    res.status(201).json({ ...row, lateNotice: isLateNotice(row) });
  });
  r.get('/contracts/:id/hospital-changes', allow(...READ), async (req, res) => {
    res.json({
      items: (await listHospitalChanges(pool, contractOf(req))).map((c) => ({ ...c, lateNotice: isLateNotice(c) })),
    });
  });
  return r;
}

function pathOf(kind: string, action: string): string {
  return `/contracts/:id/${kind === 'golive' ? 'go-live' : kind}/${action}`;
}
