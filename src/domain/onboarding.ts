// Onboarding a running contract (issue 10 item 4): what the platform concludes from a contract's
// past entered as facts with their times, as a pure function of those facts, the terms and the
// calendar. The dry run (POST /contracts?dryRun=true) answers with it and commits nothing; the
// signing-obligation workflows judge the same facts with the same domain rules (penalties.ts,
// obligations.ts, calendar.ts), and test/workflow/onboarding-equivalence.test.ts and
// test/integration/onboarding-dry-run.test.ts hold the three (lived, entered, dry run) equal.
// The signing obligations' own judgements: onboarding-signing.ts.
import type { WorkingDayCalendar } from './calendar';
import { contractYearSpan, termEndMs, type TermExtension } from './contract-year';
import { periodKey, quarterAt } from './cycles';
import type { Fen } from './money';
import {
  acceptedYearConclusions,
  onboardedExtensions,
  releasedPayments,
  type AcceptedYearConclusion,
  type AcceptedYearFact,
  type PaymentFact,
} from './onboarding-years';
import { staffConclusions, type StaffChangeConclusion, type StaffHistory } from './onboarding-staff';
import type { FaultConclusion, PastFault } from './onboarding-faults';
import { signingObligations } from './onboarding-signing';
import type { PastPlanItem } from './onboarding-plan-items';
import type { ContractTerms } from './terms';
import type { IsoDate } from './time';

/** The go-live's one written extension (6.3), requested by the vendor and decided by the hospital. */
export interface GoLiveExtensionFact {
  requestedAt: string;
  newDate: IsoDate;
  reason: string;
  decidedAt: string;
  approved: boolean;
}
/** 6.6: a restriction the hospital found (a dongle, time lock or licence code still restricting operation). */
export interface PastDongleFinding {
  findingId: string;
  foundAt: string;
  description: string;
}
/** The history of a running contract's signing obligations (4.10, 6.3), each fact at its time. */
export interface OnboardingHistory {
  dongle?: { declaredAt?: string; verifiedAt?: string; findings?: PastDongleFinding[] };
  rectification?: {
    planSubmittedAt: string;
    /** 6.3: each item as listed, with the reviews and revisions that followed (src/domain/onboarding-plan-items.ts). */
    items: PastPlanItem[];
  };
  goLive?: { liveAt?: string; extension?: GoLiveExtensionFact };
  /** Clauses 3, 8: the years already accepted, every round at its times (src/domain/onboarding-years.ts). */
  acceptances?: AcceptedYearFact[];
  /** Clause 10: payments already made (year 1 after signing, year N after the pass of year N-1). */
  payments?: PaymentFact[];
  /** 4.2, 6.7: the engineer register at signing and the changes since (src/domain/onboarding-staff.ts). */
  staff?: StaffHistory;
  /** 4.9.x: faults reported before registration and still open (src/domain/onboarding-faults.ts). */
  faults?: PastFault[];
}

export interface Deadline {
  obligation: string;
  clause: string;
  dueAt: string;
  provisional: boolean;
  fulfilledAt: string | null;
  /** met: fulfilled by the due time; missed: not; pending: not yet due and not fulfilled. */
  verdict: 'met' | 'missed' | 'pending';
  daysLate?: number;
}
/** A ledger entry the platform would propose, under the key the live workflow uses. */
export interface ProposedPenalty {
  key: string;
  caseKind: 'dongle' | 'rectification' | 'golive' | 'staff' | 'fault' | 'inspection' | 'care' | 'service';
  dueAt?: string;
  clause: string;
  amountFen: string;
  basis: string;
  fact: string;
  occurredAt: string;
}
export interface RightsEventConclusion {
  key: string;
  right: string;
  clause: string;
}
export interface Conclusions {
  deadlines: Deadline[];
  penalties: ProposedPenalty[];
  /** A breach the contract prices by a person's choice (6.5: the approver's rate), so no amount is proposed yet. */
  unpriced: { obligation: string; clause: string; reason: string }[];
  rightsEvents: RightsEventConclusion[];
  /** The years entered as accepted (3, 8): passed, or failed and still extended. */
  acceptances: AcceptedYearConclusion[];
  payments: { year: number; amountFen: string; basis: string; releasedAt: string; paidAt: string | null }[];
  /** 4.2, 6.7: each entered engineer change's outcome as its workflow judges it. */
  staffChanges: StaffChangeConclusion[];
  /** The periods the registration starts (the launcher's reconcile at the registration instant). */
  periods: { kind: 'inspection' | 'care' | 'acceptance'; workflowId: string }[];
  /** 4.9.x: each entered fault's case, judged by the fault case's own rules (filled by src/api/onboarding-faults.ts). */
  faults?: FaultConclusion[];
  /** 4.1, 4.3: every quarter that ended before the registration, entered or not (filled by src/api/onboarding-quarters-judged.ts). */
  quarters?: unknown[];
  /** 4.5-5.4: each entered service request as its workflow judges it (filled by src/api/onboarding-services.ts). */
  serviceRequests?: ServiceRequestConclusion[];
}

