// The 6.3 go-live deadline's duties: the clause, due time, warnings and what a breach does.
// Each period's charge is a pure function of the go-live fact's stated time, the (extended or
// amended) deadline date, the terms and the clock: a go-live stated before a period began
// withdraws that period's proposal whenever it was typed in.
import { daysLateAt, lateByDaysAtMs } from '../../domain/obligations';
import { goLivePeriodDay, reachesDeductionBreach } from '../../domain/go-live';
import { formatCny, formatFen, parseFen } from '../../domain/money';
import type { PenaltyItem } from '../../domain/penalties';
import type { ContractTerms } from '../../domain/terms';
import { endOfShanghaiDay } from '../../domain/time';
import type { Visibility } from '../kernel/case';
import type { GoLiveState } from './go-live-messages';
import { closedTo } from './go-live-rules';

export const GOLIVE_DUTIES = [
  {
    duty: 'go-live',
    clause: '6.3',
    due: 'the go-live date of the terms, or the one written extension the hospital approved (end of that day, Asia/Shanghai)',
    warnings: 'daily while late (the days-late figure)',
    breach:
      'each period late (terms.penalties.goLivePeriodDays, counted per goLiveCounting) one ledger entry of the period rate, up to the cap; deductions reaching thresholds.deductionPercent raise the advance breach event, withdrawn if a go-live stated in time supersedes the periods that reached it',
  },
] as const;

/** The instant period k (1-based) of lateness begins, on the deadline date as it stands. */
export const periodDueMs = (s: GoLiveState, k: number, terms: ContractTerms): number =>
  lateByDaysAtMs(s.deadlineDate, goLivePeriodDay(k, terms.penalties.goLiveCounting, terms.penalties.goLivePeriodDays));

/** The periods due by untilMs (go-live's stated time, or now): none while an extension awaits the decision. */
export function periodsDueBy(s: GoLiveState, untilMs: number, maxPeriods: number, terms: ContractTerms): number {
  if (s.extension?.status === 'pending') return s.periodsCharged;
  let k = s.periodsCharged;
  while (k < maxPeriods && periodDueMs(s, k + 1, terms) <= untilMs) k++;
  return k;
}

/** How many charged periods a go-live stated before them supersedes (the last ones first). */
export function periodsSuperseded(s: GoLiveState, terms: ContractTerms): number {
  if (!s.liveAt) return 0;
  let k = s.periodsCharged;
  while (k > 0 && periodDueMs(s, k, terms) > Date.parse(s.liveAt)) k--;
  return s.periodsCharged - k;
}

/**
 * Whether the advance event (proposed deductions reaching thresholds.deductionPercent, 6.3)
 * should be raised or withdrawn now: judged on the periods still charged, so a go-live stated
 * before the periods that reached the threshold withdraws it, and a decided time that charges
 * them again raises it again.
 */
export function advanceEventVerdict(
  s: GoLiveState,
  amountFen: bigint,
  terms: ContractTerms,
): 'raise' | 'withdraw' | 'unchanged' {
  const reached = reachesDeductionBreach(parseFen(s.chargedFen), amountFen, terms);
  if (reached && !s.breachRaised) return 'raise';
  if (!reached && s.breachRaised) return 'withdraw';
  return 'unchanged';
}

/** The advance event's key: a new one after each withdrawal (the withdrawn ones stay in the record). */
export const advanceEventKey = (base: string, s: GoLiveState): string =>
  s.breachWithdrawn?.length ? `${base}@${s.breachWithdrawn.length}` : base;

export const isFinished = (s: GoLiveState): boolean =>
  (s.liveAt !== null && s.extension?.status !== 'pending') || closedTo(s) !== null;

/** The record's visibility and the next wake-up (daily while late, so the days-late figure is never a day old). */
export function visibility(
  s: GoLiveState,
  nowMs: number,
  maxPeriods: number,
  terms: ContractTerms,
): Visibility & { wakeMs: number | null } {
  const finished = isFinished(s);
  const pending = s.extension?.status === 'pending';
  const late = nowMs >= endOfShanghaiDay(s.deadlineDate);
  const nextPeriod =
    !finished && !pending && s.periodsCharged < maxPeriods ? periodDueMs(s, s.periodsCharged + 1, terms) : null;
  return {
    status: s.contractEnded
      ? 'contract-ended'
      : finished && !s.liveAt
        ? 'cancelled-by-amendment'
        : finished
          ? s.periodsCharged > 0
            ? 'live-late'
            : 'live'
          : pending
            ? 'extension-pending'
            : late
              ? 'late'
              : 'awaiting-go-live',
    awaiting: finished ? 'none' : pending ? 'hospital' : 'vendor',
    breached: s.breachRaised,
    nextDeadlineMs: finished ? null : late ? nextPeriod : endOfShanghaiDay(s.deadlineDate),
    wakeMs: finished
      ? null
      : late
        ? Math.min(nextPeriod ?? Infinity, lateByDaysAtMs(s.deadlineDate, daysLateAt(s.deadlineDate, nowMs) + 1))
        : (nextPeriod ?? endOfShanghaiDay(s.deadlineDate)),
  };
}

/** The ledger proposal of period k late (6.3), at the instant it began (dueMs), on the terms in force then. */
export function periodProposal(
  s: GoLiveState,
  k: number,
  dueMs: number,
  p: Pick<PenaltyItem, 'amountFen' | 'basis' | 'reading'> & Partial<Pick<PenaltyItem, 'basisTemplate'>>,
  termsVersion: number,
) {
  const deadlineMs = endOfShanghaiDay(s.deadlineDate);
  return {
    clause: '6.3',
    termsVersion,
    fact: `go-live not recorded by ${s.deadlineDate}${s.extension?.status === 'approved' ? ` (extended from ${s.goLiveDate})` : ''}: period ${k} late`,
    dueAt: new Date(deadlineMs).toISOString(),
    lateByMs: dueMs - deadlineMs,
    amountFen: formatFen(p.amountFen),
    basis: p.basis,
    ...(p.basisTemplate ? { basisTemplate: p.basisTemplate } : {}),
    ...(p.reading ? { reading: p.reading } : {}),
    occurredAt: new Date(dueMs).toISOString(),
  };
}

/** Why the advance event was withdrawn: go-live stated in time left the periods still charged below the threshold (6.3). */
export const advanceWithdrawnCause = (s: GoLiveState, terms: ContractTerms): string =>
  `superseded by fact ${s.liveFactSeq}: the system was live at ${s.liveAt}; the periods still charged (${formatCny(parseFen(s.chargedFen))}) are below ${terms.thresholds.deductionPercent}% of the contract amount (6.3)`;

/** Why period n's proposal was withdrawn: go-live was stated before it began (6.3). */
export const periodSupersededCause = (s: GoLiveState, n: number): string =>
  `superseded by fact ${s.liveFactSeq}: the system was live at ${s.liveAt}, before period ${n} began (6.3)`;
