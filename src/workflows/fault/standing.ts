// The fault case's standing, read from its deadlines and exclusion claims (4.9.x): breached,
// overdue (WeibaoOverdue, issue 15), whose move it awaits, finished. Pure: the workflow, its
// snapshot and its search attributes read these; the deadlines themselves are in duties.ts.
import type { FaultState } from './state';

export const isBreached = (s: FaultState) => s.deadlines.some((d) => d.status === 'breached');
/** A deadline passed with its obligation still undone: neither fulfilled nor made moot by a resolution or a void (WeibaoOverdue, issue 15). */
export const isOverdue = (s: FaultState) =>
  s.deadlines.some(
    (d) => d.status === 'breached' && d.doneAtMs === undefined && d.resolvedAtMs === undefined && !d.voided,
  );
export const awaiting = (s: FaultState): 'vendor' | 'hospital' | 'none' =>
  s.status === 'closed'
    ? s.deadlines.some((d) => d.status === 'pending')
      ? 'vendor'
      : s.exclusions.some((x) => x.status === 'open')
        ? 'hospital'
        : 'none'
    : s.exclusions.some((x) => x.status === 'open') || s.status === 'resolved'
      ? 'hospital'
      : 'vendor';
export const isFinished = (s: FaultState) =>
  s.status === 'closed' &&
  !s.deadlines.some((d) => d.status === 'pending') &&
  !s.exclusions.some((x) => x.status === 'open');
