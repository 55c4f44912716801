// Who may record what on a yearly acceptance (3, 8), and what each fact changes. check() is
// synchronous and pure so the update validators refuse before anything reaches history;
// apply() records the fact (through the kernel case) at its stated time and moves the state.
// The effects of a decision (the clause-3 extension, the clause-10 payment) are in
// acceptance-duties.ts. Onboarding enters past years' acceptances through the same apply().
import type { ContractTerms } from '../../domain/terms';
import { invalidInput, ruleViolation } from '../failures';
import type { Fact } from '../kernel/facts';
import { statedSince, type StatedInstant } from '../kernel/stated-times';
import { requireParty } from '../obligations/shared-rules';
import { ACCEPTANCE_FACT_KIND, type AcceptanceState, type DecisionInput, type SubmitArgs } from './acceptance-messages';

export type AcceptanceAction = { action: 'submit'; args: SubmitArgs } | { action: 'decide'; args: DecisionInput };

const iso = (ms: number) => new Date(ms).toISOString();

export function initialState(contractId: string, year: number): AcceptanceState {
  return {
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
}

/**
 * The action's stated time, within its kind's window (terms statedTimes.backdateHours) and not
 * before the year's end (yearEndMs 0: not known yet, no bound); throws 400/409 naming the rule.
 */
export function stated(
  a: AcceptanceAction,
  terms: ContractTerms | undefined,
  yearEndMs: number,
  nowMs: number,
): StatedInstant {
  const kind = ACCEPTANCE_FACT_KIND[a.action];
  return statedSince(terms, kind, a.args.actor, nowMs, a.args.occurredAtMs, '8', yearEndMs || undefined);
}

/**
 * Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not
 * fit. deciding: a decision was taken and its effects are being recorded (one at a time).
 */
export function check(
  s: AcceptanceState,
  a: AcceptanceAction,
  terms: ContractTerms | undefined,
  yearEndMs: number,
  nowMs: number,
  deciding = false,
): void {
  if (a.action === 'submit') {
    requireParty(a.args.actor, 'vendor', 'submitting the yearly acceptance package', '3');
    stated(a, terms, yearEndMs, nowMs);
    if (s.status !== 'awaiting-submission' && s.status !== 'failed')
      throw ruleViolation(
        'ACCEPTANCE_NOT_OPEN',
        `acceptance of year ${s.year} is ${s.status}; the vendor submits after the year's end or after a fail (clause 3)`,
        '3',
      );
    return;
  }
  const d = a.args;
  requireParty(d.actor, 'hospital', 'passing or failing the yearly acceptance', '8', ['hospital-approver']);
  if (s.status !== 'submitted' || deciding)
    throw ruleViolation(
      'ACCEPTANCE_NOT_SUBMITTED',
      `acceptance of year ${s.year} is ${s.status}; only a submitted package is decided (clause 8)`,
      '8',
    );
  stated(a, terms, yearEndMs, nowMs);
  if (d.outcome === 'fail' && !d.reasons?.length)
    throw invalidInput('reasons', 'a failed acceptance names its reasons (clause 3)', '3');
  if (d.outcome === 'pass' && !(d.hospitalSignatory && d.vendorSignatory))
    throw invalidInput(
      d.hospitalSignatory ? 'vendorSignatory' : 'hospitalSignatory',
      'a pass is recorded on the form signed and sealed by both sides (clause 8)',
      '8',
    );
}

export type RecordFact = (type: string, detail: Record<string, unknown>, clause: string, time: StatedInstant) => Fact;

/**
 * Applies a checked action: records its fact at its stated time and moves the state; returns
 * the fact. A submission awaits the decision; a fail opens the next round (clause 3); a pass is
 * on the decisions and turns the status 'passed' once its record and payment are written
 * (acceptance-duties.ts: passRecord, paymentOnPass).
 */
export function apply(s: AcceptanceState, a: AcceptanceAction, time: StatedInstant, record: RecordFact): Fact {
  if (a.action === 'submit') {
    const f = record('acceptance.submitted', a.args.note ? { note: a.args.note } : {}, '3', time);
    s.status = 'submitted';
    s.submittedAt = iso(f.occurredAt);
    return f;
  }
  const d = a.args;
  const pass = d.outcome === 'pass';
  const f = record(
    pass ? 'acceptance.passed' : 'acceptance.failed',
    { ...(d.reasons ? { reasons: d.reasons } : {}) },
    pass ? '8' : '3',
    time,
  );
  s.decisions.push({
    at: iso(f.occurredAt),
    by: d.actor.name,
    factSeq: f.seq,
    outcome: d.outcome,
    ...(d.reasons ? { reasons: d.reasons } : {}),
    ...(pass ? { hospitalSignatory: d.hospitalSignatory, vendorSignatory: d.vendorSignatory } : {}),
    ...(pass && d.signedForms?.length ? { signedForms: d.signedForms } : {}),
  });
  if (!pass) {
    s.round += 1;
    s.status = 'failed';
  }
  return f;
}

/** A decided contest moved a fact's time: the submission or decision it recorded shows the decided time (a pass already recorded stays as written). */
export function retime(s: AcceptanceState, fact: { seq: number; type: string }, atMs: number): void {
  if (fact.type === 'acceptance.submitted') s.submittedAt = iso(atMs);
  for (const d of s.decisions) if (d.factSeq === fact.seq) d.at = iso(atMs);
}
