// Onboarding a running contract (issue 10 item 4): the `onboarding.inspections` and
// `onboarding.care` blocks, the quarters that ended before the registration (4.1, 4.3), each
// with what was done and when. The checks refuse a quarter the contract does not have, one not
// ended yet, one entered twice or left out, an act outside its quarter or out of order (400
// naming the field and the clause); the registration hook starts each entered quarter's live
// case with its past (inspection-past.ts; care logs entered as the vendor's), judged as live.
// Rule for a quarter NOT entered: the platform tracks a kind from its first entered quarter;
// before it nothing is judged (onboarding invents nothing), after it every ended quarter is
// entered, done or not (the live reconcile would judge a gap missed: launcher.ts).
import { z } from 'zod';
import { invalid } from './errors';
import { dateSchema, instantSchema } from './validate';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { startOnce } from './routes/obligation-kit';
import { insertCareLog } from '../db/queries/cycles';
import type { TermExtension } from '../domain/contract-year';
import { periodKey, quarterIfKnown, quartersThrough, type CyclePeriod } from '../domain/cycles';
import { DOCUMENT_REF } from '../documents/refs';
import { careCaseId, customerCareWorkflow } from '../workflows/cycles/customer-care';
import { inspectionCaseId, inspectionWorkflow, type OnboardedInspection } from '../workflows/cycles/inspection';

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

const ms = (s: string) => Date.parse(s);

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

/** The quarters that ended (due time passed) before nowMs, on the calendar the entered extensions shifted (clause 3). */
export const endedQuarters = (signedAtMs: number, nowMs: number, termYears: number, ext: readonly TermExtension[]) =>
  quartersThrough(signedAtMs, nowMs, ext, termYears).filter((p) => p.dueMs <= nowMs);

/** Each entry's quarter: of the term, ended, entered once; and no ended quarter left out after the first entered. */
function placeQuarters(
  kind: 'inspections' | 'care',
  entries: readonly { year: number; quarter: number }[],
  c: { signedAtMs: number; termYears: number; nowMs: number; ext: readonly TermExtension[] },
): CyclePeriod[] {
  const clause = kind === 'care' ? '4.1' : '4.3';
  const seen = new Set<string>();
  const placed = entries.map((e, i) => {
    const f = `onboarding.${kind}.${i}`;
    const key = periodKey(e.year, e.quarter);
    const p = e.year > c.termYears ? undefined : quarterIfKnown(c.signedAtMs, e.year, e.quarter, c.ext);
    if (!p) throw invalid(`${f}.quarter`, `contract year ${e.year} has no quarter ${e.quarter} in the term`, '3');
    if (p.dueMs > c.nowMs)
      throw invalid(`${f}.quarter`, `quarter ${key} has not ended: it runs live from the registration`, clause);
    if (seen.has(key)) throw invalid(`${f}.quarter`, `quarter ${key} is entered twice`, clause);
    seen.add(key);
    return p;
  });
  const ended = endedQuarters(c.signedAtMs, c.nowMs, c.termYears, c.ext);
  const first = ended.findIndex((p) => seen.has(periodKey(p.year, p.quarter!)));
  const gap = first === -1 ? undefined : ended.slice(first).find((p) => !seen.has(periodKey(p.year, p.quarter!)));
  if (gap) {
    const firstKey = periodKey(ended[first]!.year, ended[first]!.quarter!);
    throw invalid(
      `onboarding.${kind}`,
      `quarter ${periodKey(gap.year, gap.quarter!)} is not entered; from the first entered quarter (${firstKey}) every quarter that ended before the registration is entered, done or not`,
      clause,
    );
  }
  return placed;
}

/** 4.1, 4.3, 4.6: the entered quarters as the live cases would have taken their facts. */
export function checkPastQuarters(
  o: PastQuarters,
  c: { signedAtMs: number; termYears: number; nowMs: number; ext: readonly TermExtension[] },
): void {
  const periods = placeQuarters('inspections', o.inspections ?? [], c);
  for (const [i, e] of (o.inspections ?? []).entries()) checkInspection(`onboarding.inspections.${i}`, e, periods[i]!);
  const carePeriods = placeQuarters('care', o.care ?? [], c);
  for (const [i, e] of (o.care ?? []).entries())
    for (const k of ['visits', 'mailings'] as const)
      for (const [j, v] of (e[k] ?? []).entries()) {
        const p = carePeriods[i]!;
        if (ms(v.at) < p.startMs || ms(v.at) >= p.endMs)
          throw invalid(
            `onboarding.care.${i}.${k}.${j}.at`,
            `a visit or mailing of quarter ${periodKey(p.year, p.quarter!)} lies within it (${p.startDate} to ${p.lastDay})`,
            '4.1',
          );
      }
}

