// 6.3 post-signing check and rectification plan, one workflow per contract
// (`rectification:<contractId>`). The vendor delivers the system check, the problems and
// the plan within 7 working days of signing; the hospital accepts or rejects each item;
// each accepted item runs to its due date with in-workflow timers.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { endOfShanghaiDay } from '../../domain/time';
import { otherCommitmentPenalty } from '../../domain/penalties';
import { calendarYearsFor, daysLateAt, lateByDaysAtMs, rectificationItemPenalty, rectificationRightsAtMs, validatePlanItems, type PlanItemInput } from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { ruleViolation } from '../failures';
import { WorkingDayCalendar } from '../../domain/calendar';
import { acts, CALENDAR_REFRESH_MS, contextActor, contextChangedSignal, contextFact, guard, iso, loadCalendar, createRecorder, obligationContractEndedSignal, requireParty, SYSTEM_END, onboardedActor, type Actor, type ContextChange, type OnboardedFacts, type TermsAt } from './common';

export interface RectificationInput { contractId: string; signedAt: string; onboarded?: OnboardedFacts }
export type ItemStatus = 'awaiting-review' | 'rejected' | 'open' | 'done-claimed' | 'done' | 'exempt' | 'unfinished-at-contract-end';
export interface RectificationItem extends PlanItemInput {
  status: ItemStatus; note?: string; doneClaimedAt?: string; closedAt?: string;
  daysLate: number; penaltyFen: string; rightsEventRaised: boolean;
}
export interface RectificationState {
  contractId: string; signedAt: string; termsVersion: number;
  /** Workflow time of the figures (a query sees the state of the last wake-up, at most a day old). */
  asOf?: string;
  planDeadline: { deadlineAt: string; lastDay: string; provisional: boolean; provisionalYears: number[] };
  plan: { submittedAt: string; by: string; late: boolean; systemCheck: string; problems: string[] } | null;
  planBreach: { at: string; clause: string; reading: string; priced: boolean; penaltyFen?: string } | null;
  items: RectificationItem[];
  /** Clause 3: the contract ended; late items were charged up to the end (or their claimed completion). */
  contractEnded: { at: string; reason: string } | null;
  history: { at: string; actor: string; action: string; itemId?: string }[];
}

