// Onboarding a running contract (issue 10 item 4): its years already accepted (3, 8) and the
// payments after year 1 (10). The `onboarding.acceptances` block, the checks that refuse a year
// entered out of order, before its end, or a payment before the pass that releases it (400
// naming the field and the clause), and the registration hook that records the years as the
// acceptance workflow would have live: the workflow of each entered year replays its rounds.
import { z } from 'zod';
import { invalid } from './errors';
import { instantSchema } from './validate';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { startOnce } from './routes/obligation-kit';
import { acceptedYearSpans, type AcceptedYearFact, type PaymentFact } from '../domain/onboarding-years';
import { recordTermExtension } from '../services/contracts';
import { acceptanceWorkflow } from '../workflows/cycles';
import type { OnboardedFacts } from '../workflows/obligations';

const text = z.string().trim().min(1).max(200);
export const AcceptedYears = z
  .array(
    z.strictObject({
      year: z.number().int().min(1).max(10),
      rounds: z
        .array(
          z.strictObject({
            submittedAt: instantSchema,
            decidedAt: instantSchema,
            outcome: z.enum(['pass', 'fail']),
            reasons: z.array(z.string().trim().min(1).max(2000)).min(1).max(50).optional(),
            hospitalSignatory: text.optional(),
            vendorSignatory: text.optional(),
          }),
        )
        .min(1)
        .max(20),
    }),
  )
  .max(10);

const ms = (s: string) => Date.parse(s);
const iso = (n: number) => new Date(n).toISOString();

/** The times of the entered rounds, for the between-signing-and-now check of every onboarded fact. */
export const acceptanceTimes = (years: readonly AcceptedYearFact[] = []): [string, string][] =>
  years.flatMap((y, i) =>
    y.rounds.flatMap((r, k): [string, string][] => [
      [`onboarding.acceptances.${i}.rounds.${k}.submittedAt`, r.submittedAt],
      [`onboarding.acceptances.${i}.rounds.${k}.decidedAt`, r.decidedAt],
    ]),
  );

/**
 * Clause 8: years are accepted in order from year 1, each after its end; the vendor submits, the
 * hospital decides; only the last round may pass; a fail names reasons (3), a pass both signatories (8).
 * A year still failed (last round a fail) keeps the next from starting (clause 3).
 */
export function checkAcceptedYears(
  years: readonly AcceptedYearFact[],
  c: { signedAt: string; termYears: number },
  nowMs: number,
): void {
  const spans = acceptedYearSpans(ms(c.signedAt), years);
  for (const [i, y] of years.entries()) {
    const f = `onboarding.acceptances.${i}`;
    if (y.year !== i + 1) throw invalid(`${f}.year`, `years are entered in order from year 1; expected ${i + 1}`, '8');
    if (y.year > c.termYears) throw invalid(`${f}.year`, `the term has ${c.termYears} year(s)`, '3');
    const span = spans[i];
    if (!span) throw invalid(`${f}.year`, `year ${i} has not passed, so year ${y.year} has not started`, '3');
    if (span.endMs > nowMs)
      throw invalid(`${f}.year`, `year ${y.year} ends ${iso(span.endMs)}: acceptance is held at its end`, '8');
    let after = span.endMs;
    for (const [k, r] of y.rounds.entries()) {
      const g = `${f}.rounds.${k}`;
      if (ms(r.submittedAt) < after)
        throw invalid(
          `${g}.submittedAt`,
          k === 0
            ? `submitted before year ${y.year} ended (${iso(span.endMs)})`
            : 'submitted again before the previous round was decided',
          '3',
        );
      if (ms(r.decidedAt) < ms(r.submittedAt)) throw invalid(`${g}.decidedAt`, 'decided before it was submitted', '8');
      if (r.outcome === 'pass' && k < y.rounds.length - 1)
        throw invalid(`${g}.outcome`, 'a passed year has no later round', '8');
      if (r.outcome === 'fail' && !r.reasons?.length)
        throw invalid(`${g}.reasons`, 'a failed acceptance names its reasons', '3');
      if (r.outcome === 'pass' && !(r.hospitalSignatory && r.vendorSignatory))
        throw invalid(
          `${g}.${r.hospitalSignatory ? 'vendorSignatory' : 'hospitalSignatory'}`,
          'a pass is recorded on the form signed and sealed by both sides',
          '8',
        );
      after = ms(r.decidedAt);
    }
  }
}

/** Clause 10: year 1 is released at signing; year N only by the pass of year N-1, and paid after it; each once. */
export function checkEnteredPayments(
  payments: readonly PaymentFact[],
  years: readonly AcceptedYearFact[],
  c: { signedAt: string; termYears: number },
): void {
  const spans = acceptedYearSpans(ms(c.signedAt), years);
  for (const [i, p] of payments.entries()) {
    const f = `onboarding.payments.${i}`;
    if (payments.findIndex((x) => x.year === p.year) !== i) throw invalid(`${f}.year`, 'each year is paid once', '10');
    if (p.year > c.termYears) throw invalid(`${f}.year`, `the term has ${c.termYears} year(s)`, '10');
    if (p.year === 1) continue;
    const passed = spans.find((s) => s.year === p.year - 1)?.passedMs ?? null;
    if (passed === null)
      throw invalid(
        `${f}.year`,
        `the fee of year ${p.year} is released by the pass of year ${p.year - 1}, which is not entered (onboarding.acceptances)`,
        '10',
      );
    if (ms(p.paidAt) < passed)
      throw invalid(`${f}.paidAt`, `paid before its release by the pass of year ${p.year - 1} (${iso(passed)})`, '10');
  }
}

/**
 * The registration hook for the entered years: first the clause-3 extensions their failed rounds
 * gave (the keys the workflow records them under, so its own call finds them), so that every
 * later year and quarter is placed on the shifted calendar before anything reads it; then each
 * year's acceptance workflow under its fixed id with its rounds (the launcher then finds it).
 */
export async function startOnboardedAcceptances(
  deps: Pick<ApiDeps, 'pool' | 'temporal' | 'config'>,
  c: Pick<ContractSummary, 'id' | 'signedAt'>,
  onboarded: OnboardedFacts,
): Promise<void> {
  const years = onboarded.acceptances ?? [];
  for (const s of acceptedYearSpans(ms(c.signedAt), years)) {
    if (s.failed === 0) continue;
    const id = `acceptance:${c.id}:${s.year}`;
    const base = { contractId: c.id, contractYear: s.year, actor: `${onboarded.by} (entered at onboarding)` };
    await recordTermExtension(deps.pool, {
      ...base,
      key: `${id}:extended`,
      untilAt: null,
      reason: `acceptance of year ${s.year} failed (entered at onboarding) (clause 3)`,
    });
    if (s.passedMs !== null)
      await recordTermExtension(deps.pool, {
        ...base,
        key: `${id}:passed`,
        untilAt: iso(s.passedMs),
        reason: `acceptance of year ${s.year} passed after ${s.failed} failed round(s) (entered at onboarding); the remaining term counts from ${iso(s.passedMs)} (clause 3)`,
      });
  }
  for (const y of years) {
    const next = onboarded.payments?.find((p) => p.year === y.year + 1);
    await startOnce(deps as ApiDeps, acceptanceWorkflow, `acceptance:${c.id}:${y.year}`, 'acceptance', c.id, [
      {
        contractId: c.id,
        year: y.year,
        onboarded: { by: onboarded.by, rounds: y.rounds, ...(next ? { nextPayment: next } : {}) },
      },
    ]);
  }
}
