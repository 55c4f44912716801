// 6.3 go-live deadline (`golive:<contractId>`), for contracts that name one. One written
// extension request of at most one month, approved by the hospital; after the (extended)
// deadline, each 7-day period late is one ledger entry of 5% of the contract amount, and
// proposed deductions reaching 20% raise an advance breach event (the confirmed one is the core's).
// This file is wiring: who records what is in go-live-rules.ts, the periods, verdicts and
// visibility in go-live-duties.ts, amendments and onboarded facts in go-live-changes.ts.
import { setHandler } from '@temporalio/workflow';
import {
  goLiveProposedBreachEvent,
  goLivePeriodPenalty,
  latestGoLiveExtension,
  maxGoLivePeriods,
} from '../../domain/go-live';
import { daysLateAt } from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { acts, iso, onboardedActor, type TermsAt } from './common';
import {
  GOLIVE_UPDATES,
  goLiveDateAmendedSignal,
  goLiveStateQuery,
  type GoLiveInput,
  type GoLiveState,
} from './go-live-messages';
import { apply, check, initialGoLiveState, retime, stated, type GoLiveAction } from './go-live-rules';
import { amendGoLiveDate, enterOnboarded, type GoLiveAmendment } from './go-live-changes';
import * as duties from './go-live-duties';
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
  w.onContractEnded(s, '6.3', () => s.liveAt !== null);
  // Applied in the main loop (the terms may still be loading when it arrives).
  const amendments: GoLiveAmendment[] = [];
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
  w.updates(GOLIVE_UPDATES, act, (a: GoLiveAction) => check(s, a, t?.terms, signedMs, Date.now()));

  t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  amount = parseFen(t.amountFen);
  maxPeriods = maxGoLivePeriods(amount, t.terms);
  s.latestExtension = latestGoLiveExtension(input.goLiveDate, t.terms);
  const past = input.onboarded?.goLive;
  if (past) {
    // Entered at onboarding: periods late before it are charged as they would have been live.
    const by = onboardedActor(input.onboarded!);
    enterOnboarded(s, past, by.name, (type, detail, time) => c.fact(by, type, detail, '6.3', time));
  }
  s.reading = goLivePeriodPenalty(amount, 1, t.terms).reading ?? '';
  for (;;) {
    w.settle();
    while (amendments.length)
      amendGoLiveDate(s, amendments.shift()!, Date.now(), t.terms, (type, detail) =>
        w.log({ name: 'system:amendment', role: 'system' }, type, detail),
      );
    const now = Date.now();
    // Periods due before go-live (or now) are charged; while an extension request awaits the
    // hospital's decision nothing is charged, since approval moves the deadline.
    const until = s.liveAt ? Date.parse(s.liveAt) : now;
    supersedePeriods();
    if (duties.advanceEventVerdict(s, amount, t.terms) === 'withdraw') withdrawAdvanceEvent();
    while (duties.periodsDueBy(s, until, maxPeriods, t.terms) > s.periodsCharged)
      await chargePeriod(s.periodsCharged + 1);
    const { wakeMs: next, ...v } = duties.visibility(s, now, maxPeriods, t.terms);
    const wait = next !== null ? Math.max(1, next - now) : undefined;
    if (!(await w.rest(v, view(), duties.isFinished(s), wait))) break;
  }
  await w.close();
  return view();

  /**
   * Judged on the go-live fact's own time (go-live-duties.ts): a go-live stated (or decided)
   * before periods the timer already charged withdraws those periods' proposals (the record shows why).
   */
  function supersedePeriods(): void {
    for (let n = duties.periodsSuperseded(s, t!.terms); n > 0; n--) {
      c.withdraw(`period:${s.periodsCharged}`, duties.periodSupersededCause(s, s.periodsCharged));
      s.periodsCharged -= 1;
      s.chargedFen = s.periodsCharged
        ? formatFen(goLivePeriodPenalty(amount, s.periodsCharged, t!.terms).cumulativeFen)
        : '0';
      w.wake();
    }
  }

  async function chargePeriod(k: number): Promise<void> {
    const dueMs = duties.periodDueMs(s, k, t!.terms);
    t = await acts.termsAt({ contractId: input.contractId, atMs: dueMs });
    const p = goLivePeriodPenalty(amount, k, t.terms);
    c.propose(`period:${k}`, duties.periodProposal(s, k, dueMs, p, t.version));
    s.periodsCharged = k;
    s.chargedFen = formatFen(p.cumulativeFen);
    w.wake();
    if (duties.advanceEventVerdict(s, amount, t.terms) !== 'raise') return;
    // An advance event on proposed deductions; the core's threshold event on confirmed ones is authoritative.
    const e = goLiveProposedBreachEvent(input.contractId, parseFen(s.chargedFen), amount, k, t.terms);
    const key = duties.advanceEventKey(e.key, s);
    c.after(() => acts.raiseRightsEvent({ ...e, key })); // right after the record write that proposes the period (the key makes a retry harmless)
    s.breachRaised = true;
  }

  /** The advance event withdrawn with its cause, after the record write, when a go-live stated in time superseded the periods that reached it. */
  function withdrawAdvanceEvent(): void {
    const key = duties.advanceEventKey(goLiveProposedBreachEvent(input.contractId, 0n, amount, 0, t!.terms).key, s);
    s.breachRaised = false;
    s.breachWithdrawn = [...(s.breachWithdrawn ?? []), key];
    const cause = duties.advanceWithdrawnCause(s, t!.terms);
    const atMs = Date.now();
    c.after(() => acts.withdrawRightsEvent({ key, contractId: input.contractId, atMs, cause, caseId: c.caseId }));
  }
}
