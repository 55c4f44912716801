import type { WorkflowStartOptions } from '@temporalio/client';
import type { FaultDeadline } from '../domain';
import { SA } from './search-attributes';
import type { faultCaseWorkflow } from '../workflows/fault-case';
import type { FaultCaseInput } from '../workflows/fault/messages';
import { faultStartMetadata } from './case-summaries';

/**
 * How a fault case workflow is started (the API's intake, and the tests that start cases as it
 * does): the workflow id is the case's business key, and the start sets every search attribute
 * of a reported case, so the Web UI finds it at once and the workflow's first task upserts
 * nothing that did not change (with input.intake set, see FaultCaseInput). Its summary and
 * details are what the Web UI shows of it (issue 15).
 */
export function faultCaseStart(
  input: FaultCaseInput,
  deadlines: FaultDeadline[],
  taskQueue: string,
): WorkflowStartOptions<typeof faultCaseWorkflow> {
  const { staticSummary, staticDetails, listLine } = faultStartMetadata(input, deadlines);
  return {
    taskQueue,
    workflowId: input.caseId,
    args: [input],
    staticSummary,
    staticDetails,
    typedSearchAttributes: [
      { key: SA.contractId, value: input.contractId },
      { key: SA.kind, value: 'fault' },
      { key: SA.status, value: 'reported' },
      { key: SA.level, value: input.level },
      { key: SA.breached, value: false },
      { key: SA.awaiting, value: 'vendor' },
      { key: SA.nextDeadline, value: new Date(Math.min(...deadlines.map((d) => d.dueMs))) },
      { key: SA.summary, value: listLine },
    ],
  };
}
