// Pure rules of the go-live obligation (6.3): the one written extension of at most a month, the
// deduction per period of delay, the 20% breach and the proposed-breach event. Split from
// obligations.ts (issue 10 item 1).
import { RuleViolation, ValidationError } from './errors';
import { basisOf } from '../i18n/basis';
import { applyRate, Fen, formatPercent, percent } from './money';
import { goLivePenalty, PenaltyItem } from './penalties';
import { ContractTerms, defaultTerms } from './terms';
import { addMonths, assertIsoDate, daysBetween, IsoDate } from './time';

/** 6.3: the latest date a go-live may be extended to (one written extension, at most one month). */
export function latestGoLiveExtension(goLiveDate: IsoDate, terms: ContractTerms = defaultTerms()): IsoDate {
  return addMonths(goLiveDate, terms.goLive.maxExtensionMonths);
}

/**
 * 6.3: whole days go-live is late. The deadline is the go-live date plus the approved
 * extension (at most one month, 最多延期一个月); going live on the deadline day is on time.
 */
export function goLiveDaysLate(
  goLiveDate: IsoDate,
  extensionMonths: number,
  actualOrTodayDate: IsoDate,
  terms: ContractTerms = defaultTerms(),
): number {
  if (!Number.isInteger(extensionMonths) || extensionMonths < 0 || extensionMonths > terms.goLive.maxExtensionMonths) {
    throw new ValidationError(
      'EXTENSION_TOO_LONG',
      `go-live may be extended by at most ${terms.goLive.maxExtensionMonths} month(s) (clause 6.3), got ${extensionMonths}`,
      { field: 'extensionMonths', clause: '6.3' },
    );
  }
  return Math.max(0, daysBetween(addMonths(goLiveDate, extensionMonths), actualOrTodayDate));
}

export function validateGoLiveExtension(
  goLiveDate: IsoDate,
  newDate: IsoDate,
  terms: ContractTerms = defaultTerms(),
): void {
  assertIsoDate(newDate, 'newDate');
  const latest = latestGoLiveExtension(goLiveDate, terms);
  if (newDate <= goLiveDate)
    throw new ValidationError(
      'EXTENSION_NOT_LATER',
      `the extended go-live date must be after ${goLiveDate} (clause 6.3)`,
      { field: 'newDate', clause: '6.3' },
    );
  if (newDate > latest)
    throw new RuleViolation(
      'EXTENSION_TOO_LONG',
      `go-live may be extended by at most ${terms.goLive.maxExtensionMonths} month(s), to ${latest} (clause 6.3)`,
      { field: 'newDate', clause: '6.3' },
    );
}

/**
 * 6.3 "每超期7天": the number of days late at which the k-th period (k >= 1) is charged,
 * under the contract's counting reading (completed: day 7k; started: day 7(k-1)+1).
 */
export function goLivePeriodDay(k: number, counting: 'completed' | 'started', periodDays = 7): number {
  return counting === 'completed' ? k * periodDays : (k - 1) * periodDays + 1;
}

/**
 * The go-live ledger entry of the k-th period: the cumulative penalty of k periods rounded
 * once (5% × k of the amount, half up) minus that of k-1 periods, so the entries always sum
 * to the once-rounded total (per-period rounding could keep 4 periods just under 20%).
 */
export function goLivePeriodPenalty(
  amountFen: Fen,
  k: number,
  terms: ContractTerms = defaultTerms(),
): PenaltyItem & { cumulativeFen: Fen } {
  const counting = terms.penalties.goLiveCounting;
  const periodDays = terms.penalties.goLivePeriodDays;
  const cum = (j: number) =>
    j === 0 ? 0n : goLivePenalty(amountFen, goLivePeriodDay(j, counting, periodDays), counting, terms).amountFen;
  const total = goLivePenalty(amountFen, goLivePeriodDay(k, counting, periodDays), counting, terms);
  const amount = total.amountFen - cum(k - 1);
  const r = formatPercent(percent(terms.penalties.goLivePercentPerPeriod));
  return {
    clause: '6.3',
    amountFen: amount,
    ...basisOf('penalty.6.3.go-live-period', {
      period: k,
      daysLate: goLivePeriodDay(k, counting, periodDays),
      rate: r,
      contractAmountFen: amountFen,
      totalFen: total.amountFen,
      amountFen: amount,
    }),
    ...(total.reading ? { reading: total.reading } : {}),
    cumulativeFen: total.amountFen,
  };
}

/** 6.3: deductions reaching 20% (达到…及以上) of the contract amount: the vendor is in breach. */
export function reachesDeductionBreach(totalFen: Fen, amountFen: Fen, terms: ContractTerms = defaultTerms()): boolean {
  const r = percent(terms.thresholds.deductionPercent);
  return totalFen * r.den >= amountFen * r.num;
}

/**
 * 6.3 "deductions reaching 20%": two events, never the same fact twice. The contract core
 * records the AUTHORITATIVE breach right (key `<contractId>:threshold-<pct>`, right
 * 'breach-terminate-refund') once the CONFIRMED total of all deductions reaches the threshold.
 * The go-live workflow sees its own PROPOSED deductions reach it earlier (they await the
 * approver's confirmation), so it raises a distinct advance event under its own key and right,
 * whose text names the authoritative one; it is raised once per contract.
 */
export function goLiveProposedBreachEvent(
  contractId: string,
  chargedFen: Fen,
  amountFen: Fen,
  periods: number,
  terms: ContractTerms = defaultTerms(),
) {
  const pct = terms.thresholds.deductionPercent;
  return {
    key: `${contractId}:golive:${pct}`,
    contractId,
    right: 'breach-terminate-refund-pending-confirmation',
    clause: '6.3',
    numbers: {
      basis: 'proposed',
      goLiveDeductionsFen: chargedFen.toString(),
      contractAmountFen: amountFen.toString(),
      thresholdPercent: pct,
      periods,
      authoritativeEventKey: `${contractId}:threshold-${pct}`,
      // the English sentence, as histories carry it; read back in either language from these numbers (src/i18n/rights.ts)
      note: goLivePendingNote(contractId, chargedFen, amountFen, periods, pct).basis,
    },
  };
}

/** The advance event's note (6.3): its template and the English sentence. */
export const goLivePendingNote = (contractId: string, chargedFen: Fen, amountFen: Fen, periods: number, pct: string) =>
  basisOf('right.6.3.go-live-pending', {
    chargedFen,
    periods,
    contractAmountFen: amountFen,
    percent: pct,
    eventKey: `${contractId}:threshold-${pct}`,
  });

/** The most go-live periods that can be charged: the deductions never exceed the contract amount. */
export function maxGoLivePeriods(amountFen: Fen, terms: ContractTerms = defaultTerms()): number {
  const one = applyRate(amountFen, percent(terms.penalties.goLivePercentPerPeriod));
  return one === 0n ? 0 : Number(amountFen / one);
}
