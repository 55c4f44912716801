// Thresholds that give the hospital rights (clauses 6.3, 6.4, 6.5). Each crossing is an
// event the hospital must be told of exactly once, so callers pass the confirmed total
// before and after a confirmation and get only the thresholds newly crossed.
import { basisOf, type BasisTemplate } from '../i18n/basis';
import { ValidationError } from './errors';
import { Fen, percent } from './money';
import { ContractTerms, defaultTerms } from './terms';

export interface Threshold {
  clause: string;
  right: 'terminate-and-recover' | 'breach-terminate-refund';
  /** 'exceeding' = strictly over (超过); 'reaching' = at or over (达到…及以上). */
  comparison: 'exceeding' | 'reaching';
  percent: string;
  /** The English sentence; descriptionTemplate renders it in either language (issue 15). */
  description: string;
  descriptionTemplate: BasisTemplate;
}

/** A description in English and as a template (src/i18n/messages/ledger-basis.ts). */
const described = ({ basis, basisTemplate }: ReturnType<typeof basisOf>) => ({
  description: basis,
  descriptionTemplate: basisTemplate,
});

export function thresholdsOf(terms: ContractTerms = defaultTerms()): Threshold[] {
  return [
    {
      clause: '6.4/6.5',
      right: 'terminate-and-recover',
      comparison: 'exceeding', // 6.4/6.5: 损失累计金额超过合同款项的5%
      percent: terms.thresholds.lossPercent,
      ...described(basisOf('threshold.6.4/6.5', { percent: terms.thresholds.lossPercent })),
    },
    {
      clause: '6.3',
      right: 'breach-terminate-refund',
      comparison: 'reaching', // 6.3: 扣除比例达到总合同金额的20%及以上
      percent: terms.thresholds.deductionPercent,
      ...described(basisOf('threshold.6.3', { percent: terms.thresholds.deductionPercent })),
    },
  ];
}

/** Integer test of total against pct% of amount: total/amount vs num/den, no division. */
function isOver(t: Threshold, totalFen: Fen, contractAmountFen: Fen): boolean {
  const r = percent(t.percent);
  const lhs = totalFen * r.den;
  const rhs = contractAmountFen * r.num;
  return t.comparison === 'reaching' ? lhs >= rhs : lhs > rhs;
}

/**
 * Thresholds crossed by moving the confirmed total from previous to next. The same
 * confirmed penalty total is used for both rows: the platform records deductions and
 * losses as confirmed penalties (a documented simplification of 6.4/6.5 "losses").
 */
export function crossedThresholds(
  previousConfirmedFen: Fen,
  newConfirmedFen: Fen,
  contractAmountFen: Fen,
  terms: ContractTerms = defaultTerms(),
): Threshold[] {
  if (contractAmountFen <= 0n)
    throw new ValidationError('INVALID_CONTRACT_AMOUNT', 'the contract amount must be positive (clause 6.3)', {
      field: 'contractAmountFen',
      clause: '6.3',
    });
  if (previousConfirmedFen < 0n || newConfirmedFen < 0n)
    throw new ValidationError('NEGATIVE_FEN', 'confirmed totals must not be negative (clause 6)', {
      field: 'confirmedFen',
      clause: '6',
    });
  return thresholdsOf(terms).filter(
    (t) => !isOver(t, previousConfirmedFen, contractAmountFen) && isOver(t, newConfirmedFen, contractAmountFen),
  );
}

/**
 * Where the confirmed total stands against each threshold (the console's ledger totals, issue
 * 16): the limit in fen (rounded down, for display) and whether it is crossed, by isOver.
 */
export function thresholdStanding(
  confirmedFen: Fen | string,
  contractAmountFen: Fen | string,
  terms: ContractTerms = defaultTerms(),
): (Threshold & { limitFen: string; crossed: boolean })[] {
  const total = BigInt(confirmedFen);
  const amount = BigInt(contractAmountFen);
  return thresholdsOf(terms).map((t) => {
    const r = percent(t.percent);
    return { ...t, limitFen: ((amount * r.num) / r.den).toString(), crossed: isOver(t, total, amount) };
  });
}

/** 6.3: a rectification item MORE than 30 days late (超过30天) gives a termination right. */
export function rectificationRightEvent(
  daysLate: number,
  terms: ContractTerms = defaultTerms(),
): { clause: '6.3'; right: 'terminate'; description: string; descriptionTemplate: BasisTemplate } | null {
  if (!Number.isInteger(daysLate) || daysLate < 0)
    throw new ValidationError(
      'INVALID_COUNT',
      `daysLate must be a non-negative integer, got ${daysLate} (clause 6.3)`,
      { field: 'daysLate', clause: '6.3' },
    );
  const limit = terms.thresholds.rectificationLateDays;
  return daysLate > limit
    ? {
        clause: '6.3',
        right: 'terminate',
        ...described(basisOf('right.6.3.rectification', { days: daysLate, limit })),
      }
    : null;
}
