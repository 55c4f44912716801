// Clause 6 penalties, one function per row. Each returns the clause, the amount in fen
// (rounded half up once per item, engineering.md rule 9), a human basis naming the rule
// and its numbers, and the open reading applied where the contract leaves one.
import { basisOf, type BasisTemplate } from '../i18n/basis';
import { ValidationError } from './errors';
import { applyRate, compareRates, Fen, formatPercent, percent, Rate } from './money';
import { goLiveCountingText, otherCommitmentReadingText } from './readings';
import { ContractTerms, defaultTerms } from './terms';

export interface PenaltyItem {
  clause: string;
  amountFen: Fen;
  /** The English sentence (stored as `basis`); basisTemplate renders it in either language (src/i18n/basis.ts). */
  basis: string;
  basisTemplate: BasisTemplate;
  reading?: string;
}

function nonNegativeInt(value: number, field: string, clause: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ValidationError(
      'INVALID_COUNT',
      `${field} must be a non-negative integer, got ${value} (clause ${clause})`,
      { field, clause },
    );
  return BigInt(value);
}

function positiveAmount(amount: Fen, clause: string): void {
  if (amount <= 0n)
    throw new ValidationError(
      'INVALID_CONTRACT_AMOUNT',
      `the contract amount must be positive, got ${amount} fen (clause ${clause})`,
      { field: 'contractAmountFen', clause },
    );
}

/** 6.2.1 (printed "6.6.1"): a failure of 4.1 or 4.9.2, a fixed sum per occurrence. */
export function faultServicePenalty(terms: ContractTerms = defaultTerms()): PenaltyItem {
  const amountFen = BigInt(terms.penalties.faultServiceFen);
  return {
    clause: '6.2.1',
    amountFen,
    ...basisOf('penalty.6.2.1', { amountFen }),
  };
}

/**
 * 6.5 / 6.2.2: another service commitment not kept. Under reading '6.5' the approver picks
 * a rate by the loss caused, within 0.01%..0.1% of the contract amount (a rate outside
 * throws, clause 6.5); under '6.2.2' it is a fixed 3% and no rate is taken.
 * rate is a percent decimal string ("0.05" = 0.05%) or an exact Rate fraction.
 */
export function otherCommitmentPenalty(
  contractAmountFen: Fen,
  rate: string | Rate | undefined,
  reading: '6.5' | '6.2.2' = '6.5',
  terms: ContractTerms = defaultTerms(),
): PenaltyItem {
  positiveAmount(contractAmountFen, reading);
  const readingText = otherCommitmentReadingText(reading, terms);
  if (reading === '6.2.2') {
    const r = percent(terms.penalties.otherCommitmentFixedPercent);
    const amountFen = applyRate(contractAmountFen, r);
    return {
      clause: '6.2.2',
      amountFen,
      reading: readingText,
      ...basisOf('penalty.6.2.2', { rate: formatPercent(r), contractAmountFen, amountFen }),
    };
  }
  if (rate === undefined)
    throw new ValidationError('RATE_REQUIRED', 'clause 6.5 needs the rate chosen by the approver', {
      field: 'rate',
      clause: '6.5',
    });
  const r = typeof rate === 'string' ? percent(rate) : rate;
  const lo = percent(terms.penalties.otherCommitmentMinPercent);
  const hi = percent(terms.penalties.otherCommitmentMaxPercent);
  if (compareRates(r, lo) < 0 || compareRates(r, hi) > 0) {
    throw new ValidationError(
      'RATE_OUT_OF_RANGE',
      `clause 6.5 allows ${formatPercent(lo)} to ${formatPercent(hi)} of the contract amount, got ${formatPercent(r)}`,
      { field: 'rate', clause: '6.5' },
    );
  }
  const amountFen = applyRate(contractAmountFen, r);
  return {
    clause: '6.5',
    amountFen,
    reading: readingText,
    ...basisOf('penalty.6.5', {
      rate: formatPercent(r),
      minRate: formatPercent(lo),
      maxRate: formatPercent(hi),
      contractAmountFen,
      amountFen,
    }),
  };
}

/** 6.3: a rectification item late, 3‰ of the contract amount per day, rounded once. */
export function rectificationLatePenalty(
  contractAmountFen: Fen,
  daysLate: number,
  terms: ContractTerms = defaultTerms(),
): PenaltyItem {
  positiveAmount(contractAmountFen, '6.3');
  const days = nonNegativeInt(daysLate, 'daysLate', '6.3');
  const r = percent(terms.penalties.rectificationPerDayPercent);
  const amountFen = applyRate(contractAmountFen, r, days);
  return {
    clause: '6.3',
    amountFen,
    ...basisOf('penalty.6.3.rectification', { days, rate: formatPercent(r), contractAmountFen, amountFen }),
  };
}

/** Periods charged for go-live lateness under the chosen reading of "每超期7天". */
export function goLivePeriods(daysLate: number, counting: 'completed' | 'started', periodDays = 7): number {
  nonNegativeInt(daysLate, 'daysLate', '6.3');
  return counting === 'completed' ? Math.floor(daysLate / periodDays) : Math.ceil(daysLate / periodDays);
}

/**
 * 6.3: go-live missed. daysLate counts from the go-live deadline after the approved
 * extension (at most one month); 5% of the contract amount per 7-day period.
 */
export function goLivePenalty(
  contractAmountFen: Fen,
  daysLate: number,
  counting: 'completed' | 'started' = 'completed',
  terms: ContractTerms = defaultTerms(),
): PenaltyItem {
  positiveAmount(contractAmountFen, '6.3');
  const periodDays = terms.penalties.goLivePeriodDays;
  const periods = goLivePeriods(daysLate, counting, periodDays);
  const r = percent(terms.penalties.goLivePercentPerPeriod);
  const amountFen = applyRate(contractAmountFen, r, BigInt(periods));
  return {
    clause: '6.3',
    amountFen,
    reading: goLiveCountingText(counting, periodDays),
    ...basisOf(`penalty.6.3.go-live.${counting}`, {
      daysLate,
      periods,
      periodDays,
      rate: formatPercent(r),
      contractAmountFen,
      amountFen,
    }),
  };
}

/** 6.6: a dongle, time lock or licence code restricting operation: a fixed sum. */
export function dongleFound(terms: ContractTerms = defaultTerms()): PenaltyItem {
  const amountFen = BigInt(terms.penalties.dongleFen);
  return {
    clause: '6.6',
    amountFen,
    ...basisOf('penalty.6.6', { amountFen }),
  };
}

/** 6.7: maintenance engineer(s) changed without 7 working days' notice and written approval. */
export function staffChangePenalty(persons: number, terms: ContractTerms = defaultTerms()): PenaltyItem {
  const n = nonNegativeInt(persons, 'persons', '6.7');
  if (n === 0n)
    throw new ValidationError('INVALID_COUNT', 'persons must be at least 1 (clause 6.7)', {
      field: 'persons',
      clause: '6.7',
    });
  const per = BigInt(terms.penalties.staffChangeFenPerPerson);
  const amountFen = per * n;
  return {
    clause: '6.7',
    amountFen,
    ...basisOf('penalty.6.7', { persons: n, noticeDays: terms.workingDays.staffNotice, perFen: per, amountFen }),
  };
}
