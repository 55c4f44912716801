// Yearly acceptance (3, 8, 10) of contract year N: id acceptance:<contractId>:<N>. Wiring only:
// the messages are in acceptance-messages.ts, who may record what in acceptance-rules.ts, the
// year's end, the clause-3 extension and the clause-10 payment in acceptance-duties.ts (all
// pure). This file waits for the year's end, assembles the package from the platform's records,
// takes the vendor's submission and the approver's decision, and carries out the decision's
// effects: a fail extends the year, a pass records the clause-8 form and releases the payment.
import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import type { ContractTerms } from '../../domain/terms';
import type { Actor } from '../kernel/actors';
import { obligationCase } from '../kernel/case';
import type { StatedInstant } from '../kernel/stated-times';
import { acts, extensionsOf, holdWhileContestable, SYSTEM_ACTOR, termShifted } from './common';
import {
  acceptanceState,
  decideAcceptance,
  submitAcceptance,
  type AcceptanceInput,
  type AcceptanceState,
  type DecisionInput,
} from './acceptance-messages';
import { apply, check, initialState, retime, stated, type AcceptanceAction } from './acceptance-rules';
import * as duty from './acceptance-duties';
import { pastRounds } from './acceptance-onboarded';

export * from './acceptance-messages';

export async function acceptanceWorkflow({ contractId, year, onboarded }: AcceptanceInput): Promise<AcceptanceState> {
  const s = initialState(contractId, year);
  let recorded = false;
  let span: duty.YearSpan = { yearStart: null, yearEnd: null, startMs: 0, endMs: 0 };
  // Its stated times follow the terms in force at the year's end (statedTimes.backdateHours
  // acceptanceSubmission / acceptanceDecision), read when the year ends; before then nothing is
  // submitted and the defaults answer a refused early call.
  let terms: ContractTerms | undefined = undefined;
  const c = obligationCase({
    kind: 'acceptance',
    contractId,
    clause: '8',
    terms: () => terms,
    wake: () => void persist(),
    retime: (f, atMs) => retime(s, f, atMs),
    contractYear: year,
    snapshot: (_v, st) => st as Record<string, unknown>,
  });
  const persist = async () => {
    recorded = true;
    await c.record(duty.visibility(s, span), { ...s });
  };
  const record = (a: AcceptanceAction, time: StatedInstant) =>
    apply(s, a, time, (type, detail, clause, at) => c.fact(a.args.actor, type, detail, clause, at));
  // The package from the platform's records of the year, as they stand now.
  const assemble = () =>
    acts.assembleAcceptancePackage({ contractId, year, fromMs: span.startMs, toMs: span.endMs, atMs: Date.now() });
  const validate = (a: AcceptanceAction) => check(s, a, terms, span.endMs, Date.now(), decision !== undefined);
  let submitted = false;
  // A decision is recorded by the main loop, which carries out its effects before the next one.
  let decision: (DecisionInput & { time: StatedInstant }) | undefined;
  setHandler(acceptanceState, () => s);
  const submit = async (args: { actor: Actor; note?: string }, time: StatedInstant) => {
    record({ action: 'submit', args }, time);
    // Assembled again at submission, so the package holds everything recorded until then.
    s.package = await assemble();
    submitted = true;
    await persist();
    return s;
  };
  setHandler(
    submitAcceptance,
    (args) => submit(args, stated({ action: 'submit', args }, terms, span.endMs, Date.now())),
    { validator: (args) => validate({ action: 'submit', args }) },
  );
  setHandler(
    decideAcceptance,
    async (args) => {
      decision = { ...args, time: stated({ action: 'decide', args }, terms, span.endMs, Date.now()) };
      await condition(() => decision === undefined);
      return s;
    },
    { validator: (args) => validate({ action: 'decide', args }) },
  );

  // The year's start and end, re-read while an extension keeps them open or moves them
  // (clause 3): the previous year's acceptance signals termShifted when it fails or passes.
  let shifted = false;
  setHandler(termShifted, () => {
    shifted = true;
  });
  for (;;) {
    shifted = false;
    const info = await acts.cycleContract({ contractId });
    // An entered year ran on the extensions of the years before it (its own, recorded at
    // registration, came after its end, as live).
    span = duty.yearSpan(
      info.signedAtMs,
      year,
      extensionsOf(info).filter((e) => !onboarded || e.contractYear < year),
    );
    const changed = span.yearStart !== s.yearStart || span.yearEnd !== s.yearEnd;
    s.yearStart = span.yearStart;
    s.yearEnd = span.yearEnd;
    if (!recorded || changed) await persist();
    if (duty.yearEnded(span, Date.now())) break;
    await condition(() => shifted, duty.nextReadInMs(span, Date.now()));
  }
  const endedAtMs = Math.min(span.endMs, Date.now());
  terms = (await acts.termsAt({ contractId, atMs: endedAtMs - 1 })).terms;
  s.package = await assemble();
  s.status = 'awaiting-submission';
  c.fact(SYSTEM_ACTOR, 'year.ended', { yearEnd: s.yearEnd }, '3', { occurredAt: endedAtMs });
  const opened = `Contract year ${year} ended: the vendor submits the acceptance package (clause 3)`;
  // An entered year is not open: its rounds happened (and were told) before it was entered.
  if (!onboarded) c.notice('open', 'acceptance.open', opened, { workflowId: c.caseId });
  await persist();

  const past = pastRounds(onboarded);
  for (;;) {
    const replayed = past.shift();
    if (replayed) {
      await submit({ actor: replayed.actor }, replayed.submittedAt);
      decision = replayed.decision;
    }
    await condition(() => submitted && decision !== undefined);
    const d = decision!;
    record({ action: 'decide', args: d }, d.time);
    if (d.outcome === 'pass') {
      await pass(d, s.decisions.at(-1)!.at, !replayed);
      decision = undefined;
      // A stated time still contestable (a back-dated or entered fact, issue 10) keeps the passed
      // year open until decided or its window passes, so the other party's contest can reach it.
      await holdWhileContestable(c, persist);
      await condition(allHandlersFinished);
      await c.idle();
      return s;
    }
    submitted = false;
    await acts.recordTermExtension(duty.failExtension(c.caseId, s, d.actor.name, d.reasons!));
    if (!replayed)
      c.notice(
        `failed:${s.round}`,
        'acceptance.failed',
        `Acceptance of year ${year} failed: rectification opens, the term is extended until a pass (clause 3)`,
        { workflowId: c.caseId, reasons: d.reasons },
      );
    await persist();
    await tellNextYear();
    decision = undefined;
  }

  /** passedAt: the decision's stated time (clause 3 counts the remaining term from it). */
  async function pass(d: DecisionInput, passedAt: string, tell: boolean): Promise<void> {
    const info = await acts.cycleContract({ contractId });
    const payment =
      year + 1 <= info.termYears
        ? duty.paymentOnPass({
            contractId,
            year,
            termYears: info.termYears,
            yearlyFeesFen: info.yearlyFeesFen,
            confirmedFen: (await acts.ledgerTotals({ contractId, contractYear: year })).confirmedFen,
            passedAt,
          })
        : undefined;
    const paid = onboarded?.nextPayment && {
      at: onboarded.nextPayment.paidAt,
      by: `${onboarded.by} (entered at onboarding)`,
      reference: onboarded.nextPayment.reference ?? null,
    };
    const r = await acts.recordAcceptancePass({
      record: duty.passRecord(c.caseId, s, d, passedAt),
      // Clause 10: a payment entered as made at onboarding is released and paid in one row.
      ...(payment ? { payment: { ...payment, ...(paid ? { paid } : {}) } } : {}),
    });
    const closing = duty.passExtension(c.caseId, s, d.actor.name, passedAt);
    if (closing) await acts.recordTermExtension(closing);
    s.status = 'passed';
    s.paymentId = r.paymentId;
    if (tell)
      c.notice(
        'passed',
        'acceptance.passed',
        `Acceptance of year ${year} passed (clause 8)${payment ? `; payment of year ${year + 1} released (clause 10)` : ''}`,
        { workflowId: c.caseId, recordId: r.recordId, paymentId: r.paymentId, amountFen: payment?.amountFen },
      );
    await persist();
    if (closing) await tellNextYear();
  }

  /**
   * Clause 3: a fail moves the start of year N+1 to the later pass. The next year's first
   * quarter and its acceptance may already run on the unshifted calendar (the decision comes
   * after the year's end), so they re-read their period; a missing workflow is not an error.
   */
  async function tellNextYear(): Promise<void> {
    const signal = (id: string) =>
      getExternalWorkflowHandle(id)
        .signal(termShifted)
        .catch(() => undefined);
    await Promise.all(duty.nextYearCases(contractId, year).map(signal));
  }
}
