// Onboarding a running contract (issue 10 item 4): the shape of `onboarding.inspections` and
// `onboarding.care`, the quarters that ended before the registration (4.1, 4.3), each with what
// was done and when, and every time they enter. Checked and started by onboarding-quarters.ts
// (an inspection quarter's own rules: onboarding-inspections.ts).
import { z } from 'zod';
import { dateSchema, instantSchema } from './validate';

const text = (max: number) => z.string().trim().min(1).max(max);
const ReportDocument = z.strictObject({
  documentRef: text(200),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex characters'),
});
const Findings = z
  .array(
    z.strictObject({
      title: text(200),
      severity: z.enum(['low', 'medium', 'high']),
      description: text(2000).optional(),
    }),
  )
  .max(200);
const Quarter = { year: z.number().int().min(1).max(10), quarter: z.number().int().min(1).max(4) };
export const OnboardedInspections = z
  .array(
    z.strictObject({
      ...Quarter,
      /** false: no report was delivered (judged missed at the due time, 4.3); true: the fields below. */
      done: z.boolean(),
      doneAt: instantSchema.optional().describe('when the report was delivered (4.3), judged against the due time'),
      inspectionDate: dateSchema.optional(),
      engineer: text(100).optional(),
      /** 4.3: reports delivered before the one above and sent back by the hospital with its reasons, in order. */
      sentBack: z
        .array(
          z.strictObject({
            doneAt: instantSchema,
            report: ReportDocument,
            findings: Findings.optional(),
            recommendations: z.array(text(2000)).max(200).optional(),
            requestedAt: instantSchema.describe('when the hospital requested changes (4.3)'),
            reasons: z.array(text(2000)).min(1).max(50),
          }),
        )
        .max(10)
        .optional(),
      report: ReportDocument.optional(),
      findings: Findings.optional(),
      recommendations: z.array(text(2000)).max(200).optional(),
      acknowledgedAt: instantSchema.optional(),
      remediation: z
        .array(
          z.strictObject({
            itemId: z.string().regex(/^R\d{1,3}$/),
            resolvedAt: instantSchema,
            note: text(2000).optional(),
          }),
        )
        .max(200)
        .optional(),
    }),
  )
  .max(40);
const CareEntry = z.strictObject({
  at: instantSchema,
  channel: text(100),
  withWhom: text(200),
  topics: z.array(text(200)).min(1).max(50),
  note: z.string().max(2000).optional(),
});
export const OnboardedCare = z
  .array(
    z.strictObject({ ...Quarter, visits: z.array(CareEntry).max(50), mailings: z.array(CareEntry).max(50).optional() }),
  )
  .max(40);
export type PastInspectionEntry = z.infer<typeof OnboardedInspections>[number];
export type PastCareEntry = z.infer<typeof OnboardedCare>[number];
export interface PastQuarters {
  inspections?: PastInspectionEntry[];
  care?: PastCareEntry[];
}

/** Every entered time, for the between-signing-and-now check of every onboarded fact (clause 3). */
export const quarterTimes = (o: PastQuarters): [string, string | undefined][] => [
  ...(o.inspections ?? []).flatMap((e, i): [string, string | undefined][] => [
    ...(e.sentBack ?? []).flatMap((r, j): [string, string][] => [
      [`onboarding.inspections.${i}.sentBack.${j}.doneAt`, r.doneAt],
      [`onboarding.inspections.${i}.sentBack.${j}.requestedAt`, r.requestedAt],
    ]),
    [`onboarding.inspections.${i}.doneAt`, e.doneAt],
    [`onboarding.inspections.${i}.acknowledgedAt`, e.acknowledgedAt],
    ...(e.remediation ?? []).map((r, j): [string, string] => [
      `onboarding.inspections.${i}.remediation.${j}.resolvedAt`,
      r.resolvedAt,
    ]),
  ]),
  ...(o.care ?? []).flatMap((e, i) =>
    (['visits', 'mailings'] as const).flatMap((k) =>
      (e[k] ?? []).map((v, j): [string, string] => [`onboarding.care.${i}.${k}.${j}.at`, v.at]),
    ),
  ),
];
