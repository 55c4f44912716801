// Onboarding a running contract (issue 10 item 4): the registration hook of the `onboarding.faults`
// block. Each fault checked before (onboarding-faults.ts) is taken in through the live intake (its
// case number, its terms version at the report), then its live fault case is started with its
// entered past, which it lives again at its times (fault/past.ts).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { faultInput } from './onboarding-faults';
import { faultDeadlines, mergeTerms } from '../domain';
import type { FaultLevel, TermsOverrides } from '../domain';
import type { PastFault } from '../domain/onboarding-faults';
import * as q from '../db/queries/faults';
import { requestHash } from '../services/contracts';
import { faultCaseStart } from '../temporal/fault-start';
import { faultCaseWorkflow } from '../workflows/fault-case';

/**
 * The registration hook: each fault through the live intake (idempotent by its id: a retried
 * registration finds its case), then its case started with its entered past. The intake keeps
 * the past (310), so the orphan sweep starts it the same way if this start never happens.
 */
export async function startOnboardedFaults(
  deps: Pick<ApiDeps, 'pool' | 'temporal' | 'config'>,
  c: Pick<ContractSummary, 'id'>,
  faults: PastFault[],
  by: string,
  nowMs: number,
): Promise<void> {
  for (const f of faults) {
    const level = f.level as FaultLevel;
    const draft = faultInput(c.id, 0, f, by, nowMs);
    const r = await q.intake(deps.pool, {
      contractId: c.id,
      atMs: draft.reportedAtMs,
      nowMs,
      idempotencyKey: `onboarding:${f.faultId}`,
      requestHash: requestHash(f),
      createdBy: by,
      level,
      title: f.title,
      channel: f.channel,
      affectsOperations: draft.affectsOperations,
      reporter: f.reporter,
      description: f.description,
      createdByRole: 'admin',
      onboarded: draft.onboarded,
    });
    const made = r?.seen ?? r?.created;
    if (!r || !made || r.version === null)
      throw new Error(`onboarded fault ${f.faultId} of contract ${c.id} was not taken in`); // checked before: signed, active
    const input = {
      ...faultInput(c.id, made.caseNo, f, by, nowMs),
      intake: { termsVersion: r.version, terms: r.terms },
    };
    const terms = mergeTerms(r.terms as TermsOverrides);
    const deadlines = faultDeadlines(input.reportedAtMs, level, input.affectsOperations, terms);
    try {
      await deps.temporal.workflow.start(
        faultCaseWorkflow,
        faultCaseStart(input, deadlines, deps.config.TEMPORAL_TASK_QUEUE),
      );
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
}
