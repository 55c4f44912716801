// 4.2 / 6.7 a change of the vendor's maintenance engineers (`staff-change:<contractId>:<requestId>`).
// The vendor requests it with its effective date; the platform checks the 7 working days of
// notice on the calendar; the hospital approves in writing or refuses. A change that takes
// effect without the notice or without the approval costs CNY 1,000 per person (6.7). A change
// the hospital reports after the fact (kind 'unannounced') is charged at once.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarYearsFor, personsChanged } from '../../domain/obligations';
import { staffChangePenalty } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { startOfShanghaiDay } from '../../domain/time';
import { ruleViolation } from '../failures';
import type { Actor } from '../kernel/actors';
import type { StatedInstant } from '../kernel/stated-times';
import { obligationCase, waitWhileContestable } from '../kernel/case';
import {
  acts,
  CALENDAR_REFRESH_MS,
  contextActor,
  contextChangedSignal,
  contextFact,
  iso,
  loadCalendar,
  obligationContractEndedSignal,
  requireParty,
  SYSTEM_END,
  type ContextChange,
  type TermsAt,
} from './common';
import {
  decideStaffChangeUpdate,
  STAFF_FACT_KIND as KIND,
  staffChangeStateQuery,
  withdrawStaffChangeUpdate,
  type StaffChangeInput,
  type StaffChangeState,
} from './staff-change-messages';

export * from './staff-change-messages';

