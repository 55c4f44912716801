// Yearly acceptance (3, 8, 10) of contract year N: id acceptance:<contractId>:<N>. Waits for
// the year's end, assembles the package from the platform's records, the vendor submits, a
// hospital approver passes or fails it. A fail records a clause-3 extension (the year runs on
// until a pass, later years count from the passing date); a pass records the clause-8 form
// and releases the clause-10 payment of year N+1: its fee less the deductions confirmed in N.
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  getExternalWorkflowHandle,
  setHandler,
} from '@temporalio/workflow';
import { paymentAmount, yearSpanIfStarted } from '../../domain/cycles';
import { shanghaiDate } from '../../domain/time';
import type { AcceptancePackage } from '../../activities/cycles';
import type { ContractTerms } from '../../domain/terms';
import { invalidInput, ruleViolation } from '../failures';
import { obligationCase } from '../kernel/case';
import type { ActionBase } from '../kernel/case-messages';
import type { StatedInstant } from '../kernel/stated-times';
import { acts, extensionsOf, requireRole, requireVendor, termShifted, wfId, type Actor } from './common';

const iso = (ms: number) => new Date(ms).toISOString();
const SYSTEM_ACTOR: Actor = { name: 'system', role: 'system' };
/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const ACCEPTANCE_FACT_KIND = { submit: 'acceptanceSubmission', decide: 'acceptanceDecision' } as const;

export interface AcceptanceInput {
  contractId: string;
  year: number;
}
export interface Decision {
  at: string;
  by: string;
  outcome: 'pass' | 'fail';
  reasons?: string[];
  hospitalSignatory?: string;
  vendorSignatory?: string;
  /** Clause 8: scans of the signed and sealed form (stored acceptance-scan documents, checked by the API). */
  signedForms?: { documentRef: string; sha256: string }[];
  factSeq?: number;
}
export interface AcceptanceState {
  contractId: string;
  year: number;
  yearStart: string | null;
  yearEnd: string | null;
  status: 'waiting-year-end' | 'awaiting-submission' | 'submitted' | 'failed' | 'passed';
  round: number;
  package: AcceptancePackage | null;
  submittedAt: string | null;
  decisions: Decision[];
  paymentId: string | null;
}
export interface DecisionInput extends ActionBase {
  actor: Actor;
  outcome: 'pass' | 'fail';
  reasons?: string[];
  hospitalSignatory?: string;
  vendorSignatory?: string;
  signedForms?: { documentRef: string; sha256: string }[];
}

export const submitAcceptance = defineUpdate<AcceptanceState, [ActionBase & { note?: string }]>('submitAcceptance');
export const decideAcceptance = defineUpdate<AcceptanceState, [DecisionInput]>('decideAcceptance');
export const acceptanceState = defineQuery<AcceptanceState>('acceptanceState');

const DAY = 24 * 3600 * 1000;

