// The action of the contract's Temporal Schedules (src/temporal/schedules.ts). A schedule
// starts this workflow with the id "<prefix>-<scheduled time>"; it derives the contract
// period from the SCHEDULED time (not the start time, which is later after an outage) and
// starts the period's workflow under its business id (inspection:<c>:<y>Q<q>,
// care:<c>:<y>Q<q>, acceptance:<c>:<y>) with REJECT_DUPLICATE, so a period runs once
// whatever the schedule does (catch-up after an outage, a manual trigger, a retry).
import { ParentClosePolicy, startChild, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { contractYearSpan, termEndMs } from '../../domain/contract-year';
import { quarterAt } from '../../domain/cycles';
import { acts, extensionsOf } from './common';
import { inspectionWorkflow } from './inspection';
import { customerCareWorkflow } from './customer-care';
import { acceptanceWorkflow } from './acceptance';

export type CycleKind = 'inspection' | 'care' | 'acceptance';
export interface LaunchInput { kind: CycleKind; contractId: string; /** ISO instant; default the scheduled time */ at?: string }
export interface LaunchResult { at: string; started: string[]; existing: string[]; skipped?: string }

const scheduledKey = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** The schedule's nominal time: the search attribute Temporal sets, else the id suffix, else the start time. */
function scheduledTime(input: LaunchInput): number {
  if (input.at) return Date.parse(input.at);
  const info = workflowInfo();
  const sa = info.typedSearchAttributes.get(scheduledKey);
  if (sa) return sa.getTime();
  const m = /-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$/.exec(info.workflowId);
  return m ? Date.parse(m[1]) : info.startTime.getTime();
}

export async function cycleLauncherWorkflow(input: LaunchInput): Promise<LaunchResult> {
  const { kind, contractId } = input;
  const atMs = scheduledTime(input);
  const out: LaunchResult = { at: new Date(atMs).toISOString(), started: [], existing: [] };
  const info = await acts.cycleContract({ contractId });
  const ext = extensionsOf(info);
  if (info.status === 'ended') return { ...out, skipped: 'contract ended' };
  const end = termEndMs(info.signedAtMs, info.termYears, ext);
  if (end !== null && atMs >= end && kind !== 'acceptance') return { ...out, skipped: 'after the term' };
  const q = quarterAt(info.signedAtMs, atMs, ext);
  if (!q) return { ...out, skipped: 'before signing' };
  const start = async (workflowId: string, run: () => Promise<unknown>) => {
    try {
      await run();
      out.started.push(workflowId);
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      out.existing.push(workflowId);
    }
  };
  const opts = (workflowId: string) => ({ workflowId, parentClosePolicy: ParentClosePolicy.ABANDON, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
  if (kind === 'inspection' || kind === 'care') {
    const id = `${kind}:${contractId}:${q.year}Q${q.quarter}`;
    const args = { contractId, year: q.year, quarter: q.quarter! };
    await start(id, () => kind === 'inspection' ? startChild(inspectionWorkflow, { ...opts(id), args: [args] }) : startChild(customerCareWorkflow, { ...opts(id), args: [args] }));
    return out;
  }
  // Yearly: the year that ended at (or just before) the fire time, and the running year whose
  // workflow then waits for its own end, so a year shifted by an extension is not missed.
  for (const year of [q.year - 1, q.year]) {
    if (year < 1 || year > info.termYears) continue;
    const span = contractYearSpan(info.signedAtMs, year, ext);
    if (span.startMs > atMs) continue;
    const id = `acceptance:${contractId}:${year}`;
    await start(id, () => startChild(acceptanceWorkflow, { ...opts(id), args: [{ contractId, year }] }));
  }
  return out;
}
