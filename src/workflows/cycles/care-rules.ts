// Customer care (4.1): the rules of a care log's time and of what the quarter's case records
// from it. The log itself is taken by the API (care_logs); its time is the vendor's statement:
// within the clock tolerance it is "now", earlier it is marked as stated by the vendor (the
// hospital is told and may contest it on the quarter's case), beyond the kind's back-dating
// window (terms statedTimes.backdateHours.careVisit / careMailing) it is refused naming the rule.
import type { ContractTerms } from '../../domain/terms';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import type { StatedTime } from '../kernel/case-messages';
import { statedInstant, type StatedInstant } from '../kernel/stated-times';
import { CARE_FACT_KIND, type CareKind, type CareLogEntry } from './care-messages';

/** A row of care_logs as the careLogsOf activity returns it. */
export interface CareLogRow {
  logId: string;
  kind: CareKind;
  occurredAtMs: number;
  recordedAtMs: number;
  loggedBy: string;
  statedBy?: 'vendor' | 'hospital';
}

/** The stated time of a care log being taken (synchronous, pure; throws 400/409 naming the rule). */
export function careLogStated(
  terms: ContractTerms | undefined,
  kind: CareKind,
  actor: Actor,
  nowMs: number,
  occurredAtMs: number | undefined,
): StatedInstant {
  return statedInstant(terms, CARE_FACT_KIND[kind], actor, nowMs, occurredAtMs, '4.1');
}

export type RecordFact = (actor: Actor, type: string, detail: Record<string, unknown>, time: StatedInstant) => Fact;

/**
 * Records each log the case has not seen yet as a fact at its stated time (marked as the
 * vendor's statement when the API marked it, so the kernel tells the hospital); returns the
 * new entries. A log already known keeps its effective time (a decided contest may have moved it).
 */
export function takeLogs(logs: CareLogEntry[], rows: CareLogRow[], record: RecordFact): CareLogEntry[] {
  const fresh = rows.filter((r) => !logs.some((l) => l.logId === r.logId));
  return fresh.map((r) => {
    const f = record(
      { name: r.loggedBy, role: 'vendor-engineer' },
      `care.${r.kind}`,
      { logId: r.logId, recordedAt: new Date(r.recordedAtMs).toISOString() },
      { occurredAt: r.occurredAtMs, ...(r.statedBy ? { statedBy: r.statedBy } : {}) },
    );
    const entry: CareLogEntry = {
      logId: r.logId,
      kind: r.kind,
      statedAt: new Date(r.occurredAtMs).toISOString(),
      effectiveAt: new Date(r.occurredAtMs).toISOString(),
      recordedAt: new Date(r.recordedAtMs).toISOString(),
      loggedBy: r.loggedBy,
      ...(r.statedBy ? { statedBy: r.statedBy } : {}),
      factSeq: f.seq,
    };
    logs.push(entry);
    return entry;
  });
}

/** A decided contest moved a log's time: the quarter counts it at the decided time. */
export function retime(logs: CareLogEntry[], seq: number, atMs: number): void {
  for (const l of logs) if (l.factSeq === seq) l.effectiveAt = new Date(atMs).toISOString();
}

/** The stated times with the log each concerns, for the record (the hospital sees them and contests by factSeq). */
export const statedWithLogs = (stated: StatedTime[], logs: CareLogEntry[]) =>
  stated.map((st) => ({ ...st, logId: logs.find((l) => l.factSeq === st.factSeq)?.logId }));
