// 4.2 / 6.7 a change of the vendor's maintenance engineers (`staff-change:<contractId>:<requestId>`).
// The vendor requests it with its effective date; the platform checks the 7 working days of
// notice on the calendar; the hospital approves in writing or refuses. A change that takes
// effect without the notice or without the approval costs CNY 1,000 per person (6.7). A change
// the hospital reports after the fact (kind 'unannounced') is charged at once.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarYearsFor } from '../../domain/obligations';
import { startOfShanghaiDay } from '../../domain/time';
import type { Actor } from '../kernel/actors';
import { waitWhileContestable } from '../kernel/case';
import {
  acts,
  CALENDAR_REFRESH_MS,
  iso,
  loadCalendar,
  obligationContractEndedSignal,
  onboardedActor,
  SYSTEM_END,
  type TermsAt,
} from './common';
import {
  decideStaffChangeUpdate,
  staffChangeStateQuery,
  withdrawStaffChangeUpdate,
  type StaffChangeInput,
  type StaffChangeState,
} from './staff-change-messages';
import { apply, check, enterPast, initialState, requestFact, retime, stated } from './staff-change-rules';
import type { StaffAction } from './staff-change-rules';
import { closedBeforeEffect, flaggedProposal, flagsAtEffect } from './staff-change-duties';
import { obligationWiring } from './wiring';

export * from './staff-change-messages';

