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
  validatePlanItems,
} from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { ruleViolation } from '../failures';
import { WorkingDayCalendar } from '../../domain/calendar';
import { SYSTEM, type Actor } from '../kernel/actors';
import type { StatedInstant } from '../kernel/stated-times';
import { obligationCase, waitWhileContestable } from '../kernel/case';
import {
  acts,
  CALENDAR_REFRESH_MS,
  contextActor,
  contextChangedSignal,
  contextFact,
  guard,
  iso,
  loadCalendar,
  obligationContractEndedSignal,
  requireParty,
  SYSTEM_END,
  onboardedActor,
  type ContextChange,
  type OnboardedFacts,
  type TermsAt,
} from './common';
import {
  confirmItemDoneUpdate,
  pricePlanBreachUpdate,
  RECTIFICATION_FACT_KIND as KIND,
  rectificationStateQuery,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
  type RectificationInput,
  type RectificationItem,
  type RectificationState,
} from './rectification-messages';

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
    const d = cal.addWorkingDays(signedMs, terms!.terms.workingDays.rectificationPlan);
    s.planDeadline = {
      deadlineAt: iso(d.deadlineMs),
      lastDay: d.lastDay,
      provisional: d.provisional,
      provisionalYears: d.provisionalYears,
    };
  };
  const pricing: { rate: string; actor: string }[] = []; // approver's 6.5 rate for a late plan
  const closing: RectificationItem[] = []; // confirmed items whose ledger entry is still to be written
  let dirty = false;
  const c = obligationCase({
    kind: 'rectification',
    contractId: input.contractId,
    clause: '6.3',
    terms: () => terms?.terms,
    wake: () => {
      dirty = true;
    },
    retime,
  });
  s.stated = c.stated;
  const log = (
    actor: Actor,
    action: string,
    itemId?: string,
    detail: Record<string, unknown> = {},
    time?: StatedInstant,
  ) => {
    dirty = true;
    return c.fact(actor, action, { ...(itemId ? { itemId } : {}), ...detail }, '6.3', time);
  };
  const stated = (kind: string, a: { actor: Actor; occurredAtMs?: number }) =>
    c.statedTime(kind, a.actor, a.occurredAtMs, '6.3', signedMs);
  const item = (id: string) => {
    const it = s.items.find((i) => i.itemId === id);
    if (!it) throw ruleViolation('UNKNOWN_ITEM', `plan item ${id} does not exist (clause 6.3)`, '6.3');
    return it;
  };
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

  const ready = () => {
    if (s.contractEnded)
      throw ruleViolation(
        'CONTRACT_ENDED',
        `the contract ended on ${s.contractEnded.at}; nothing more is recorded on this obligation (clause 3)`,
        '3',
      );
    if (!s.planDeadline.lastDay)
      throw ruleViolation(
        'NOT_READY',
        'the obligation is still loading its terms and calendar; retry shortly (clause 6.3)',
        '6.3',
      );
  };
  setHandler(rectificationStateQuery, withFigures);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (ch) => {
    changes.push(ch);
    dirty = true;
  });
  setHandler(
    submitPlanUpdate,
    (a) => {
      const f = log(a.actor, 'plan.submit', undefined, { items: a.items.length }, stated(KIND.plan, a));
      s.plan = {
        submittedAt: iso(f.occurredAt),
        by: a.actor.name,
        late: f.occurredAt >= Date.parse(s.planDeadline.deadlineAt),
        systemCheck: a.systemCheck,
        problems: a.problems,
        factSeq: f.seq,
      };
      s.items = a.items.map((it) => ({
        ...it,
        status: 'awaiting-review',
        daysLate: 0,
        penaltyFen: '0',
        rightsEventRaised: false,
      }));
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'submitting the rectification plan', '6.3');
        stated(KIND.plan, a);
        if (s.plan)
          throw ruleViolation(
            'PLAN_ALREADY_SUBMITTED',
            'the plan was already submitted; revise rejected items instead (clause 6.3)',
            '6.3',
          );
        guard(() => validatePlanItems(a.items, Date.now()));
      },
    },
  );
  setHandler(
    reviewItemsUpdate,
    (a) => {
      const time = stated(KIND.review, a);
      for (const d of a.decisions) {
        const it = item(d.itemId);
        it.status = !d.accepted ? 'rejected' : it.exemption ? 'exempt' : 'open';
        it.note = d.note;
        const f = log(
          a.actor,
          d.accepted ? 'item.accept' : 'item.reject',
          d.itemId,
          d.note ? { note: d.note } : {},
          time,
        );
        if (it.status === 'exempt') it.closedAt = iso(f.occurredAt);
      }
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'reviewing plan items', '6.3');
        stated(KIND.review, a);
        if (a.decisions.length === 0)
          throw ruleViolation('NO_DECISIONS', 'name at least one item to accept or reject (clause 6.3)', '6.3');
        for (const d of a.decisions)
          if (item(d.itemId).status !== 'awaiting-review')
            throw ruleViolation(
              'ITEM_NOT_AWAITING_REVIEW',
              `item ${d.itemId} is ${item(d.itemId).status}, not awaiting review (clause 6.3)`,
              '6.3',
            );
      },
    },
  );
  setHandler(
    reviseItemUpdate,
    (a) => {
      Object.assign(item(a.item.itemId), {
        ...a.item,
        dueDate: a.item.dueDate,
        exemption: a.item.exemption,
        status: 'awaiting-review',
      });
      log(a.actor, 'item.revise', a.item.itemId, {}, stated(KIND.revise, a));
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'revising a plan item', '6.3');
        stated(KIND.revise, a);
        if (item(a.item.itemId).status !== 'rejected')
          throw ruleViolation(
            'ITEM_NOT_REJECTED',
            `only a rejected item can be revised; ${a.item.itemId} is ${item(a.item.itemId).status} (clause 6.3)`,
            '6.3',
          );
        guard(() => validatePlanItems([a.item], Date.now()));
      },
    },
  );
  setHandler(
    reportItemDoneUpdate,
    (a) => {
      const it = item(a.itemId);
      const f = log(a.actor, 'item.report-done', a.itemId, {}, stated(KIND.done, a));
      it.status = 'done-claimed';
      it.doneClaimedAt = iso(f.occurredAt); // the time the days late are counted to (6.3): the vendor's stated time, contestable
      it.doneFactSeq = f.seq;
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'reporting an item done', '6.3');
        stated(KIND.done, a);
        if (item(a.itemId).status !== 'open')
          throw ruleViolation(
            'ITEM_NOT_OPEN',
            `item ${a.itemId} is ${item(a.itemId).status}, not open (clause 6.3)`,
            '6.3',
          );
      },
    },
  );
  setHandler(
    confirmItemDoneUpdate,
    (a) => {
      const it = item(a.itemId);
      const f = log(
        a.actor,
        a.confirmed ? 'item.confirm-done' : 'item.refuse-done',
        a.itemId,
        a.note ? { note: a.note } : {},
        stated(KIND.confirm, a),
      );
      if (a.confirmed) {
        const r = rectificationItemPenalty(amount, it.dueDate!, Date.parse(it.doneClaimedAt!), terms!.terms);
        Object.assign(it, {
          status: 'done',
          closedAt: iso(f.occurredAt),
          daysLate: r.daysLate,
          penaltyFen: formatFen(r.penalty?.amountFen ?? 0n),
          note: a.note,
        });
        if (r.daysLate > 0) closing.push(it);
      } else {
        Object.assign(it, { status: 'open', doneClaimedAt: undefined, doneFactSeq: undefined, note: a.note });
      }
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'confirming an item done', '6.3');
        stated(KIND.confirm, a);
        if (item(a.itemId).status !== 'done-claimed')
          throw ruleViolation(
            'ITEM_NOT_REPORTED_DONE',
            `item ${a.itemId} is ${item(a.itemId).status}, not reported done (clause 6.3)`,
            '6.3',
          );
      },
    },
  );
  setHandler(
    pricePlanBreachUpdate,
    (a) => {
      const p = otherCommitmentPenalty(amount, a.ratePercent, '6.5', terms!.terms);
      s.planBreach = { ...s.planBreach!, priced: true, penaltyFen: formatFen(p.amountFen) };
      pricing.push({ rate: a.ratePercent, actor: a.actor.name });
      log(a.actor, 'plan-breach.price', undefined, { ratePercent: a.ratePercent }, stated(KIND.price, a));
      return withFigures();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'pricing the late plan', '6.5', ['hospital-approver']);
        if (!s.planBreach || s.planBreach.priced)
          throw ruleViolation(
            'NO_UNPRICED_PLAN_BREACH',
            "there is no late plan awaiting the approver's rate (clause 6.5)",
            '6.5',
          );
        guard(() => otherCommitmentPenalty(amount, a.ratePercent, '6.5', terms!.terms));
        stated(KIND.price, a);
      },
    },
  );
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
      const ch = changes.shift()!;
      terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
      amount = parseFen(terms.amountFen);
      s.termsVersion = terms.version;
      if (!s.plan && !s.planBreach) {
        cal = await loadCalendar(calendarYearsFor(signedMs));
        setDeadline();
      }
      log(contextActor(ch), contextFact(ch).split(' ')[0]!, undefined, { ref: ch.ref, summary: contextFact(ch) });
    }
    const now = Date.now();
    const deadlineMs = Date.parse(s.planDeadline.deadlineAt);
    // A plan entered late at onboarding is judged as a missed deadline, as it was live (6.3).
    if ((!s.plan || s.plan.late) && !s.planBreach && now >= deadlineMs) planMissed();
    else if (s.plan && !s.plan.late && s.planBreach) supersedePlanBreach();
    for (const it of s.items) {
      if (
        it.status === 'open' &&
        it.dueDate &&
        !it.rightsEventRaised &&
        now >= rectificationRightsAtMs(it.dueDate, terms.terms)
      ) {
        const e = {
          key: `${input.contractId}:rectification:${it.itemId}:30-days`,
          contractId: input.contractId,
          right: 'terminate',
          clause: '6.3',
          numbers: {
            itemId: it.itemId,
            dueDate: it.dueDate,
            daysLate: daysLateAt(it.dueDate, now),
            limitDays: terms.terms.thresholds.rectificationLateDays,
          },
        };
        c.after(() => acts.raiseRightsEvent(e)); // after the record write of this state (the key makes a retry harmless)
        it.rightsEventRaised = true;
      }
    }
    while (closing.length) closeLate(closing.shift()!);
    while (pricing.length) await pricePlan(pricing.shift()!);
    if (s.contractEnded) {
      await closeAtContractEnd();
      break;
    }
    const finished =
      s.plan !== null &&
      s.items.every((i) => i.status === 'done' || i.status === 'exempt') &&
      (!s.planBreach || s.planBreach.priced);
    const wakes: number[] = [];
    // While provisional, wake daily as well to re-read the calendar (an operator may load the year).
    if (!s.plan && !s.planBreach)
      wakes.push(deadlineMs, ...(s.planDeadline.provisional ? [now + CALENDAR_REFRESH_MS] : []));
    for (const it of s.items) {
      if (it.status !== 'open' || !it.dueDate) continue;
      // Daily while late: the running figure of the query is as of the last wake-up.
      wakes.push(lateByDaysAtMs(it.dueDate, daysLateAt(it.dueDate, now) + 1));
      if (!it.rightsEventRaised) wakes.push(rectificationRightsAtMs(it.dueDate, terms.terms));
    }
    const next = Math.min(...wakes.filter((w) => w > now));
    const overdue = s.items.some((i) => i.status === 'open' && i.dueDate && daysLateAt(i.dueDate, now) > 0);
    const awaitingHospital =
      s.items.some((i) => i.status === 'awaiting-review' || i.status === 'done-claimed') ||
      (s.planBreach !== null && !s.planBreach.priced);
    await c.record(
      {
        status: finished
          ? 'closed'
          : !s.plan
            ? s.planBreach
              ? 'plan-late'
              : 'awaiting-plan'
            : overdue
              ? 'items-overdue'
              : 'in-progress',
        awaiting: finished ? 'none' : awaitingHospital ? 'hospital' : 'vendor',
        breached: s.planBreach !== null || overdue || s.items.some((i) => i.daysLate > 0),
        nextDeadlineMs: nextDeadline(now),
      },
      withFigures(),
      finished && c.openUntilMs() === undefined,
    );
    const hold = finished ? c.openUntilMs() : undefined; // a stated time still contestable keeps the case open
    if (finished && hold === undefined) break;
    if (hold !== undefined) await waitWhileContestable(() => dirty, hold);
    else if (Number.isFinite(next)) await condition(() => dirty, next - now);
    else await condition(() => dirty);
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
  /** The next contractual instant (not a wake-up): the plan deadline, an item's due end or its 30-day mark. */
  function nextDeadline(now: number): number | null {
    const d: number[] = [];
    if (!s.plan && !s.planBreach) d.push(deadlineMs());
    for (const it of s.items) {
      if (it.status !== 'open' || !it.dueDate) continue;
      d.push(
        now < endOfShanghaiDay(it.dueDate)
          ? endOfShanghaiDay(it.dueDate)
          : it.rightsEventRaised
            ? Infinity
            : rectificationRightsAtMs(it.dueDate, terms!.terms),
      );
    }
    const m = Math.min(...d);
    return Number.isFinite(m) ? m : null;
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
