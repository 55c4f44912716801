// 6.3 go-live deadline (`golive:<contractId>`), for contracts that name one. One written
// extension request of at most one month, approved by the hospital; after the (extended)
// deadline, each 7-day period late is one ledger entry of 5% of the contract amount, and
// proposed deductions reaching 20% raise an advance breach event (the confirmed one is the core's).
import { allHandlersFinished, condition, defineQuery, defineSignal, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { goLiveProposedBreachEvent, goLivePeriodDay, goLivePeriodPenalty, lateByDaysAtMs, latestGoLiveExtension, maxGoLivePeriods, reachesDeductionBreach, validateGoLiveExtension, daysLateAt } from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { endOfShanghaiDay, type IsoDate } from '../../domain/time';
import { ruleViolation } from '../failures';
import { acts, guard, iso, createRecorder, obligationContractEndedSignal, onboardedActor, requireParty, SYSTEM_END, type Actor, type OnboardedFacts, type TermsAt } from './common';

export interface GoLiveInput { contractId: string; signedAt: string; goLiveDate: IsoDate; onboarded?: OnboardedFacts }
export interface GoLiveState {
  contractId: string; asOf?: string; goLiveDate: IsoDate; latestExtension: IsoDate; deadlineDate: IsoDate; reading: string;
  extension: GoLiveExtension | null;
  /** Extensions made moot by an amendment of the go-live date (kept as facts). */
  supersededExtensions: GoLiveExtension[];
  /** Amendments of the go-live date received from the contract (clause 3 terms versions). */
  amendments: { at: string; termsVersion: number; from: IsoDate; to: IsoDate | null }[];
  contractEnded: { at: string; reason: string } | null;
  liveAt: string | null; liveRecordedBy: string | null;
  daysLate: number; periodsCharged: number; chargedFen: string; breachRaised: boolean;
  history: { at: string; actor: string; action: string }[];
}

export interface GoLiveExtension { requestedAt: string; by: string; newDate: IsoDate; reason: string; status: 'pending' | 'approved' | 'refused' | 'superseded'; decidedBy?: string; decidedAt?: string; note?: string }
/** A new terms version changed (or removed) the go-live date; sent by afterContractAmended, repeats are ignored. */
export const goLiveDateAmendedSignal = defineSignal<[{ goLiveDate: IsoDate | null; termsVersion: number }]>('goLiveDateAmended');
export const goLiveStateQuery = defineQuery<GoLiveState>('goLiveState');
export const requestExtensionUpdate = defineUpdate<GoLiveState, [{ actor: Actor; newDate: IsoDate; reason: string }]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<GoLiveState, [{ actor: Actor; approved: boolean; note?: string }]>('decideExtension');
export const recordGoLiveUpdate = defineUpdate<GoLiveState, [{ actor: Actor }]>('recordGoLive');

export async function goLiveWorkflow(input: GoLiveInput): Promise<GoLiveState> {
  const wf = workflowInfo().workflowId;
  const record = createRecorder('golive', input.contractId);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t!: TermsAt;
  let amount = 0n;
  let maxPeriods = 0;
  const s: GoLiveState = {
    contractId: input.contractId, goLiveDate: input.goLiveDate, latestExtension: '', deadlineDate: input.goLiveDate,
    reading: '', extension: null, supersededExtensions: [], amendments: [], contractEnded: null, liveAt: null, liveRecordedBy: null,
    daysLate: 0, periodsCharged: 0, chargedFen: '0', breachRaised: false, history: [],
  };
  let dirty = false;
  const log = (a: Actor, action: string) => { s.history.push({ at: iso(Date.now()), actor: a.name, action }); dirty = true; };
  const view = (): GoLiveState => ({ ...s, asOf: iso(Date.now()), daysLate: daysLateAt(s.deadlineDate, s.liveAt ? Date.parse(s.liveAt) : Date.now()) });
  const periodDueMs = (k: number) => lateByDaysAtMs(s.deadlineDate, goLivePeriodDay(k, t.terms.penalties.goLiveCounting, t.terms.penalties.goLivePeriodDays));

  const closedTo = () => (s.contractEnded ? `the contract ended on ${s.contractEnded.at} (clause 3)` : s.amendments.at(-1)?.to === null ? 'an amendment removed the go-live date (clause 3)' : null);
  const ready = () => {
    const closed = closedTo();
    if (closed) throw ruleViolation('OBLIGATION_CLOSED', `${closed}; nothing more is recorded on this obligation`, '3');
    if (!s.latestExtension) throw ruleViolation('NOT_READY', 'the obligation is still loading its terms; retry shortly (clause 6.3)', '6.3');
  };
  setHandler(goLiveStateQuery, view);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.liveAt) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  // Applied in the main loop (the terms may still be loading when it arrives).
  const amendments: { goLiveDate: IsoDate | null; termsVersion: number }[] = [];
  setHandler(goLiveDateAmendedSignal, (a) => { amendments.push(a); dirty = true; });
  setHandler(requestExtensionUpdate, (a) => {
    s.extension = { requestedAt: iso(Date.now()), by: a.actor.name, newDate: a.newDate, reason: a.reason, status: 'pending' };
    log(a.actor, 'extension.request');
    return view();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'requesting a go-live extension', '6.3');
    if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'the system is already live (clause 6.3)', '6.3');
    if (s.extension) throw ruleViolation('EXTENSION_ALREADY_REQUESTED', 'the contract allows one written extension request only (clause 6.3)', '6.3');
    if (s.periodsCharged > 0) throw ruleViolation('EXTENSION_TOO_LATE', 'a go-live penalty period has already been charged; an extension can no longer be requested (clause 6.3)', '6.3');
    if (a.reason.trim().length === 0) throw ruleViolation('EXTENSION_NEEDS_REASON', 'a written extension request states its reason (clause 6.3)', '6.3');
    guard(() => validateGoLiveExtension(s.goLiveDate, a.newDate, t.terms));
  } });
  setHandler(decideExtensionUpdate, (a) => {
    const e = s.extension!;
    Object.assign(e, { status: a.approved ? 'approved' : 'refused', decidedBy: a.actor.name, decidedAt: iso(Date.now()), note: a.note });
    if (a.approved) s.deadlineDate = e.newDate;
    log(a.actor, a.approved ? 'extension.approve' : 'extension.refuse');
    return view();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'deciding a go-live extension', '6.3', ['hospital-approver']);
    if (s.extension?.status !== 'pending') throw ruleViolation('NO_PENDING_EXTENSION', 'there is no pending extension request (clause 6.3)', '6.3');
  } });
  setHandler(recordGoLiveUpdate, (a) => {
    s.liveAt = iso(Date.now());
    s.liveRecordedBy = a.actor.name;
    log(a.actor, 'golive.record');
    return view();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'recording go-live', '6.3');
    if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'go-live was already recorded (clause 6.3)', '6.3');
  } });

  t = await acts.termsAt({ contractId: input.contractId, atMs: Date.parse(input.signedAt) });
  amount = parseFen(t.amountFen);
  maxPeriods = maxGoLivePeriods(amount, t.terms);
  s.latestExtension = latestGoLiveExtension(input.goLiveDate, t.terms);
  const past = input.onboarded?.goLive;
  if (past) {
    // Entered at onboarding: periods late before it are charged as they would have been live.
    s.liveAt = past.liveAt;
    s.liveRecordedBy = onboardedActor(input.onboarded!).name;
    s.history.push({ at: past.liveAt, actor: s.liveRecordedBy, action: 'golive.record' });
  }
  s.reading = goLivePeriodPenalty(amount, 1, t.terms).reading ?? '';
  for (;;) {
    dirty = false; // reset before processing, so an update arriving during an activity call wakes the next wait
    while (amendments.length) applyAmendment(amendments.shift()!);
    const now = Date.now();
    // Periods due before go-live (or now) are charged; while an extension request awaits the
    // hospital's decision nothing is charged, since approval moves the deadline.
    const until = s.liveAt ? Date.parse(s.liveAt) : now;
    const pending = s.extension?.status === 'pending';
    while (!pending && s.periodsCharged < maxPeriods && periodDueMs(s.periodsCharged + 1) <= until) await chargePeriod(s.periodsCharged + 1);
    const finished = (s.liveAt !== null && !pending) || closedTo() !== null;
    const late = now >= endOfShanghaiDay(s.deadlineDate);
    const nextPeriod = !finished && !pending && s.periodsCharged < maxPeriods ? periodDueMs(s.periodsCharged + 1) : null;
    // Daily while late, so that the query's days-late figure is never more than a day old.
    const next = finished ? null : late ? Math.min(nextPeriod ?? Infinity, lateByDaysAtMs(s.deadlineDate, daysLateAt(s.deadlineDate, now) + 1)) : (nextPeriod ?? endOfShanghaiDay(s.deadlineDate));
    await record({
      status: s.contractEnded ? 'contract-ended' : finished && !s.liveAt ? 'cancelled-by-amendment' : finished ? (s.periodsCharged > 0 ? 'live-late' : 'live') : pending ? 'extension-pending' : late ? 'late' : 'awaiting-go-live',
      awaiting: finished ? 'none' : pending ? 'hospital' : 'vendor',
      breached: s.breachRaised,
      nextDeadlineMs: finished ? null : late ? nextPeriod : endOfShanghaiDay(s.deadlineDate),
    }, view(), finished);
    if (finished) break;
    if (next !== null) await condition(() => dirty, Math.max(1, next - now));
    else await condition(() => dirty);
  }
  await condition(allHandlersFinished);
  return view();

  /**
   * An amendment of the go-live date is a new written agreement of the parties: it replaces the
   * deadline from now on. Periods already charged stay in the ledger (the approver may waive
   * them) and the numbering continues, so no period is charged twice; later periods count from
   * the new date. A pending or approved extension is superseded and the one written extension
   * of 6.3 may be requested against the new date. Without a date the obligation closes.
   */
  function applyAmendment(a: { goLiveDate: IsoDate | null; termsVersion: number }): void {
    if (s.liveAt || s.contractEnded || closedTo()) return;
    if (a.goLiveDate === s.goLiveDate) return;
    s.amendments.push({ at: iso(Date.now()), termsVersion: a.termsVersion, from: s.goLiveDate, to: a.goLiveDate });
    log({ name: 'system:amendment', role: 'system' }, a.goLiveDate ? `golive.amend ${s.goLiveDate} -> ${a.goLiveDate} (terms version ${a.termsVersion})` : `golive.date-removed (terms version ${a.termsVersion})`);
    if (!a.goLiveDate) return;
    if (s.extension) s.supersededExtensions.push({ ...s.extension, status: 'superseded' });
    s.extension = null;
    s.goLiveDate = a.goLiveDate;
    s.deadlineDate = a.goLiveDate;
    s.latestExtension = latestGoLiveExtension(a.goLiveDate, t.terms);
  }

  async function chargePeriod(k: number): Promise<void> {
    const dueMs = periodDueMs(k);
    t = await acts.termsAt({ contractId: input.contractId, atMs: dueMs });
    const p = goLivePeriodPenalty(amount, k, t.terms);
    await acts.proposePenalty({
      key: `${wf}:period:${k}`, contractId: input.contractId, clause: '6.3', termsVersion: t.version, caseKind: 'golive', caseId: wf,
      fact: `go-live not recorded by ${s.deadlineDate}${s.extension?.status === 'approved' ? ` (extended from ${s.goLiveDate})` : ''}: period ${k} late`,
      dueAt: iso(endOfShanghaiDay(s.deadlineDate)), lateByMs: dueMs - endOfShanghaiDay(s.deadlineDate), amountFen: formatFen(p.amountFen), basis: p.basis,
      ...(p.reading ? { reading: p.reading } : {}), occurredAt: iso(dueMs),
    });
    s.periodsCharged = k;
    s.chargedFen = formatFen(p.cumulativeFen);
    dirty = true;
    if (!s.breachRaised && reachesDeductionBreach(parseFen(s.chargedFen), amount, t.terms)) {
      // An advance event on proposed deductions; the core's threshold event on confirmed ones is authoritative.
      await acts.raiseRightsEvent(goLiveProposedBreachEvent(input.contractId, parseFen(s.chargedFen), amount, k, t.terms));
      s.breachRaised = true; // after the event is recorded (the key makes a replayed call harmless)
    }
  }
}
