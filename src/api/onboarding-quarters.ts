// Onboarding a running contract (issue 10 item 4): the `onboarding.inspections` and
// `onboarding.care` blocks, the quarters that ended before the registration (4.1, 4.3), each
// with what was done and when. The checks refuse a quarter the contract does not have, one not
// ended yet, one entered twice or left out, an act outside its quarter or out of order (400
// naming the field and the clause); the registration hook starts each entered quarter's live
// case with its past (inspection-past.ts; care logs entered as the vendor's), judged as live.
// Rule for a quarter NOT entered: the platform tracks a kind from its first entered quarter;
// before it nothing is judged (onboarding invents nothing), after it every ended quarter is
// entered, done or not (the live reconcile would judge a gap missed: launcher.ts). The blocks'
// shape: onboarding-quarter-facts.ts; an inspection quarter's own checks: onboarding-inspections.ts.
import { invalid } from './errors';
import { checkInspection, inspectionPast } from './onboarding-inspections';
import type { PastCareEntry, PastQuarters } from './onboarding-quarter-facts';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { startOnce } from './routes/obligation-kit';
import { insertCareLog } from '../db/queries/cycles';
import type { TermExtension } from '../domain/contract-year';
import { periodKey, quarterIfKnown, quartersThrough, type CyclePeriod } from '../domain/cycles';
import { careCaseId, customerCareWorkflow } from '../workflows/cycles/customer-care';
import { inspectionCaseId, inspectionWorkflow } from '../workflows/cycles/inspection';

const ms = (s: string) => Date.parse(s);

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
