// Issue 10 item 4: the cycles of a newly registered contract (the quarter's inspection 4.1/4.3,
// its customer care 4.1, the yearly acceptance 3/8) exist at registration, not at the next daily
// reconcile firing (00:35 Shanghai) or the next quarter's schedule. The hook starts the very
// launcher those schedules start, as the daily reconcile at the registration instant, so it
// decides exactly what that firing would have (the current quarter, the running and the just
// ended year; nothing before: src/workflows/cycles/launcher.ts) and nothing can differ from it.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { SA } from '../temporal/search-attributes';
import { launcherStartMetadata } from '../temporal/case-summaries';
import { cycleLauncherWorkflow } from '../workflows/cycles';

/** Fixed id per contract: a retried registration finds it started (REJECT_DUPLICATE), and the launcher's children have fixed ids too. */
export const registrationLaunchId = (contractId: string) => `weibao-launch:registered:${contractId}`;

/**
 * Starts the launcher without waiting for it: the registration answers while the worker starts
 * the periods (a worker that is down delays them, never the registration); the periods' rows
 * appear in PostgreSQL as soon as their workflows record.
 */
export async function startCyclesAtRegistration(deps: ApiDeps, c: ContractSummary): Promise<void> {
  if (c.status !== 'active') return;
  const meta = launcherStartMetadata('registered', c.id);
  try {
    await deps.temporal.workflow.start(cycleLauncherWorkflow, {
      staticSummary: meta.staticSummary,
      staticDetails: meta.staticDetails,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: registrationLaunchId(c.id),
      args: [{ kind: 'reconcile', contractId: c.id, at: new Date(deps.now()).toISOString() }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: SA.contractId, value: c.id },
        { key: SA.kind, value: 'launcher' },
        { key: SA.summary, value: meta.listLine },
      ],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}
