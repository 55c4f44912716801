// Issue 10 item 4: a quarter's inspection that ended before its contract was registered, entered
// with its facts (src/api/onboarding-quarters.ts checks them). The quarter lives its past again
// with the live rules and nothing else: the report, the acknowledgement and the 4.6 resolutions
// go through the live apply() at their entered times, the report is judged by the live
// reportJudgement(), and a report missing at the due time (or delivered after it) is overdue at
// that instant with the live 6.2.1 proposal, as the live timer would have made it. Each entered
// act is the admin's statement on the acting party's behalf, so the other party is told and may
// contest it; the past moves themselves notify nobody.
import { enteredFor, type StatedInstant } from '../kernel/stated-times';
import type { Actor } from '../kernel/actors';
import type { OnboardedInspection } from './inspection-messages';
import type { InspectionAction } from './inspection-rules';

export interface PastInspectionStep {
  action: InspectionAction;
  time: StatedInstant;
}

/** The entered acts in time order (the report first: the API refuses anything before it). */
export function pastInspectionSteps(o: OnboardedInspection | undefined): PastInspectionStep[] {
  if (!o?.report) return [];
  const actor: Actor = { name: `${o.by} (entered at onboarding)`, role: 'admin' };
  const { at, ...report } = o.report;
  const out: PastInspectionStep[] = [
    { action: { action: 'report', args: { ...report, actor } }, time: enteredFor(at, 'vendor') },
  ];
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

/** Whether the live timer would have found the report missing at its due time (4.3): none entered, or one after it. */
export const overdueAtDue = (o: OnboardedInspection, dueMs: number): boolean =>
  o.report === undefined || Date.parse(o.report.at) >= dueMs;
