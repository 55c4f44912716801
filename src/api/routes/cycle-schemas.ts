// The recurring cycles as the API answers them (issue 5, issue 15): quarterly inspections
// (4.1, 4.3, 4.6), customer care (4.1) and the schedules, from their PostgreSQL rows
// (src/db/queries/cycles.ts) or the Update's answer. Instants +08:00, money integer fen as a
// string, days YYYY-MM-DD. Yearly acceptances (3, 8) and payments (10): acceptance-schemas.ts.
import { z } from 'zod';
import { instantOut } from '../instants';
import { dateOut, StatedTime } from './case-schemas';

export const citation = z.strictObject({ documentRef: z.string(), sha256: z.string() });
/** A period closed outside the API (cancelled, terminated): how and when (issue 10 item 8). */
export const closure = z.strictObject({ how: z.string(), at: instantOut, recordedAt: instantOut }).optional();
const period = {
  contractId: z.string(),
  year: z.number().int().describe('contract year, 1 for the first'),
  quarter: z.number().int(),
  periodStart: dateOut,
  dueAt: instantOut,
  breached: z.boolean(),
};

export const Remediation = z.strictObject({
  id: z.string(),
  finding: z.string(),
  deadline: instantOut,
  status: z.enum(['open', 'resolved', 'overdue-resolved', 'overdue']),
  resolvedAt: instantOut.optional(),
  note: z.string().optional(),
  evidence: citation.optional().describe('a stored remediation-evidence document (4.6)'),
  factSeq: z.number().int().optional(),
});
const InspectionReport = z.strictObject({
  inspectionDate: dateOut,
  engineer: z.string(),
  findings: z.array(
    z.strictObject({
      title: z.string(),
      severity: z.enum(['low', 'medium', 'high']),
      description: z.string().optional(),
    }),
  ),
  recommendations: z.array(z.string()),
  documentRef: z.string(),
  sha256: z.string(),
});
const inspectionStatus = z.string().describe('open, overdue, submitted, changes-requested, acknowledged, closed');
const inspectionFields = {
  ...period,
  status: inspectionStatus,
  report: InspectionReport.nullable(),
  submittedAt: instantOut.nullable(),
  lateByMs: z.number().nullable().describe('how late the report came, in ms (4.3)'),
  acknowledgedAt: instantOut.nullable(),
  remediation: z.array(Remediation),
  history: z.array(
    z.strictObject({ at: instantOut, by: z.string(), event: z.string(), detail: z.unknown().optional() }),
  ),
};
/** An inspection as recorded. */
export const InspectionRowOut = z.strictObject({
  ...inspectionFields,
  workflowId: z.string(),
  updatedAt: instantOut,
  closure,
});
/** The inspection case's state after an Update (its answer). */
export const InspectionState = z.object({ ...inspectionFields, stated: z.array(StatedTime) });

export const CareLogOut = z.strictObject({
  id: z.string(),
  contractId: z.string(),
  kind: z.enum(['visit', 'mailing']),
  occurredAt: instantOut,
  channel: z.string(),
  withWhom: z.string(),
  topics: z.array(z.string()),
  note: z.string().nullable(),
  documentRef: z.string().nullable(),
  sha256: z.string().nullable(),
  loggedBy: z.string(),
  createdAt: instantOut,
  statedBy: z
    .enum(['vendor', 'hospital'])
    .nullable()
    .describe("set when occurredAt was stated earlier than the recording: that party's claim, contestable"),
});
export const CarePeriodOut = z.strictObject({
  ...period,
  contractId: z.string().optional(),
  workflowId: z.string(),
  requiredVisits: z.number().int(),
  visits: z.number().int(),
  mailings: z.number().int(),
  status: z.string().describe('open, kept, missed; or how it was closed outside the API'),
  logs: z.array(
    z.strictObject({
      logId: z.string(),
      kind: z.enum(['visit', 'mailing']),
      statedAt: instantOut,
      effectiveAt: instantOut.describe('the stated time, or the decided one after a contest'),
      recordedAt: instantOut,
      loggedBy: z.string(),
      statedBy: z.enum(['vendor', 'hospital']).optional(),
      factSeq: z.number().int(),
    }),
  ),
  stated: z.array(StatedTime.extend({ logId: z.string().optional() })),
  closure,
});

export const ScheduleOut = z.object({
  scheduleId: z.string(),
  spec: z.record(z.string(), z.unknown()).describe("Temporal's schedule spec"),
  timezone: z.string().optional(),
  nextActionTimes: z.array(instantOut),
  overlap: z.string(),
  catchupWindowMs: z.number(),
  paused: z.boolean(),
  workflowType: z.string().optional(),
  recentActions: z.array(z.object({ scheduledAt: instantOut, workflowId: z.string() })),
});
