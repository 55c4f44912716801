// 4.10 / 6.6 dongle, encryption, time lock and licence code removal (`dongle:<contractId>`).
// Within 7 working days of signing the vendor declares every restriction removed and the
// hospital verifies. A missed deadline, a rejected verification or a restriction found later
// proposes the fixed 6.6 sum and the rights event, except for a restriction caused by a
// RECORDED hospital change of MAC, IP, network or server notified less than a week ahead.
// Every fact carries its stated time (issue 10); the deadline is judged on those times: a
// declaration stated before the deadline and typed in after it supersedes the breach.
// This file is wiring: who records what is in dongle-rules.ts, the deadline, verdicts and what
// a breach proposes in dongle-duties.ts, the first state and onboarded facts in dongle-past.ts.
import { condition, setHandler } from '@temporalio/workflow';
import { calendarYearsFor, dongleException } from '../../domain/obligations';
import { dongleFound } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { SYSTEM } from '../kernel/actors';
import { acts, CALENDAR_REFRESH_MS, loadCalendar, onboardedActor, type TermsAt } from './common';
import {
  DONGLE_UPDATES,
  dongleStateQuery,
  type DongleFinding,
  type DongleInput,
  type DongleState,
} from './dongle-messages';
import { apply, check, retime, stated, type DongleAction } from './dongle-rules';
import { enterOnboarded, initialDongleState } from './dongle-past';
import * as duties from './dongle-duties';
import { obligationWiring } from './wiring';

export * from './dongle-messages';
export { declaredInTime } from './dongle-duties';

export async function dongleWorkflow(input: DongleInput): Promise<DongleState> {
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let t: TermsAt | undefined;
  const s = initialDongleState(input);
  const w = obligationWiring({
    kind: 'dongle',
    contractId: input.contractId,
    clause: '4.10',
    startMs: signedMs,
    terms: () => t?.terms,
    retime: (f, atMs) => retime(s, f.seq, atMs),
  });
  const c = w.c;
  s.stated = c.stated;
  const view = (): DongleState => ({ ...s, history: c.history() });
  const rightsRaised = new Map<string, string>(); // breach -> the key of its live rights event
  const rightsWithdrawn = new Set<string>();
  const setDeadline = async () => {
    s.deadline = duties.removalDeadline(await loadCalendar(calendarYearsFor(signedMs)), signedMs, t!.terms);
  };
  setHandler(dongleStateQuery, view);
  w.onContractEnded(s, '3');
  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const act = (a: DongleAction): DongleState => {
    apply(s, a, stated(s, a, t?.terms, signedMs, Date.now()), (type, detail, clause, time) =>
      w.log(a.args.actor, type, detail, time, clause),
    );
    return view();
  };
  w.updates(DONGLE_UPDATES, act, (a: DongleAction) => check(s, a, t?.terms, signedMs, Date.now()));

  t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
  await setDeadline();
  const past = input.onboarded?.dongle;
  if (past) {
    // Facts entered at onboarding, at their own times (judged below like live ones).
    const by = onboardedActor(input.onboarded!);
    enterOnboarded(s, past, by.name, (type, detail, clause, time) => c.fact(by, type, detail, clause, time));
    // 6.6: a restriction found before the deadline was charged then, so the deadline passing charged
    // nothing more (deadlineVerdict): judged first, as live it was before the timer fired.
    const deadlineMs = Date.parse(s.deadline.deadlineAt);
    for (const f of s.findings.filter((x) => x.outcome === 'pending' && Date.parse(x.foundAt) < deadlineMs))
      await judge(f);
  }
  for (;;) {
    w.settle();
    // Before the deadline passed, it is recomputed on the calendar and terms as they stand now (4.10; issue 10 item 7).
    await w.takeChanges(async () => {
      if (s.deadlineMissed) return;
      t = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
      await setDeadline();
    });
    const now = Date.now();
    const deadlineMs = Date.parse(s.deadline.deadlineAt);
    judgeDeadline(duties.deadlineVerdict(s, now), deadlineMs);
    for (const f of s.findings.filter((x) => x.outcome === 'pending')) await judge(f);
    const beforeDeadline = now < deadlineMs && !s.deadlineMissed;
    if (s.contractEnded) break;
    await c.record(duties.visibility(s, now), view());
    // Stays open for the term: a restriction may be found at any time (6.6).
    if (beforeDeadline) {
      await condition(
        w.dirty,
        s.deadline.provisional ? Math.min(deadlineMs - now, CALENDAR_REFRESH_MS) : deadlineMs - now,
      );
      if (s.deadline.provisional) await setDeadline();
    } else await condition(w.dirty);
  }
  // Clause 3: the contract ended. Findings were judged above; a missed deadline is already charged.
  await c.record(duties.contractEndedVisibility(s), view(), true);
  await w.close();
  return view();

  /** Carries out the 4.10 verdict (dongle-duties.ts): a breach proposed, or superseded and withdrawn. */
  function judgeDeadline(verdict: ReturnType<typeof duties.deadlineVerdict>, deadlineMs: number): void {
    if (verdict === 'missed') {
      s.deadlineMissed = true;
      w.log(SYSTEM, 'deadline.missed', { deadlineAt: s.deadline.deadlineAt });
      penalise(
        'deadline-missed',
        `no removal of dongles, time locks and licence codes was declared by ${s.deadline.lastDay} (4.10)${s.deadline.provisional ? ' (deadline provisional: calendar year not loaded)' : ''}`,
        deadlineMs,
      );
    } else if (verdict === 'superseded') {
      s.deadlineMissed = false;
      const f = w.log(SYSTEM, 'deadline.superseded', {
        deadlineAt: s.deadline.deadlineAt,
        summary: 'deadline.superseded (a declaration stated before the deadline)',
      });
      const cause = `superseded by fact ${f.seq}: the removal was declared before ${s.deadline.deadlineAt} (4.10)`;
      c.withdraw('deadline-missed', cause);
      withdrawRights('deadline-missed', cause);
    }
  }
  async function judge(f: DongleFinding): Promise<void> {
    const changes = f.relatedChangeId ? await acts.listHospitalChanges({ contractId: input.contractId }) : [];
    const ex = dongleException(f.relatedChangeId, Date.parse(f.foundAt), changes);
    f.reason = ex.reason;
    if (ex.applies) {
      f.outcome = 'exempt';
      w.log(SYSTEM, 'finding.exempt', { findingId: f.findingId, reason: ex.reason }, undefined, '6.6');
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
  /** The 6.6 rights event of a superseded breach is withdrawn with its cause, after the record that supersedes it. */
  function withdrawRights(suffix: string, cause: string): void {
    const key = rightsRaised.get(suffix);
    if (!key) return;
    rightsRaised.delete(suffix);
    rightsWithdrawn.add(`${input.contractId}:dongle:${suffix}`);
    const atMs = Date.now();
    c.after(() => acts.withdrawRightsEvent({ key, contractId: input.contractId, atMs, cause, caseId: c.caseId }));
  }
  function penalise(suffix: string, fact: string, atMs: number): void {
    c.propose(suffix, duties.breachProposal(s, fact, atMs, t!.terms, t!.version));
    // A breach judged again after its rights event was withdrawn raises a new one (the old stays withdrawn).
    const base = `${input.contractId}:dongle:${suffix}`;
    const key = rightsWithdrawn.has(base) ? `${base}@${c.timeline.length}` : base;
    rightsRaised.set(suffix, key);
    const e = duties.rightsEventOf(input.contractId, key, suffix, t!.terms);
    c.after(() => acts.raiseRightsEvent(e));
  }
}
