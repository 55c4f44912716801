// 4.10 / 6.6 dongle, encryption, time lock and licence code removal (`dongle:<contractId>`).
// Within 7 working days of signing the vendor declares every restriction removed and the
// hospital verifies. A missed deadline, a rejected verification or a restriction found later
// proposes the fixed 6.6 sum and the rights event, except for a restriction caused by a
// RECORDED hospital change of MAC, IP, network or server notified less than a week ahead.
// Every fact carries its stated time (issue 10); the deadline is judged on those times: a
// declaration stated before the deadline and typed in after it supersedes the breach.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarYearsFor, dongleException } from '../../domain/obligations';
import { dongleFound } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { ruleViolation } from '../failures';
import { SYSTEM } from '../kernel/actors';
import { obligationCase } from '../kernel/case';
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
  onboardedActor,
  type Actor,
  type ContextChange,
  type TermsAt,
} from './common';
import {
  declareRemovedUpdate,
  DONGLE_FACT_KIND as KIND,
  dongleStateQuery,
  reportRestrictionUpdate,
  verifyRemovalUpdate,
  type DongleFinding,
  type DongleInput,
  type DongleState,
} from './dongle-messages';

export * from './dongle-messages';

/** Declared (and not rejected) before the deadline, judged on the declaration's stated time. */
export const declaredInTime = (s: DongleState): boolean =>
  s.declarations.some(
    (d) => Date.parse(d.at) < Date.parse(s.deadline.deadlineAt) && d.verification?.accepted !== false,
  );

