// The fault family's projection of its record: the case row (fault_cases) the API lists and reads.
import { nextDueMs } from './duties';
import { awaiting, isBreached } from './standing';
import type { DeadlineState, ExclusionState, FaultState, PenaltyRecord, StatedTime } from './state';

export interface FaultCaseSnapshot {
  caseId: string;
  contractId: string;
  caseNo: number;
  level: number;
  title: string;
  channel: string;
  affectsOperations: boolean;
  reporter: string;
  reportedAtMs: number;
  status: string;
  breached: boolean;
  awaiting: string;
  nextDeadlineMs: number | null;
  termsVersion: number | null;
  deadlines: DeadlineState[];
  exclusions: ExclusionState[];
  penalties: PenaltyRecord[];
  stated: StatedTime[];
}

export function snapshotOf(s: FaultState): FaultCaseSnapshot {
  return {
    caseId: s.caseId,
    contractId: s.contractId,
    caseNo: s.caseNo,
    level: s.level,
    title: s.title,
    channel: s.channel,
    affectsOperations: s.affectsOperations,
    reporter: s.reporter,
    reportedAtMs: s.reportedAtMs,
    status: s.status,
    breached: isBreached(s),
    awaiting: awaiting(s),
    nextDeadlineMs: nextDueMs(s) ?? null,
    termsVersion: s.termsVersion ?? null,
    deadlines: s.deadlines,
    exclusions: s.exclusions,
    penalties: s.penalties,
    stated: s.stated,
  };
}
