// 4.10 / 6.6 dongle, encryption, time lock and licence code removal (`dongle:<contractId>`).
// Within 7 working days of signing the vendor declares every restriction removed and the
// hospital verifies. A missed deadline, a rejected verification or a restriction found later
// proposes the fixed 6.6 sum and the rights event, except for a restriction caused by a
// RECORDED hospital change of MAC, IP, network or server notified less than a week ahead.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { calendarYearsFor, dongleException } from '../../domain/obligations';
import { dongleFound } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { ruleViolation } from '../failures';
import { acts, CALENDAR_REFRESH_MS, contextActor, contextChangedSignal, contextFact, iso, loadCalendar, createRecorder, obligationContractEndedSignal, requireParty, SYSTEM_END, onboardedActor, type Actor, type ContextChange, type OnboardedFacts, type TermsAt } from './common';

export interface DongleInput { contractId: string; signedAt: string; onboarded?: OnboardedFacts }
export type RestrictionKind = 'dongle' | 'encryption' | 'time-lock' | 'licence-code';
export interface DongleFinding {
  findingId: string; foundAt: string; reportedBy: string; description: string; relatedChangeId?: string;
  outcome: 'pending' | 'exempt' | 'penalised'; reason?: string; penaltyFen?: string;
}
export interface DongleState {
  contractId: string; deadline: { deadlineAt: string; lastDay: string; provisional: boolean; provisionalYears: number[] };
  declarations: { at: string; by: string; removed: { kind: RestrictionKind; description: string }[]; statement: string; verification: { at: string; by: string; accepted: boolean; note?: string } | null }[];
  deadlineMissed: boolean; findings: DongleFinding[];
  /** Clause 3: the term ended; findings recorded until then are judged, nothing more is accepted. */
  contractEnded: { at: string; reason: string } | null;
  history: { at: string; actor: string; action: string }[];
}

export const dongleStateQuery = defineQuery<DongleState>('dongleState');
export const declareRemovedUpdate = defineUpdate<DongleState, [{ actor: Actor; removed: { kind: RestrictionKind; description: string }[]; statement: string }]>('declareRemoved');
export const verifyRemovalUpdate = defineUpdate<DongleState, [{ actor: Actor; accepted: boolean; note?: string; relatedChangeId?: string }]>('verifyRemoval');
export const reportRestrictionUpdate = defineUpdate<DongleState, [{ actor: Actor; findingId: string; description: string; relatedChangeId?: string }]>('reportRestriction');

