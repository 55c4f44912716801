// Onboarding a running contract (issue 10 item 4): one entered inspection quarter (4.3, 4.6),
// checked as the live case would have taken its facts (each delivery in order, the inspection
// within its quarter and before its report, remediation items from the acknowledged report's
// high findings), and turned into the live case's onboarded input (inspection-past.ts).
import { invalid } from './errors';
import type { PastInspectionEntry } from './onboarding-quarter-facts';
import { periodKey, type CyclePeriod } from '../domain/cycles';
import { DOCUMENT_REF } from '../documents/refs';
import type { OnboardedInspection } from '../workflows/cycles/inspection';

const ms = (s: string) => Date.parse(s);

/** 4.3, 4.6: an entered quarter's inspection, in quarter p; a 400 naming the field (f. ...) and the clause. */
export function checkInspection(f: string, e: PastInspectionEntry, p: CyclePeriod): void {
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
