// The O&M record (clause 3) and the acceptance form (clause 8) as the reports' JSON declares them
// (issue 15 item 1): strict objects, like the SLA report and the statement (report-schemas.ts,
// whose head and statement entries they share), so an undeclared column is refused by the
// response check. Report instants +08:00 to the second.
import { z } from 'zod';
import { CareLogOut, CarePeriodOut, InspectionRowOut, Remediation } from './cycle-schemas';
import { AcceptanceRecordOut } from './acceptance-schemas';
import { fenOut } from './money-schemas';
import { day, FaultSectionOut, OmDocumentOut, reportInstant } from './om-schemas';
import { head, StatementEntry } from './report-schemas';

const omRecord = {
  to: reportInstant,
  yearComplete: z.boolean(),
  faults: FaultSectionOut,
  inspections: z.array(InspectionRowOut.omit({ history: true })),
  remediation: z.array(Remediation.extend({ quarter: z.number().int() })),
  careLogs: z.array(CareLogOut),
  carePeriods: z.array(CarePeriodOut),
  staffChanges: z.array(
    z.strictObject({
      requestId: z.string(),
      kind: z.string(),
      effectiveDate: day,
      removeIds: z.array(z.string()),
      addNames: z.array(z.string()),
      requestedAt: reportInstant,
      outcome: z.string(),
    }),
  ),
  rectification: z.array(StatementEntry).describe('the 6.3 ledger entries of the year'),
  rectificationItems: z.array(
    z.strictObject({
      itemId: z.string(),
      description: z.string(),
      dueDate: day.nullable(),
      status: z.string(),
      daysLate: z.number().int(),
      penaltyFen: fenOut,
    }),
  ),
  serviceRequests: z.array(
    z.strictObject({
      requestId: z.string(),
      clause: z.string(),
      origin: z.string(),
      title: z.string(),
      raisedAt: reportInstant,
      dueDate: day.nullable(),
      status: z.string(),
      acceptedDeliveryAt: reportInstant.nullable(),
      breach: z
        .strictObject({
          clause: z.string(),
          pricedUnder: z.string(),
          penaltyFen: fenOut.nullable(),
          superseded: z.boolean(),
        })
        .nullable(),
    }),
  ),
  documents: z.array(OmDocumentOut),
};
const acceptanceStatus = z
  .strictObject({ status: z.string(), round: z.number().int(), submittedAt: reportInstant.nullable() })
  .nullable();
export const OmRecordReport = z.strictObject({
  report: z.literal('om-record'),
  ...head,
  ...omRecord,
  acceptance: acceptanceStatus,
  acceptanceRecord: AcceptanceRecordOut.nullable(),
});

export const AcceptanceFormReport = z.strictObject({
  report: z.literal('acceptance-form'),
  clause: z.literal('8'),
  ...head,
  to: reportInstant,
  figures: z.strictObject({
    faults: z.number().int(),
    responseBreached: z.number().int(),
    inspectionsSubmitted: z.number().int(),
    inspections: z.number().int(),
    careVisits: z.number().int(),
    carePeriodsKept: z.number().int(),
    carePeriods: z.number().int(),
    staffChanges: z.number().int(),
    documents: z.number().int(),
    confirmedDeductionsFen: fenOut,
  }),
  acceptance: acceptanceStatus,
  record: AcceptanceRecordOut.nullable(),
  copies: z.strictObject({ hospital: z.literal(2), vendor: z.literal(1) }).describe('clause 8: three copies'),
});
