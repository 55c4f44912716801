// 6.3 post-signing check and rectification plan, one workflow per contract
// (`rectification:<contractId>`). The vendor delivers the system check, the problems and
// the plan within 7 working days of signing; the hospital accepts or rejects each item;
// each accepted item runs to its due date with in-workflow timers. This file is wiring: who
// records what is in rectification-rules.ts and what it changes in rectification-apply.ts, the
// deadlines and verdicts in rectification-duties.ts, the 30-day right in rectification-rights.ts,
// the money in rectification-charges.ts, onboarded facts and decided times in rectification-past.ts.
import { setHandler } from '@temporalio/workflow';
import { calendarYearsFor } from '../../domain/obligations';
import { formatFen, parseFen } from '../../domain/money';
import { SYSTEM } from '../kernel/actors';
import { acts, CALENDAR_REFRESH_MS, loadCalendar, onboardedActor, type TermsAt } from './common';
import {
  RECTIFICATION_UPDATES,
  rectificationStateQuery,
  type RectificationInput,
  type RectificationItem,
  type RectificationState,
} from './rectification-messages';
import { apply } from './rectification-apply';
import { check, initialRectificationState, stated, type RectificationAction } from './rectification-rules';
import { enterOnboarded, pastRecorder, retime } from './rectification-past';
import * as duties from './rectification-duties';
import * as rights from './rectification-rights';
import * as charges from './rectification-charges';
import { obligationWiring } from './wiring';