export async function staffChangeWorkflow(input: StaffChangeInput): Promise<StaffChangeState> {
  const requestedMs = Date.parse(input.requestedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let required = 0;
  let t: TermsAt | undefined;
  const s: StaffChangeState = {
    ...input,
    persons: personsChanged(input.remove.length, input.add.length),
    notice: { ok: false, workingDays: 0, required: 0, provisional: false, provisionalYears: [] },
    decision: null,
    withdrawn: false,
    contractEnded: null,
    outcome: 'pending',
    penaltyFen: null,
    flagReasons: [],
    stated: [],
    history: [],
  };
  const checkNotice = async () => {
    const cal = await loadCalendar(calendarYearsFor(requestedMs, input.effectiveDate));
    s.notice = { ...cal.hasWorkingDaysNotice(requestedMs, input.effectiveDate, required), required };
  };
  let dirty = false;
  const c = obligationCase({
    kind: 'staff',
    contractId: input.contractId,
    clause: '4.2',
    terms: () => t?.terms,
    wake: () => {
      dirty = true;
    },
    retime,
  });
  s.stated = c.stated;
  const wf = c.caseId;
  const view = (): StaffChangeState => ({ ...s, history: c.history() });
  const log = (a: Actor, action: string, detail: Record<string, unknown> = {}, time?: StatedInstant) => {
    dirty = true;
    return c.fact(a, action, detail, '4.2', time);
  };
  const stated = (kind: string, a: { actor: Actor; occurredAtMs?: number }) =>
    c.statedTime(kind, a.actor, a.occurredAtMs, '4.2', requestedMs);
  const effectiveMs = startOfShanghaiDay(input.effectiveDate);
  const open = () => s.outcome === 'pending' && !s.withdrawn && !s.contractEnded && Date.now() < effectiveMs;

  const ready = () => {
    if (!required)
      throw ruleViolation(
        'NOT_READY',
        'the change is still loading its terms and calendar; retry shortly (clause 4.2)',
        '4.2',
      );
  };
  setHandler(staffChangeStateQuery, view);
  // Clause 3: a change still pending when the contract ends never takes effect.
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || s.outcome !== 'pending') return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (ch) => {
    changes.push(ch);
    dirty = true;
  });
  setHandler(
    decideStaffChangeUpdate,
    (a) => {
      const f = log(
        a.actor,
        a.approved ? 'staff-change.approve' : 'staff-change.refuse',
        { approved: a.approved, ...(a.note ? { note: a.note } : {}) },
        stated(KIND.decide, a),
      );
      s.decision = {
        approved: a.approved,
        by: a.actor.name,
        at: iso(f.occurredAt),
        ...(a.note ? { note: a.note } : {}),
        factSeq: f.seq,
      };
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'approving a staff change in writing', '4.2', ['hospital-approver']);
        if (input.kind !== 'requested')
          throw ruleViolation(
            'NOT_A_REQUEST',
            'an unannounced change cannot be approved after the fact (clause 6.7)',
            '6.7',
          );
        if (s.decision)
          throw ruleViolation(
            'ALREADY_DECIDED',
            `the change was already ${s.decision.approved ? 'approved' : 'refused'} (clause 4.2)`,
            '4.2',
          );
        if (!open())
          throw ruleViolation(
            'CHANGE_CLOSED',
            `the change is ${s.withdrawn ? 'withdrawn' : s.contractEnded ? 'closed: the contract ended (clause 3)' : 'already in effect'} (clause 4.2)`,
            '4.2',
          );
        stated(KIND.decide, a);
      },
    },
  );
  setHandler(
    withdrawStaffChangeUpdate,
    (a) => {
      s.withdrawn = true;
      log(a.actor, 'staff-change.withdraw', {}, stated(KIND.withdraw, a));
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'withdrawing a staff change', '4.2');
        if (input.kind !== 'requested' || !open())
          throw ruleViolation('CHANGE_CLOSED', 'only a pending change request can be withdrawn (clause 4.2)', '4.2');
        stated(KIND.withdraw, a);
      },
    },
  );

  t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
  required = t.terms.workingDays.staffNotice;
  // The request (or the hospital's report of an unannounced change) at the time the API recorded it.
  const requester: Actor = {
    name: input.requestedBy,
    role: input.kind === 'requested' ? 'vendor-engineer' : 'hospital-operator',
  };
  c.fact(
    requester,
    input.kind === 'requested' ? 'staff-change.request' : 'staff-change.unannounced',
    {
      requestId: input.requestId,
      effectiveDate: input.effectiveDate,
      remove: input.remove,
      add: input.add.map((e) => e.engineerId),
      reason: input.reason,
    },
    input.kind === 'requested' ? '4.2' : '6.7',
    { occurredAt: Math.min(requestedMs, Date.now()) },
  );
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
      const ch = changes.shift()!;
      t = await acts.termsAt({ contractId: input.contractId, atMs: requestedMs });
      required = t.terms.workingDays.staffNotice;
      await checkNotice();
      log(contextActor(ch), contextFact(ch).split(' ')[0]!, { ref: ch.ref, summary: contextFact(ch) });
    }
    const now = Date.now();
    if (s.withdrawn) return finish('withdrawn');
    if (s.contractEnded) return finish('contract-ended');
    if (s.decision && !s.decision.approved) return finish('refused');
    if (now >= effectiveMs) {
      if (!s.notice.ok)
        s.flagReasons.push(
          `notice of ${s.notice.workingDays} working day(s) before ${input.effectiveDate}, ${required} required (4.2)${s.notice.provisional ? ` (provisional: calendar year(s) ${s.notice.provisionalYears.join(', ')} not loaded)` : ''}`,
        );
      if (!s.decision) s.flagReasons.push('no written approval by the hospital before the change took effect (4.2)');
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
      () => dirty,
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
    if (outcome === 'effective-flagged') {
      const p = staffChangePenalty(s.persons, t!.terms);
      s.penaltyFen = formatFen(p.amountFen);
      c.propose('6.7', {
        clause: '6.7',
        termsVersion: t!.version,
        fact: `engineer change ${input.requestId} effective ${input.effectiveDate}: ${s.flagReasons.join('; ')}`,
        amountFen: s.penaltyFen,
        basis: p.basis,
        ...(input.kind === 'requested' ? { dueAt: iso(effectiveMs) } : {}),
        occurredAt: iso(input.kind === 'requested' ? effectiveMs : Date.now()),
      });
    }
    // A stated time still contestable keeps the case open until it is decided or its window passes.
    for (let hold = c.openUntilMs(); hold !== undefined; hold = c.openUntilMs()) {
      await c.record(
        { status: outcome, awaiting: 'none', breached: outcome === 'effective-flagged', nextDeadlineMs: null },
        view(),
      );
      dirty = false;
      await waitWhileContestable(() => dirty, hold);
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

  /** A decided contest moved the decision's time. */
  function retime(fact: { seq: number }, atMs: number): void {
    if (s.decision?.factSeq === fact.seq) s.decision.at = iso(atMs);
  }
}
