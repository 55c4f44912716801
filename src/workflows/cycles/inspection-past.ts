// Issue 10 item 4: a quarter's inspection that ended before its contract was registered, entered
// with its facts (src/api/onboarding-inspections.ts checks them). The quarter lives its past again
// with the live rules and nothing else: each report sent back with changes requested and
// delivered again (4.3), the acknowledgement and the 4.6 resolutions go through the live apply()
// at their entered times, each report is judged by the live reportJudgement(), a report missing
// at the due time (or first delivered after it) is overdue at that instant with the live 6.2.1
// proposal, and a 4.6 item still open when its deadline passed is flagged overdue at it, as the
// live timers would have made them. Each entered act is the admin's statement on the acting
// party's behalf, so the other party is told and may contest it; the past moves notify nobody.
import { enteredFor, type StatedInstant } from '../kernel/stated-times';
import type { Actor } from '../kernel/actors';
import type { OnboardedInspection } from './inspection-messages';
import type { InspectionAction } from './inspection-rules';

export interface PastInspectionStep {
  action: InspectionAction;
  time: StatedInstant;
}

/**
 * The entered acts in time order (the first report first: the API refuses anything before it).
 * Without a last report the last round sent back is still open at the registration: the case
 * stays changes-requested and the vendor's revised report arrives live, judged against the
 * quarter's due time like any (4.3).
 */
export function pastInspectionSteps(o: OnboardedInspection | undefined): PastInspectionStep[] {
  if (!o?.report && !o?.sentBack?.length) return [];
  const actor: Actor = { name: `${o.by} (entered at onboarding)`, role: 'admin' };
  const out: PastInspectionStep[] = [];
  const deliver = ({ at, ...report }: NonNullable<OnboardedInspection['report']>) =>
    out.push({ action: { action: 'report', args: { ...report, actor } }, time: enteredFor(at, 'vendor') });
  for (const round of o.sentBack ?? []) {
    deliver(round.report);
    out.push({
      action: { action: 'changes', args: { actor, reasons: round.reasons } },
      time: enteredFor(round.requestedAt, 'hospital'),
    });
  }
  if (!o.report) return out;
  deliver(o.report);
  if (o.acknowledgedAt)
    out.push({ action: { action: 'ack', args: { actor } }, time: enteredFor(o.acknowledgedAt, 'hospital') });
  const resolved = [...(o.resolutions ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const r of resolved)
    out.push({
      action: { action: 'resolve', args: { actor, itemId: r.itemId, ...(r.note ? { note: r.note } : {}) } },
      time: enteredFor(r.at, 'vendor'),
    });
  return out;
}

/** When the first report was delivered (a report sent back was delivered), or undefined when none was. */
export const firstDeliveryMs = (o: OnboardedInspection): number | undefined => {
  const at = o.sentBack?.[0]?.report.at ?? o.report?.at;
  return at === undefined ? undefined : Date.parse(at);
};

/** Whether the live timer would have found no report at its due time (4.3): none delivered by then. */
export const overdueAtDue = (o: OnboardedInspection, dueMs: number): boolean => {
  const first = firstDeliveryMs(o);
  return first === undefined || first >= dueMs;
};
