// The four reports' JSON bodies as declared (issue 15 item 1): every field of src/reports/*.ts,
// strict objects so that a column a query adds without a declaration is refused by the response
// check (VALIDATE_RESPONSES) instead of reaching clients as an undocumented raw row. Reports write
// instants as the printed page does, +08:00 to the second (src/reports/periods.ts shanghaiIso);
// the records they quote keep the API's form (+08:00 with ms, instants.ts). The SLA report and the
// penalty statement here; the O&M record and the acceptance form: record-report-schemas.ts.
import { z } from 'zod';
import { LEDGER_STATUSES } from '../../db/queries/ledger';
import { LOCALES } from '../../i18n/locale';
import { PERIOD_KINDS } from '../../reports/periods';
import { PaymentOut } from './acceptance-schemas';
import { BasisTemplateOut, fenOut, RightsEvent } from './money-schemas';
import { figures, level, reportInstant } from './om-schemas';

/** The words of the printed form (src/reports/view.ts printedOf), in the report's language. */
const Printed = z
  .strictObject({
    title: z.string(),
    period: z.string(),
    summary: z.array(z.strictObject({ label: z.string(), text: z.string() })),
    tables: z.array(
      z.strictObject({
        heading: z.string(),
        columns: z.array(z.strictObject({ key: z.string(), label: z.string() })).describe('the CSV header, in order'),
        notes: z.array(z.string()).optional(),
      }),
    ),
    form: z
      .strictObject({
        copies: z.array(z.string()),
        statement: z.string(),
        signatures: z.array(z.strictObject({ party: z.string(), lines: z.array(z.string()) })),
      })
      .optional()
      .describe('the acceptance form (clause 8): its copies and signature blocks'),
  })
  .describe('the title, summary and table headers the CSV and PDF print, in `language`');

/** The head every report's JSON starts with. */
export const head = {
  language: z.enum(LOCALES).describe('the language of every text of the report (also Content-Language)'),
  printed: Printed,
  contractId: z.string(),
  year: z.number().int().describe('contract year, 1 for the first'),
  from: reportInstant,
  generatedAt: reportInstant,
  recordHead: z
    .record(z.string(), z.strictObject({ chain: z.string(), seq: z.number().int(), hash: z.string() }))
    .nullable()
    .describe('the head of each hash chain when the report was made (verify with GET /audit/head)'),
};

export const SlaReport = z.strictObject({
  report: z.literal('sla'),
  ...head,
  by: z.enum(PERIOD_KINDS),
  to: reportInstant,
  yearComplete: z.boolean().describe('false: the year runs on, figures as of generation time'),
  readings: z.array(z.string()).describe('how the figures are counted (4.9.2-4.9.4)'),
  rows: z.array(
    z.strictObject({
      period: z.string(),
      periodLabel: z.string(),
      from: reportInstant,
      to: reportInstant,
      level,
      ...figures,
      medianResponseMs: z.number().nullable().describe('response time = first response - report (4.9.4)'),
      p90ResponseMs: z.number().nullable(),
    }),
  ),
});

/** A ledger entry as the statement lists it (src/db/queries/reports.ts statementEntries). */
export const StatementEntry = z.strictObject({
  id: z.string(),
  clause: z.string(),
  caseKind: z.string(),
  caseId: z.string(),
  fact: z.string(),
  occurredAt: reportInstant,
  dueAt: reportInstant.nullable(),
  lateByMs: z.number().int().nullable(),
  amountFen: fenOut,
  basis: z.string().describe('in the language of the report when the platform wrote it; as typed otherwise'),
  basisTemplate: BasisTemplateOut.nullable(),
  reading: z.string().nullable(),
  compensates: z.string().nullable().describe('the entry this one compensates (negative amount)'),
  status: z.enum(LEDGER_STATUSES),
  statusReason: z.string().nullable(),
  statusAt: reportInstant,
});
export const PenaltyStatement = z.strictObject({
  report: z.literal('penalty-statement'),
  ...head,
  to: reportInstant.nullable().describe('null: the year runs until the acceptance passes (clause 3)'),
  contractAmountFen: fenOut,
  termsVersion: z.number().int(),
  entries: z.array(StatementEntry),
  byClause: z.array(
    z.strictObject({
      clause: z.string(),
      entries: z.number().int(),
      confirmedFen: fenOut,
      openFen: fenOut,
      disputedFen: fenOut,
      heldFen: fenOut,
      waivedFen: fenOut,
      withdrawnFen: fenOut,
    }),
  ),
  confirmedYearFen: fenOut,
  confirmedThroughYearFen: fenOut,
  thresholds: z.array(
    z.strictObject({
      clause: z.string(),
      percent: z.string(),
      comparison: z.enum(['exceeding', 'reaching']),
      limitFen: fenOut,
      confirmedThroughYearFen: fenOut,
      reached: z.boolean(),
      headroomFen: fenOut,
      right: z.enum(['terminate-and-recover', 'breach-terminate-refund']),
      description: z.string().describe('the right the threshold gives, in the language of the report'),
    }),
  ),
  rightsEvents: z.array(RightsEvent),
  payment: z
    .strictObject({
      appliesToYear: z.number().int(),
      feeFen: fenOut.nullable(),
      deductionsFen: fenOut,
      amountDueFen: fenOut.nullable(),
      uncoveredFen: fenOut,
      basis: z.string().describe('in the language of the report'),
      released: PaymentOut.nullable(),
    })
    .describe("clause 10: the next year's fee less this year's confirmed deductions"),
});
