// Onboarding a running contract (issue 10 item 4): the go-live's past (6.3: the date or its one
// approved extension, each period late, a proposed deduction reaching 20%) concluded from the
// entered facts as the live go-live workflow judges it. Called by signingObligations
// (onboarding-signing.ts) with the dongle and the rectification plan.
import { formatFen } from './money';
import { daysLateAt, lateByDaysAtMs } from './obligations';
import {
  goLivePeriodDay,
  goLivePeriodPenalty,
  goLiveProposedBreachEvent,
  maxGoLivePeriods,
  reachesDeductionBreach,
} from './go-live';
import type { Conclusions, OnboardingInput } from './onboarding';
import { endOfShanghaiDay } from './time';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));

/** 6.3: go-live by its date (or the one approved extension); each period late 5%; proposed deductions reaching 20% an advance event. */
export function goLive(i: OnboardingInput, out: Conclusions): void {
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
