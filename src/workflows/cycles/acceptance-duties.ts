// A yearly acceptance's duties (3, 8, 10): each with its clause, due time, warnings and what
// follows from it. Pure functions of the contract's calendar (with its clause-3 extensions),
// the decision's stated time, the fees and the confirmed deductions, so the workflow and the
// onboarding of a running contract (past years already accepted) reach the same conclusions.
import { yearSpanIfStarted } from '../../domain/cycles';
import { paymentAmount } from '../../domain/payments';
import type { TermExtension } from '../../domain/contract-year';
import { shanghaiDate } from '../../domain/time';
import type { AcceptanceRecordInput, PaymentInput } from '../../db/queries/cycles';
import type { Visibility } from '../kernel/case';
import { acceptanceCaseId, type AcceptanceState, type DecisionInput } from './acceptance-messages';
import { careCaseId } from './care-messages';
import { inspectionCaseId } from './inspection-messages';

export const ACCEPTANCE_DUTIES = [
  {
    duty: 'submission',
    clause: '3',
    due: "after the contract year's end (the year as clause 3 extends it); no deadline of its own is charged",
    warnings: 'acceptance.open when the year ends, to both parties',
    breach: 'none charged here: the year stays open (and later payments wait) until a package passes',
  },
  {
    duty: 'decision',
    clause: '8',
    due: "the hospital's approver passes (on the form signed and sealed by both sides) or fails (naming the reasons) a submitted package",
    warnings: 'acceptance.passed / acceptance.failed to both parties',
    breach: 'none charged here',
  },
  {
    duty: "the failed year's extension",
    clause: '3',
    due: 'from a fail until the next pass',
    warnings: 'acceptance.failed (rectification opens)',
    breach:
      "the year is extended (one open extension); at the pass it closes at the passing time and the remaining term counts from it; the next year's first quarter and acceptance re-read their period (termShifted)",
  },
  {
    duty: 'payment gating',
    clause: '10',
    due: 'at the pass of year N',
    warnings: 'acceptance.passed names the amount',
    breach:
      'the payment of year N+1 is released: its fee less the deductions confirmed in year N, never below zero; none after the last year',
  },
] as const;

const DAY = 24 * 3600 * 1000;

/** The contract year's span as it stands (undefined while an earlier year's extension is open). */
export interface YearSpan {
  yearStart: string | null;
  yearEnd: string | null;
  startMs: number;
  /** 0 while the year has not started or is extended until a pass (clause 3). */
  endMs: number;
}

export function yearSpan(signedAtMs: number, year: number, ext: readonly TermExtension[]): YearSpan {
  const y = yearSpanIfStarted(signedAtMs, year, ext);
  return {
    yearStart: y ? shanghaiDate(y.startMs) : null,
    yearEnd: y?.endMs ? shanghaiDate(y.endMs - 1) : null,
    startMs: y?.startMs ?? 0,
    endMs: y?.endMs ?? 0,
  };
}

/** Submission opens when the year has ended (clause 3). */
export const yearEnded = (y: YearSpan, nowMs: number): boolean => y.endMs > 0 && nowMs >= y.endMs;

/** How long to wait before reading the calendar again: to the year's end, at most 30 days; daily while it is not known. */
export const nextReadInMs = (y: YearSpan, nowMs: number): number =>
  !y.endMs ? DAY : Math.max(1, Math.min(y.endMs - nowMs, 30 * DAY));

/** Clause 3: a fail extends the year until a pass (one open extension per year, keyed by the case). */
export function failExtension(caseId: string, s: AcceptanceState, decidedBy: string, reasons: string[]) {
  return {
    key: `${caseId}:extended`,
    contractId: s.contractId,
    contractYear: s.year,
    untilAt: null,
    reason: `acceptance of year ${s.year} failed (${decidedBy}): ${reasons.join('; ')} (clause 3)`,
  };
}

/** Clause 3: a pass after failed rounds closes the extension at the passing time; none without a fail. */
export function passExtension(caseId: string, s: AcceptanceState, decidedBy: string, passedAt: string) {
  if (s.round === 0) return undefined;
  return {
    key: `${caseId}:passed`,
    contractId: s.contractId,
    contractYear: s.year,
    untilAt: passedAt,
    reason: `acceptance of year ${s.year} passed (${decidedBy}) after ${s.round} failed round(s); the remaining term counts from ${passedAt} (clause 3)`,
  };
}

/** Clause 8: the passing form as recorded (passedAt: the decision's stated time). */
export function passRecord(
  caseId: string,
  s: AcceptanceState,
  d: DecisionInput,
  passedAt: string,
): AcceptanceRecordInput {
  return {
    contractId: s.contractId,
    year: s.year,
    passedAt,
    hospitalSignatory: d.hospitalSignatory!,
    vendorSignatory: d.vendorSignatory!,
    decidedBy: d.actor.name,
    workflowId: caseId,
    ...(d.signedForms?.length ? { signedForms: d.signedForms } : {}),
  };
}

/**
 * Clause 10: the pass of year N releases the payment of year N+1 (none after the last year):
 * the fee (yearlyFeesFen[N], the fee of year N+1) less the deductions confirmed in year N.
 */
export function paymentOnPass(p: {
  contractId: string;
  year: number;
  termYears: number;
  yearlyFeesFen: readonly string[];
  confirmedFen: string;
  passedAt: string;
}): PaymentInput | undefined {
  if (p.year + 1 > p.termYears) return undefined;
  const fee = BigInt(p.yearlyFeesFen[p.year] ?? '0');
  const amt = paymentAmount(fee, BigInt(p.confirmedFen));
  return {
    contractId: p.contractId,
    year: p.year + 1,
    feeFen: fee.toString(),
    deductionsFen: p.confirmedFen,
    amountFen: amt.amountFen.toString(),
    basis: amt.basis,
    basisTemplate: amt.basisTemplate,
    releasedAt: p.passedAt,
    releasedBy: `acceptance of year ${p.year}`,
  };
}

/** The cases a fail or a pass after a fail moves (clause 3): the next year's first quarter and its acceptance. */
export const nextYearCases = (contractId: string, year: number): string[] => [
  inspectionCaseId(contractId, year + 1, 1),
  careCaseId(contractId, year + 1, 1),
  acceptanceCaseId(contractId, year + 1),
];

/** The record's visibility; a failed round shows as breached until the pass. */
export function visibility(s: AcceptanceState, y: YearSpan): Visibility {
  return {
    status: s.status,
    breached: s.decisions.some((d) => d.outcome === 'fail'),
    awaiting:
      s.status === 'submitted'
        ? 'hospital'
        : s.status === 'passed' || s.status === 'waiting-year-end'
          ? 'none'
          : 'vendor',
    nextDeadlineMs: s.status === 'waiting-year-end' && y.endMs ? y.endMs : null,
  };
}
