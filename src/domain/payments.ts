// Clause 10, the yearly payment: year 1 at signing, year n released by the pass of year n-1,
// less the deductions confirmed in year n-1. Pure: amounts are integer fen (bigint).
import { ValidationError } from './errors';
import type { Fen } from './money';
import { basisOf, type BasisTemplate } from '../i18n/basis';

/**
 * Clause 10: the payment released by the pass of year n-1 is the fee of year n less the
 * deductions confirmed in year n-1, never below zero (the uncovered rest is reported).
 */
export function paymentAmount(
  feeFen: Fen,
  confirmedDeductionsFen: Fen,
): { amountFen: Fen; uncoveredFen: Fen; basis: string; basisTemplate: BasisTemplate } {
  if (feeFen < 0n || confirmedDeductionsFen < 0n)
    throw new ValidationError('INVALID_AMOUNT', 'fee and deductions must not be negative', {
      field: 'amountFen',
      clause: '10',
    });
  const amountFen = feeFen > confirmedDeductionsFen ? feeFen - confirmedDeductionsFen : 0n;
  const uncoveredFen = confirmedDeductionsFen > feeFen ? confirmedDeductionsFen - feeFen : 0n;
  const basis =
    uncoveredFen > 0n
      ? basisOf('payment.10.uncovered', { feeFen, deductionsFen: confirmedDeductionsFen, uncoveredFen })
      : basisOf('payment.10', { feeFen, deductionsFen: confirmedDeductionsFen });
  return { amountFen, uncoveredFen, ...basis };
}

/**
 * Clause 10: year 1 at signing; year n >= 2 only after the pass of year n-1. The refusal's reason
 * is the English of its template (payment.10.gate), which the reader's language renders.
 */
export function paymentGate(
  year: number,
  passedYears: ReadonlySet<number>,
): { allowed: boolean; reason?: string; reasonTemplate?: BasisTemplate } {
  if (year === 1 || passedYears.has(year - 1)) return { allowed: true };
  const { basis, basisTemplate } = basisOf('payment.10.gate', { year, previousYear: year - 1 });
  return { allowed: false, reason: basis, reasonTemplate: basisTemplate };
}