function checkInspection(f: string, e: PastInspectionEntry, p: CyclePeriod): void {
  const key = periodKey(p.year, p.quarter!);
  if (!e.done) {
    const extra = (
      [
        'sentBack',
        'doneAt',
        'inspectionDate',
        'engineer',
        'report',
        'findings',
        'recommendations',
        'acknowledgedAt',
        'remediation',
      ] as const
    ).find((k) => e[k] !== undefined);
    if (extra)
      throw invalid(
        `${f}.${extra}`,
        'findings, an acknowledgement or remediation come with a delivered report (done: true)',
        '4.3',
      );
    return;
  }
  // 4.3: the last report sent back and not delivered again by the registration leaves its round
  // open (no doneAt, no report): the revised report comes live, judged against the due time.
  const open = !!e.sentBack?.length && e.doneAt === undefined && e.report === undefined;
  const named = open
    ? (['inspectionDate', 'engineer'] as const)
    : (['doneAt', 'inspectionDate', 'engineer', 'report'] as const);
  const missing = named.find((k) => e[k] === undefined);
  if (missing)
    throw invalid(`${f}.${missing}`, 'a done inspection names doneAt, inspectionDate, engineer and its report', '4.3');
  const early =
    open && (['findings', 'recommendations', 'acknowledgedAt', 'remediation'] as const).find((k) => e[k] !== undefined);
  if (early)
    throw invalid(
      `${f}.${early}`,
      'the last report was sent back and not delivered again: findings, an acknowledgement or remediation come with the report delivered again (doneAt, report)',
      '4.3',
    );
  // Each delivery in order (4.3): the reports sent back, each before its request for changes, then the last one.
  const deliveries = [
    ...(e.sentBack ?? []).map((r, j) => ({ g: `${f}.sentBack.${j}`, doneAt: r.doneAt, ref: r.report.documentRef, r })),
    ...(open ? [] : [{ g: f, doneAt: e.doneAt!, ref: e.report!.documentRef, r: undefined }]),
  ];
  let sentBackAt = -Infinity;
  for (const d of deliveries) {
    if (DOCUMENT_REF.test(d.ref))
      throw invalid(
        `${d.g}.report.documentRef`,
        "cite the report by its archive reference: the contract's document store exists after the registration",
        '4.3',
      );
    if (ms(d.doneAt) < p.startMs)
      throw invalid(`${d.g}.doneAt`, `delivered before quarter ${key} began (${p.startDate})`, '4.3');
    if (ms(d.doneAt) < sentBackAt)
      throw invalid(`${d.g}.doneAt`, 'delivered again before the previous report was sent back', '4.3');
    if (d.r && ms(d.r.requestedAt) < ms(d.doneAt))
      throw invalid(`${d.g}.requestedAt`, 'changes requested before the report was delivered', '4.3');
    sentBackAt = d.r ? ms(d.r.requestedAt) : sentBackAt;
  }
  if (
    e.inspectionDate! < p.startDate ||
    e.inspectionDate! > p.lastDay ||
    ms(`${e.inspectionDate!}T00:00:00+08:00`) > ms(deliveries[0]!.doneAt)
  )
    throw invalid(
      `${f}.inspectionDate`,
      `the inspection lies within quarter ${key} (${p.startDate} to ${p.lastDay}), before its report`,
      '4.3',
    );
  if (e.acknowledgedAt && ms(e.acknowledgedAt) < ms(e.doneAt!))
    throw invalid(`${f}.acknowledgedAt`, 'acknowledged before the report was delivered', '4.3');
  const high = (e.findings ?? []).filter((x) => x.severity === 'high').length;
  const ids = new Set<string>();
  for (const [j, r] of (e.remediation ?? []).entries()) {
    const g = `${f}.remediation.${j}`;
    const n = Number(r.itemId.slice(1));
    if (!e.acknowledgedAt || n < 1 || n > high)
      throw invalid(
        `${g}.itemId`,
        `no remediation item ${r.itemId}: items R1.. are the acknowledged report's high findings`,
        '4.6',
      );
    if (ids.has(r.itemId)) throw invalid(`${g}.itemId`, 'each item is resolved once', '4.6');
    ids.add(r.itemId);
    if (ms(r.resolvedAt) < ms(e.acknowledgedAt))
      throw invalid(`${g}.resolvedAt`, 'resolved before the acknowledgement', '4.6');
  }
}

