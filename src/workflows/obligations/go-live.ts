// 6.3 go-live deadline (`golive:<contractId>`), for contracts that name one. One written
// extension request of at most one month, approved by the hospital; after the (extended)
// deadline, each 7-day period late is one ledger entry of 5% of the contract amount, and
// proposed deductions reaching 20% raise an advance breach event (the confirmed one is the core's).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  goLiveProposedBreachEvent,
  goLivePeriodDay,
  goLivePeriodPenalty,
  lateByDaysAtMs,
  latestGoLiveExtension,
  maxGoLivePeriods,
  reachesDeductionBreach,
  validateGoLiveExtension,
  daysLateAt,
} from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { endOfShanghaiDay, type IsoDate } from '../../domain/time';
import { ruleViolation } from '../failures';
import type { Actor } from '../kernel/actors';
import type { StatedInstant } from '../kernel/stated-times';
import { obligationCase, waitWhileContestable } from '../kernel/case';
import {
  acts,
  guard,
  iso,
  obligationContractEndedSignal,
  onboardedActor,
  requireParty,
  SYSTEM_END,
  type TermsAt,
} from './common';
import {
  decideExtensionUpdate,
  GOLIVE_FACT_KIND as KIND,
  goLiveDateAmendedSignal,
  goLiveStateQuery,
  recordGoLiveUpdate,
  requestExtensionUpdate,
  type GoLiveInput,
  type GoLiveState,
} from './go-live-messages';

export * from './go-live-messages';

