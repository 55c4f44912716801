// The action of the contract's Temporal Schedules (src/temporal/schedules.ts). A schedule
// starts this workflow with the id "<prefix>-<scheduled time>"; it derives the contract
// period from the SCHEDULED time (not the start time, which is later after an outage) and
// starts the period's workflow under its business id (inspection:<c>:<y>Q<q>,
// care:<c>:<y>Q<q>, acceptance:<c>:<y>) with REJECT_DUPLICATE, so a period runs once
// whatever the schedule does (catch-up after an outage, a manual trigger, a retry). Periods
// already recorded in PostgreSQL are never started again, even after Temporal's retention has
// dropped their closed run.
//
// Term extensions (clause 3): a failed acceptance extends its year and the later years count
// from the pass, so the quarters move off the signing-date calendar the quarterly schedules
// fire on. Rather than re-spec the schedules at each fail and pass (an activity with a Temporal
// client, calendar specs for a calendar that is open-ended while the extension lasts, and a
// trigger for a quarter that began before the pass was recorded), a DAILY "reconcile" firing
// compares the shifted calendar with the recorded periods and starts every quarter that has
// begun, is not recorded and follows the first recorded one (the gap a shortened extension
// quarter or a moved start leaves). It needs no client in the activities, repairs any missed
// firing within a day, and the deterministic ids keep it from running a period twice.
import { ParentClosePolicy, startChild, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/common';
import { contractYearSpan, termEndMs } from '../../domain/contract-year';
import { periodKey, quarterAt, quartersThrough, type CyclePeriod } from '../../domain/cycles';
import { acts, extensionsOf } from './common';
import { inspectionCaseId, inspectionWorkflow } from './inspection';
import { careCaseId, customerCareWorkflow } from './customer-care';
import { acceptanceCaseId, acceptanceWorkflow } from './acceptance';
import { periodStartMetadata } from '../../temporal/case-summaries';

export type CycleKind = 'inspection' | 'care' | 'acceptance' | 'reconcile';
export interface LaunchInput {
  kind: CycleKind;
  contractId: string;
  /** ISO instant; default the scheduled time */ at?: string;
}
export interface LaunchResult {
  at: string;
  started: string[];
  existing: string[];
  skipped?: string;
}

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
  const q = quarterAt(info.signedAtMs, atMs, ext);
  if (!q) return { ...out, skipped: 'before signing' };
  const recorded = await acts.recordedCycles({ contractId });
  const start = async (workflowId: string, done: boolean, run: () => Promise<unknown>) => {
    if (done) {
      out.existing.push(workflowId);
      return;
    }
    try {
      await run();
      out.started.push(workflowId);
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      out.existing.push(workflowId);
    }
  };
  const opts = (workflowId: string) => ({
    workflowId,
    ...periodStartMetadata(workflowId, contractId), // the Web UI's summary and details (issue 15)
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });

  const end = termEndMs(info.signedAtMs, info.termYears, ext);
  const inTerm = end === null || atMs < end;
  for (const k of ['inspection', 'care'] as const) {
    if (!inTerm || (kind !== k && kind !== 'reconcile')) continue;
    const have = new Set(recorded[k]);
    let wanted: CyclePeriod[] = [q];
    if (kind === 'reconcile') {
      const all = quartersThrough(info.signedAtMs, atMs, ext, info.termYears);
      const first = all.findIndex((p) => have.has(periodKey(p.year, p.quarter!)));
      // Before the first recorded quarter the platform was not tracking this contract (it was
      // signed before it was entered): only the current quarter starts, nothing retroactively.
      wanted = first === -1 ? all.slice(-1) : all.slice(first);
    }
    for (const p of wanted) {
      const key = periodKey(p.year, p.quarter!);
      const id = (k === 'inspection' ? inspectionCaseId : careCaseId)(contractId, p.year, p.quarter!);
      const args = { contractId, year: p.year, quarter: p.quarter! };
      await start(id, have.has(key), () =>
        k === 'inspection'
          ? startChild(inspectionWorkflow, { ...opts(id), args: [args] })
          : startChild(customerCareWorkflow, { ...opts(id), args: [args] }),
      );
    }
  }
  if (kind !== 'acceptance' && kind !== 'reconcile') return out;
  // Yearly: the year that ended at (or just before) the fire time, and the running year whose
  // workflow then waits for its own end, so a year shifted by an extension is not missed.
  for (const year of [q.year - 1, q.year]) {
    if (year < 1 || year > info.termYears) continue;
    const span = contractYearSpan(info.signedAtMs, year, ext);
    if (span.startMs > atMs && year < q.year) continue;
    const id = acceptanceCaseId(contractId, year);
    await start(id, recorded.acceptance.includes(year), () =>
      startChild(acceptanceWorkflow, { ...opts(id), args: [{ contractId, year }] }),
    );
  }
  return out;
}