/** An entered service request at the registration: its agreed due date, its verdict and its breach. */
export interface ServiceRequestConclusion {
  requestId: string;
  caseId: string;
  status: string;
  dueDate: string | null;
  dueAt: string | null;
  verdict: string;
  breach: { clause: string; pricedUnder: string; priced: boolean } | null;
}

export interface OnboardingInput {
  contractId: string;
  signedAtMs: number;
  nowMs: number;
  amountFen: Fen;
  termYears: number;
  yearlyFeesFen: string[];
  goLiveDate: IsoDate | null;
  terms: ContractTerms;
  calendar: WorkingDayCalendar;
  history?: OnboardingHistory;
}

export function onboardingConclusions(i: OnboardingInput): Conclusions {
  const out: Conclusions = {
    deadlines: [],
    penalties: [],
    unpriced: [],
    rightsEvents: [],
    acceptances: [],
    payments: [],
    staffChanges: [],
    periods: [],
  };
  signingObligations(i, out);
  const staff = staffConclusions({ ...i, ...(i.history?.staff ? { staff: i.history.staff } : {}) });
  out.staffChanges = staff.changes;
  out.deadlines.push(...staff.deadlines);
  out.penalties.push(...staff.penalties);
  const years = i.history?.acceptances ?? [];
  out.acceptances = acceptedYearConclusions(i.signedAtMs, years);
  out.payments = releasedPayments(i.signedAtMs, years, i.yearlyFeesFen, i.termYears, i.history?.payments ?? []);
  const ext = onboardedExtensions(i.signedAtMs, years);
  const entered = years.map((y) => ({
    kind: 'acceptance' as const,
    workflowId: `acceptance:${i.contractId}:${y.year}`,
  }));
  const launched = periodsAtRegistration(i.contractId, i.signedAtMs, i.nowMs, i.termYears, ext);
  out.periods = [...entered, ...launched.filter((p) => !entered.some((e) => e.workflowId === p.workflowId))];
  return out;
}

/**
 * What the registration's launcher starts (src/workflows/cycles/launcher.ts as the reconcile at
 * the registration instant, nothing recorded yet): the current quarter's inspection and care,
 * the acceptance of the running year and of the year just ended, on the calendar the entered
 * years' extensions shifted (clause 3).
 */
export function periodsAtRegistration(
  contractId: string,
  signedAtMs: number,
  nowMs: number,
  termYears: number,
  ext: readonly TermExtension[] = [],
): Conclusions['periods'] {
  const q = quarterAt(signedAtMs, nowMs, ext);
  if (!q) return [];
  const out: Conclusions['periods'] = [];
  const end = termEndMs(signedAtMs, termYears, ext);
  if (end === null || nowMs < end)
    for (const kind of ['inspection', 'care'] as const)
      out.push({ kind, workflowId: `${kind}:${contractId}:${periodKey(q.year, q.quarter!)}` });
  for (const year of [q.year - 1, q.year]) {
    if (year < 1 || year > termYears) continue;
    if (year < q.year && contractYearSpan(signedAtMs, year, ext).startMs > nowMs) continue;
    out.push({ kind: 'acceptance', workflowId: `acceptance:${contractId}:${year}` });
  }
  return out;
}