export const rectificationStateQuery = defineQuery<RectificationState>('rectificationState');
export const submitPlanUpdate = defineUpdate<RectificationState, [{ actor: Actor; systemCheck: string; problems: string[]; items: PlanItemInput[] }]>('submitPlan');
export const reviewItemsUpdate = defineUpdate<RectificationState, [{ actor: Actor; decisions: { itemId: string; accepted: boolean; note?: string }[] }]>('reviewItems');
export const reviseItemUpdate = defineUpdate<RectificationState, [{ actor: Actor; item: PlanItemInput }]>('reviseItem');
export const reportItemDoneUpdate = defineUpdate<RectificationState, [{ actor: Actor; itemId: string }]>('reportItemDone');
export const confirmItemDoneUpdate = defineUpdate<RectificationState, [{ actor: Actor; itemId: string; confirmed: boolean; note?: string }]>('confirmItemDone');
export const pricePlanBreachUpdate = defineUpdate<RectificationState, [{ actor: Actor; ratePercent: string }]>('pricePlanBreach');

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationState> {
  const wf = workflowInfo().workflowId;
  const record = createRecorder('rectification', input.contractId);
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let terms!: TermsAt;
  let amount = 0n;
  let cal: WorkingDayCalendar;
  const s: RectificationState = {
    contractId: input.contractId, signedAt: input.signedAt, termsVersion: 0, plan: null, planBreach: null, items: [], contractEnded: null, history: [],
    planDeadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] },
  };
  const setDeadline = () => { const d = cal.addWorkingDays(signedMs, terms.terms.workingDays.rectificationPlan); s.planDeadline = { deadlineAt: iso(d.deadlineMs), lastDay: d.lastDay, provisional: d.provisional, provisionalYears: d.provisionalYears }; };
  const pricing: { rate: string; actor: string }[] = []; // approver's 6.5 rate for a late plan
  const closing: RectificationItem[] = []; // confirmed items whose ledger entry is still to be written
  let dirty = false;
  const log = (actor: Actor, action: string, itemId?: string) => { s.history.push({ at: iso(Date.now()), actor: actor.name, action, ...(itemId ? { itemId } : {}) }); dirty = true; };
  const item = (id: string) => { const it = s.items.find((i) => i.itemId === id); if (!it) throw ruleViolation('UNKNOWN_ITEM', `plan item ${id} does not exist (clause 6.3)`, '6.3'); return it; };
  const withFigures = (): RectificationState => (!terms ? s : { ...s, asOf: iso(Date.now()), items: s.items.map((it) => (it.status === 'open' && it.dueDate ? running(it) : it)) });
  const running = (it: RectificationItem): RectificationItem => {
    const r = rectificationItemPenalty(amount, it.dueDate!, Date.now(), terms.terms);
    return { ...it, daysLate: r.daysLate, penaltyFen: formatFen(r.penalty?.amountFen ?? 0n) };
  };

  const ready = () => {
    if (s.contractEnded) throw ruleViolation('CONTRACT_ENDED', `the contract ended on ${s.contractEnded.at}; nothing more is recorded on this obligation (clause 3)`, '3');
    if (!s.planDeadline.lastDay) throw ruleViolation('NOT_READY', 'the obligation is still loading its terms and calendar; retry shortly (clause 6.3)', '6.3');
  };
  setHandler(rectificationStateQuery, withFigures);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (c) => { changes.push(c); dirty = true; });
  setHandler(submitPlanUpdate, (a) => {
    s.plan = { submittedAt: iso(Date.now()), by: a.actor.name, late: Date.now() >= Date.parse(s.planDeadline.deadlineAt), systemCheck: a.systemCheck, problems: a.problems };
    s.items = a.items.map((it) => ({ ...it, status: 'awaiting-review', daysLate: 0, penaltyFen: '0', rightsEventRaised: false }));
    log(a.actor, 'plan.submit');
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'submitting the rectification plan', '6.3');
    if (s.plan) throw ruleViolation('PLAN_ALREADY_SUBMITTED', 'the plan was already submitted; revise rejected items instead (clause 6.3)', '6.3');
    guard(() => validatePlanItems(a.items, Date.now()));
  } });
  setHandler(reviewItemsUpdate, (a) => {
    for (const d of a.decisions) {
      const it = item(d.itemId);
      it.status = !d.accepted ? 'rejected' : it.exemption ? 'exempt' : 'open';
      it.note = d.note;
      if (it.status === 'exempt') it.closedAt = iso(Date.now());
      log(a.actor, d.accepted ? 'item.accept' : 'item.reject', d.itemId);
    }
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'reviewing plan items', '6.3');
    if (a.decisions.length === 0) throw ruleViolation('NO_DECISIONS', 'name at least one item to accept or reject (clause 6.3)', '6.3');
    for (const d of a.decisions) if (item(d.itemId).status !== 'awaiting-review') throw ruleViolation('ITEM_NOT_AWAITING_REVIEW', `item ${d.itemId} is ${item(d.itemId).status}, not awaiting review (clause 6.3)`, '6.3');
  } });
  setHandler(reviseItemUpdate, (a) => {
    Object.assign(item(a.item.itemId), { ...a.item, dueDate: a.item.dueDate, exemption: a.item.exemption, status: 'awaiting-review' });
    log(a.actor, 'item.revise', a.item.itemId);
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'revising a plan item', '6.3');
    if (item(a.item.itemId).status !== 'rejected') throw ruleViolation('ITEM_NOT_REJECTED', `only a rejected item can be revised; ${a.item.itemId} is ${item(a.item.itemId).status} (clause 6.3)`, '6.3');
    guard(() => validatePlanItems([a.item], Date.now()));
  } });
  setHandler(reportItemDoneUpdate, (a) => {
    const it = item(a.itemId);
    it.status = 'done-claimed';
    it.doneClaimedAt = iso(Date.now());
    log(a.actor, 'item.report-done', a.itemId);
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'vendor', 'reporting an item done', '6.3');
    if (item(a.itemId).status !== 'open') throw ruleViolation('ITEM_NOT_OPEN', `item ${a.itemId} is ${item(a.itemId).status}, not open (clause 6.3)`, '6.3');
  } });
  setHandler(confirmItemDoneUpdate, (a) => {
    const it = item(a.itemId);
    if (a.confirmed) {
      const r = rectificationItemPenalty(amount, it.dueDate!, Date.parse(it.doneClaimedAt!), terms.terms);
      Object.assign(it, { status: 'done', closedAt: iso(Date.now()), daysLate: r.daysLate, penaltyFen: formatFen(r.penalty?.amountFen ?? 0n), note: a.note });
      if (r.daysLate > 0) closing.push(it);
    } else {
      Object.assign(it, { status: 'open', doneClaimedAt: undefined, note: a.note });
    }
    log(a.actor, a.confirmed ? 'item.confirm-done' : 'item.refuse-done', a.itemId);
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'confirming an item done', '6.3');
    if (item(a.itemId).status !== 'done-claimed') throw ruleViolation('ITEM_NOT_REPORTED_DONE', `item ${a.itemId} is ${item(a.itemId).status}, not reported done (clause 6.3)`, '6.3');
  } });
  setHandler(pricePlanBreachUpdate, (a) => {
    const p = otherCommitmentPenalty(amount, a.ratePercent, '6.5', terms.terms);
    s.planBreach = { ...s.planBreach!, priced: true, penaltyFen: formatFen(p.amountFen) };
    pricing.push({ rate: a.ratePercent, actor: a.actor.name });
    log(a.actor, 'plan-breach.price');
    return withFigures();
  }, { validator: (a) => {
    ready();
    requireParty(a.actor, 'hospital', 'pricing the late plan', '6.5', ['hospital-approver']);
    if (!s.planBreach || s.planBreach.priced) throw ruleViolation('NO_UNPRICED_PLAN_BREACH', 'there is no late plan awaiting the approver\'s rate (clause 6.5)', '6.5');
    guard(() => otherCommitmentPenalty(amount, a.ratePercent, '6.5', terms.terms));
  } });
  terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  amount = parseFen(terms.amountFen);
  s.termsVersion = terms.version;
  cal = await loadCalendar(calendarYearsFor(signedMs));
  setDeadline();
  if (input.onboarded?.rectification) enterOnboarded(input.onboarded.rectification, onboardedActor(input.onboarded));
  for (;;) {
    dirty = false; // reset before processing, so an update arriving during an activity call wakes the next wait
    while (changes.length) {
      // Terms and calendar as they stand now; the plan deadline moves only while the plan is still due (6.3; issue 10 item 7).
      const c = changes.shift()!;
      terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
      amount = parseFen(terms.amountFen);
      s.termsVersion = terms.version;
      if (!s.plan && !s.planBreach) {
        cal = await loadCalendar(calendarYearsFor(signedMs));
        setDeadline();
      }
      log(contextActor(c), contextFact(c));
    }
    const now = Date.now();
    const deadlineMs = Date.parse(s.planDeadline.deadlineAt);
    // A plan entered late at onboarding is judged as a missed deadline, as it was live (6.3).
    if ((!s.plan || s.plan.late) && !s.planBreach && now >= deadlineMs) await planMissed();
    for (const it of s.items) {
      if (it.status === 'open' && it.dueDate && !it.rightsEventRaised && now >= rectificationRightsAtMs(it.dueDate, terms.terms)) {
        await acts.raiseRightsEvent({ key: `${input.contractId}:rectification:${it.itemId}:30-days`, contractId: input.contractId, right: 'terminate', clause: '6.3',
          numbers: { itemId: it.itemId, dueDate: it.dueDate, daysLate: daysLateAt(it.dueDate, now), limitDays: terms.terms.thresholds.rectificationLateDays } });
        it.rightsEventRaised = true; // once per item: the event key makes a replayed call harmless
      }
    }
    while (closing.length) await closeLate(closing.shift()!);
    while (pricing.length) await pricePlan(pricing.shift()!);
    if (s.contractEnded) { await closeAtContractEnd(); break; }
    const finished = s.plan !== null && s.items.every((i) => i.status === 'done' || i.status === 'exempt') && (!s.planBreach || s.planBreach.priced);
    const wakes: number[] = [];
    // While provisional, wake daily as well to re-read the calendar (an operator may load the year).
    if (!s.plan && !s.planBreach) wakes.push(deadlineMs, ...(s.planDeadline.provisional ? [now + CALENDAR_REFRESH_MS] : []));
    for (const it of s.items) {
      if (it.status !== 'open' || !it.dueDate) continue;
      // Daily while late: the running figure of the query is as of the last wake-up.
      wakes.push(lateByDaysAtMs(it.dueDate, daysLateAt(it.dueDate, now) + 1));
      if (!it.rightsEventRaised) wakes.push(rectificationRightsAtMs(it.dueDate, terms.terms));
    }
    const next = Math.min(...wakes.filter((w) => w > now));
    const overdue = s.items.some((i) => i.status === 'open' && i.dueDate && daysLateAt(i.dueDate, now) > 0);
    const awaitingHospital = s.items.some((i) => i.status === 'awaiting-review' || i.status === 'done-claimed') || (s.planBreach !== null && !s.planBreach.priced);
    await record({
      status: finished ? 'closed' : !s.plan ? (s.planBreach ? 'plan-late' : 'awaiting-plan') : overdue ? 'items-overdue' : 'in-progress',
      awaiting: finished ? 'none' : awaitingHospital ? 'hospital' : 'vendor',
      breached: s.planBreach !== null || overdue || s.items.some((i) => i.daysLate > 0),
      nextDeadlineMs: nextDeadline(now),
    }, withFigures(), finished);
    if (finished) break;
    if (Number.isFinite(next)) await condition(() => dirty, next - now);
    else await condition(() => dirty);
    if (s.planDeadline.provisional && !s.plan) {
      cal = await loadCalendar(calendarYearsFor(signedMs));
      setDeadline();
    }
  }
  await condition(allHandlersFinished);
  return s;

  /**
   * Clause 3: at the end of the contract an open item stops accruing: it is charged for the
   * days late up to the end (an item reported done but not yet confirmed, up to its report),
   * under the same ledger key as a closure, so it is never charged twice.
   */
  async function closeAtContractEnd(): Promise<void> {
    const endMs = Date.now();
    for (const it of s.items) {
      if ((it.status !== 'open' && it.status !== 'done-claimed') || !it.dueDate) continue;
      const atMs = it.status === 'done-claimed' ? Date.parse(it.doneClaimedAt!) : endMs;
      const r = rectificationItemPenalty(amount, it.dueDate, atMs, terms.terms);
      Object.assign(it, { daysLate: r.daysLate, penaltyFen: formatFen(r.penalty?.amountFen ?? 0n), closedAt: iso(endMs), ...(it.status === 'open' ? { status: 'unfinished-at-contract-end' } : {}) });
      if (r.penalty) await propose(`item:${it.itemId}:late`, `rectification item ${it.itemId} ${it.status === 'done-claimed' ? `reported done ${r.daysLate} day(s) after` : `still not done at the end of the contract, ${r.daysLate} day(s) after`} its due date ${it.dueDate}`, r.penalty, endOfShanghaiDay(it.dueDate), atMs);
    }
    await acts.notify({ key: `${wf}:contract-ended`, topic: 'rectification.contract-ended', contractId: input.contractId, subject: 'Rectification plan closed at the end of the contract (clause 3)',
      body: { items: s.items.map((i) => ({ itemId: i.itemId, status: i.status, daysLate: i.daysLate, penaltyFen: i.penaltyFen })), planBreach: s.planBreach } });
    await record({ status: 'contract-ended', awaiting: 'none', breached: s.planBreach !== null || s.items.some((i) => i.daysLate > 0), nextDeadlineMs: null }, withFigures(), true);
  }

  /**
   * Facts entered at onboarding, at their own times: the plan (late if after the deadline), its
   * items accepted, and those done at their time closed with the days late as live (6.3).
   */
  function enterOnboarded(r: NonNullable<OnboardedFacts['rectification']>, by: Actor): void {
    s.plan = { submittedAt: r.planSubmittedAt, by: by.name, late: Date.parse(r.planSubmittedAt) >= deadlineMs(), systemCheck: 'delivered before the contract was entered (onboarding)', problems: [] };
    s.history.push({ at: r.planSubmittedAt, actor: by.name, action: 'plan.submit' });
    for (const it of r.items) {
      const item: RectificationItem = { itemId: it.itemId, description: it.description, ...(it.dueDate ? { dueDate: it.dueDate } : {}), status: 'open', daysLate: 0, penaltyFen: '0', rightsEventRaised: false };
      s.items.push(item);
      if (!it.doneAt) continue;
      const p = it.dueDate ? rectificationItemPenalty(amount, it.dueDate, Date.parse(it.doneAt), terms.terms) : null;
      Object.assign(item, { status: 'done', doneClaimedAt: it.doneAt, closedAt: it.doneAt, daysLate: p?.daysLate ?? 0, penaltyFen: formatFen(p?.penalty?.amountFen ?? 0n) });
      s.history.push({ at: it.doneAt, actor: by.name, action: 'item.confirm-done', itemId: it.itemId });
      if (p && p.daysLate > 0) closing.push(item);
    }
  }

  async function planMissed(): Promise<void> {
    const reading = terms.terms.penalties.otherCommitmentReading;
    s.planBreach = { at: iso(Date.now()), clause: reading, reading: `${s.planDeadline.provisional ? `deadline PROVISIONAL (calendar year(s) ${s.planDeadline.provisionalYears.join(', ')} not loaded; Mon-Fri assumed); ` : ''}6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under ${reading}`, priced: false };
    dirty = true;
    await acts.notify({ key: `${wf}:plan-missed`, topic: 'rectification.plan-missed', contractId: input.contractId, subject: 'Rectification plan deadline missed (clause 6.3)',
      body: { deadlineAt: s.planDeadline.deadlineAt, lastDay: s.planDeadline.lastDay, reading: s.planBreach.reading } });
    if (reading === '6.2.2') {
      const p = otherCommitmentPenalty(amount, undefined, '6.2.2', terms.terms);
      await propose('plan-missed', 'the post-signing check and rectification plan were not delivered within the working-day deadline (6.3)', p, deadlineMs());
      s.planBreach.priced = true;
      s.planBreach.penaltyFen = formatFen(p.amountFen);
    }
  }
  function deadlineMs(): number { return Date.parse(s.planDeadline.deadlineAt); }
  /** The next contractual instant (not a wake-up): the plan deadline, an item's due end or its 30-day mark. */
  function nextDeadline(now: number): number | null {
    const c: number[] = [];
    if (!s.plan && !s.planBreach) c.push(deadlineMs());
    for (const it of s.items) {
      if (it.status !== 'open' || !it.dueDate) continue;
      c.push(now < endOfShanghaiDay(it.dueDate) ? endOfShanghaiDay(it.dueDate) : it.rightsEventRaised ? Infinity : rectificationRightsAtMs(it.dueDate, terms.terms));
    }
    const m = Math.min(...c);
    return Number.isFinite(m) ? m : null;
  }
  async function pricePlan(p: { rate: string; actor: string }): Promise<void> {
    terms = await acts.termsAt({ contractId: input.contractId, atMs: deadlineMs() });
    const pen = otherCommitmentPenalty(amount, p.rate, '6.5', terms.terms);
    await propose('plan-missed', `the post-signing check and rectification plan were not delivered within the working-day deadline (6.3); rate chosen by ${p.actor}`, pen, deadlineMs());
  }
  async function closeLate(it: RectificationItem): Promise<void> {
    const r = rectificationItemPenalty(amount, it.dueDate!, Date.parse(it.doneClaimedAt!), terms.terms);
    await propose(`item:${it.itemId}:late`, `rectification item ${it.itemId} done ${r.daysLate} day(s) after its due date ${it.dueDate}`, r.penalty!, endOfShanghaiDay(it.dueDate!), Date.parse(it.doneClaimedAt!));
  }
  async function propose(suffix: string, fact: string, p: { clause: string; amountFen: bigint; basis: string; reading?: string }, dueMs: number, atMs?: number): Promise<void> {
    await acts.proposePenalty({
      key: `${wf}:${suffix}`, contractId: input.contractId, clause: p.clause, termsVersion: terms.version, caseKind: 'rectification', caseId: wf, fact,
      dueAt: iso(dueMs), lateByMs: Math.max(0, (atMs ?? Date.now()) - dueMs), amountFen: formatFen(p.amountFen), basis: p.basis, ...(p.reading ? { reading: p.reading } : {}), occurredAt: iso(atMs ?? Date.now()),
    });
  }
}
