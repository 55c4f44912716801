// Onboarding a running contract (issue 10 item 4): what the platform concludes from a contract's
// past entered as facts with their times, as a pure function of those facts, the terms and the
// calendar. The dry run (POST /contracts?dryRun=true) answers with it and commits nothing; the
// signing-obligation workflows judge the same facts with the same domain rules (penalties.ts,
// obligations.ts, calendar.ts), and test/workflow/onboarding-equivalence.test.ts and
// test/integration/onboarding-dry-run.test.ts hold the three (lived, entered, dry run) equal.
import type { WorkingDayCalendar } from './calendar';
import { contractYearSpan, termEndMs, type TermExtension } from './contract-year';
import { periodKey, quarterAt } from './cycles';
import { formatFen, type Fen } from './money';
import { daysLateAt, lateByDaysAtMs, rectificationItemPenalty, rectificationRightsAtMs } from './obligations';
import {
  goLivePeriodDay,
  goLivePeriodPenalty,
  goLiveProposedBreachEvent,
  maxGoLivePeriods,
  reachesDeductionBreach,
} from './go-live';
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
import { dongleFound, otherCommitmentPenalty } from './penalties';
import type { ContractTerms } from './terms';
import { endOfShanghaiDay, type IsoDate } from './time';

/** The go-live's one written extension (6.3), requested by the vendor and decided by the hospital. */
export interface GoLiveExtensionFact {
  requestedAt: string;
  newDate: IsoDate;
  reason: string;
  decidedAt: string;
  approved: boolean;
}
/** The history of a running contract's signing obligations (4.10, 6.3), each fact at its time. */
export interface OnboardingHistory {
  dongle?: { declaredAt: string; verifiedAt?: string };
  rectification?: {
    planSubmittedAt: string;
    items: { itemId: string; description: string; dueDate?: IsoDate; doneAt?: string }[];
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
  caseKind: 'dongle' | 'rectification' | 'golive' | 'staff' | 'fault' | 'inspection' | 'care';
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

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));

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
  dongle(i, out);
  rectification(i, out);
  goLive(i, out);
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

/** 4.10 / 6.6: the removal declared before the working-day deadline, else CNY 50,000 and the right to demand payments back. */
function dongle(i: OnboardingInput, out: Conclusions): void {
  const d = i.calendar.addWorkingDays(i.signedAtMs, i.terms.workingDays.dongleRemoval);
  const declared = at(i.history?.dongle?.declaredAt);
  const met = declared !== undefined && declared < d.deadlineMs;
  const missed = !met && i.nowMs >= d.deadlineMs;
  out.deadlines.push({
    obligation: 'dongle removal declared',
    clause: '4.10',
    dueAt: iso(d.deadlineMs),
    provisional: d.provisional,
    fulfilledAt: declared === undefined ? null : iso(declared),
    verdict: met ? 'met' : missed ? 'missed' : 'pending',
  });
  if (!missed) return;
  const p = dongleFound(i.terms);
  out.penalties.push({
    key: `dongle:${i.contractId}:deadline-missed`,
    caseKind: 'dongle',
    clause: '6.6',
    amountFen: formatFen(p.amountFen),
    basis: p.basis,
    fact: `no removal of dongles, time locks and licence codes was declared by ${d.lastDay} (4.10)`,
    dueAt: iso(d.deadlineMs),
    occurredAt: iso(d.deadlineMs),
  });
  out.rightsEvents.push({
    key: `${i.contractId}:dongle:deadline-missed`,
    right: 'demand-payments-back',
    clause: '6.6',
  });
}