export async function goLiveWorkflow(input: GoLiveInput): Promise<GoLiveState> {
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t: TermsAt | undefined;
  let amount = 0n;
  let maxPeriods = 0;
  const s: GoLiveState = {
    contractId: input.contractId,
    goLiveDate: input.goLiveDate,
    latestExtension: '',
    deadlineDate: input.goLiveDate,
    reading: '',
    extension: null,
    supersededExtensions: [],
    amendments: [],
    contractEnded: null,
    liveAt: null,
    liveRecordedBy: null,
    daysLate: 0,
    periodsCharged: 0,
    chargedFen: '0',
    breachRaised: false,
    stated: [],
    history: [],
  };
  let dirty = false;
  const c = obligationCase({
    kind: 'golive',
    contractId: input.contractId,
    clause: '6.3',
    terms: () => t?.terms,
    wake: () => {
      dirty = true;
    },
    retime,
  });
  s.stated = c.stated;
  const log = (a: Actor, action: string, detail: Record<string, unknown> = {}, time?: StatedInstant) => {
    dirty = true;
    return c.fact(a, action, detail, '6.3', time);
  };
  const stated = (kind: string, a: { actor: Actor; occurredAtMs?: number }) =>
    c.statedTime(kind, a.actor, a.occurredAtMs, '6.3', Date.parse(input.signedAt));
  const view = (): GoLiveState => ({
    ...s,
    history: c.history(),
    asOf: iso(Date.now()),
    daysLate: daysLateAt(s.deadlineDate, s.liveAt ? Date.parse(s.liveAt) : Date.now()),
  });
  const periodDueMs = (k: number) =>
    lateByDaysAtMs(
      s.deadlineDate,
      goLivePeriodDay(k, t!.terms.penalties.goLiveCounting, t!.terms.penalties.goLivePeriodDays),
    );

  const closedTo = () =>
    s.contractEnded
      ? `the contract ended on ${s.contractEnded.at} (clause 3)`
      : s.amendments.at(-1)?.to === null
        ? 'an amendment removed the go-live date (clause 3)'
        : null;
  const ready = () => {
    const closed = closedTo();
    if (closed) throw ruleViolation('OBLIGATION_CLOSED', `${closed}; nothing more is recorded on this obligation`, '3');
    if (!s.latestExtension)
      throw ruleViolation('NOT_READY', 'the obligation is still loading its terms; retry shortly (clause 6.3)', '6.3');
  };
  setHandler(goLiveStateQuery, view);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.liveAt) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  // Applied in the main loop (the terms may still be loading when it arrives).
  const amendments: { goLiveDate: IsoDate | null; termsVersion: number }[] = [];
  setHandler(goLiveDateAmendedSignal, (a) => {
    amendments.push(a);
    dirty = true;
  });
  setHandler(
    requestExtensionUpdate,
    (a) => {
      const f = log(a.actor, 'extension.request', { newDate: a.newDate, reason: a.reason }, stated(KIND.request, a));
      s.extension = {
        requestedAt: iso(f.occurredAt),
        by: a.actor.name,
        newDate: a.newDate,
        reason: a.reason,
        status: 'pending',
      };
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'requesting a go-live extension', '6.3');
        stated(KIND.request, a);
        if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'the system is already live (clause 6.3)', '6.3');
        if (s.extension)
          throw ruleViolation(
            'EXTENSION_ALREADY_REQUESTED',
            'the contract allows one written extension request only (clause 6.3)',
            '6.3',
          );
        if (s.periodsCharged > 0)
          throw ruleViolation(
            'EXTENSION_TOO_LATE',
            'a go-live penalty period has already been charged; an extension can no longer be requested (clause 6.3)',
            '6.3',
          );
        if (a.reason.trim().length === 0)
          throw ruleViolation(
            'EXTENSION_NEEDS_REASON',
            'a written extension request states its reason (clause 6.3)',
            '6.3',
          );
        guard(() => validateGoLiveExtension(s.goLiveDate, a.newDate, t!.terms));
      },
    },
  );
  setHandler(
    decideExtensionUpdate,
    (a) => {
      const e = s.extension!;
      const f = log(
        a.actor,
        a.approved ? 'extension.approve' : 'extension.refuse',
        { approved: a.approved, ...(a.note ? { note: a.note } : {}) },
        stated(KIND.decide, a),
      );
      Object.assign(e, {
        status: a.approved ? 'approved' : 'refused',
        decidedBy: a.actor.name,
        decidedAt: iso(f.occurredAt),
        note: a.note,
      });
      if (a.approved) s.deadlineDate = e.newDate;
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'deciding a go-live extension', '6.3', ['hospital-approver']);
        stated(KIND.decide, a);
        if (s.extension?.status !== 'pending')
          throw ruleViolation('NO_PENDING_EXTENSION', 'there is no pending extension request (clause 6.3)', '6.3');
      },
    },
  );
  setHandler(
    recordGoLiveUpdate,
    (a) => {
      const f = log(a.actor, 'golive.record', {}, stated(KIND.live, a));
      s.liveAt = iso(f.occurredAt);
      s.liveRecordedBy = a.actor.name;
      s.liveFactSeq = f.seq;
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'recording go-live', '6.3');
        stated(KIND.live, a);
        if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'go-live was already recorded (clause 6.3)', '6.3');
      },
    },
  );

  t = await acts.termsAt({ contractId: input.contractId, atMs: Date.parse(input.signedAt) });
  amount = parseFen(t.amountFen);
  maxPeriods = maxGoLivePeriods(amount, t.terms);
  s.latestExtension = latestGoLiveExtension(input.goLiveDate, t.terms);
  const past = input.onboarded?.goLive;
  if (past) {
    // Entered at onboarding: periods late before it are charged as they would have been live.
    const by = onboardedActor(input.onboarded!);
    s.liveAt = past.liveAt;
    s.liveRecordedBy = by.name;
    s.liveFactSeq = c.fact(by, 'golive.record', {}, '6.3', { occurredAt: Date.parse(past.liveAt) }).seq;
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
    supersedePeriods(until);
    while (!pending && s.periodsCharged < maxPeriods && periodDueMs(s.periodsCharged + 1) <= until)
      await chargePeriod(s.periodsCharged + 1);
    const finished = (s.liveAt !== null && !pending) || closedTo() !== null;
    const late = now >= endOfShanghaiDay(s.deadlineDate);
    const nextPeriod =
      !finished && !pending && s.periodsCharged < maxPeriods ? periodDueMs(s.periodsCharged + 1) : null;
    // Daily while late, so that the query's days-late figure is never more than a day old.
    const next = finished
      ? null
      : late
        ? Math.min(nextPeriod ?? Infinity, lateByDaysAtMs(s.deadlineDate, daysLateAt(s.deadlineDate, now) + 1))
        : (nextPeriod ?? endOfShanghaiDay(s.deadlineDate));
    await c.record(
      {
        status: s.contractEnded
          ? 'contract-ended'
          : finished && !s.liveAt
            ? 'cancelled-by-amendment'
            : finished
              ? s.periodsCharged > 0
                ? 'live-late'
                : 'live'
              : pending
                ? 'extension-pending'
                : late
                  ? 'late'
                  : 'awaiting-go-live',
        awaiting: finished ? 'none' : pending ? 'hospital' : 'vendor',
        breached: s.breachRaised,
        nextDeadlineMs: finished ? null : late ? nextPeriod : endOfShanghaiDay(s.deadlineDate),
      },
      view(),
      finished && c.openUntilMs() === undefined,
    );
    const hold = finished ? c.openUntilMs() : undefined; // a stated time still contestable keeps the case open
    if (finished && hold === undefined) break;
    if (hold !== undefined) await waitWhileContestable(() => dirty, hold);
    else if (next !== null) await condition(() => dirty, Math.max(1, next - now));
    else await condition(() => dirty);
  }
  await condition(allHandlersFinished);
  await c.idle();
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
    log({ name: 'system:amendment', role: 'system' }, a.goLiveDate ? 'golive.amend' : 'golive.date-removed', {
      from: s.goLiveDate,
      to: a.goLiveDate,
      termsVersion: a.termsVersion,
      summary: a.goLiveDate
        ? `golive.amend ${s.goLiveDate} -> ${a.goLiveDate} (terms version ${a.termsVersion})`
        : `golive.date-removed (terms version ${a.termsVersion})`,
    });
    if (!a.goLiveDate) return;
    if (s.extension) s.supersededExtensions.push({ ...s.extension, status: 'superseded' });
    s.extension = null;
    s.goLiveDate = a.goLiveDate;
    s.deadlineDate = a.goLiveDate;
    s.latestExtension = latestGoLiveExtension(a.goLiveDate, t!.terms);
  }

  /**
   * Judged on the go-live fact's own time: a go-live stated (or decided) before periods the
   * timer already charged withdraws those periods' proposals (the record shows why).
   */
  function supersedePeriods(liveMs: number): void {
    if (!s.liveAt) return;
    while (s.periodsCharged > 0 && periodDueMs(s.periodsCharged) > liveMs) {
      c.withdraw(
        `period:${s.periodsCharged}`,
        `superseded by fact ${s.liveFactSeq}: the system was live at ${s.liveAt}, before period ${s.periodsCharged} began (6.3)`,
      );
      s.periodsCharged -= 1;
      s.chargedFen = s.periodsCharged
        ? formatFen(goLivePeriodPenalty(amount, s.periodsCharged, t!.terms).cumulativeFen)
        : '0';
      dirty = true;
    }
  }
  /** A decided contest moved a fact's time: go-live, or the extension's request or decision, moves with it. */
  function retime(fact: { seq: number; type: string }, atMs: number): void {
    if (fact.seq === s.liveFactSeq) s.liveAt = iso(atMs);
    else if (fact.type === 'extension.request' && s.extension) s.extension.requestedAt = iso(atMs);
    else if (s.extension && (fact.type === 'extension.approve' || fact.type === 'extension.refuse'))
      s.extension.decidedAt = iso(atMs);
  }

  async function chargePeriod(k: number): Promise<void> {
    const dueMs = periodDueMs(k);
    t = await acts.termsAt({ contractId: input.contractId, atMs: dueMs });
    const p = goLivePeriodPenalty(amount, k, t.terms);
    c.propose(`period:${k}`, {
      clause: '6.3',
      termsVersion: t.version,
      fact: `go-live not recorded by ${s.deadlineDate}${s.extension?.status === 'approved' ? ` (extended from ${s.goLiveDate})` : ''}: period ${k} late`,
      dueAt: iso(endOfShanghaiDay(s.deadlineDate)),
      lateByMs: dueMs - endOfShanghaiDay(s.deadlineDate),
      amountFen: formatFen(p.amountFen),
      basis: p.basis,
      ...(p.reading ? { reading: p.reading } : {}),
      occurredAt: iso(dueMs),
    });
    s.periodsCharged = k;
    s.chargedFen = formatFen(p.cumulativeFen);
    dirty = true;
    if (!s.breachRaised && reachesDeductionBreach(parseFen(s.chargedFen), amount, t.terms)) {
      // An advance event on proposed deductions; the core's threshold event on confirmed ones is authoritative.
      const e = goLiveProposedBreachEvent(input.contractId, parseFen(s.chargedFen), amount, k, t.terms);
      c.after(() => acts.raiseRightsEvent(e)); // right after the record write that proposes the period (the key makes a retry harmless)
      s.breachRaised = true;
    }
  }
}
