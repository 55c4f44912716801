// 6.3 post-signing check and rectification plan, one workflow per contract
// (`rectification:<contractId>`). The vendor delivers the system check, the problems and
// the plan within 7 working days of signing; the hospital accepts or rejects each item;
// each accepted item runs to its due date with in-workflow timers.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { endOfShanghaiDay } from '../../domain/time';
import { otherCommitmentPenalty } from '../../domain/penalties';
import {
  calendarYearsFor,
  daysLateAt,
  lateByDaysAtMs,
  rectificationItemPenalty,
  rectificationRightsAtMs,
} from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { WorkingDayCalendar } from '../../domain/calendar';
import { SYSTEM, type Actor } from '../kernel/actors';
import { waitWhileContestable } from '../kernel/case';
import {
  acts,
  CALENDAR_REFRESH_MS,
  iso,
  loadCalendar,
  obligationContractEndedSignal,
  SYSTEM_END,
  onboardedActor,
  type OnboardedFacts,
  type TermsAt,
} from './common';
import {
  confirmItemDoneUpdate,
  pricePlanBreachUpdate,
  rectificationStateQuery,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
  type RectificationInput,
  type RectificationItem,
  type RectificationState,
} from './rectification-messages';
import { apply, check, stated, type RectificationAction, type RulesContext } from './rectification-rules';
import { isFinished, planDeadline, planVerdict, rightsDue, visibility } from './rectification-duties';
import { obligationWiring } from './wiring';