/** 6.3: the plan within its working days (a miss priced under the contract's reading), each item by its due date. */
function rectification(i: OnboardingInput, out: Conclusions): void {
  const d = i.calendar.addWorkingDays(i.signedAtMs, i.terms.workingDays.rectificationPlan);
  const r = i.history?.rectification;
  const submitted = at(r?.planSubmittedAt);
  const met = submitted !== undefined && submitted < d.deadlineMs;
  const missed = !met && i.nowMs >= d.deadlineMs;
  out.deadlines.push({
    obligation: 'rectification plan delivered',
    clause: '6.3',
    dueAt: iso(d.deadlineMs),
    provisional: d.provisional,
    fulfilledAt: submitted === undefined ? null : iso(submitted),
    verdict: met ? 'met' : missed ? 'missed' : 'pending',
  });
  if (missed) {
    const reading = i.terms.penalties.otherCommitmentReading;
    if (reading === '6.2.2') {
      const p = otherCommitmentPenalty(i.amountFen, undefined, '6.2.2', i.terms);
      out.penalties.push({
        key: `rectification:${i.contractId}:plan-missed`,
        caseKind: 'rectification',
        clause: p.clause,
        amountFen: formatFen(p.amountFen),
        basis: p.basis,
        fact: 'the post-signing check and rectification plan were not delivered within the working-day deadline (6.3)',
        dueAt: iso(d.deadlineMs),
        occurredAt: iso(d.deadlineMs),
      });
    } else
      out.unpriced.push({
        obligation: 'rectification plan delivered',
        clause: reading,
        reason: "a missed plan is another service commitment not kept: the hospital's approver chooses the rate",
      });
  }
  for (const it of r?.items ?? []) {
    if (!it.dueDate) continue;
    const done = at(it.doneAt);
    const judgedAt = done ?? i.nowMs;
    const late = rectificationItemPenalty(i.amountFen, it.dueDate, judgedAt, i.terms);
    const dueMs = endOfShanghaiDay(it.dueDate);
    out.deadlines.push({
      obligation: `rectification item ${it.itemId} done`,
      clause: '6.3',
      dueAt: iso(dueMs),
      provisional: false,
      fulfilledAt: done === undefined ? null : iso(done),
      verdict: done !== undefined && late.daysLate === 0 ? 'met' : late.daysLate > 0 ? 'missed' : 'pending',
      daysLate: late.daysLate,
    });
    // An open item is charged when it closes (confirmed done or the contract's end), as live.
    if (done !== undefined && late.penalty)
      out.penalties.push({
        key: `rectification:${i.contractId}:item:${it.itemId}:late`,
        caseKind: 'rectification',
        clause: late.penalty.clause,
        amountFen: formatFen(late.penalty.amountFen),
        basis: late.penalty.basis,
        fact: `rectification item ${it.itemId} done ${late.daysLate} day(s) after its due date ${it.dueDate}`,
        dueAt: iso(dueMs),
        occurredAt: iso(done),
      });
    // Raised live the moment an item still open is more than 30 days late (6.3).
    if (judgedAt >= rectificationRightsAtMs(it.dueDate, i.terms))
      out.rightsEvents.push({
        key: `${i.contractId}:rectification:${it.itemId}:30-days`,
        right: 'terminate',
        clause: '6.3',
      });
  }
}

/** 6.3: go-live by its date (or the one approved extension); each period late 5%; proposed deductions reaching 20% an advance event. */
function goLive(i: OnboardingInput, out: Conclusions): void {
  if (!i.goLiveDate) return;
  const g = i.history?.goLive;
  const ext = g?.extension;
  const deadlineDate = ext?.approved ? ext.newDate : i.goLiveDate;
  const live = at(g?.liveAt);
  const until = live ?? i.nowMs;
  const dueMs = endOfShanghaiDay(deadlineDate);
  const periodDueMs = (k: number) =>
    lateByDaysAtMs(
      deadlineDate,
      goLivePeriodDay(k, i.terms.penalties.goLiveCounting, i.terms.penalties.goLivePeriodDays),
    );
  const max = maxGoLivePeriods(i.amountFen, i.terms);
  let k = 0;
  let raised = false;
  while (k < max && periodDueMs(k + 1) <= until) {
    k += 1;
    const p = goLivePeriodPenalty(i.amountFen, k, i.terms);
    out.penalties.push({
      key: `golive:${i.contractId}:period:${k}`,
      caseKind: 'golive',
      clause: '6.3',
      amountFen: formatFen(p.amountFen),
      basis: p.basis,
      fact: `go-live not recorded by ${deadlineDate}${ext?.approved ? ` (extended from ${i.goLiveDate})` : ''}: period ${k} late`,
      dueAt: iso(dueMs),
      occurredAt: iso(periodDueMs(k)),
    });
    if (!raised && reachesDeductionBreach(p.cumulativeFen, i.amountFen, i.terms)) {
      const e = goLiveProposedBreachEvent(i.contractId, p.cumulativeFen, i.amountFen, k, i.terms);
      out.rightsEvents.push({ key: e.key, right: e.right, clause: e.clause });
      raised = true;
    }
  }
  out.deadlines.push({
    obligation: 'go-live',
    clause: '6.3',
    dueAt: iso(dueMs),
    provisional: false,
    fulfilledAt: live === undefined ? null : iso(live),
    verdict: live !== undefined && live < dueMs ? 'met' : until >= dueMs ? 'missed' : 'pending',
    daysLate: daysLateAt(deadlineDate, until),
  });
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
