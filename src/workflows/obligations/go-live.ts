// 6.3 go-live deadline (`golive:<contractId>`), for contracts that name one. One written
// extension request of at most one month, approved by the hospital; after the (extended)
// deadline, each 7-day period late is one ledger entry of 5% of the contract amount, and
// proposed deductions reaching 20% raise an advance breach event (the confirmed one is the core's).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  goLiveProposedBreachEvent,
  goLivePeriodPenalty,
  latestGoLiveExtension,
  maxGoLivePeriods,
  daysLateAt,
} from '../../domain/obligations';
import { formatCny, formatFen, parseFen } from '../../domain/money';
import { endOfShanghaiDay, type IsoDate } from '../../domain/time';
import { waitWhileContestable } from '../kernel/case';
import type { Actor } from '../kernel/actors';
import type { GoLiveExtensionFact } from '../../domain/onboarding';
import { acts, iso, obligationContractEndedSignal, onboardedActor, SYSTEM_END, type TermsAt } from './common';
import { enteredFor } from '../kernel/stated-times';
import {
  decideExtensionUpdate,
  goLiveDateAmendedSignal,
  goLiveStateQuery,
  recordGoLiveUpdate,
  requestExtensionUpdate,
  type GoLiveInput,
  type GoLiveState,
} from './go-live-messages';
import { apply, check, closedTo, initialGoLiveState, retime, stated, type GoLiveAction } from './go-live-rules';
import {
  advanceEventKey,
  advanceEventVerdict,
  isFinished,
  periodDueMs,
  periodsDueBy,
  periodsSuperseded,
  visibility,
} from './go-live-duties';
import { obligationWiring } from './wiring';

export * from './go-live-messages';