export * from './rectification-messages';

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationState> {
  const signedMs = Date.parse(input.signedAt);
  // Handlers are registered before the first activity call so queries and updates never miss them.
  let terms: TermsAt | undefined;
  let amount = 0n;
  const s = initialRectificationState(input);
  const loadTerms = async () => {
    terms = await acts.termsAt({ contractId: input.contractId, atMs: signedMs });
    amount = parseFen(terms.amountFen);
  };
  const setDeadline = async () => {
    s.planDeadline = duties.planDeadline(await loadCalendar(calendarYearsFor(signedMs)), signedMs, terms!.terms);
  };
  const pricing: { rate: string; actor: string }[] = []; // approver's 6.5 rate for a late plan
  const closing: RectificationItem[] = []; // confirmed items whose ledger entry is still to be written
  const ctx = () => ({ terms: terms?.terms, amountFen: amount, nowMs: Date.now() });
  const w = obligationWiring({
    kind: 'rectification',
    contractId: input.contractId,
    clause: '6.3',
    startMs: signedMs,
    terms: () => terms?.terms,
    retime: (f, atMs) => {
      const r = retime(s, f.seq, atMs, ctx());
      for (const x of r.withdraw) c.withdraw(x.suffix, x.cause);
      r.charge.forEach(charge);
    },
  });
  const c = w.c;
  s.stated = c.stated;
  const withFigures = (): RectificationState => ({
    ...(terms ? charges.withRunningFigures(s, Date.now(), amount, terms.terms) : s),
    history: c.history(),
  });

  setHandler(rectificationStateQuery, withFigures);
  w.onContractEnded(s);
  // Each update: the pure rules check it (validator) and apply it at its stated time (handler).
  const act = (a: RectificationAction): RectificationState => {
    const x = ctx();
    const e = apply(s, a, stated(s, a, x), x, (type, itemId, detail, time) =>
      w.log(a.args.actor, type, { ...(itemId ? { itemId } : {}), ...detail }, time),
    );
    if (e.close) closing.push(e.close);
    if (e.price) pricing.push(e.price);
    return withFigures();
  };
  w.updates(RECTIFICATION_UPDATES, act, (a: RectificationAction) => check(s, a, ctx()));
  await loadTerms();
  s.termsVersion = terms!.version;
  await setDeadline();
  const past = input.onboarded;
  if (past?.rectification) {
    const by = onboardedActor(past);
    closing.push(...enterOnboarded(s, past.rectification, by.name, ctx(), pastRecorder(c.fact, by)));
  }
  for (;;) {
    w.settle();
    // Terms and calendar as they stand now; the plan deadline moves only while the plan is still due (6.3; issue 10 item 7).
    await w.takeChanges(async () => {
      await loadTerms();
      s.termsVersion = terms!.version;
      if (!s.plan && !s.planBreach) await setDeadline();
    });
    const now = Date.now();
    const verdict = duties.planVerdict(s, now);
    if (verdict === 'missed') planMissed();
    else if (verdict === 'superseded') supersedePlanBreach();
    for (const it of s.items) judgeRights(it, rights.rightsVerdict(it, now, terms!.terms));
    while (closing.length) closeLate(closing.shift()!);
    while (pricing.length) await pricePlan(pricing.shift()!);
    if (s.contractEnded) {
      await closeAtContractEnd();
      break;
    }
    const next = duties.nextWakeMs(s, now, terms!.terms, CALENDAR_REFRESH_MS);
    const wait = Number.isFinite(next) ? next - now : undefined;
    if (!(await w.rest(duties.visibility(s, now, terms!.terms), withFigures(), duties.isFinished(s), wait))) break;
    if (s.planDeadline.provisional && !s.plan) await setDeadline();
  }
  await w.close();
  return withFigures();

  /** Clause 3: open items charged up to the end (rectification-charges.ts), the parties told, the record closed. */
  async function closeAtContractEnd(): Promise<void> {
    charges.contractEndCharges(s, Date.now(), amount, terms!.terms).forEach(charge);
    c.notice(
      'contract-ended',
      'rectification.contract-ended',
      'Rectification plan closed at the end of the contract (clause 3)',
      duties.contractEndNotice(s),
    );
    await c.record(duties.contractEndedVisibility(s), withFigures(), true);
  }

  /**
   * Carries out the item's 30-day verdict (6.3): the terminate event raised after the record
   * write of this state, or withdrawn with its cause when a confirmed completion stated (or
   * decided) before the mark supersedes it. The keys make a retry harmless.
   */
  function judgeRights(it: RectificationItem, verdict: rights.RightsVerdict): void {
    const r = rights.rightsChange(input.contractId, it, verdict, terms!.terms, () =>
      w.log(SYSTEM, 'item.right-superseded', {
        itemId: it.itemId,
        summary: `item.right-superseded (item ${it.itemId} was done before its 30-day mark)`,
      }),
    );
    if (r && 'raise' in r) c.after(() => acts.raiseRightsEvent(r.raise));
    else if (r) {
      const atMs = Date.now();
      c.after(() => acts.withdrawRightsEvent({ ...r.withdraw, contractId: input.contractId, atMs, caseId: c.caseId }));
    }
  }

  function planMissed(): void {
    const breach = duties.planBreachOf(s, Date.now(), terms!.terms);
    s.planBreach = breach;
    w.log(SYSTEM, 'plan.deadline-missed', { deadlineAt: s.planDeadline.deadlineAt });
    c.notice(
      'plan-missed',
      'rectification.plan-missed',
      'Rectification plan deadline missed (clause 6.3)',
      { deadlineAt: s.planDeadline.deadlineAt, lastDay: s.planDeadline.lastDay, reading: breach.reading },
      'both',
    );
    if (terms!.terms.penalties.otherCommitmentReading !== '6.2.2') return; // 6.5: at the approver's rate (pricePlan)
    const ch = charges.planCharge(amount, deadlineMs(), Date.now(), terms!.terms);
    charge(ch);
    Object.assign(breach, { priced: true, penaltyFen: formatFen(ch.penalty.amountFen) });
  }
  /** A plan stated (or decided) before the deadline, after the timer recorded it missed: the breach goes, with its proposal. */
  function supersedePlanBreach(): void {
    s.planBreach = null;
    pricing.length = 0;
    const f = w.log(SYSTEM, 'plan.deadline-superseded', {
      summary: 'plan.deadline-superseded (the plan was delivered before the deadline)',
    });
    c.withdraw(
      'plan-missed',
      `superseded by fact ${f.seq}: the plan was delivered at ${s.plan!.submittedAt}, before ${s.planDeadline.deadlineAt} (6.3)`,
    );
  }
  function deadlineMs(): number {
    return Date.parse(s.planDeadline.deadlineAt);
  }
  async function pricePlan(p: { rate: string; actor: string }): Promise<void> {
    terms = await acts.termsAt({ contractId: input.contractId, atMs: deadlineMs() });
    charge(charges.planCharge(amount, deadlineMs(), Date.now(), terms.terms, p));
  }
  function closeLate(it: RectificationItem): void {
    const ch = charges.closedLateCharge(it, amount, terms!.terms);
    if (ch) charge(ch);
  }
  /** Proposes a charge in the ledger with this state's record write (an item's key is kept for a later retime). */
  function charge(ch: charges.LateCharge): void {
    if (ch.item) ch.item.penaltyKey = ch.suffix;
    c.propose(ch.suffix, charges.proposalOf(ch, terms!.version));
  }
}
