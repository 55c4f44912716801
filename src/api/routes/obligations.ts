// Signing obligations over HTTP (issue 6): the 6.3 rectification plan (rectification.ts) and
// go-live (go-live.ts), the 4.10/6.6 dongle removal and the hospital's change notices
// (dongle.ts). Here: the list across contracts, a contract's overview, the admin's (re)start,
// and the contract hooks that start, amend and end the obligations.
import { Router } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ContractSummary } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { findContract, listTermsVersions } from '../../db/queries/contracts';
import {
  getObligationRecord,
  listObligationRecords,
  listStaffChangeRequests,
  openObligationIds,
} from '../../db/queries/obligations';
import {
  contextChangedSignal,
  dongleWorkflow,
  goLiveDateAmendedSignal,
  goLiveWorkflow,
  obligationContractEndedSignal,
  rectificationWorkflow,
  type ContextChange,
  type OnboardedFacts,
} from '../../workflows/obligations';
import { ContractParams, contractOf, recordView, startOnce } from './obligation-kit';
import { DongleState, GoLiveState, ObligationListItem, recorded, RectificationState } from './obligation-schemas';
import { dongleRouter } from './dongle';
import { goLiveRouter } from './go-live';
import { rectificationRouter } from './rectification';

// The other families (staff.ts, service-requests.ts) take these from here.
export {
  actorArg,
  Contest,
  ContestDecision,
  contractOf,
  occurredAt,
  recordView,
  startOnce,
  toWorkflowArgs,
} from './obligation-kit';

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
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/obligations',
    duty: 'read',
    summary:
      "Obligation cases (rectification, golive, dongle, staff, service) across the caller's contracts, from their record; filters kind, status, awaiting, breached",
    query: ListQuery,
    responses: { 200: { description: 'cases', schema: z.object({ items: z.array(ObligationListItem) }) } },
  }),
  ofContract: declareRoute({
    method: 'get',
    path: '/contracts/{id}/obligations',
    duty: 'read',
    summary: 'Signing obligations of a contract: rectification plan, go-live, dongle removal (4.10, 6.3, 6.6)',
    params: ContractParams,
    responses: {
      200: {
        description: 'each obligation as recorded, null where none was started',
        schema: z.object({
          contractId: z.string(),
          rectification: recorded(RectificationState).nullable(),
          goLive: recorded(GoLiveState).nullable(),
          dongle: recorded(DongleState).nullable(),
        }),
      },
    },
  }),
  start: declareRoute({
    method: 'post',
    path: '/contracts/{id}/obligations/start',
    duty: 'administer',
    summary: 'Admin: (re)start the signing obligations of a contract; already running is success',
    params: ContractParams,
    responses: { 200: { description: 'started, or already running', schema: z.object({ started: z.literal(true) }) } },
  }),
};

export function obligationsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  // Reads come from the PostgreSQL record (issue 10 item 6), never from Temporal, whose
  // retention forgets a closed workflow.
  mount(r, routes.list, async (req, res) => {
    const q = routes.list.query(req);
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
    routes.list.send(res, 200, {
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
  mount(r, routes.ofContract, async (req, res) => {
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
    res.status(200).json({ contractId: c, rectification, goLive, dongle });
  });
  mount(r, routes.start, allow('admin'), async (req, res) => {
    const contract = await findContract(pool, contractOf(req));
    if (!contract) throw notFound(`contract ${req.params.id}`);
    auditAs(res, 'obligations.start', contract.id);
    await startSigningObligations(deps, contract);
    routes.start.send(res, 200, { started: true });
  });
  r.use(rectificationRouter(deps), goLiveRouter(deps), dongleRouter(deps));
  return r;
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
