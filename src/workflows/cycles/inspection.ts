// Quarterly inspection (4.1, 4.3, 4.6) of one contract quarter: id inspection:<contractId>:<year>Q<q>.
// Wiring only: the messages are in inspection-messages.ts, who may record what and what each
// fact changes in inspection-rules.ts (pure), the deadlines and what a breach does in
// inspection-duties.ts (pure). This file opens the quarter on the calendar as clause 3 shifts
// it, waits for the report until its due time, then for the hospital's decision and the 4.6
// remediation items (inspection-remediation.ts), and writes each completed state through the
// kernel's one record path.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { CyclePeriod } from '../../domain/cycles';
import { obligationCase } from '../kernel/case';
import { acts, firstQuarter, holdWhileContestable, quarterTracker, SYSTEM_ACTOR, type TermsAt } from './common';
import {
  acknowledgeInspection,
  inspectionState,
  requestInspectionChanges,
  resolveRemediation,
  submitInspectionReport,
  type InspectionInput,
  type InspectionState,
} from './inspection-messages';
import { apply, check, retime, stated, type InspectionAction } from './inspection-rules';
import { historyOf, initialState } from './inspection-state';
import * as duty from './inspection-duties';
import { overdueAtDue, pastInspectionSteps } from './inspection-past';
import { flagOverdue, watchRemediation } from './inspection-remediation';

export * from './inspection-messages';

const iso = (ms: number) => new Date(ms).toISOString();

