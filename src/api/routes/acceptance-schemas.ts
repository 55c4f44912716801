// The yearly acceptances (clauses 3, 8) and the payments they release (10) as the API answers
// them (issue 5, issue 15), from their PostgreSQL rows (src/db/queries/cycles.ts) or the Update's
// answer. Instants +08:00, money integer fen as a string, days YYYY-MM-DD.
import { z } from 'zod';
import { instantOut } from '../instants';
import { LEDGER_STATUSES } from '../../db/queries/ledger';
import { BasisTemplateOut, fenOut } from './money-schemas';
import { FaultSectionOut, OmDocumentOut } from './om-schemas';
import { dateOut } from './case-schemas';
import { CareLogOut, citation, closure, InspectionRowOut } from './cycle-schemas';

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
