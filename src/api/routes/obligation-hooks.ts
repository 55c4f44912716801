// The contract hooks of the signing obligations (issue 6; contract-hooks.ts calls them): at
// signing they start (4.10, 6.3), after an amendment the go-live date and the working-day
// deadlines move, at the end (clause 3) every running obligation records it and completes.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ContractSummary } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { findContract, listTermsVersions } from '../../db/queries/contracts';
import { listStaffChangeRequests, openObligationIds } from '../../db/queries/obligations';
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
import { startOnce } from './obligation-kit';

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
