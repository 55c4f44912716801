// Onboarding a running contract (issue 10 item 4): the signing obligations' past (4.10 the
// dongle removal and 6.6 its penalty, 6.3 the rectification plan and items, 6.3 the go-live and
// its periods late) concluded from the entered facts as the live workflows judge them, with the
// same domain rules. Called by onboardingConclusions (onboarding.ts), which holds the shapes.
import { formatFen } from './money';
import { dongleException, rectificationItemPenalty, rectificationRightsAtMs } from './obligations';
import type { Conclusions, OnboardingInput } from './onboarding';
import { goLive } from './onboarding-go-live';
import { itemAfterReviews } from './onboarding-plan-items';
import { dongleFound, otherCommitmentPenalty } from './penalties';
import { endOfShanghaiDay } from './time';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));

/** 4.10, 6.3, 6.6: the deadlines, penalties, unpriced breaches and rights events of the signing obligations, into out. */
export function signingObligations(i: OnboardingInput, out: Conclusions): void {
  dongle(i, out);
  rectification(i, out);
  goLive(i, out);
}

/**
 * A working-day deadline after signing (4.10, 6.3) into out.deadlines: met by a fact stated
 * before it, missed once it passed without one, else pending. Answers whether it was missed.
 */
function workingDayDeadline(
  out: Conclusions,
  obligation: string,
  clause: string,
  d: { deadlineMs: number; provisional: boolean },
  fulfilledMs: number | undefined,
  nowMs: number,
): boolean {
  const met = fulfilledMs !== undefined && fulfilledMs < d.deadlineMs;
  const missed = !met && nowMs >= d.deadlineMs;
  out.deadlines.push({
    obligation,
    clause,
    dueAt: iso(d.deadlineMs),
    provisional: d.provisional,
    fulfilledAt: fulfilledMs === undefined ? null : iso(fulfilledMs),
    verdict: met ? 'met' : missed ? 'missed' : 'pending',
  });
  return missed;
}

/**
 * 4.10 / 6.6: the removal declared before the working-day deadline, else CNY 50,000 and the right
 * to demand payments back; the same for each restriction found (6.6). A restriction found before
 * the deadline already charged the sum, so the deadline passing charges nothing more (as the live
 * deadlineVerdict).
 */
function dongle(i: OnboardingInput, out: Conclusions): void {
  const d = i.calendar.addWorkingDays(i.signedAtMs, i.terms.workingDays.dongleRemoval);
  const declared = at(i.history?.dongle?.declaredAt);
  const findings = i.history?.dongle?.findings ?? [];
  for (const f of findings) {
    // the live case's fact word for word (dongle.ts judge): an entered finding cites no hospital change (6.6)
    const { reason } = dongleException(undefined, Date.parse(f.foundAt), []);
    const fact = `a dongle, time lock or licence code restricting operation was found: ${f.description} (${reason})`;
    dongleBreach(i, out, `finding:${f.findingId}`, d.deadlineMs, Date.parse(f.foundAt), fact);
  }
  const foundBefore = findings.some((f) => Date.parse(f.foundAt) < d.deadlineMs);
  const missed = workingDayDeadline(out, 'dongle removal declared', '4.10', d, declared, i.nowMs);
  if (!missed || foundBefore) return;
  const fact = `no removal of dongles, time locks and licence codes was declared by ${d.lastDay} (4.10)`;
  dongleBreach(i, out, 'deadline-missed', d.deadlineMs, d.deadlineMs, fact);
}

/** The 6.6 fixed sum and the demand-payments-back right of one dongle breach, under the live keys. */
function dongleBreach(i: OnboardingInput, out: Conclusions, suffix: string, dueMs: number, atMs: number, fact: string) {
  const p = dongleFound(i.terms);
  out.penalties.push({
    key: `dongle:${i.contractId}:${suffix}`,
    caseKind: 'dongle',
    clause: '6.6',
    amountFen: formatFen(p.amountFen),
    basis: p.basis,
    fact,
    dueAt: iso(dueMs),
    occurredAt: iso(atMs),
  });
  out.rightsEvents.push({ key: `${i.contractId}:dongle:${suffix}`, right: 'demand-payments-back', clause: '6.6' });
}

/** 6.3: the plan within its working days (a miss priced under the contract's reading), each item by its due date. */
function rectification(i: OnboardingInput, out: Conclusions): void {
  const d = i.calendar.addWorkingDays(i.signedAtMs, i.terms.workingDays.rectificationPlan);
  const r = i.history?.rectification;
  const submitted = at(r?.planSubmittedAt);
  const missed = workingDayDeadline(out, 'rectification plan delivered', '6.3', d, submitted, i.nowMs);
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
  for (const entered of r?.items ?? []) {
    // 6.3: an item the hospital has not accepted (rejected, or revised and awaiting review) binds
    // nothing yet: no charge, no 30-day right, as live; an accepted one is judged on its current due date.
    const now = itemAfterReviews(entered, r!.planSubmittedAt);
    const it = { ...entered, ...(now.dueDate ? { dueDate: now.dueDate } : {}) };
    if (!it.dueDate) continue;
    if (now.status !== 'open') {
      out.deadlines.push({
        obligation: `rectification item ${it.itemId} done`,
        clause: '6.3',
        dueAt: iso(endOfShanghaiDay(it.dueDate)),
        provisional: false,
        fulfilledAt: null,
        verdict: 'pending',
      });
      continue;
    }
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
