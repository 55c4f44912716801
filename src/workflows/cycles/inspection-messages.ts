// Messages of a quarterly inspection (4.1, 4.3, 4.6): workflow id, input, state, updates and
// query, error codes; imported by the API, the workflow and the tests alike (plain JSON).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionBase, StatedTime } from '../kernel/case-messages';

export const inspectionCaseId = (contractId: string, year: number, quarter: number) =>
  `inspection:${contractId}:${year}Q${quarter}`;

export interface Finding {
  title: string;
  severity: 'low' | 'medium' | 'high';
  description?: string;
}
export interface InspectionReport {
  inspectionDate: string;
  engineer: string;
  findings: Finding[];
  recommendations: string[];
  documentRef: string;
  sha256: string;
}
export interface RemediationItem {
  id: string;
  finding: string;
  deadline: string;
  status: 'open' | 'resolved' | 'overdue-resolved' | 'overdue';
  resolvedAt?: string;
  note?: string;
  /** 4.6: the evidence of the remediation, a stored remediation-evidence document (checked by the API). */
  evidence?: { documentRef: string; sha256: string };
  factSeq?: number;
}
export interface InspectionInput {
  contractId: string;
  year: number;
  quarter: number;
  /** Issue 10 item 4: a quarter that ended before its contract was registered, entered with its facts. */
  onboarded?: OnboardedInspection;
}
/**
 * A past quarter's inspection as entered at onboarding, each act at its time (the admin states it
 * on the acting party's behalf): any reports sent back with changes requested, the report
 * delivered (4.3; absent: not done, or, after reports sent back, not delivered again by the
 * registration), the hospital's acknowledgement and the 4.6 items resolved. Checked by the API
 * (src/api/onboarding-inspections.ts).
 */
export interface OnboardedInspection {
  by: string;
  /** Reports delivered before the last one and sent back by the hospital with its reasons (4.3), in order. */
  sentBack?: { report: InspectionReport & { at: string }; requestedAt: string; reasons: string[] }[];
  report?: InspectionReport & { at: string };
  acknowledgedAt?: string;
  resolutions?: { itemId: string; at: string; note?: string }[];
}
export interface InspectionState {
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: string;
  status: 'open' | 'overdue' | 'submitted' | 'changes-requested' | 'acknowledged' | 'closed';
  breached: boolean;
  report: InspectionReport | null;
  submittedAt: string | null;
  lateByMs: number | null;
  acknowledgedAt: string | null;
  remediation: RemediationItem[];
  /** Times stated for an earlier instant (issue 10), each contestable by the other party. */
  stated: StatedTime[];
  history: { at: string; by: string; event: string; detail?: unknown }[];
}

export type ReportArgs = InspectionReport & ActionBase;
export interface AckArgs extends ActionBase {
  note?: string;
}
export interface ChangesArgs extends ActionBase {
  reasons: string[];
}
export interface ResolveArgs extends ActionBase {
  itemId: string;
  note?: string;
  evidence?: { documentRef: string; sha256: string };
}

export const submitInspectionReport = defineUpdate<InspectionState, [ReportArgs]>('submitInspectionReport');
export const acknowledgeInspection = defineUpdate<InspectionState, [AckArgs]>('acknowledgeInspection');
export const requestInspectionChanges = defineUpdate<InspectionState, [ChangesArgs]>('requestInspectionChanges');
export const resolveRemediation = defineUpdate<InspectionState, [ResolveArgs]>('resolveRemediation');
export const inspectionState = defineQuery<InspectionState>('inspectionState');

/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const INSPECTION_FACT_KIND = {
  report: 'inspectionReport',
  ack: 'inspectionAcknowledgement',
  changes: 'inspectionChangeRequest',
  resolve: 'remediationResolved',
} as const;

export const INSPECTION_ERRORS = ['REPORT_NOT_EXPECTED', 'REPORT_NOT_SUBMITTED', 'ALREADY_RESOLVED'] as const;
