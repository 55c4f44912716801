// Harness of the obligation workflow tests: the time-skipping server, a warmed worker whose
// activities are in-memory fakes with the contract core's names and shapes, and helpers.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { SHIPPED_CALENDAR_YEARS, type CalendarYear, type TermsOverrides } from '../../src/domain';
import { resolveTerms } from '../../src/domain/terms-schema';
import type { HospitalChange } from '../../src/domain/obligations';
import type { ObligationActivityApi, PenaltyProposal, RightsEvent, StaffChangeApply } from '../../src/workflows/obligations/common';
import type { ObligationSnapshot } from '../../src/db/queries/obligations';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const AMOUNT = '123456789';

export interface Fakes {
  propose: PenaltyProposal[];
  rights: RightsEvent[];
  notify: { key: string; topic: string }[];
  applied: StaffChangeApply[];
  closed: { key: string; outcome: string }[];
  calendar: Map<number, CalendarYear>;
  changes: HospitalChange[];
  terms: TermsOverrides;
  goLiveDate: string | null;
  /** The latest recorded state per workflow id (the PostgreSQL record's fake). */
  records: Map<string, ObligationSnapshot>;
}

export function fakeActivities(f: Fakes): ObligationActivityApi {
  return {
    async termsAt(p) {
      return { contractId: p.contractId, version: 3, terms: resolveTerms(f.terms), amountFen: AMOUNT, signedAt: new Date(p.atMs).toISOString(), termYears: 3, timeZone: 'Asia/Shanghai', goLiveDate: f.goLiveDate };
    },
    async proposePenalty(p) { if (!f.propose.some((x) => x.key === p.key)) f.propose.push(p); return { entryId: `le_${f.propose.length}`, created: true }; },
    async raiseRightsEvent(e) { const created = !f.rights.some((x) => x.key === e.key); if (created) f.rights.push(e); return { created }; },
    async calendarYears(p) { return p.years.map((y) => f.calendar.get(y)).filter((y): y is CalendarYear => y !== undefined); },
    async notify(n) { f.notify.push(n); },
    async listHospitalChanges() { return f.changes; },
    async applyStaffChange(a) { f.applied.push(a); },
    async closeStaffChangeRequest(a) { f.closed.push(a); },
    async recordObligation(r) { if ((f.records.get(r.workflowId)?.version ?? 0) < r.version) f.records.set(r.workflowId, r); },
  };
}

export interface Harness { env: TestWorkflowEnvironment; f: Fakes; taskQueue: string; stop(): Promise<void> }

export async function startHarness(name: string): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  const f: Fakes = { propose: [], rights: [], notify: [], applied: [], closed: [], calendar: new Map(SHIPPED_CALENDAR_YEARS.map((y) => [y.year, y])), changes: [], terms: {}, goLiveDate: null, records: new Map() };
  const taskQueue = `obligations-${name}`;
  const w: RunningWorker = await startTimeSkippingWorker(env, { taskQueue, activities: fakeActivities(f) });
  return { env, f, taskQueue, async stop() { await w.stop(); await env.teardown(); } };
}

export const vendor = { name: 'Engineer Wang', role: 'vendor-engineer' };
export const operator = { name: 'Nurse Li', role: 'hospital-operator' };
export const approver = { name: 'Director Zhao', role: 'hospital-approver' };

export async function failureOf(p: Promise<unknown>): Promise<{ type?: string; code: string; clause?: string; message: string }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
  const d = (cause.details?.[0] ?? {}) as { code: string; clause?: string };
  const type = cause.type ?? undefined;
  return { type, code: d.code, clause: d.clause, message: cause.message };
}

/** Polls a query in real time (time stays locked) until pred holds. */
export async function until<T>(read: () => Promise<T>, pred: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (pred(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met');
}

/** Sleeps the time-skipping clock to an absolute instant. */
export async function sleepUntil(env: TestWorkflowEnvironment, ms: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (ms > now) await env.sleep(ms - now);
}