export async function dongleWorkflow(input: DongleInput): Promise<DongleState> {
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t: TermsAt | undefined;
  let dirty = false;
  const s: DongleState = {
    contractId: input.contractId,
    deadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] },
    declarations: [],
    deadlineMissed: false,
    findings: [],
    contractEnded: null,
    stated: [],
    history: [],
  };
  const c = obligationCase({
    kind: 'dongle',
    contractId: input.contractId,
    clause: '4.10',
    terms: () => t?.terms,
    wake: () => {
      dirty = true;
    },
    retime,
  });
  s.stated = c.stated;
  const view = (): DongleState => ({ ...s, history: c.history() });
  const setDeadline = async () => {
    const d = (await loadCalendar(calendarYearsFor(signedMs))).addWorkingDays(
      signedMs,
      t!.terms.workingDays.dongleRemoval,
    );
    s.deadline = {
      deadlineAt: iso(d.deadlineMs),
      lastDay: d.lastDay,
      provisional: d.provisional,
      provisionalYears: d.provisionalYears,
    };
  };
  const log = (
    a: Actor,
    action: string,
    clause: string,
    detail: Record<string, unknown> = {},
    time?: ReturnType<typeof c.statedTime>,
  ) => {
    dirty = true;
    return c.fact(a, action, detail, clause, time);
  };
  const last = () => s.declarations[s.declarations.length - 1];

  const ready = () => {
    if (s.contractEnded)
      throw ruleViolation(
        'CONTRACT_ENDED',
        `the contract ended on ${s.contractEnded.at}; nothing more is recorded on this obligation (clause 3)`,
        '3',
      );
    if (!s.deadline.lastDay)
      throw ruleViolation(
        'NOT_READY',
        'the obligation is still loading its terms and calendar; retry shortly (clause 4.10)',
        '4.10',
      );
  };
  setHandler(dongleStateQuery, view);
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    log(SYSTEM_END, 'contract.end', '3');
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (ch) => {
    changes.push(ch);
    dirty = true;
  });
  setHandler(
    declareRemovedUpdate,
    (a) => {
      const time = c.statedTime(KIND.declare, a.actor, a.occurredAtMs, '4.10', signedMs);
      const f = log(a.actor, 'removal.declare', '4.10', { removed: a.removed, statement: a.statement }, time);
      s.declarations.push({
        at: iso(f.occurredAt),
        by: a.actor.name,
        removed: a.removed,
        statement: a.statement,
        verification: null,
        factSeq: f.seq,
      });
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'vendor', 'declaring the removal of dongles and locks', '4.10');
        c.statedTime(KIND.declare, a.actor, a.occurredAtMs, '4.10', signedMs);
        const l = last();
        if (l && (l.verification === null || l.verification.accepted))
          throw ruleViolation(
            'ALREADY_DECLARED',
            `the removal was already declared${l.verification ? ' and verified' : ' and awaits verification'} (clause 4.10)`,
            '4.10',
          );
        if (a.statement.trim().length < 10)
          throw ruleViolation(
            'STATEMENT_REQUIRED',
            'the declaration states that every dongle, encryption, time lock and licence code restricting normal operation is removed (clause 4.10)',
            '4.10',
          );
      },
    },
  );
  setHandler(
    verifyRemovalUpdate,
    (a) => {
      const time = c.statedTime(KIND.verify, a.actor, a.occurredAtMs, '4.10', Date.parse(last()!.at));
      const f = log(
        a.actor,
        a.accepted ? 'removal.verify' : 'removal.reject',
        '4.10',
        { accepted: a.accepted, ...(a.note ? { note: a.note } : {}) },
        time,
      );
      last()!.verification = {
        at: iso(f.occurredAt),
        by: a.actor.name,
        accepted: a.accepted,
        ...(a.note ? { note: a.note } : {}),
        factSeq: f.seq,
      };
      // Rejected within the 7 working days: the vendor may still remove it in time (4.10); after them it is a 6.6 finding.
      if (!a.accepted && f.occurredAt >= Date.parse(s.deadline.deadlineAt))
        addFinding(
          a.actor,
          `verification-${s.declarations.length}`,
          a.note ?? 'verification found a restriction still in place',
          f.occurredAt,
          f.seq,
          a.relatedChangeId,
        );
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'verifying the removal', '4.10');
        if (!last() || last()!.verification)
          throw ruleViolation(
            'NOTHING_TO_VERIFY',
            'there is no declaration awaiting verification (clause 4.10)',
            '4.10',
          );
        c.statedTime(KIND.verify, a.actor, a.occurredAtMs, '4.10', Date.parse(last()!.at));
      },
    },
  );
  setHandler(
    reportRestrictionUpdate,
    (a) => {
      const time = c.statedTime(KIND.finding, a.actor, a.occurredAtMs, '6.6', signedMs);
      const f = log(
        a.actor,
        'restriction.report',
        '6.6',
        {
          findingId: a.findingId,
          description: a.description,
          ...(a.relatedChangeId ? { relatedChangeId: a.relatedChangeId } : {}),
        },
        time,
      );
      addFinding(a.actor, a.findingId, a.description, f.occurredAt, f.seq, a.relatedChangeId);
      return view();
    },
    {
      validator: (a) => {
        ready();
        requireParty(a.actor, 'hospital', 'reporting a restriction', '6.6');
        c.statedTime(KIND.finding, a.actor, a.occurredAtMs, '6.6', signedMs);
        if (s.findings.some((f) => f.findingId === a.findingId))
          throw ruleViolation('FINDING_EXISTS', `finding ${a.findingId} is already recorded (clause 6.6)`, '6.6');
      },
    },
  );

  t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  await setDeadline();
  const past = input.onboarded?.dongle;
  if (past) {
    // Facts entered at onboarding, at their own times (judged below like live ones).
    const by = onboardedActor(input.onboarded!);
    const d = c.fact(
      by,
      'removal.declare',
      { statement: 'declared before the contract was entered (onboarding)' },
      '4.10',
      { occurredAt: Date.parse(past.declaredAt) },
    );
    const v = past.verifiedAt
      ? c.fact(by, 'removal.verify', { accepted: true }, '4.10', { occurredAt: Date.parse(past.verifiedAt) })
      : undefined;
    s.declarations.push({
      at: past.declaredAt,
      by: by.name,
      removed: [],
      statement: 'declared before the contract was entered (onboarding)',
      factSeq: d.seq,
      verification: v ? { at: past.verifiedAt!, by: by.name, accepted: true, factSeq: v.seq } : null,
    });
  }
  for (;;) {
    dirty = false; // reset before processing, so an update arriving during an activity call wakes the next wait
    while (changes.length) {
      // Before the deadline passed, it is recomputed on the calendar and terms as they stand now (4.10; issue 10 item 7).
      const ch = changes.shift()!;
      if (!s.deadlineMissed) {
        t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
        await setDeadline();
      }
      log(contextActor(ch), contextFact(ch).split(' ')[0]!, '4.10', { ref: ch.ref, summary: contextFact(ch) });
    }
    const now = Date.now();
    const deadlineMs = Date.parse(s.deadline.deadlineAt);
    judgeDeadline(now, deadlineMs);
    for (const f of s.findings.filter((x) => x.outcome === 'pending')) await judge(f);
    const verified = last()?.verification?.accepted === true;
    const beforeDeadline = now < deadlineMs && !s.deadlineMissed;
    if (s.contractEnded) break;
    await c.record(
      {
        status: s.findings.some((f) => f.outcome === 'penalised')
          ? 'restriction-found'
          : s.deadlineMissed && !verified
            ? 'deadline-missed'
            : verified
              ? 'verified'
              : last()?.verification === null && last()
                ? 'declared'
                : 'awaiting-declaration',
        awaiting: verified ? 'none' : last() && last()!.verification === null ? 'hospital' : 'vendor',
        breached: s.deadlineMissed || s.findings.some((f) => f.outcome === 'penalised'),
        nextDeadlineMs: beforeDeadline && !declaredInTime(s) ? deadlineMs : null,
      },
      view(),
    );
    // Stays open for the term: a restriction may be found at any time (6.6).
    if (beforeDeadline) {
      await condition(
        () => dirty,
        s.deadline.provisional ? Math.min(deadlineMs - now, CALENDAR_REFRESH_MS) : deadlineMs - now,
      );
      if (s.deadline.provisional) await setDeadline();
    } else await condition(() => dirty);
  }
  // Clause 3: the contract ended. Findings were judged above; a missed deadline is already charged.
  await c.record(
    {
      status: 'contract-ended',
      awaiting: 'none',
      breached: s.deadlineMissed || s.findings.some((f) => f.outcome === 'penalised'),
      nextDeadlineMs: null,
    },
    view(),
    true,
  );
  await condition(allHandlersFinished);
  await c.idle();
  return view();

  function addFinding(
    a: Actor,
    findingId: string,
    description: string,
    atMs: number,
    factSeq: number,
    relatedChangeId?: string,
  ): void {
    s.findings.push({
      findingId,
      foundAt: iso(atMs),
      reportedBy: a.name,
      description,
      ...(relatedChangeId ? { relatedChangeId } : {}),
      outcome: 'pending',
      factSeq,
    });
  }
  /**
   * The 4.10 deadline as a function of the facts' times: missed when it passed with no
   * declaration stated before it; a declaration stated in time and typed in later (or a
   * contest decided for it) supersedes the breach and withdraws its proposal.
   */
  function judgeDeadline(now: number, deadlineMs: number): void {
    if (
      !s.deadlineMissed &&
      now >= deadlineMs &&
      !declaredInTime(s) &&
      !s.findings.some((f) => f.outcome === 'penalised')
    ) {
      s.deadlineMissed = true;
      log(SYSTEM, 'deadline.missed', '4.10', { deadlineAt: s.deadline.deadlineAt });
      penalise(
        'deadline-missed',
        `no removal of dongles, time locks and licence codes was declared by ${s.deadline.lastDay} (4.10)${s.deadline.provisional ? ' (deadline provisional: calendar year not loaded)' : ''}`,
        deadlineMs,
      );
    } else if (s.deadlineMissed && declaredInTime(s)) {
      s.deadlineMissed = false;
      const f = log(SYSTEM, 'deadline.superseded', '4.10', {
        deadlineAt: s.deadline.deadlineAt,
        summary: 'deadline.superseded (a declaration stated before the deadline)',
      });
      c.withdraw(
        'deadline-missed',
        `superseded by fact ${f.seq}: the removal was declared before ${s.deadline.deadlineAt} (4.10)`,
      );
    }
  }
  async function judge(f: DongleFinding): Promise<void> {
    const changes = f.relatedChangeId ? await acts.listHospitalChanges({ contractId: input.contractId }) : [];
    const ex = dongleException(f.relatedChangeId, Date.parse(f.foundAt), changes);
    f.reason = ex.reason;
    if (ex.applies) {
      f.outcome = 'exempt';
      log(SYSTEM, 'finding.exempt', '6.6', { findingId: f.findingId, reason: ex.reason });
      c.notice(`finding:${f.findingId}:exempt`, 'dongle.exempt', 'Restriction exempt under the 6.6 exception', {
        findingId: f.findingId,
        reason: ex.reason,
      });
      return;
    }
    penalise(
      `finding:${f.findingId}`,
      `a dongle, time lock or licence code restricting operation was found: ${f.description} (${ex.reason})`,
      Date.parse(f.foundAt),
    );
    f.penaltyFen = formatFen(dongleFound(t!.terms).amountFen);
    f.outcome = 'penalised'; // the ledger entry goes with this state's record write, the rights event right after it
  }
  function penalise(suffix: string, fact: string, atMs: number): void {
    const p = dongleFound(t!.terms);
    c.propose(suffix, {
      clause: '6.6',
      termsVersion: t!.version,
      fact,
      dueAt: s.deadline.deadlineAt,
      amountFen: formatFen(p.amountFen),
      basis: p.basis,
      occurredAt: iso(atMs),
    });
    c.after(() =>
      acts.raiseRightsEvent({
        key: `${input.contractId}:dongle:${suffix}`,
        contractId: input.contractId,
        right: 'demand-payments-back',
        clause: '6.6',
        numbers: { penaltyFen: formatFen(p.amountFen), event: suffix },
      }),
    );
  }
  /** A decided contest moved a fact's time: the declaration, verification or finding it recorded moves with it. */
  function retime(fact: { seq: number }, atMs: number): void {
    for (const d of s.declarations) {
      if (d.factSeq === fact.seq) d.at = iso(atMs);
      if (d.verification?.factSeq === fact.seq) d.verification.at = iso(atMs);
    }
    for (const f of s.findings) if (f.factSeq === fact.seq && f.outcome === 'pending') f.foundAt = iso(atMs);
  }
}
