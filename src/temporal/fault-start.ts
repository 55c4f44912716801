import type { WorkflowStartOptions } from '@temporalio/client';
import type { FaultDeadline } from '../domain';
import { SA } from './search-attributes';
import type { faultCaseWorkflow } from '../workflows/fault-case';
import type { FaultCaseInput } from '../workflows/fault/messages';

/**
 * How a fault case workflow is started (the API's intake, and the tests that start cases as it
 * does): the workflow id is the case's business key, and the start sets every search attribute
 * of a reported case, so the Web UI finds it at once and the workflow's first task upserts
 * nothing that did not change (with input.intake set, see FaultCaseInput).
 */
export function faultCaseStart(
  input: FaultCaseInput,
  deadlines: FaultDeadline[],
  taskQueue: string,
): WorkflowStartOptions<typeof faultCaseWorkflow> {
  return {
    taskQueue,
    workflowId: input.caseId,
    args: [input],
    typedSearchAttributes: [
      { key: SA.contractId, value: input.contractId },
      { key: SA.kind, value: 'fault' },
      { key: SA.status, value: 'reported' },
      { key: SA.level, value: input.level },
      { key: SA.breached, value: false },
      { key: SA.awaiting, value: 'vendor' },
      { key: SA.nextDeadline, value: new Date(Math.min(...deadlines.map((d) => d.dueMs))) },
    ],
  };
}