export async function inspectionWorkflow(input: InspectionInput): Promise<InspectionState> {
  const { contractId, year, quarter } = input;
  // Handlers first: an update sent right after the start must find them (the reads below await).
  let p: CyclePeriod | undefined = undefined;
  let t: TermsAt | undefined = undefined; // in force at the quarter's start (clause 3 versions)
  const s = initialState(input);
  let missingProposed = false; // the 6.2.1 proposal of a missing report is live in the ledger
  const c = obligationCase({
    kind: 'inspection',
    contractId,
    clause: '4.3',
    terms: () => t?.terms,
    wake: () => void persist(),
    retime: (f, atMs) => {
      if (f.type === 'report-submitted') judgeReport(atMs, f.seq);
      retime(s, f, atMs);
      s.breached = duty.isBreached(s, missingProposed);
    },
    contractYear: year,
    snapshot: (_v, state) => state as Record<string, unknown>,
  });
  s.stated = c.stated;
  const view = (): InspectionState => ({ ...s, history: historyOf(c.timeline) });
  const loaded = () => p !== undefined && t !== undefined;
  const persist = async () => {
    await condition(loaded);
    await c.record(duty.visibility(s, p!.dueMs), view());
  };
  const log = (event: string, detail: Record<string, unknown>, clause: string) =>
    c.fact(SYSTEM_ACTOR, event, detail, clause);

  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const act = async (a: InspectionAction): Promise<InspectionState> => {
    await condition(loaded);
    const time = stated(a, t!.terms, p!.startMs, Date.now());
    const f = apply(s, a, time, (type, detail, clause, at) => c.fact(a.args.actor, type, detail, clause, at), t!.terms);
    if (a.action === 'report') judgeReport(f.occurredAt, f.seq);
    s.breached = duty.isBreached(s, missingProposed);
    await persist();
    return view();
  };
  const validate = (a: InspectionAction) => check(s, a, t?.terms, p?.startMs, Date.now());
  setHandler(inspectionState, view);
  setHandler(submitInspectionReport, (args) => act({ action: 'report', args }), {
    validator: (args) => validate({ action: 'report', args }),
  });
  setHandler(acknowledgeInspection, (args) => act({ action: 'ack', args }), {
    validator: (args) => validate({ action: 'ack', args }),
  });
  setHandler(requestInspectionChanges, (args) => act({ action: 'changes', args }), {
    validator: (args) => validate({ action: 'changes', args }),
  });
  setHandler(resolveRemediation, (args) => act({ action: 'resolve', args }), {
    validator: (args) => validate({ action: 'resolve', args }),
  });

  // The period as the calendar stands now (clause 3 shifts it); undefined while it does not exist.
  const q = quarterTracker(contractId, year, quarter);
  const adopt = async (np: CyclePeriod) => {
    p = np;
    s.periodStart = np.startDate;
    s.dueAt = iso(np.dueMs);
    t = await acts.termsAt({ contractId, atMs: Math.max(np.startMs, q.signedAtMs) });
  };
  await adopt(await firstQuarter(q, year, quarter, '4.3'));
  const startedMs = Date.now();
  if (input.onboarded && p!.dueMs <= startedMs) enterPast(input.onboarded);
  await persist();
  // A failed acceptance of the previous year (clause 3) may move this quarter after it started:
  // it waits while its year has not started, then runs on the shifted dates.
  const relocate = async () => {
    for (let np = await q.locate(); ; np = await q.locate()) {
      if (np) {
        if (np.startMs === p!.startMs && np.dueMs === p!.dueMs) return;
        log('period-shifted', { clause: '3', from: s.periodStart, to: np.startDate }, '3');
        await adopt(np);
        return persist();
      }
      const reason = `contract year ${year} has not started: an earlier year's acceptance failed and the term is extended until it passes`;
      log('period-suspended', { clause: '3', reason }, '4.3');
      await persist();
      await condition(() => q.shifted || s.report !== null);
      if (s.report !== null) return;
    }
  };
  for (;;) {
    if (s.status === 'overdue') break; // judged overdue by the entered past (enterPast)
    const woke = await condition(() => s.report !== null || q.shifted, Math.max(1, p!.dueMs - Date.now()));
    if (s.report !== null) break;
    if (woke) {
      await relocate();
      continue;
    }
    if (!duty.reportOverdue(s, p!.dueMs, Date.now())) continue;
    s.status = 'overdue';
    log('report-overdue', { clause: '6.2.1', dueAt: s.dueAt }, '6.2.1');
    proposeMissing();
    const subject = `Inspection report ${year}Q${quarter} overdue (4.3, penalty 6.2.1 proposed)`;
    c.notice('report-missing', 'inspection.overdue', subject, { workflowId: c.caseId, dueAt: s.dueAt });
    await persist();
    break;
  }
  await condition(() => s.status === 'acknowledged');
  // 4.6: the open items flagged at their deadlines, until none is open (inspection-remediation.ts).
  const onboarded = input.onboarded !== undefined;
  await watchRemediation(c, s, { year, quarter, onboarded, startedMs, terms: () => t!.terms, persist });
  await condition(() => !s.remediation.some((r) => r.status === 'overdue'));
  // A stated time still contestable keeps the inspection open until decided or its window passes.
  await holdWhileContestable(c, persist);
  s.status = 'closed';
  await persist();
  await condition(allHandlersFinished);
  await c.idle();
  return view();

  /**
   * Issue 10 item 4: the quarter ended before the registration; its entered acts go through the
   * live apply() at their times, a report missing at the due time is overdue then and an item
   * open after its deadline is flagged at it, as the timers would have made them (the 6.2.1
   * proposal, no notice now: past moves tell nobody).
   */
  function enterPast(o: NonNullable<InspectionInput['onboarded']>): void {
    if (overdueAtDue(o, p!.dueMs)) {
      s.status = 'overdue';
      c.fact(SYSTEM_ACTOR, 'report-overdue', { clause: '6.2.1', dueAt: s.dueAt }, '6.2.1', { occurredAt: p!.dueMs });
      proposeMissing();
    }
    for (const step of pastInspectionSteps(o)) {
      for (const r of duty.remediationDue(s, step.time.occurredAt)) flagOverdue(c, s, r, true);
      const a = step.action;
      const record = (type: string, detail: Record<string, unknown>, clause: string, at: typeof step.time) =>
        c.fact(a.args.actor, type, detail, clause, at);
      const f = apply(s, a, step.time, record, t!.terms);
      if (a.action === 'report') judgeReport(f.occurredAt, f.seq);
    }
    s.breached = duty.isBreached(s, missingProposed);
  }

  /** The report judged on its (stated or decided) time: a late one is charged, one in time withdraws the timer's charge. */
  function judgeReport(atMs: number, factSeq: number): void {
    const j = duty.reportJudgement(atMs, p!.dueMs, missingProposed);
    s.submittedAt = iso(atMs);
    s.lateByMs = j.lateByMs; // late reports are accepted and recorded (4.3)
    if (j.effect === 'propose') proposeMissing();
    if (j.effect === 'withdraw') {
      const reason = `superseded by fact ${factSeq}: the report was delivered at ${s.submittedAt}, before ${s.dueAt} (4.3)`;
      c.withdraw('report-missing', reason);
      missingProposed = false;
    }
  }
  function proposeMissing(): void {
    c.propose('report-missing', duty.missingReportProposal(s, t!.terms, t!.version));
    missingProposed = true;
    s.breached = true;
  }
}