/** The live case's onboarded input of an entered inspection quarter (the acts at their times). */
export function inspectionPast(e: PastInspectionEntry, by: string): OnboardedInspection {
  if (!e.done) return { by };
  // Each delivery is a report of the quarter's one inspection (its date and engineer).
  const delivered = (
    at: string,
    doc: { documentRef: string; sha256: string },
    findings: PastInspectionEntry['findings'],
    recommendations: string[] | undefined,
  ) => ({
    at,
    inspectionDate: e.inspectionDate!,
    engineer: e.engineer!,
    findings: (findings ?? []).map((x) => ({
      title: x.title,
      severity: x.severity,
      ...(x.description ? { description: x.description } : {}),
    })),
    recommendations: recommendations ?? [],
    documentRef: doc.documentRef,
    sha256: doc.sha256,
  });
  return {
    by,
    ...(e.sentBack?.length
      ? {
          sentBack: e.sentBack.map((r) => ({
            report: delivered(r.doneAt, r.report, r.findings, r.recommendations),
            requestedAt: r.requestedAt,
            reasons: r.reasons,
          })),
        }
      : {}),
    ...(e.report ? { report: delivered(e.doneAt!, e.report, e.findings, e.recommendations) } : {}),
    ...(e.acknowledgedAt ? { acknowledgedAt: e.acknowledgedAt } : {}),
    resolutions: (e.remediation ?? []).map((r) => ({
      itemId: r.itemId,
      at: r.resolvedAt,
      ...(r.note ? { note: r.note } : {}),
    })),
  };
}

/** Clause 4.1: an entered quarter's visits and mailings as care logs, the vendor's statements typed in by the admin (idempotent by key). */
export async function enterCareLogs(
  pool: ApiDeps['pool'],
  contractId: string,
  e: PastCareEntry,
  by: string,
): Promise<void> {
  for (const kind of ['visit', 'mailing'] as const)
    for (const [j, v] of (e[kind === 'visit' ? 'visits' : 'mailings'] ?? []).entries())
      await insertCareLog(pool, {
        contractId,
        kind,
        occurredAt: new Date(ms(v.at)).toISOString(),
        channel: v.channel,
        withWhom: v.withWhom,
        topics: v.topics,
        ...(v.note ? { note: v.note } : {}),
        statedBy: 'vendor',
        loggedBy: `${by} (entered at onboarding)`,
        idempotencyKey: `onboarding:${periodKey(e.year, e.quarter)}:${kind}:${j}`,
      });
}

/** The registration hook: each entered quarter's case started under its fixed id with its past (the launcher then finds it). */
export async function startOnboardedQuarters(
  deps: ApiDeps,
  c: Pick<ContractSummary, 'id'>,
  o: PastQuarters,
  by: string,
) {
  for (const e of o.inspections ?? []) {
    const id = inspectionCaseId(c.id, e.year, e.quarter);
    const input = { contractId: c.id, year: e.year, quarter: e.quarter, onboarded: inspectionPast(e, by) };
    await startOnce(deps, inspectionWorkflow, id, 'inspection', c.id, [input]);
  }
  for (const e of o.care ?? []) {
    await enterCareLogs(deps.pool, c.id, e, by);
    const id = careCaseId(c.id, e.year, e.quarter);
    await startOnce(deps, customerCareWorkflow, id, 'care', c.id, [
      { contractId: c.id, year: e.year, quarter: e.quarter, onboarded: { by } },
    ]);
  }
}
