// Onboarding a running contract (issue 10 item 4), its years already accepted (3, 8) and the
// payments they released (10): the spans the years ran on, the clause-3 extensions a failed
// round opened and its pass closed, the payment each pass released, all as a pure function of
// the entered facts. The API checks the facts with it, the registration pre-records the same
// extensions, the acceptance workflow replays the rounds (src/workflows/cycles/acceptance.ts)
// and the dry run answers these conclusions.
import { addYearsMs, type TermExtension } from './contract-year';
import { paymentAmount } from './payments';

/** One round of a year's acceptance (clause 8): the vendor's submission, then the hospital's decision. */
export interface AcceptanceRoundFact {
  submittedAt: string;
  decidedAt: string;
  outcome: 'pass' | 'fail';
  /** A fail names its reasons (clause 3). */
  reasons?: string[];
  /** A pass is recorded on the form signed and sealed by both sides (clause 8). */
  hospitalSignatory?: string;
  vendorSignatory?: string;
}
/** A contract year whose acceptance happened before the contract was entered: every round, in order. */
export interface AcceptedYearFact {
  year: number;
  rounds: AcceptanceRoundFact[];
}
/** A payment entered as made (clause 10): year 1 after signing, year N after the pass of year N-1. */
export interface PaymentFact {
  year: number;
  paidAt: string;
  reference?: string;
}

export interface AcceptedYearConclusion {
  year: number;
  /** When the year began and when it ended as it ran live: its nominal end (a fail extends it after). */
  startAt: string;
  endedAt: string;
  status: 'passed' | 'failed';
  failedRounds: number;
  passedAt: string | null;
  /** Clause 3: a failed year runs on until its pass; the later years count from the pass. */
  extendedUntil?: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The span each entered year ran on: year N starts where year N-1 ended (its pass, if it failed first). */
export function acceptedYearSpans(
  signedAtMs: number,
  years: readonly AcceptedYearFact[],
): { year: number; startMs: number; endMs: number; passedMs: number | null; failed: number }[] {
  const out = [];
  let startMs = signedAtMs;
  for (const y of [...years].sort((a, b) => a.year - b.year)) {
    const endMs = addYearsMs(startMs, 1);
    const last = y.rounds.at(-1);
    const passedMs = last?.outcome === 'pass' ? Date.parse(last.decidedAt) : null;
    const failed = y.rounds.filter((r) => r.outcome === 'fail').length;
    out.push({ year: y.year, startMs, endMs, passedMs, failed });
    // An extension never shortens a year (contract-year.ts); an open one ends the chain.
    if (passedMs === null) break;
    startMs = failed > 0 ? Math.max(passedMs, endMs) : endMs;
  }
  return out;
}

/** Clause 3: the term extensions the entered years give, in the order the live workflow records them. */
export function onboardedExtensions(signedAtMs: number, years: readonly AcceptedYearFact[]): TermExtension[] {
  return acceptedYearSpans(signedAtMs, years)
    .filter((s) => s.failed > 0)
    .map((s) => ({ contractYear: s.year, untilMs: s.passedMs }));
}

export function acceptedYearConclusions(
  signedAtMs: number,
  years: readonly AcceptedYearFact[],
): AcceptedYearConclusion[] {
  return acceptedYearSpans(signedAtMs, years).map((s) => ({
    year: s.year,
    startAt: iso(s.startMs),
    endedAt: iso(s.endMs),
    status: s.passedMs === null ? 'failed' : 'passed',
    failedRounds: s.failed,
    passedAt: s.passedMs === null ? null : iso(s.passedMs),
    ...(s.failed > 0 ? { extendedUntil: s.passedMs === null ? null : iso(s.passedMs) } : {}),
  }));
}

/**
 * Clause 10: year 1's fee released at signing; year N's at the pass of year N-1, its fee less the
 * deductions confirmed by then (confirmedFen: none for a contract being registered, whose
 * penalties are at most proposed), each marked paid when a payment was entered for it.
 */
export function releasedPayments(
  signedAtMs: number,
  years: readonly AcceptedYearFact[],
  yearlyFeesFen: readonly string[],
  termYears: number,
  paid: readonly PaymentFact[],
  confirmedFen: (year: number) => bigint = () => 0n,
): { year: number; amountFen: string; basis: string; releasedAt: string; paidAt: string | null }[] {
  const paidAt = (year: number) => paid.find((p) => p.year === year)?.paidAt ?? null;
  const out = [
    {
      year: 1,
      amountFen: yearlyFeesFen[0] ?? '0',
      basis: 'clause 10: the fee of year 1 is paid after signing',
      releasedAt: iso(signedAtMs),
      paidAt: paidAt(1),
    },
  ];
  for (const s of acceptedYearSpans(signedAtMs, years)) {
    if (s.passedMs === null || s.year + 1 > termYears) continue;
    const amt = paymentAmount(BigInt(yearlyFeesFen[s.year] ?? '0'), confirmedFen(s.year));
    out.push({
      year: s.year + 1,
      amountFen: amt.amountFen.toString(),
      basis: amt.basis,
      releasedAt: iso(s.passedMs),
      paidAt: paidAt(s.year + 1),
    });
  }
  return out;
}
