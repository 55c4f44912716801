// The recurring cycles as the API answers them (issue 5, issue 15): quarterly inspections
// (4.1, 4.3, 4.6), customer care (4.1), yearly acceptances (3, 8) and payments (10), from their
// PostgreSQL rows (src/db/queries/cycles.ts) or the Update's answer. Instants +08:00, money
// integer fen as a string, days YYYY-MM-DD.
import { z } from 'zod';
import { instantOut } from '../instants';
import { LEDGER_STATUSES } from '../../db/queries/ledger';
import { BasisTemplateOut, fenOut } from './money-schemas';
import { FaultSectionOut, OmDocumentOut } from './om-schemas';
import { dateOut, StatedTime } from './case-schemas';

const citation = z.strictObject({ documentRef: z.string(), sha256: z.string() });
/** A period closed outside the API (cancelled, terminated): how and when (issue 10 item 8). */
const closure = z.strictObject({ how: z.string(), at: instantOut, recordedAt: instantOut }).optional();
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

/** A ledger entry of the year as the package lists it (src/db/queries/cycles.ts ledgerOfYear). */
const PackageEntry = z.object({
  id: z.string(),
  clause: z.string(),
  caseKind: z.string(),
  caseId: z.string(),
  fact: z.string(),
  amountFen: fenOut,
  status: z.enum(LEDGER_STATUSES),
  occurredAt: instantOut,
});
const AcceptanceDecision = z.object({
  at: instantOut,
  by: z.string(),
  outcome: z.enum(['pass', 'fail']),
  reasons: z.array(z.string()).optional(),
  hospitalSignatory: z.string().optional(),
  vendorSignatory: z.string().optional(),
  signedForms: z.array(citation).optional().describe('scans of the signed and sealed form (8)'),
  factSeq: z.number().int().optional(),
});
const acceptanceFields = {
  contractId: z.string(),
  year: z.number().int(),
  yearStart: dateOut.nullable(),
  yearEnd: dateOut.nullable(),
  status: z.string().describe('waiting-year-end, awaiting-submission, submitted, failed, passed'),
  round: z.number().int(),
  package: z
    .object({
      contractId: z.string(),
      year: z.number().int(),
      from: instantOut,
      to: instantOut,
      assembledAt: instantOut,
      inspections: z.array(InspectionRowOut),
      faults: FaultSectionOut.describe('the faults of the year as the O&M record has them (report 3)'),
      careLogs: z.array(CareLogOut),
      penalties: z.object({
        entries: z.array(PackageEntry),
        confirmedFen: fenOut,
        openFen: fenOut,
      }),
      documents: z.array(OmDocumentOut).optional(),
    })
    .nullable()
    .describe("the year's package, assembled from the platform's own records (3, 8)"),
  submittedAt: instantOut.nullable(),
  decisions: z.array(AcceptanceDecision),
  paymentId: z.string().nullable(),
};
export const AcceptanceRowOut = z.object({
  ...acceptanceFields,
  workflowId: z.string(),
  updatedAt: instantOut,
  closure,
});
export const AcceptanceRecordOut = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  passedAt: instantOut,
  hospitalSignatory: z.string(),
  vendorSignatory: z.string(),
  hospitalSealed: z.boolean(),
  vendorSealed: z.boolean(),
  copiesHospital: z.number().int(),
  copiesVendor: z.number().int(),
  decidedBy: z.string(),
  signedForms: z.array(citation),
});
/** The acceptance case's state after an Update (its answer). */
export const AcceptanceState = z.object(acceptanceFields);

export const PaymentOut = z.strictObject({
  id: z.string(),
  contractId: z.string(),
  year: z.number().int(),
  feeFen: fenOut,
  deductionsFen: fenOut.describe('penalties confirmed in the year before (10)'),
  amountFen: fenOut,
  basis: z.string().describe("in the answer's language (Content-Language) when the platform wrote it"),
  basisTemplate: BasisTemplateOut.nullable(),
  releasedAt: instantOut,
  releasedBy: z.string(),
  paidAt: instantOut.nullable(),
  paidBy: z.string().nullable(),
  paidReference: z.string().nullable(),
  status: z.enum(['released', 'paid']),
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