export async function goLiveWorkflow(input: GoLiveInput): Promise<GoLiveState> {
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t: TermsAt | undefined;
  let amount = 0n;
  let maxPeriods = 0;
  const s = initialGoLiveState(input);
  const w = obligationWiring({
    kind: 'golive',
    contractId: input.contractId,
    clause: '6.3',
    startMs: signedMs,
    terms: () => t?.terms,
    retime: (f, atMs) => retime(s, f, atMs),
  });
  const c = w.c;
  s.stated = c.stated;
  const view = (): GoLiveState => ({
    ...s,
    history: c.history(),
    asOf: iso(Date.now()),
    daysLate: daysLateAt(s.deadlineDate, s.liveAt ? Date.parse(s.liveAt) : Date.now()),
  });

  setHandler(goLiveStateQuery, view);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.liveAt) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    w.log(SYSTEM_END, 'contract.end');
  });
  // Applied in the main loop (the terms may still be loading when it arrives).
  const amendments: { goLiveDate: IsoDate | null; termsVersion: number }[] = [];
  setHandler(goLiveDateAmendedSignal, (a) => {
    amendments.push(a);
    w.wake();
  });
  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const act = (a: GoLiveAction): GoLiveState => {
    apply(s, a, stated(a, t?.terms, signedMs, Date.now()), (type, detail, time) =>
      w.log(a.args.actor, type, detail, time),
    );
    return view();
  };
  const validate = (a: GoLiveAction) => check(s, a, t?.terms, signedMs, Date.now());
  setHandler(requestExtensionUpdate, (args) => act({ action: 'request', args }), {
    validator: (args) => validate({ action: 'request', args }),
  });
  setHandler(decideExtensionUpdate, (args) => act({ action: 'decide', args }), {
    validator: (args) => validate({ action: 'decide', args }),
  });
  setHandler(recordGoLiveUpdate, (args) => act({ action: 'live', args }), {
    validator: (args) => validate({ action: 'live', args }),
  });

  t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  amount = parseFen(t.amountFen);
  maxPeriods = maxGoLivePeriods(amount, t.terms);
  s.latestExtension = latestGoLiveExtension(input.goLiveDate, t.terms);
  const past = input.onboarded?.goLive;
  if (past) {
    // Entered at onboarding: periods late before it are charged as they would have been live.
    const by = onboardedActor(input.onboarded!);
    if (past.extension) enterExtension(past.extension, by);
    if (past.liveAt) {
      s.liveAt = past.liveAt;
      s.liveRecordedBy = by.name;
      s.liveFactSeq = c.fact(by, 'golive.record', {}, '6.3', enteredFor(past.liveAt, 'hospital')).seq;
    }
  }
  s.reading = goLivePeriodPenalty(amount, 1, t.terms).reading ?? '';
  for (;;) {
    w.settle();
    while (amendments.length) applyAmendment(amendments.shift()!);
    const now = Date.now();
    // Periods due before go-live (or now) are charged; while an extension request awaits the
    // hospital's decision nothing is charged, since approval moves the deadline.
    const until = s.liveAt ? Date.parse(s.liveAt) : now;
    supersedePeriods();
    if (advanceEventVerdict(s, amount, t.terms) === 'withdraw') withdrawAdvanceEvent();
    while (periodsDueBy(s, until, maxPeriods, t.terms) > s.periodsCharged) await chargePeriod(s.periodsCharged + 1);
    const finished = isFinished(s);
    const { wakeMs: next, ...v } = visibility(s, now, maxPeriods, t.terms);
    await c.record(v, view(), finished && c.openUntilMs() === undefined);
    const hold = finished ? c.openUntilMs() : undefined; // a stated time still contestable keeps the case open
    if (finished && hold === undefined) break;
    if (hold !== undefined) await waitWhileContestable(w.dirty, hold);
    else if (next !== null) await condition(w.dirty, Math.max(1, next - now));
    else await condition(w.dirty);
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
    if (s.liveAt || s.contractEnded || closedTo(s)) return;
    if (a.goLiveDate === s.goLiveDate) return;
    s.amendments.push({ at: iso(Date.now()), termsVersion: a.termsVersion, from: s.goLiveDate, to: a.goLiveDate });
    w.log({ name: 'system:amendment', role: 'system' }, a.goLiveDate ? 'golive.amend' : 'golive.date-removed', {
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
   * The one written extension entered at onboarding, requested and decided at its times (the API
   * checked it as the live rules do: after the date, within the month, before a period was
   * charged and before go-live); an approved one moves the deadline, so periods count from it.
   */
  function enterExtension(e: GoLiveExtensionFact, by: Actor): void {
    const r = c.fact(
      by,
      'extension.request',
      { newDate: e.newDate, reason: e.reason },
      '6.3',
      enteredFor(e.requestedAt, 'vendor'),
    );
    const d = c.fact(
      by,
      e.approved ? 'extension.approve' : 'extension.refuse',
      { approved: e.approved },
      '6.3',
      enteredFor(e.decidedAt, 'hospital'),
    );
    s.extension = {
      requestedAt: iso(r.occurredAt),
      by: by.name,
      newDate: e.newDate,
      reason: e.reason,
      status: e.approved ? 'approved' : 'refused',
      decidedBy: by.name,
      decidedAt: iso(d.occurredAt),
    };
    if (e.approved) s.deadlineDate = e.newDate;
  }

  /**
   * Judged on the go-live fact's own time (go-live-duties.ts): a go-live stated (or decided)
   * before periods the timer already charged withdraws those periods' proposals (the record shows why).
   */
  function supersedePeriods(): void {
    for (let n = periodsSuperseded(s, t!.terms); n > 0; n--) {
      c.withdraw(
        `period:${s.periodsCharged}`,
        `superseded by fact ${s.liveFactSeq}: the system was live at ${s.liveAt}, before period ${s.periodsCharged} began (6.3)`,
      );
      s.periodsCharged -= 1;
      s.chargedFen = s.periodsCharged
        ? formatFen(goLivePeriodPenalty(amount, s.periodsCharged, t!.terms).cumulativeFen)
        : '0';
      w.wake();
    }
  }

  async function chargePeriod(k: number): Promise<void> {
    const dueMs = periodDueMs(s, k, t!.terms);
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
    w.wake();
    if (advanceEventVerdict(s, amount, t.terms) !== 'raise') return;
    // An advance event on proposed deductions; the core's threshold event on confirmed ones is authoritative.
    const e = goLiveProposedBreachEvent(input.contractId, parseFen(s.chargedFen), amount, k, t.terms);
    const key = advanceEventKey(e.key, s);
    c.after(() => acts.raiseRightsEvent({ ...e, key })); // right after the record write that proposes the period (the key makes a retry harmless)
    s.breachRaised = true;
  }

  /** The advance event withdrawn with its cause, after the record write, when a go-live stated in time superseded the periods that reached it. */
  function withdrawAdvanceEvent(): void {
    const key = advanceEventKey(goLiveProposedBreachEvent(input.contractId, 0n, amount, 0, t!.terms).key, s);
    s.breachRaised = false;
    s.breachWithdrawn = [...(s.breachWithdrawn ?? []), key];
    const cause = `superseded by fact ${s.liveFactSeq}: the system was live at ${s.liveAt}; the periods still charged (${formatCny(parseFen(s.chargedFen))}) are below ${t!.terms.thresholds.deductionPercent}% of the contract amount (6.3)`;
    const atMs = Date.now();
    c.after(() => acts.withdrawRightsEvent({ key, contractId: input.contractId, atMs, cause, caseId: c.caseId }));
  }
}