export async function staffChangeWorkflow(input: StaffChangeInput): Promise<StaffChangeState> {
  const requestedMs = Date.parse(input.requestedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let required = 0;
  let t: TermsAt | undefined;
  const s = initialState(input);
  // On the request's time as decided (an entered request's time may be contested, issue 10 item 4).
  const checkNotice = async () => {
    const atMs = Date.parse(s.requestedAt);
    const cal = await loadCalendar(calendarYearsFor(atMs, input.effectiveDate));
    s.notice = { ...cal.hasWorkingDaysNotice(atMs, input.effectiveDate, required), required };
  };
  let requestSeq = 0;
  let requestRetimed = false;
  const w = obligationWiring({
    kind: 'staff',
    contractId: input.contractId,
    clause: '4.2',
    startMs: requestedMs,
    terms: () => t?.terms,
    retime: (f, atMs) => {
      if (f.seq === requestSeq) {
        s.requestedAt = iso(atMs);
        requestRetimed = true;
      }
      retime(s, f.seq, atMs);
    },
  });
  const c = w.c;
  s.stated = c.stated;
  const wf = c.caseId;
  const view = (): StaffChangeState => ({ ...s, history: c.history() });
  const effectiveMs = startOfShanghaiDay(input.effectiveDate);

  setHandler(staffChangeStateQuery, view);
  // Clause 3: a change still pending when the contract ends never takes effect.
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.outcome !== 'pending') return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    w.log(SYSTEM_END, 'contract.end');
  });
  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const act = (a: StaffAction): StaffChangeState => {
    apply(s, a, stated(s, a, t?.terms, Date.now()), (type, detail, time) => w.log(a.args.actor, type, detail, time));
    return view();
  };
  const validate = (a: StaffAction) => check(s, a, t?.terms, Date.now());
  setHandler(decideStaffChangeUpdate, (args) => act({ action: 'decide', args }), {
    validator: (args) => validate({ action: 'decide', args }),
  });
  setHandler(withdrawStaffChangeUpdate, (args) => act({ action: 'withdraw', args }), {
    validator: (args) => validate({ action: 'withdraw', args }),
  });

  t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
  required = t.terms.workingDays.staffNotice;
  // The request (or the hospital's report of an unannounced change) at the time the API recorded it.
  const requester: Actor = input.onboarded
    ? onboardedActor(input.onboarded)
    : { name: input.requestedBy, role: input.kind === 'requested' ? 'vendor-engineer' : 'hospital-operator' };
  const r = requestFact(input, requestedMs, Date.now());
  requestSeq = c.fact(requester, r.type, r.detail, r.clause, r.time).seq;
  if (input.onboarded) enterPast(s, requester, (type, detail, time) => w.log(requester, type, detail, time));
  if (input.kind === 'unannounced') {
    s.notice.required = required;
    s.flagReasons.push('the change took effect without notice or written approval (6.7)');
    return finish('effective-flagged');
  }
  await checkNotice();
  for (;;) {
    w.settle();
    if (requestRetimed) {
      requestRetimed = false;
      await checkNotice();
    }
    // The notice is judged on the calendar and terms as they stand now (4.2; issue 10 item 7).
    await w.takeChanges(async () => {
      t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
      required = t.terms.workingDays.staffNotice;
      await checkNotice();
    });
    const now = Date.now();
    const closed = closedBeforeEffect(s);
    if (closed) return finish(closed);
    if (now >= effectiveMs) {
      s.flagReasons.push(...flagsAtEffect(s, required));
      return finish(s.flagReasons.length ? 'effective-flagged' : 'effective');
    }
    await c.record(
      {
        status: s.decision ? 'approved' : 'awaiting-approval',
        awaiting: s.decision ? 'none' : 'hospital',
        breached: !s.notice.ok,
        nextDeadlineMs: effectiveMs,
      },
      view(),
    );
    await condition(
      w.dirty,
      s.notice.provisional ? Math.min(effectiveMs - now, CALENDAR_REFRESH_MS) : effectiveMs - now,
    );
    if (s.notice.provisional) await checkNotice();
  }

  async function finish(outcome: StaffChangeState['outcome']): Promise<StaffChangeState> {
    s.outcome = outcome;
    if (outcome === 'effective' || outcome === 'effective-flagged') {
      await acts.applyStaffChange({
        key: wf,
        contractId: input.contractId,
        requestId: input.requestId,
        remove: input.remove,
        add: input.add,
        effectiveDate: input.effectiveDate,
      });
    }
    // A change closed without effect stops counting as pending in the API's 4.2 check.
    if (outcome === 'refused' || outcome === 'withdrawn' || outcome === 'contract-ended')
      await acts.closeStaffChangeRequest({ key: wf, outcome });
    if (outcome === 'effective-flagged') proposeFlagged();
    // A stated time still contestable keeps the case open until it is decided or its window passes.
    for (let hold = c.openUntilMs(); hold !== undefined; hold = c.openUntilMs()) {
      await c.record(
        { status: outcome, awaiting: 'none', breached: outcome === 'effective-flagged', nextDeadlineMs: null },
        view(),
      );
      w.settle();
      await waitWhileContestable(w.dirty, hold);
      if (requestRetimed) outcome = await rejudge(outcome);
    }
    await c.record(
      { status: outcome, awaiting: 'none', breached: outcome === 'effective-flagged', nextDeadlineMs: null },
      view(),
      true,
    );
    await condition(allHandlersFinished);
    await c.idle();
    return view();
  }

  function proposeFlagged(): void {
    const p = flaggedProposal(s, requestedMs, t!.terms, t!.version);
    s.penaltyFen = p.amountFen;
    c.propose('6.7', p);
  }

  /** An entered request whose time was decided otherwise: the notice judged again on it (4.2, 6.7). */
  async function rejudge(outcome: StaffChangeState['outcome']): Promise<StaffChangeState['outcome']> {
    requestRetimed = false;
    if (input.kind !== 'requested' || (outcome !== 'effective' && outcome !== 'effective-flagged')) return outcome;
    await checkNotice();
    s.flagReasons = flagsAtEffect(s, required);
    s.outcome = s.flagReasons.length ? 'effective-flagged' : 'effective';
    if (s.outcome === 'effective-flagged') proposeFlagged();
    else if (outcome === 'effective-flagged') {
      c.withdraw('6.7', `the request's time was decided as ${s.requestedAt}: notice and approval in time (4.2)`);
      s.penaltyFen = null;
    }
    return s.outcome;
  }
}