export * from './rectification-messages';

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationState> {
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let terms: TermsAt | undefined;
  let amount = 0n;
  let cal: WorkingDayCalendar;
  const s: RectificationState = {
    contractId: input.contractId,
    signedAt: input.signedAt,
    termsVersion: 0,
    plan: null,
    planBreach: null,
    items: [],
    contractEnded: null,
    stated: [],
    history: [],
    planDeadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] },
  };
  const setDeadline = () => {
    s.planDeadline = planDeadline(cal, signedMs, terms!.terms);
  };
  const pricing: { rate: string; actor: string }[] = []; // approver's 6.5 rate for a late plan
  const closing: RectificationItem[] = []; // confirmed items whose ledger entry is still to be written
  const w = obligationWiring({
    kind: 'rectification',
    contractId: input.contractId,
    clause: '6.3',
    startMs: signedMs,
    terms: () => terms?.terms,
    retime,
  });
  const c = w.c;
  s.stated = c.stated;
  const log = (actor: Actor, action: string, itemId?: string, detail: Record<string, unknown> = {}) =>
    w.log(actor, action, { ...(itemId ? { itemId } : {}), ...detail });
  const withFigures = (): RectificationState =>
    !terms
      ? { ...s, history: c.history() }
      : {
          ...s,
          history: c.history(),
          asOf: iso(Date.now()),
          items: s.items.map((it) => (it.status === 'open' && it.dueDate ? running(it) : it)),
        };
  const running = (it: RectificationItem): RectificationItem => {
    const r = rectificationItemPenalty(amount, it.dueDate!, Date.now(), terms!.terms);
    return { ...it, daysLate: r.daysLate, penaltyFen: formatFen(r.penalty?.amountFen ?? 0n) };
  };

  setHandler(rectificationStateQuery, withFigures);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const ctx = (): RulesContext => ({ terms: terms?.terms, amountFen: amount, nowMs: Date.now() });
  const act = (a: RectificationAction): RectificationState => {
    const x = ctx();
    const e = apply(s, a, stated(s, a, x), x, (type, itemId, detail, time) =>
      w.log(a.args.actor, type, { ...(itemId ? { itemId } : {}), ...detail }, time),
    );
    if (e.close) closing.push(e.close);
    if (e.price) pricing.push(e.price);
    return withFigures();
  };
  const validate = (a: RectificationAction) => check(s, a, ctx());
  setHandler(submitPlanUpdate, (args) => act({ action: 'plan', args }), {
    validator: (args) => validate({ action: 'plan', args }),
  });
  setHandler(reviewItemsUpdate, (args) => act({ action: 'review', args }), {
    validator: (args) => validate({ action: 'review', args }),
  });
  setHandler(reviseItemUpdate, (args) => act({ action: 'revise', args }), {
    validator: (args) => validate({ action: 'revise', args }),
  });
  setHandler(reportItemDoneUpdate, (args) => act({ action: 'done', args }), {
    validator: (args) => validate({ action: 'done', args }),
  });
  setHandler(confirmItemDoneUpdate, (args) => act({ action: 'confirm', args }), {
    validator: (args) => validate({ action: 'confirm', args }),
  });
  setHandler(pricePlanBreachUpdate, (args) => act({ action: 'price', args }), {
    validator: (args) => validate({ action: 'price', args }),
  });
  terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  amount = parseFen(terms.amountFen);
  s.termsVersion = terms.version;
  cal = await loadCalendar(calendarYearsFor(signedMs));
  setDeadline();
  if (input.onboarded?.rectification) enterOnboarded(input.onboarded.rectification, onboardedActor(input.onboarded));
  for (;;) {
    w.settle();
    // Terms and calendar as they stand now; the plan deadline moves only while the plan is still due (6.3; issue 10 item 7).
    await w.takeChanges(async () => {
      terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
      amount = parseFen(terms.amountFen);
      s.termsVersion = terms.version;
      if (!s.plan && !s.planBreach) {
        cal = await loadCalendar(calendarYearsFor(signedMs));
        setDeadline();
      }
    });
    const now = Date.now();
    const verdict = planVerdict(s, now);
    if (verdict === 'missed') planMissed();
    else if (verdict === 'superseded') supersedePlanBreach();
    for (const it of rightsDue(s, now, terms.terms)) {
      const e = {
        key: `${input.contractId}:rectification:${it.itemId}:30-days`,
        contractId: input.contractId,
        right: 'terminate',
        clause: '6.3',
        numbers: {
          itemId: it.itemId,
          dueDate: it.dueDate!,
          daysLate: daysLateAt(it.dueDate!, now),
          limitDays: terms.terms.thresholds.rectificationLateDays,
        },
      };
      c.after(() => acts.raiseRightsEvent(e)); // after the record write of this state (the key makes a retry harmless)
      it.rightsEventRaised = true;
    }
    while (closing.length) closeLate(closing.shift()!);
    while (pricing.length) await pricePlan(pricing.shift()!);
    if (s.contractEnded) {
      await closeAtContractEnd();
      break;
    }
    const finished = isFinished(s);
    const wakes: number[] = [];
    // While provisional, wake daily as well to re-read the calendar (an operator may load the year).
    if (!s.plan && !s.planBreach)
      wakes.push(deadlineMs(), ...(s.planDeadline.provisional ? [now + CALENDAR_REFRESH_MS] : []));
    for (const it of s.items) {
      if (it.status !== 'open' || !it.dueDate) continue;
      // Daily while late: the running figure of the query is as of the last wake-up.
      wakes.push(lateByDaysAtMs(it.dueDate, daysLateAt(it.dueDate, now) + 1));
      if (!it.rightsEventRaised) wakes.push(rectificationRightsAtMs(it.dueDate, terms.terms));
    }
    const next = Math.min(...wakes.filter((x) => x > now));
    await c.record(visibility(s, now, terms.terms), withFigures(), finished && c.openUntilMs() === undefined);
    const hold = finished ? c.openUntilMs() : undefined; // a stated time still contestable keeps the case open
    if (finished && hold === undefined) break;
    if (hold !== undefined) await waitWhileContestable(w.dirty, hold);
    else if (Number.isFinite(next)) await condition(w.dirty, next - now);
    else await condition(w.dirty);
    if (s.planDeadline.provisional && !s.plan) {
      cal = await loadCalendar(calendarYearsFor(signedMs));
      setDeadline();
    }
  }
  await condition(allHandlersFinished);
  await c.idle();
  return withFigures();

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
      const r = rectificationItemPenalty(amount, it.dueDate, atMs, terms!.terms);
      Object.assign(it, {
        daysLate: r.daysLate,
        penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
        closedAt: iso(endMs),
        ...(it.status === 'open' ? { status: 'unfinished-at-contract-end' } : {}),
      });
      if (r.penalty)
        propose(
          `item:${it.itemId}:late`,
          `rectification item ${it.itemId} ${it.status === 'done-claimed' ? `reported done ${r.daysLate} day(s) after` : `still not done at the end of the contract, ${r.daysLate} day(s) after`} its due date ${it.dueDate}`,
          r.penalty,
          endOfShanghaiDay(it.dueDate),
          atMs,
        );
    }
    c.notice(
      'contract-ended',
      'rectification.contract-ended',
      'Rectification plan closed at the end of the contract (clause 3)',
      {
        items: s.items.map((i) => ({
          itemId: i.itemId,
          status: i.status,
          daysLate: i.daysLate,
          penaltyFen: i.penaltyFen,
        })),
        planBreach: s.planBreach,
      },
    );
    await c.record(
      {
        status: 'contract-ended',
        awaiting: 'none',
        breached: s.planBreach !== null || s.items.some((i) => i.daysLate > 0),
        nextDeadlineMs: null,
      },
      withFigures(),
      true,
    );
  }

  /**
   * Facts entered at onboarding, at their own times: the plan (late if after the deadline), its
   * items accepted, and those done at their time closed with the days late as live (6.3).
   */
  function enterOnboarded(r: NonNullable<OnboardedFacts['rectification']>, by: Actor): void {
    const pf = c.fact(by, 'plan.submit', { items: r.items.length }, '6.3', {
      occurredAt: Date.parse(r.planSubmittedAt),
    });
    s.plan = {
      submittedAt: r.planSubmittedAt,
      by: by.name,
      late: Date.parse(r.planSubmittedAt) >= deadlineMs(),
      systemCheck: 'delivered before the contract was entered (onboarding)',
      problems: [],
      factSeq: pf.seq,
    };
    for (const it of r.items) {
      const item: RectificationItem = {
        itemId: it.itemId,
        description: it.description,
        ...(it.dueDate ? { dueDate: it.dueDate } : {}),
        status: 'open',
        daysLate: 0,
        penaltyFen: '0',
        rightsEventRaised: false,
      };
      s.items.push(item);
      if (!it.doneAt) continue;
      const p = it.dueDate ? rectificationItemPenalty(amount, it.dueDate, Date.parse(it.doneAt), terms!.terms) : null;
      const f = c.fact(by, 'item.confirm-done', { itemId: it.itemId }, '6.3', { occurredAt: Date.parse(it.doneAt) });
      Object.assign(item, {
        status: 'done',
        doneClaimedAt: it.doneAt,
        doneFactSeq: f.seq,
        closedAt: it.doneAt,
        daysLate: p?.daysLate ?? 0,
        penaltyFen: formatFen(p?.penalty?.amountFen ?? 0n),
      });
      if (p && p.daysLate > 0) closing.push(item);
      // Live, an item still open more than 30 days after its due date raised the right to terminate then (6.3).
      if (it.dueDate && Date.parse(it.doneAt) >= rectificationRightsAtMs(it.dueDate, terms!.terms)) {
        const e = {
          key: `${input.contractId}:rectification:${it.itemId}:30-days`,
          contractId: input.contractId,
          right: 'terminate',
          clause: '6.3',
          numbers: {
            itemId: it.itemId,
            dueDate: it.dueDate,
            daysLate: daysLateAt(it.dueDate, rectificationRightsAtMs(it.dueDate, terms!.terms)),
            limitDays: terms!.terms.thresholds.rectificationLateDays,
          },
        };
        c.after(() => acts.raiseRightsEvent(e)); // after the first record write (the key makes a retry harmless)
        item.rightsEventRaised = true;
      }
    }
  }

  function planMissed(): void {
    const reading = terms!.terms.penalties.otherCommitmentReading;
    s.planBreach = {
      at: iso(Date.now()),
      clause: reading,
      reading: `${s.planDeadline.provisional ? `deadline PROVISIONAL (calendar year(s) ${s.planDeadline.provisionalYears.join(', ')} not loaded; Mon-Fri assumed); ` : ''}6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under ${reading}`,
      priced: false,
    };
    log(SYSTEM, 'plan.deadline-missed', undefined, { deadlineAt: s.planDeadline.deadlineAt });
    c.notice(
      'plan-missed',
      'rectification.plan-missed',
      'Rectification plan deadline missed (clause 6.3)',
      { deadlineAt: s.planDeadline.deadlineAt, lastDay: s.planDeadline.lastDay, reading: s.planBreach.reading },
      'both',
    );
    if (reading === '6.2.2') {
      const p = otherCommitmentPenalty(amount, undefined, '6.2.2', terms!.terms);
      propose(
        'plan-missed',
        'the post-signing check and rectification plan were not delivered within the working-day deadline (6.3)',
        p,
        deadlineMs(),
      );
      s.planBreach.priced = true;
      s.planBreach.penaltyFen = formatFen(p.amountFen);
    }
  }
  /** A plan stated (or decided) before the deadline, after the timer recorded it missed: the breach goes, with its proposal. */
  function supersedePlanBreach(): void {
    s.planBreach = null;
    pricing.length = 0;
    const f = log(SYSTEM, 'plan.deadline-superseded', undefined, {
      summary: 'plan.deadline-superseded (the plan was delivered before the deadline)',
    });
    c.withdraw(
      'plan-missed',
      `superseded by fact ${f.seq}: the plan was delivered at ${s.plan!.submittedAt}, before ${s.planDeadline.deadlineAt} (6.3)`,
    );
  }
  /** A decided contest moved a fact's time: the plan's delivery or an item's claimed completion moves with it. */
  function retime(fact: { seq: number }, atMs: number): void {
    if (s.plan?.factSeq === fact.seq) Object.assign(s.plan, { submittedAt: iso(atMs), late: atMs >= deadlineMs() });
    for (const it of s.items) {
      if (it.doneFactSeq !== fact.seq) continue;
      it.doneClaimedAt = iso(atMs);
      if (it.status !== 'done' || !it.dueDate) continue;
      // Already closed: its late charge is judged again on the decided time (a new key; the old entry is withdrawn).
      const r = rectificationItemPenalty(amount, it.dueDate, atMs, terms!.terms);
      if (it.penaltyKey)
        c.withdraw(
          it.penaltyKey,
          `the completion time of item ${it.itemId} was decided to be ${iso(atMs)} (fact ${fact.seq})`,
        );
      Object.assign(it, {
        daysLate: r.daysLate,
        penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
        penaltyKey: undefined,
      });
      if (r.penalty)
        propose(
          `item:${it.itemId}:late:${fact.seq}`,
          `rectification item ${it.itemId} done ${r.daysLate} day(s) after its due date ${it.dueDate} (time decided)`,
          r.penalty,
          endOfShanghaiDay(it.dueDate),
          atMs,
          it,
        );
    }
  }
  function deadlineMs(): number {
    return Date.parse(s.planDeadline.deadlineAt);
  }
  async function pricePlan(p: { rate: string; actor: string }): Promise<void> {
    terms = await acts.termsAt({ contractId: input.contractId, atMs: deadlineMs() });
    const pen = otherCommitmentPenalty(amount, p.rate, '6.5', terms.terms);
    propose(
      'plan-missed',
      `the post-signing check and rectification plan were not delivered within the working-day deadline (6.3); rate chosen by ${p.actor}`,
      pen,
      deadlineMs(),
    );
  }
  function closeLate(it: RectificationItem): void {
    const r = rectificationItemPenalty(amount, it.dueDate!, Date.parse(it.doneClaimedAt!), terms!.terms);
    if (r.penalty)
      propose(
        `item:${it.itemId}:late`,
        `rectification item ${it.itemId} done ${r.daysLate} day(s) after its due date ${it.dueDate}`,
        r.penalty,
        endOfShanghaiDay(it.dueDate!),
        Date.parse(it.doneClaimedAt!),
        it,
      );
  }
  function propose(
    suffix: string,
    fact: string,
    p: { clause: string; amountFen: bigint; basis: string; reading?: string },
    dueMs: number,
    atMs?: number,
    it?: RectificationItem,
  ): void {
    if (it) it.penaltyKey = suffix;
    c.propose(suffix, {
      clause: p.clause,
      termsVersion: terms!.version,
      fact,
      dueAt: iso(dueMs),
      lateByMs: Math.max(0, (atMs ?? Date.now()) - dueMs),
      amountFen: formatFen(p.amountFen),
      basis: p.basis,
      ...(p.reading ? { reading: p.reading } : {}),
      occurredAt: iso(atMs ?? Date.now()),
    });
  }
}
