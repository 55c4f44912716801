// Each family's actions for the console (issue 16 item 1): the endpoint (whose duty gives the
// roles), the clause, and the family's own check() called with placeholder arguments
// (src/api/case-actions.ts explains why a placeholder field's refusal counts as permitted).
// Context arguments are what the family's workflow passes its validator: the contract's terms,
// the signing instant (dongle, go-live), the quarter's start (inspections).
import { addDays } from '../domain/time';
import type { Actor } from '../workflows/kernel/actors';
import { check as inspectionCheck, type InspectionAction } from '../workflows/cycles/inspection-rules';
import type { InspectionState } from '../workflows/cycles/inspection-messages';
import { check as dongleCheck, type DongleAction } from '../workflows/obligations/dongle-rules';
import type { DongleState } from '../workflows/obligations/dongle-messages';
import { check as goLiveCheck, type GoLiveAction } from '../workflows/obligations/go-live-rules';
import type { GoLiveState } from '../workflows/obligations/go-live-messages';
import { check as staffCheck, type StaffAction } from '../workflows/obligations/staff-change-rules';
import type { StaffChangeState } from '../workflows/obligations/staff-change-messages';
import { WORK_FAMILY_SPECS } from './case-families-work';
import { PROBE, type ActionSpec, type CaseContext, type FamilySpec } from './case-actions';

/** One action: its path under the family's base, its clause, and the check with placeholder arguments. */
function action<S>(
  base: string,
  path: string,
  clause: string,
  check: (c: CaseContext<S>, actor: Actor, nowMs: number, itemId?: string) => void,
  items?: (s: S) => string[],
): ActionSpec<S> {
  return {
    action: path.replace(/\/?\{itemId\}\/?/, '-'),
    endpoint: `POST ${base}/${path}`,
    clause,
    check,
    ...(items ? { items } : {}),
  };
}

const INSPECTION = '/contracts/{id}/inspections/{period}';
/** A report whose placeholder hash is the field check() refuses (the vendor attaches the document). */
const REPORT_PROBE = {
  sha256: PROBE,
  findings: [],
  inspectionDate: PROBE,
  engineer: PROBE,
  recommendations: [],
  documentRef: PROBE,
};
const inspect = (c: CaseContext<InspectionState>, a: InspectionAction, nowMs: number) =>
  inspectionCheck(c.state, a, c.terms, c.extra.periodStartMs, nowMs);
const inspection: FamilySpec<InspectionState> = {
  base: INSPECTION,
  clause: '4.3',
  actions: [
    action(INSPECTION, 'report', '4.3', (c, actor, now) =>
      inspect(c, { action: 'report', args: { actor, ...REPORT_PROBE } }, now),
    ),
    action(INSPECTION, 'acknowledge', '4.3', (c, actor, now) => inspect(c, { action: 'ack', args: { actor } }, now)),
    action(INSPECTION, 'request-changes', '4.3', (c, actor, now) =>
      inspect(c, { action: 'changes', args: { actor, reasons: [] } }, now),
    ),
    action(
      INSPECTION,
      'remediation/{itemId}/resolve',
      '4.6',
      (c, actor, now, itemId) => inspect(c, { action: 'resolve', args: { actor, itemId: itemId! } }, now),
      (s) => s.remediation.filter((r) => r.status === 'open' || r.status === 'overdue').map((r) => r.id),
    ),
  ],
};

const DONGLE = '/contracts/{id}/dongle';
const dongleOf = (c: CaseContext<DongleState>, a: DongleAction, nowMs: number) =>
  dongleCheck(c.state, a, c.terms, c.extra.signedMs!, nowMs);
const dongle: FamilySpec<DongleState> = {
  base: DONGLE,
  clause: '4.10',
  actions: [
    action(DONGLE, 'declaration', '4.10', (c, actor, now) =>
      dongleOf(c, { action: 'declare', args: { actor, removed: [], statement: `${PROBE} statement` } }, now),
    ),
    action(DONGLE, 'verification', '4.10', (c, actor, now) =>
      dongleOf(c, { action: 'verify', args: { actor, accepted: true } }, now),
    ),
    action(DONGLE, 'findings', '6.6', (c, actor, now) =>
      dongleOf(c, { action: 'finding', args: { actor, findingId: `${PROBE}-${now}`, description: PROBE } }, now),
    ),
  ],
};

const GOLIVE = '/contracts/{id}/go-live';
const goLiveOf = (c: CaseContext<GoLiveState>, a: GoLiveAction, nowMs: number) =>
  goLiveCheck(c.state, a, c.terms, c.extra.signedMs!, nowMs);
const goLive: FamilySpec<GoLiveState> = {
  base: GOLIVE,
  clause: '6.3',
  actions: [
    action(GOLIVE, 'extension', '6.3', (c, actor, now) =>
      goLiveOf(
        c,
        {
          action: 'request',
          args: { actor, reason: PROBE, newDate: c.state.goLiveDate ? addDays(c.state.goLiveDate, 1) : '' },
        },
        now,
      ),
    ),
    action(GOLIVE, 'extension/decision', '6.3', (c, actor, now) =>
      goLiveOf(c, { action: 'decide', args: { actor, approved: true } }, now),
    ),
    action(GOLIVE, 'live', '6.3', (c, actor, now) => goLiveOf(c, { action: 'live', args: { actor } }, now)),
  ],
};

const STAFF = '/contracts/{id}/staff-changes/{requestId}';
const staffOf = (c: CaseContext<StaffChangeState>, a: StaffAction, nowMs: number) =>
  staffCheck(c.state, a, c.terms, nowMs);
const staff: FamilySpec<StaffChangeState> = {
  base: STAFF,
  clause: '4.2',
  actions: [
    action(STAFF, 'decision', '4.2', (c, actor, now) =>
      staffOf(c, { action: 'decide', args: { actor, approved: true } }, now),
    ),
    action(STAFF, 'withdraw', '4.2', (c, actor, now) => staffOf(c, { action: 'withdraw', args: { actor } }, now)),
  ],
};

/** Each family's case-page actions and contests (base and clause). */
export const FAMILY_SPECS: Record<string, FamilySpec<never>> = {
  inspection: inspection as FamilySpec<never>,
  dongle: dongle as FamilySpec<never>,
  golive: goLive as FamilySpec<never>,
  staff: staff as FamilySpec<never>,
  ...(WORK_FAMILY_SPECS as Record<string, FamilySpec<never>>), // service, acceptance, rectification, care
};
