// 4.2 / 6.7 a change of the vendor's maintenance engineers (`staff-change:<contractId>:<requestId>`).
// The vendor requests it with its effective date; the platform checks the 7 working days of
// notice on the calendar; the hospital approves in writing or refuses. A change that takes
// effect without the notice or without the approval costs CNY 1,000 per person (6.7). A change
// the hospital reports after the fact (kind 'unannounced') is charged at once.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { calendarYearsFor, personsChanged } from '../../domain/obligations';
import { staffChangePenalty } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { startOfShanghaiDay, type IsoDate } from '../../domain/time';
import { ruleViolation } from '../failures';
import { acts, CALENDAR_REFRESH_MS, contextActor, contextChangedSignal, contextFact, iso, loadCalendar, createRecorder, obligationContractEndedSignal, requireParty, SYSTEM_END, type Actor, type ContextChange, type EngineerInput } from './common';

export interface StaffChangeInput {
  contractId: string; requestId: string; kind: 'requested' | 'unannounced'; requestedAt: string; requestedBy: string;
  effectiveDate: IsoDate; remove: string[]; add: EngineerInput[]; reason: string;
}
export interface StaffChangeState extends StaffChangeInput {
  persons: number;
  notice: { ok: boolean; workingDays: number; required: number; provisional: boolean; provisionalYears: number[] };
  decision: { approved: boolean; by: string; at: string; note?: string } | null;
  withdrawn: boolean;
  outcome: 'pending' | 'effective' | 'effective-flagged' | 'refused' | 'withdrawn' | 'contract-ended';
  contractEnded: { at: string; reason: string } | null;
  penaltyFen: string | null; flagReasons: string[];
  history: { at: string; actor: string; action: string }[];
}

export const staffChangeStateQuery = defineQuery<StaffChangeState>('staffChangeState');
export const decideStaffChangeUpdate = defineUpdate<StaffChangeState, [{ actor: Actor; approved: boolean; note?: string }]>('decideStaffChange');
export const withdrawStaffChangeUpdate = defineUpdate<StaffChangeState, [{ actor: Actor }]>('withdrawStaffChange');