export async function acceptanceWorkflow({ contractId, year }: AcceptanceInput): Promise<AcceptanceState> {
  const s: AcceptanceState = {
    contractId,
    year,
    yearStart: null,
    yearEnd: null,
    status: 'waiting-year-end',
    round: 0,
    package: null,
    submittedAt: null,
    decisions: [],
    paymentId: null,
  };
  let recorded = false;
  let span = { startMs: 0, endMs: 0 };
  // No deadline of its own is charged here; its stated times follow the contract's terms in force
  // at the year's end (statedTimes.backdateHours.acceptanceSubmission / acceptanceDecision), read
  // when the year ends (before then nothing is submitted; the defaults answer a refused early call).
  let terms: ContractTerms | undefined = undefined; // read when the year ends
  const c = obligationCase({
    kind: 'acceptance',
    contractId,
    clause: '8',
    terms: () => terms,
    wake: () => {
      void persist();
    },
    retime,
    contractYear: year,
    snapshot: (_v, st) => st as Record<string, unknown>,
  });
  const persist = async () => {
    recorded = true;
    await c.record(
      {
        status: s.status,
        breached: s.decisions.some((d) => d.outcome === 'fail'),
        awaiting:
          s.status === 'submitted'
            ? 'hospital'
            : s.status === 'passed' || s.status === 'waiting-year-end'
              ? 'none'
              : 'vendor',
        nextDeadlineMs: s.status === 'waiting-year-end' && span.endMs ? span.endMs : null,
      },
      { ...s },
    );
  };
  const stated = (kind: string, a: ActionBase) =>
    c.statedTime(kind, a.actor, a.occurredAtMs, '8', span.endMs || undefined);
  let submitted = false;
  let decision: (DecisionInput & { time: StatedInstant }) | undefined;
  setHandler(acceptanceState, () => s);
  setHandler(
    submitAcceptance,
    async (a) => {
      const f = c.fact(
        a.actor,
        'acceptance.submitted',
        a.note ? { note: a.note } : {},
        '3',
        stated(ACCEPTANCE_FACT_KIND.submit, a),
      );
      // Assembled again at submission, so the package holds everything recorded until then.
      s.package = await acts.assembleAcceptancePackage({
        contractId,
        year,
        fromMs: span.startMs,
        toMs: span.endMs,
        atMs: Date.now(),
      });
      s.status = 'submitted';
      s.submittedAt = iso(f.occurredAt);
      submitted = true;
      await persist();
      return s;
    },
    {
      validator: (a) => {
        requireVendor(a.actor, 'submitting the yearly acceptance package', '3');
        stated(ACCEPTANCE_FACT_KIND.submit, a);
        if (s.status !== 'awaiting-submission' && s.status !== 'failed')
          throw ruleViolation(
            'ACCEPTANCE_NOT_OPEN',
            `acceptance of year ${year} is ${s.status}; the vendor submits after the year's end or after a fail (clause 3)`,
            '3',
          );
      },
    },
  );
  setHandler(
    decideAcceptance,
    async (d) => {
      decision = { ...d, time: stated(ACCEPTANCE_FACT_KIND.decide, d) };
      await condition(() => decision === undefined); // the main loop records the outcome and its effects first
      return s;
    },
    {
      validator: (d) => {
        requireRole(d.actor, ['hospital-approver'], 'passing or failing the yearly acceptance', '8');
        if (s.status !== 'submitted' || decision)
          throw ruleViolation(
            'ACCEPTANCE_NOT_SUBMITTED',
            `acceptance of year ${year} is ${s.status}; only a submitted package is decided (clause 8)`,
            '8',
          );
        stated(ACCEPTANCE_FACT_KIND.decide, d);
        if (d.outcome === 'fail' && !d.reasons?.length)
          throw invalidInput('reasons', 'a failed acceptance names its reasons (clause 3)', '3');
        if (d.outcome === 'pass' && !(d.hospitalSignatory && d.vendorSignatory))
          throw invalidInput(
            d.hospitalSignatory ? 'vendorSignatory' : 'hospitalSignatory',
            'a pass is recorded on the form signed and sealed by both sides (clause 8)',
            '8',
          );
      },
    },
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
    const y = yearSpanIfStarted(info.signedAtMs, year, extensionsOf(info));
    const yearStart = y ? shanghaiDate(y.startMs) : null;
    const yearEnd = y?.endMs ? shanghaiDate(y.endMs - 1) : null;
    const changed = yearStart !== s.yearStart || yearEnd !== s.yearEnd;
    s.yearStart = yearStart;
    s.yearEnd = yearEnd;
    span = { startMs: y?.startMs ?? 0, endMs: y?.endMs ?? 0 };
    if (!recorded || changed) await persist();
    if (y && y.endMs !== null && Date.now() >= y.endMs) break;
    await condition(
      () => shifted,
      !y || y.endMs === null ? DAY : Math.max(1, Math.min(y.endMs - Date.now(), 30 * DAY)),
    );
  }
  terms = (await acts.termsAt({ contractId, atMs: Math.min(span.endMs, Date.now()) - 1 })).terms;
  s.package = await acts.assembleAcceptancePackage({
    contractId,
    year,
    fromMs: span.startMs,
    toMs: span.endMs,
    atMs: Date.now(),
  });
  s.status = 'awaiting-submission';
  c.fact(SYSTEM_ACTOR, 'year.ended', { yearEnd: s.yearEnd }, '3', { occurredAt: Math.min(span.endMs, Date.now()) });
  c.notice(
    'open',
    'acceptance.open',
    `Contract year ${year} ended: the vendor submits the acceptance package (clause 3)`,
    { workflowId: wfId() },
  );
  await persist();

  for (;;) {
    await condition(() => submitted && decision !== undefined);
    const d = decision!;
    const f = c.fact(
      d.actor,
      d.outcome === 'pass' ? 'acceptance.passed' : 'acceptance.failed',
      { ...(d.reasons ? { reasons: d.reasons } : {}) },
      d.outcome === 'pass' ? '8' : '3',
      d.time,
    );
    s.decisions.push({
      at: iso(f.occurredAt),
      by: d.actor.name,
      factSeq: f.seq,
      outcome: d.outcome,
      ...(d.reasons ? { reasons: d.reasons } : {}),
      ...(d.outcome === 'pass' ? { hospitalSignatory: d.hospitalSignatory, vendorSignatory: d.vendorSignatory } : {}),
      ...(d.outcome === 'pass' && d.signedForms?.length ? { signedForms: d.signedForms } : {}),
    });
    if (d.outcome === 'fail') {
      s.round += 1;
      s.status = 'failed';
      submitted = false;
      // Clause 3: the year is extended until a pass; one open extension per year (key).
      await acts.recordTermExtension({
        key: `${wfId()}:extended`,
        contractId,
        contractYear: year,
        untilAt: null,
        reason: `acceptance of year ${year} failed (${d.actor.name}): ${d.reasons!.join('; ')} (clause 3)`,
      });
      c.notice(
        `failed:${s.round}`,
        'acceptance.failed',
        `Acceptance of year ${year} failed: rectification opens, the term is extended until a pass (clause 3)`,
        { workflowId: wfId(), reasons: d.reasons },
      );
      await persist();
      await tellNextYear();
      decision = undefined;
      continue;
    }
    await pass(d, s.decisions.at(-1)!.at);
    decision = undefined;
    await condition(allHandlersFinished);
    await c.idle();
    return s;
  }

  /** A decided contest moved a fact's time: the submission or decision it recorded shows the decided time (a pass already recorded stays as written). */
  function retime(fact: { seq: number; type: string }, atMs: number): void {
    if (fact.type === 'acceptance.submitted') s.submittedAt = iso(atMs);
    for (const d of s.decisions) if (d.factSeq === fact.seq) d.at = iso(atMs);
  }

  /** passedAt: the decision's stated time (clause 3 counts the remaining term from it). */
  async function pass(d: DecisionInput, passedAt: string): Promise<void> {
    const info = await acts.cycleContract({ contractId });
    let payment;
    if (year + 1 <= info.termYears) {
      const totals = await acts.ledgerTotals({ contractId, contractYear: year });
      const fee = BigInt(info.yearlyFeesFen[year] ?? '0');
      const amt = paymentAmount(fee, BigInt(totals.confirmedFen));
      payment = {
        contractId,
        year: year + 1,
        feeFen: fee.toString(),
        deductionsFen: totals.confirmedFen,
        amountFen: amt.amountFen.toString(),
        basis: amt.basis,
        releasedAt: passedAt,
        releasedBy: `acceptance of year ${year}`,
      };
    }
    const r = await acts.recordAcceptancePass({
      record: {
        contractId,
        year,
        passedAt,
        hospitalSignatory: d.hospitalSignatory!,
        vendorSignatory: d.vendorSignatory!,
        decidedBy: d.actor.name,
        workflowId: wfId(),
        ...(d.signedForms?.length ? { signedForms: d.signedForms } : {}),
      },
      ...(payment ? { payment } : {}),
    });
    if (s.round > 0) {
      await acts.recordTermExtension({
        key: `${wfId()}:passed`,
        contractId,
        contractYear: year,
        untilAt: passedAt,
        reason: `acceptance of year ${year} passed (${d.actor.name}) after ${s.round} failed round(s); the remaining term counts from ${passedAt} (clause 3)`,
      });
    }
    s.status = 'passed';
    s.paymentId = r.paymentId;
    c.notice(
      'passed',
      'acceptance.passed',
      `Acceptance of year ${year} passed (clause 8)${payment ? `; payment of year ${year + 1} released (clause 10)` : ''}`,
      { workflowId: wfId(), recordId: r.recordId, paymentId: r.paymentId, amountFen: payment?.amountFen },
    );
    await persist();
    if (s.round > 0) await tellNextYear();
  }

  /**
   * Clause 3: a fail moves the start of year N+1 to the later pass. The next year's first
   * quarter and its acceptance may already run on the unshifted calendar (the decision comes
   * after the year's end), so they re-read their period; a missing workflow is not an error.
   */
  async function tellNextYear(): Promise<void> {
    const ids = [
      `inspection:${contractId}:${year + 1}Q1`,
      `care:${contractId}:${year + 1}Q1`,
      `acceptance:${contractId}:${year + 1}`,
    ];
    await Promise.all(
      ids.map((id) =>
        getExternalWorkflowHandle(id)
          .signal(termShifted)
          .catch(() => undefined),
      ),
    );
  }
}
