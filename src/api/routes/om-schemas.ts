// The parts of the O&M record (3) that the acceptance package (8) carries too: the faults of
// the year summarised per level with a page of cases (src/reports/fault-summary.ts) and the
// documents at their latest version (src/db/queries/reports.ts omDocuments). One declaration
// for both answers (record-report-schemas.ts, cycle-schemas.ts).
import { z } from 'zod';
import '../instants'; // zod's .openapi()

/** An instant of a report: +08:00, with or without milliseconds. */
export const reportInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/, 'must be an ISO-8601 instant at +08:00')
  .openapi({ format: 'date-time', example: '2025-01-02T09:00:00+08:00' });
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const level = z.union([z.literal('all'), z.number().int().min(1).max(5)]).describe('fault level (4.9.3) or all');

// The SLA figures of a period and level (src/db/queries/reports.ts slaRows).
export const figures = {
  cases: z.number().int(),
  regraded: z.number().int().describe('cases re-graded (4.9.3), counted at their current level'),
  reopened: z.number().int(),
  responseMet: z.number().int(),
  responseBreached: z.number().int(),
  responseOpen: z.number().int().describe('not yet due at generation time'),
  onsiteDue: z.number().int(),
  onsiteMet: z.number().int(),
  onsiteBreached: z.number().int(),
  replacementDue: z.number().int(),
  replacementMet: z.number().int(),
  replacementBreached: z.number().int(),
  exclusionsClaimed: z.number().int(),
  exclusionsAccepted: z.number().int(),
};
const OmFault = z.strictObject({
  caseId: z.string(),
  caseNo: z.number().int(),
  level: z.number().int(),
  title: z.string(),
  reportedAt: reportInstant,
  status: z.string(),
  breached: z.boolean(),
  response: z.enum(['met', 'breached', 'open']).nullable(),
  regraded: z.boolean(),
  reopened: z.boolean(),
  exclusion: z.string().nullable().describe("the latest exclusion claim's status (4.9.5)"),
});
export const FaultSectionOut = z.strictObject({
  total: z.number().int(),
  byLevel: z.array(z.strictObject({ level, ...figures })),
  cases: z.array(OmFault),
  next: z.string().nullable().describe('the next page of cases (null on the last page)'),
  list: z.string().describe('the live case list of the year (GET /faults with its filters)'),
});
export const OmDocumentOut = z.strictObject({
  id: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  title: z.string(),
  version: z.number().int(),
  filename: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: reportInstant,
  review: z.enum(['accepted', 'rejected']).nullable(),
});
