// The duties of a service request (issue 18), judged by a pure function of its facts, terms
// and the time: never by the order the worker saw events. The vendor delivers by 24:00
// Asia/Shanghai of the agreed due date (clauses.md "Calendars and time"); a licence is renewed
// before it lapses at the end of its expiry date (4.4), with a warning services.licenceWarnDays
// ahead. A request not delivered (and accepted) by then is "another service commitment not
// kept": 6.5 with the approver's rate, or 6.2.2 when the terms select it.
import type { ContractTerms } from '../../domain/terms';
import { endOfShanghaiDay } from '../../domain/time';
import type { Delivery, ServiceRequestState, ServiceStatus } from './messages';

const DAY_MS = 86_400_000;

/** 24:00 Asia/Shanghai of the agreed due date, or null while no due date is agreed. */
export const dueEndMs = (s: ServiceRequestState): number | null => (s.due ? endOfShanghaiDay(s.due.date) : null);

export const acceptedDelivery = (s: ServiceRequestState): Delivery | undefined =>
  s.deliveries.find((d) => d.review?.decision === 'accepted');
export const pendingDelivery = (s: ServiceRequestState): Delivery | undefined =>
  s.deliveries.find((d) => d.review === undefined);

/** 5.4: a large change both parties agreed is outside the free scope: none of this contract's duties. */
export const outOfFreeScope = (s: ServiceRequestState): boolean => s.largeChange?.decision?.outcome === 'agreed';

export type Verdict = 'no-due-date' | 'pending' | 'met' | 'late' | 'out-of-free-scope';

/**
 * On time when the delivery the hospital accepted was made before the due end; late when it was
 * made after, or when the due end passed with none accepted. A delivery made before the due end
 * and not yet reviewed keeps the verdict open: its review decides it (sent back: late).
 */
export function verdict(s: ServiceRequestState, nowMs: number): Verdict {
  if (outOfFreeScope(s)) return 'out-of-free-scope';
  const due = dueEndMs(s);
  if (due === null) return 'no-due-date';
  const done = acceptedDelivery(s);
  if (done) return Date.parse(done.at) < due ? 'met' : 'late';
  const waiting = pendingDelivery(s);
  if (waiting && Date.parse(waiting.at) < due) return 'pending';
  if (s.contractEnded && Date.parse(s.contractEnded.at) < due) return 'pending';
  return nowMs >= due ? 'late' : 'pending';
}

/**
 * When a late verdict became late, by the facts' times, not by when the worker judged it: the
 * due end, or the review after it that sent back a delivery made in time (a timer fires, and a
 * worker catches up, after the instant it concludes on).
 */
export function lateSinceMs(s: ServiceRequestState, nowMs: number): number {
  const reviews = s.deliveries.flatMap((d) => (d.review ? [Date.parse(d.review.at)] : []));
  return Math.max(dueEndMs(s)!, ...reviews.filter((t) => t <= nowMs));
}

/** 4.4: when the platform warns that a licence is about to lapse (terms services.licenceWarnDays). */
export function warnAtMs(s: ServiceRequestState, terms: ContractTerms): number | null {
  const due = dueEndMs(s);
  if (!s.licence || due === null) return null;
  return due - terms.services.licenceWarnDays * DAY_MS;
}

/** The request is settled: nothing more is owed under this contract (a contest may still hold it open). */
export const isSettled = (s: ServiceRequestState): boolean =>
  acceptedDelivery(s) !== undefined || outOfFreeScope(s) || s.contractEnded !== null;

export function statusOf(s: ServiceRequestState): ServiceStatus {
  if (outOfFreeScope(s)) return 'out-of-free-scope';
  if (acceptedDelivery(s)) return s.licence && acceptedDelivery(s)!.renewedUntil ? 'renewed' : 'accepted';
  if (s.contractEnded) return 'contract-ended';
  if (pendingDelivery(s)) return 'delivered';
  if (!s.due) return 'awaiting-due-date';
  if (s.started) return 'in-progress';
  if (s.acknowledged) return 'acknowledged';
  return 'open';
}

/** Whose move it is: the party a due-date proposal, a delivery, a claim or an unpriced breach waits for. */
export function awaiting(s: ServiceRequestState): 'vendor' | 'hospital' | 'none' {
  if (isSettled(s)) return s.breach && !s.breach.priced && !s.breach.superseded ? 'hospital' : 'none';
  if (s.dueProposal) return s.dueProposal.proposedBy === 'vendor' ? 'hospital' : 'vendor';
  if (pendingDelivery(s) || (s.largeChange && !s.largeChange.decision)) return 'hospital';
  if (s.breach && !s.breach.priced && !s.breach.superseded) return 'hospital';
  return 'vendor';
}

/** The next instant the workflow must judge again: the warning, then the due end. */
export function nextWakeMs(s: ServiceRequestState, terms: ContractTerms, nowMs: number): number | null {
  if (isSettled(s)) return null;
  const warn = warnAtMs(s, terms);
  if (warn !== null && !s.warnedAt && warn > nowMs) return warn;
  const due = dueEndMs(s);
  return due !== null && due > nowMs ? due : null;
}

/** The breach's fact, as the ledger entry cites it. */
export function breachFact(s: ServiceRequestState, v: Verdict): string {
  const what = s.licence
    ? `licence "${s.licence.name}" lapsed: not renewed before the end of ${s.licence.expiresOn} (clause 4.4)`
    : `service request ${s.requestId} "${s.title}" (clause ${s.clause}) ${v === 'late' && acceptedDelivery(s) ? `delivered at ${acceptedDelivery(s)!.at}, after` : 'not delivered and accepted by'} its agreed due date ${s.due!.date}`;
  return `${what}: another service commitment not kept`;
}
