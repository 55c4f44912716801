// Onboarding a running contract (issue 10 item 4): the dry run of POST /contracts?dryRun=true,
// every conclusion the registration would reach from the entered past (the signing obligations,
// the accepted years, staff, faults and the quarters that ended), by the same pure rules and
// families' duties the registration's workflows use. Reads only; commits nothing.
import type { Pool } from 'pg';
import { workingDayCalendar } from '../services/calendar';
import { checkContract, type NewContract } from '../services/contracts';
import { onboardingConclusions, type Conclusions } from '../domain/onboarding';
import { onboardedExtensions } from '../domain/onboarding-years';
import type { ContractTerms } from '../domain/terms';
import type { OnboardingBlock } from './onboarding';
import { faultConclusions } from './onboarding-faults';
import { quarterConclusions } from './onboarding-quarters-judged';
import { serviceConclusions } from './onboarding-services';

const ms = (s: string) => Date.parse(s);

/** The terms the registration would record (400 naming terms.<field> or the fees as createContract does). */
export const termsOfNewContract = (c: NewContract): ContractTerms => checkContract(c);

/**
 * The dry run: every conclusion the registration would reach (deadlines met or missed, ledger
 * entries with clause and amount, rights events, payments, the periods started), computed by the
 * domain's pure rules on the calendar as loaded now. Reads only; writes no row, starts nothing.
 */
export async function dryRunConclusions(
  pool: Pool,
  c: NewContract & { id: string },
  o: OnboardingBlock | undefined,
  nowMs: number,
): Promise<Conclusions> {
  const terms = checkContract(c);
  const conclusions = onboardingConclusions({
    contractId: c.id,
    signedAtMs: ms(c.signedAt),
    nowMs,
    amountFen: BigInt(c.amountFen),
    termYears: c.termYears,
    yearlyFeesFen: c.yearlyFees,
    goLiveDate: c.goLiveDate ?? null,
    terms,
    calendar: await workingDayCalendar(pool),
    ...(o ? { history: o } : {}),
  });
  // 4.1, 4.3: every quarter ended before the registration, judged by the cycle families' own duties.
  const q = quarterConclusions({
    contractId: c.id,
    signedAtMs: ms(c.signedAt),
    nowMs,
    termYears: c.termYears,
    ext: onboardedExtensions(ms(c.signedAt), o?.acceptances ?? []),
    terms,
    quarters: o ?? {},
  });
  const started = q.quarters.flatMap((x) => (x.workflowId ? [{ kind: x.kind, workflowId: x.workflowId }] : []));
  const withQuarters: Conclusions = {
    ...conclusions,
    quarters: q.quarters,
    deadlines: [...conclusions.deadlines, ...q.deadlines],
    penalties: [...conclusions.penalties, ...q.penalties],
    periods: [...started, ...conclusions.periods.filter((p) => !started.some((s) => s.workflowId === p.workflowId))],
  };
  // 4.9.x: the fault case's own rules on the entered faults (the domain does not hold them).
  const faults = o?.faults?.length ? faultConclusions(c.id, o.faults, terms, nowMs) : undefined;
  const withFaults: Conclusions = faults
    ? { ...withQuarters, faults: faults.faults, penalties: [...withQuarters.penalties, ...faults.penalties] }
    : withQuarters;
  if (!o?.serviceRequests?.length) return withFaults;
  // 4.5-5.4: the service request's own rules on the entered requests.
  const sr = serviceConclusions({ id: c.id, amountFen: String(c.amountFen) }, o.serviceRequests, terms, nowMs);
  return {
    ...withFaults,
    serviceRequests: sr.serviceRequests,
    deadlines: [...withFaults.deadlines, ...sr.deadlines],
    penalties: [...withFaults.penalties, ...sr.penalties],
    unpriced: [...withFaults.unpriced, ...sr.unpriced],
  };
}
