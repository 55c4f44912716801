// Messages of a quarter's customer care (4.1, 6.2.1): workflow id, input, state, the signal
// the API sends when it takes a log, the query, and the kind of each fact for its back-dating
// window; imported by the API, the workflow and the tests alike (plain JSON). The logs are
// taken by the API (care_logs), not by updates; the contest of a stated time is the kernel's
// (contestTimeUpdate / decideContestUpdate, src/workflows/kernel/case-messages.ts), so care
// has no error codes of its own.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { StatedTime } from '../kernel/case-messages';

export const careCaseId = (contractId: string, year: number, quarter: number) =>
  `care:${contractId}:${year}Q${quarter}`;

export type CareKind = 'visit' | 'mailing';
/** The kind of each fact, for its back-dating window (terms statedTimes.backdateHours). */
export const CARE_FACT_KIND: Record<CareKind, string> = { visit: 'careVisit', mailing: 'careMailing' };

/** A care log as the quarter's case knows it: effectiveAt is its stated time, or the decided one after a contest. */
export interface CareLogEntry {
  logId: string;
  kind: CareKind;
  statedAt: string;
  effectiveAt: string;
  recordedAt: string;
  loggedBy: string;
  statedBy?: 'vendor' | 'hospital';
  factSeq: number;
}

export interface CareInput {
  contractId: string;
  year: number;
  quarter: number;
  /**
   * Issue 10 item 4: a quarter that ended before its contract was registered; its visits and
   * mailings were entered as care logs (src/api/onboarding-quarters.ts). Judged as live at its due
   * time; the verdict of the past tells nobody now (the logs' stated-time notices do).
   */
  onboarded?: { by: string };
}
export interface CareState {
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: string;
  requiredVisits: number;
  visits: number;
  mailings: number;
  status: 'open' | 'kept' | 'missed';
  breached: boolean;
  /** The logs counted, each at its effective time (issue 10), and the times the vendor stated for earlier instants. */
  logs: CareLogEntry[];
  stated: (StatedTime & { logId?: string })[];
}

/** Sent by the API after it took a log of the quarter: the case reads the quarter's logs again. */
export const careLogged = defineSignal('careLogged');
export const careState = defineQuery<CareState>('careState');
