// Every family's open work as one queue line (issue 16 item 1): who is awaited, whether it is
// breached or contested, and its next deadline with the clause that sets it. No second copy of
// a rule: the obligations' records carry the awaiting party their workflow decided; for the
// cycles' rows the family's own visibility() (inspection, acceptance, care) says it,
// and each deadline's clause is its family's duty table (the *_DUTIES of src/workflows).
import { INSPECTION_DUTIES, visibility as inspectionVisibility } from '../workflows/cycles/inspection-duties';
import { ACCEPTANCE_DUTIES, visibility as acceptanceVisibility } from '../workflows/cycles/acceptance-duties';
import { CARE_DUTIES, careVisibility } from '../workflows/cycles/care-duties';
import { DONGLE_DUTIES } from '../workflows/obligations/dongle-duties';
import { GOLIVE_DUTIES } from '../workflows/obligations/go-live-duties';
import { RECTIFICATION_DUTIES } from '../workflows/obligations/rectification-duties';
import { STAFF_DUTIES } from '../workflows/obligations/staff-change-duties';
import type { OpenCycleRow, OpenObligationRow } from '../db/queries/open-work';
import type { InspectionState } from '../workflows/cycles/inspection-messages';
import type { AcceptanceState } from '../workflows/cycles/acceptance-messages';
import type { CareState } from '../workflows/cycles/care-messages';
import { dutyNames, type DutyNames } from '../i18n/duty-names';

export const WORK_FAMILIES = [
  'inspection',
  'care',
  'acceptance',
  'rectification',
  'golive',
  'dongle',
  'staff',
  'service',
] as const;
export type WorkFamily = (typeof WORK_FAMILIES)[number];

export interface WorkItem {
  family: WorkFamily;
  caseId: string;
  contractId: string;
  /** what the case is about: a period (1Q2), a contract year, a request's title */
  subject: string;
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  contested: boolean;
  /** kind: the duty table's key; names: its zh-CN and en names (src/i18n/duty-names.ts) */
  nextDeadline: { kind: string; names: DutyNames; clause: string; dueMs: number } | null;
}

const FIRST_DUTY: Record<Exclude<WorkFamily, 'service'>, { duty: string; clause: string }> = {
  inspection: INSPECTION_DUTIES[0],
  care: CARE_DUTIES[0],
  acceptance: ACCEPTANCE_DUTIES[0],
  rectification: RECTIFICATION_DUTIES[0],
  golive: GOLIVE_DUTIES[0],
  dongle: DONGLE_DUTIES[0],
  staff: STAFF_DUTIES[0],
};
const deadline = (family: WorkFamily, d: { duty: string; clause: string }, dueMs: number | null | undefined) =>
  dueMs === null || dueMs === undefined
    ? null
    : { kind: d.duty, names: dutyNames(family, d.duty), clause: d.clause, dueMs };

/** An obligation's line, as its record says (a service request's deadline is its own clause's). */
export function obligationWork(o: OpenObligationRow, contested: boolean): WorkItem {
  const family = o.kind as WorkFamily;
  const s = o.state;
  const duty =
    family === 'service'
      ? { duty: String(s.title ?? 'service request'), clause: String(s.clause ?? '') }
      : FIRST_DUTY[family as Exclude<WorkFamily, 'service'>];
  return {
    family,
    caseId: o.caseId,
    contractId: o.contractId,
    subject: family === 'service' ? String(s.title ?? '') : o.caseId.split(':').slice(2).join(':'),
    status: o.status,
    awaiting: o.awaiting,
    breached: o.breached,
    contested,
    nextDeadline: deadline(family, duty, o.nextDeadlineAt ? o.nextDeadlineAt.getTime() : null),
  };
}

/** A cycle's line: its family's visibility() over the recorded row. */
export function cycleWork(c: OpenCycleRow, contested: boolean): WorkItem {
  const dueMs = c.dueAt ? c.dueAt.getTime() : null;
  const base = {
    family: c.kind,
    caseId: c.caseId,
    contractId: c.contractId,
    subject: c.quarter === null ? String(c.year) : `${c.year}Q${c.quarter}`,
    status: c.status,
    contested,
  };
  if (c.kind === 'inspection') {
    const v = inspectionVisibility(c.state as unknown as InspectionState, dueMs ?? 0);
    const duty = (c.state as { report: unknown }).report === null ? INSPECTION_DUTIES[0] : INSPECTION_DUTIES[1];
    return {
      ...base,
      awaiting: v.awaiting,
      breached: v.breached,
      nextDeadline: deadline(c.kind, duty, v.nextDeadlineMs),
    };
  }
  if (c.kind === 'acceptance') {
    const s = c.state as unknown as AcceptanceState;
    const v = acceptanceVisibility(s, { yearStart: null, yearEnd: null, startMs: 0, endMs: dueMs ?? 0 });
    return {
      ...base,
      awaiting: v.awaiting,
      breached: v.breached,
      nextDeadline: deadline(c.kind, ACCEPTANCE_DUTIES[0], v.nextDeadlineMs),
    };
  }
  const v = careVisibility(c.state as unknown as CareState, dueMs ?? 0);
  return {
    ...base,
    awaiting: v.awaiting,
    breached: v.breached,
    nextDeadline: deadline(c.kind, CARE_DUTIES[0], v.nextDeadlineMs),
  };
}