export async function staffChangeWorkflow(input: StaffChangeInput): Promise<StaffChangeState> {
  const wf = workflowInfo().workflowId;
  const record = createRecorder('staff', input.contractId);
  const requestedMs = Date.parse(input.requestedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let required = 0;
  const s: StaffChangeState = {
    ...input, persons: personsChanged(input.remove.length, input.add.length),
    notice: { ok: false, workingDays: 0, required: 0, provisional: false, provisionalYears: [] },
    decision: null, withdrawn: false, contractEnded: null, outcome: 'pending', penaltyFen: null, flagReasons: [], history: [],
  };
  const checkNotice = async () => {
    const cal = await loadCalendar(calendarYearsFor(requestedMs, input.effectiveDate));
    s.notice = { ...cal.hasWorkingDaysNotice(requestedMs, input.effectiveDate, required), required };
  };
  let dirty = false;
  const log = (a: Actor, action: string) => { s.history.push({ at: iso(Date.now()), actor: a.name, action }); dirty = true; };
  const effectiveMs = startOfShanghaiDay(input.effectiveDate);
  const open = () => s.outcome === 'pending' && !s.withdrawn && !s.contractEnded && Date.now() < effectiveMs;

  const ready = () => { if (!required) throw ruleViolation('NOT_READY', 'the change is still loading its terms and calendar; retry shortly (clause 4.2)', '4.2'); };
  setHandler(staffChangeStateQuery, () => s);
  // Clause 3: a change still pending when the contract ends never takes effect.
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.outcome !== 'pending') return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (c) => { changes.push(c); dirty = true; });
  setHandler(decideStaffChangeUpdate, (a) => {
    s.decision = { approved: a.approved, by: a.actor.name, at: iso(Date.now()), ...(a.note ? { note: a.note } : {}) };
    log(a.actor, a.approved ? 'staff-change.approve' : 'staff-change.refuse');
    return s;
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'approving a staff change in writing', '4.2', ['hospital-approver']);
    if (input.kind !== 'requested') throw ruleViolation('NOT_A_REQUEST', 'an unannounced change cannot be approved after the fact (clause 6.7)', '6.7');
    if (s.decision) throw ruleViolation('ALREADY_DECIDED', `the change was already ${s.decision.approved ? 'approved' : 'refused'} (clause 4.2)`, '4.2');
    if (!open()) throw ruleViolation('CHANGE_CLOSED', `the change is ${s.withdrawn ? 'withdrawn' : s.contractEnded ? 'closed: the contract ended (clause 3)' : 'already in effect'} (clause 4.2)`, '4.2');
  } });
  setHandler(withdrawStaffChangeUpdate, (a) => {
    s.withdrawn = true;
    log(a.actor, 'staff-change.withdraw');
    return s;
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'withdrawing a staff change', '4.2');
    if (input.kind !== 'requested' || !open()) throw ruleViolation('CHANGE_CLOSED', 'only a pending change request can be withdrawn (clause 4.2)', '4.2');
  } });

  let t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
  required = t.terms.workingDays.staffNotice;
  if (input.kind === 'unannounced') {
    s.notice.required = required;
    s.flagReasons.push('the change took effect without notice or written approval (6.7)');
    return finish('effective-flagged');
  }
  await checkNotice();
  for (;;) {
    dirty = false;
    while (changes.length) {
      // The notice is judged on the calendar and terms as they stand now (4.2; issue 10 item 7).
      const c = changes.shift()!;
      t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
      required = t.terms.workingDays.staffNotice;
      await checkNotice();
      log(contextActor(c), contextFact(c));
    }
    const now = Date.now();
    if (s.withdrawn) return finish('withdrawn');
    if (s.contractEnded) return finish('contract-ended');
    if (s.decision && !s.decision.approved) return finish('refused');
    if (now >= effectiveMs) {
      if (!s.notice.ok) s.flagReasons.push(`notice of ${s.notice.workingDays} working day(s) before ${input.effectiveDate}, ${required} required (4.2)${s.notice.provisional ? ` (provisional: calendar year(s) ${s.notice.provisionalYears.join(', ')} not loaded)` : ''}`);
      if (!s.decision) s.flagReasons.push('no written approval by the hospital before the change took effect (4.2)');
      return finish(s.flagReasons.length ? 'effective-flagged' : 'effective');
    }
    await record({ status: s.decision ? 'approved' : 'awaiting-approval', awaiting: s.decision ? 'none' : 'hospital', breached: !s.notice.ok, nextDeadlineMs: effectiveMs }, s);
    await condition(() => dirty, s.notice.provisional ? Math.min(effectiveMs - now, CALENDAR_REFRESH_MS) : effectiveMs - now);
    if (s.notice.provisional) await checkNotice();
  }

  async function finish(outcome: StaffChangeState['outcome']): Promise<StaffChangeState> {
    s.outcome = outcome;
    if (outcome === 'effective' || outcome === 'effective-flagged') {
      await acts.applyStaffChange({ key: wf, contractId: input.contractId, requestId: input.requestId, remove: input.remove, add: input.add, effectiveDate: input.effectiveDate });
    }
    // A change closed without effect stops counting as pending in the API's 4.2 check.
    if (outcome === 'refused' || outcome === 'withdrawn' || outcome === 'contract-ended') await acts.closeStaffChangeRequest({ key: wf, outcome });
    if (outcome === 'effective-flagged') {
      const p = staffChangePenalty(s.persons, t.terms);
      s.penaltyFen = formatFen(p.amountFen);
      await acts.proposePenalty({ key: `${wf}:6.7`, contractId: input.contractId, clause: '6.7', termsVersion: t.version, caseKind: 'staff', caseId: wf,
        fact: `engineer change ${input.requestId} effective ${input.effectiveDate}: ${s.flagReasons.join('; ')}`, amountFen: s.penaltyFen, basis: p.basis,
        ...(input.kind === 'requested' ? { dueAt: iso(effectiveMs) } : {}), occurredAt: iso(input.kind === 'requested' ? effectiveMs : Date.now()) });
    }
    await record({ status: outcome, awaiting: 'none', breached: outcome === 'effective-flagged', nextDeadlineMs: null }, s, true);
    await condition(allHandlersFinished);
    return s;
  }
}