export async function dongleWorkflow(input: DongleInput): Promise<DongleState> {
  const wf = workflowInfo().workflowId;
  const record = createRecorder('dongle', input.contractId);
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t!: TermsAt;
  const s: DongleState = { contractId: input.contractId, deadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] }, declarations: [], deadlineMissed: false, findings: [], contractEnded: null, history: [] };
  const setDeadline = async () => {
    const d = (await loadCalendar(calendarYearsFor(signedMs))).addWorkingDays(signedMs, t.terms.workingDays.dongleRemoval);
    s.deadline = { deadlineAt: iso(d.deadlineMs), lastDay: d.lastDay, provisional: d.provisional, provisionalYears: d.provisionalYears };
  };
  let dirty = false;
  const log = (a: Actor, action: string) => { s.history.push({ at: iso(Date.now()), actor: a.name, action }); dirty = true; };
  const last = () => s.declarations[s.declarations.length - 1];
  const addFinding = (a: Actor, findingId: string, description: string, relatedChangeId?: string) => {
    s.findings.push({ findingId, foundAt: iso(Date.now()), reportedBy: a.name, description, ...(relatedChangeId ? { relatedChangeId } : {}), outcome: 'pending' });
  };

  const ready = () => {
    if (s.contractEnded) throw ruleViolation('CONTRACT_ENDED', `the contract ended on ${s.contractEnded.at}; nothing more is recorded on this obligation (clause 3)`, '3');
    if (!s.deadline.lastDay) throw ruleViolation('NOT_READY', 'the obligation is still loading its terms and calendar; retry shortly (clause 4.10)', '4.10');
  };
  setHandler(dongleStateQuery, () => s);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (c) => { changes.push(c); dirty = true; });
  setHandler(declareRemovedUpdate, (a) => {
    s.declarations.push({ at: iso(Date.now()), by: a.actor.name, removed: a.removed, statement: a.statement, verification: null });
    log(a.actor, 'removal.declare');
    return s;
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'declaring the removal of dongles and locks', '4.10');
    const l = last();
    if (l && (l.verification === null || l.verification.accepted)) throw ruleViolation('ALREADY_DECLARED', `the removal was already declared${l.verification ? ' and verified' : ' and awaits verification'} (clause 4.10)`, '4.10');
    if (a.statement.trim().length < 10) throw ruleViolation('STATEMENT_REQUIRED', 'the declaration states that every dongle, encryption, time lock and licence code restricting normal operation is removed (clause 4.10)', '4.10');
  } });
  setHandler(verifyRemovalUpdate, (a) => {
    last()!.verification = { at: iso(Date.now()), by: a.actor.name, accepted: a.accepted, ...(a.note ? { note: a.note } : {}) };
    // Rejected within the 7 working days: the vendor may still remove it in time (4.10); after them it is a 6.6 finding.
    if (!a.accepted && Date.now() >= Date.parse(s.deadline.deadlineAt)) addFinding(a.actor, `verification-${s.declarations.length}`, a.note ?? 'verification found a restriction still in place', a.relatedChangeId);
    log(a.actor, a.accepted ? 'removal.verify' : 'removal.reject');
    return s;
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'verifying the removal', '4.10');
    if (!last() || last()!.verification) throw ruleViolation('NOTHING_TO_VERIFY', 'there is no declaration awaiting verification (clause 4.10)', '4.10');
  } });
  setHandler(reportRestrictionUpdate, (a) => {
    addFinding(a.actor, a.findingId, a.description, a.relatedChangeId);
    log(a.actor, 'restriction.report');
    return s;
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'reporting a restriction', '6.6');
    if (s.findings.some((f) => f.findingId === a.findingId)) throw ruleViolation('FINDING_EXISTS', `finding ${a.findingId} is already recorded (clause 6.6)`, '6.6');
  } });

  const past = input.onboarded?.dongle;
  if (past) {
    // Facts entered at onboarding, at their own times (judged below like live ones).
    const by = onboardedActor(input.onboarded!).name;
    s.declarations.push({ at: past.declaredAt, by, removed: [], statement: 'declared before the contract was entered (onboarding)', verification: past.verifiedAt ? { at: past.verifiedAt, by, accepted: true } : null });
    s.history.push({ at: past.declaredAt, actor: by, action: 'removal.declare' }, ...(past.verifiedAt ? [{ at: past.verifiedAt, actor: by, action: 'removal.verify' }] : []));
  }
  t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  await setDeadline();
  for (;;) {
    dirty = false; // reset before processing, so an update arriving during an activity call wakes the next wait
    while (changes.length) {
      // Before the deadline passed, it is recomputed on the calendar and terms as they stand now (4.10; issue 10 item 7).
      const c = changes.shift()!;
      if (!s.deadlineMissed) {
        t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
        await setDeadline();
      }
      log(contextActor(c), contextFact(c));
    }
    const now = Date.now();
    const deadlineMs = Date.parse(s.deadline.deadlineAt);
    const declaredInTime = s.declarations.some((d) => Date.parse(d.at) < deadlineMs && d.verification?.accepted !== false);
    if (!s.deadlineMissed && now >= deadlineMs && !declaredInTime && !s.findings.some((f) => f.outcome === 'penalised')) {
      s.deadlineMissed = true;
      await penalise('deadline-missed', `no removal of dongles, time locks and licence codes was declared by ${s.deadline.lastDay} (4.10)${s.deadline.provisional ? ' (deadline provisional: calendar year not loaded)' : ''}`, deadlineMs);
    }
    for (const f of s.findings.filter((x) => x.outcome === 'pending')) await judge(f);
    const verified = last()?.verification?.accepted === true;
    const beforeDeadline = now < deadlineMs && !s.deadlineMissed;
    if (s.contractEnded) break;
    await record({
      status: s.findings.some((f) => f.outcome === 'penalised') ? 'restriction-found' : s.deadlineMissed && !verified ? 'deadline-missed' : verified ? 'verified' : last()?.verification === null && last() ? 'declared' : 'awaiting-declaration',
      awaiting: verified ? 'none' : last() && last()!.verification === null ? 'hospital' : 'vendor',
      breached: s.deadlineMissed || s.findings.some((f) => f.outcome === 'penalised'),
      nextDeadlineMs: beforeDeadline && !declaredInTime ? deadlineMs : null,
    }, s);
    // Stays open for the term: a restriction may be found at any time (6.6).
    if (beforeDeadline) {
      await condition(() => dirty, s.deadline.provisional ? Math.min(deadlineMs - now, CALENDAR_REFRESH_MS) : deadlineMs - now);
      if (s.deadline.provisional) await setDeadline();
    } else await condition(() => dirty);
  }
  // Clause 3: the contract ended. Findings were judged above; a missed deadline is already charged.
  await record({ status: 'contract-ended', awaiting: 'none', breached: s.deadlineMissed || s.findings.some((f) => f.outcome === 'penalised'), nextDeadlineMs: null }, s, true);
  await condition(allHandlersFinished);
  return s;

  async function judge(f: DongleFinding): Promise<void> {
    const changes = f.relatedChangeId ? await acts.listHospitalChanges({ contractId: input.contractId }) : [];
    const ex = dongleException(f.relatedChangeId, Date.parse(f.foundAt), changes);
    f.reason = ex.reason;
    if (ex.applies) {
      f.outcome = 'exempt';
      await acts.notify({ key: `${wf}:finding:${f.findingId}:exempt`, topic: 'dongle.exempt', contractId: input.contractId, subject: 'Restriction exempt under the 6.6 exception', body: { findingId: f.findingId, reason: ex.reason } });
      return;
    }
    await penalise(`finding:${f.findingId}`, `a dongle, time lock or licence code restricting operation was found: ${f.description} (${ex.reason})`, Date.parse(f.foundAt));
    f.penaltyFen = formatFen(dongleFound(t.terms).amountFen);
    f.outcome = 'penalised'; // only once the ledger entry and the rights event are recorded
  }
  async function penalise(suffix: string, fact: string, atMs: number): Promise<void> {
    const p = dongleFound(t.terms);
    await acts.proposePenalty({ key: `${wf}:${suffix}`, contractId: input.contractId, clause: '6.6', termsVersion: t.version, caseKind: 'dongle', caseId: wf, fact,
      dueAt: s.deadline.deadlineAt, amountFen: formatFen(p.amountFen), basis: p.basis, occurredAt: iso(atMs) });
    await acts.raiseRightsEvent({ key: `${input.contractId}:dongle:${suffix}`, contractId: input.contractId, right: 'demand-payments-back', clause: '6.6', numbers: { penaltyFen: formatFen(p.amountFen), event: suffix } });
  }
}
