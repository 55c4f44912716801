// The 4.6 remediation phase of a quarterly inspection, after the hospital's acknowledgement:
// each open item is flagged at its deadline (the case breached, both parties told); the open
// items keep the workflow alive; no sum is proposed here (inspection-duties.ts). Workflow code:
// called by inspection.ts with its case and state.
import { condition } from '@temporalio/workflow';
import type { ContractTerms } from '../../domain/terms';
import type { ObligationCase } from '../kernel/case';
import { SYSTEM_ACTOR } from './common';
import type { InspectionState, RemediationItem } from './inspection-messages';
import * as duty from './inspection-duties';

/** 4.6: an item still open after its deadline, flagged overdue (at the deadline's instant when it passed in the entered past). */
export function flagOverdue(c: ObligationCase, s: InspectionState, r: RemediationItem, past: boolean): void {
  r.status = 'overdue';
  s.breached = true;
  const detail = { itemId: r.id, clause: '4.6' };
  c.fact(SYSTEM_ACTOR, 'remediation-overdue', detail, '4.6', past ? { occurredAt: Date.parse(r.deadline) } : undefined);
}

export interface RemediationWatch {
  year: number;
  quarter: number;
  /** An onboarded quarter: a deadline that passed before its registration (startedMs) tells nobody now. */
  onboarded: boolean;
  startedMs: number;
  terms: () => ContractTerms;
  persist: () => Promise<void>;
}

/** Waits until no item is open, flagging each at its deadline; a resolution at the deadline instant is on time (resolvedStatus), so an item is flagged once it has passed. */
export async function watchRemediation(c: ObligationCase, s: InspectionState, w: RemediationWatch): Promise<void> {
  while (s.remediation.some((r) => r.status === 'open')) {
    const next = duty.nextRemediationMs(s)! + 1;
    const done = await condition(() => !s.remediation.some((r) => r.status === 'open'), Math.max(1, next - Date.now()));
    if (done) break;
    for (const r of duty.remediationDue(s, Date.now())) {
      // A deadline that passed before an onboarded quarter was registered: at its instant, telling nobody now.
      const past = w.onboarded && Date.parse(r.deadline) < w.startedMs;
      flagOverdue(c, s, r, past);
      if (past) continue;
      const subject = `Remediation ${r.id} of ${w.year}Q${w.quarter} overdue (4.6)`;
      const body = { workflowId: c.caseId, ...duty.remediationOverdueNotice(r, w.terms()) };
      c.notice(`remediation-overdue:${r.id}`, 'inspection.remediation-overdue', subject, body);
    }
    await w.persist();
  }
}
