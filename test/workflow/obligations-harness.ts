// Harness of the obligation workflow tests: the time-skipping server, a warmed worker whose
// activities are in-memory fakes with the contract core's names and shapes, and helpers.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { SHIPPED_CALENDAR_YEARS, type CalendarYear, type TermsOverrides } from '../../src/domain';
import { resolveTerms } from '../../src/domain/terms-schema';
import type { HospitalChange } from '../../src/domain/obligations';
import type { Activities } from '../../src/activities';
import type { Proposal, RecordBatch } from '../../src/workflows/kernel/record';
import type { Fact } from '../../src/workflows/kernel/facts';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';
import type { OnboardingHistory } from '../../src/domain/onboarding';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const AMOUNT = '123456789';

export type PenaltyProposal = Proposal & { contractId: string; caseKind: string; caseId: string };
export interface RightsEvent {
  key: string;
  contractId: string;
  right: string;
  clause: string;
  numbers: Record<string, string | number>;
}
export type StaffChangeApply = Parameters<Activities['applyStaffChange']>[0];
/** The record of a case as the one record path (recordCase) would hold it: facts, projection, withdrawn keys. */
export interface CaseRecord {
  caseId: string;
  kind: string;
  fence: number;
  facts: Map<number, Fact>;
  snapshot: Record<string, unknown>;
  withdrawn: string[];
}

export interface Fakes {
  propose: PenaltyProposal[];
  rights: RightsEvent[];
  rightsWithdrawn: { key: string; cause: string }[];
  notify: { key: string; topic: string }[];
  applied: StaffChangeApply[];
  closed: { key: string; outcome: string }[];
  calendar: Map<number, CalendarYear>;
  changes: HospitalChange[];
  terms: TermsOverrides;
  goLiveDate: string | null;
  /** The latest recorded state per case id (the PostgreSQL record's fake, fenced like writeRecord). */
  records: Map<string, CaseRecord>;
}

/** The activities the obligation workflows call, faked in memory with their production names. */
export function fakeActivities(f: Fakes) {
  return {
    async recordCase(b: RecordBatch) {
      const r = f.records.get(b.caseId) ?? {
        caseId: b.caseId,
        kind: b.kind,
        fence: -1,
        facts: new Map<number, Fact>(),
        snapshot: {},
        withdrawn: [],
      };
      if (b.fence < r.fence) return { applied: false, entryIds: {} };
      r.fence = b.fence;
      for (const x of b.facts) r.facts.set(x.seq, x);
      for (const seq of [...r.facts.keys()]) if (seq > b.lastSeq) r.facts.delete(seq);
      r.snapshot = b.snapshot;
      f.records.set(b.caseId, r);
      for (const p of b.proposals)
        if (!f.propose.some((x) => x.key === p.key))
          f.propose.push({ ...p, contractId: b.contractId, caseKind: b.kind, caseId: b.caseId });
      for (const w of b.withdrawals) r.withdrawn.push(w.key);
      for (const n of b.notices) f.notify.push({ key: n.key, topic: n.topic });
      return { applied: true, entryIds: Object.fromEntries(b.proposals.map((p, i) => [p.key, `le_${i}`])) };
    },
    async termsAt(p: { contractId: string; atMs: number }) {
      return {
        contractId: p.contractId,
        version: 3,
        terms: resolveTerms(f.terms),
        amountFen: AMOUNT,
        signedAt: new Date(p.atMs).toISOString(),
        termYears: 3,
        timeZone: 'Asia/Shanghai',
        goLiveDate: f.goLiveDate,
      };
    },
    async raiseRightsEvent(e: RightsEvent) {
      const created = !f.rights.some((x) => x.key === e.key);
      if (created) f.rights.push(e);
      return { created };
    },
    async withdrawRightsEvent(w: { key: string; cause: string }) {
      const withdrawn = f.rights.some((x) => x.key === w.key) && !f.rightsWithdrawn.some((x) => x.key === w.key);
      if (withdrawn) f.rightsWithdrawn.push(w);
      return { withdrawn };
    },
    async calendarYears(p: { years: number[] }) {
      return p.years.map((y) => f.calendar.get(y)).filter((y): y is CalendarYear => y !== undefined);
    },
    async listHospitalChanges() {
      return f.changes;
    },
    async applyStaffChange(a: StaffChangeApply) {
      f.applied.push(a);
    },
    async closeStaffChangeRequest(a: { key: string; outcome: string }) {
      f.closed.push(a);
    },
  };
}

export interface Harness {
  env: TestWorkflowEnvironment;
  f: Fakes;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Empty fakes: the shipped calendar, no terms, no records. */
export const newFakes = (): Fakes => ({
  propose: [],
  rights: [],
  rightsWithdrawn: [],
  notify: [],
  applied: [],
  closed: [],
  calendar: new Map(SHIPPED_CALENDAR_YEARS.map((y) => [y.year, y])),
  changes: [],
  terms: {},
  goLiveDate: null,
  records: new Map(),
});

export async function startHarness(name: string): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  const f = newFakes();
  const taskQueue = `obligations-${name}`;
  const w: RunningWorker = await startTimeSkippingWorker(env, { taskQueue, activities: fakeActivities(f) });
  return {
    env,
    f,
    taskQueue,
    async stop() {
      await w.stop();
      await env.teardown();
    },
  };
}

/**
 * The harness of one test file: started before its tests, stopped after them (jest's beforeAll /
 * afterAll). The object is filled in by beforeAll, so read its fields inside the tests.
 */
export function useHarness(name: string): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness(name));
  });
  afterAll(async () => {
    await h.stop?.();
  });
  return h;
}

export const vendor = { name: 'Engineer Wang', role: 'vendor-engineer' };
export const operator = { name: 'Nurse Li', role: 'hospital-operator' };
export const approver = { name: 'Director Zhao', role: 'hospital-approver' };

export async function failureOf(
  p: Promise<unknown>,
): Promise<{ type?: string; code: string; clause?: string; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
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

/** Starts a contract's obligation workflow (its id `<prefix>:<contractId>`), with its past when entered at onboarding. */
export const startObligation = (
  h: Harness,
  workflowType: string,
  contractId: string,
  signedAt: string,
  onboarded?: OnboardingHistory,
) =>
  h.env.client.workflow.start(workflowType, {
    taskQueue: h.taskQueue,
    workflowId: `${workflowType.replace(/Workflow$/, '')}:${contractId}`,
    args: [{ contractId, signedAt, ...(onboarded ? { onboarded: { by: 'admin-wu', ...onboarded } } : {}) }],
  });

/** A contract's ledger proposals and rights events as the fakes took them, its id written <c>: lived and entered compare equal. */
export function conclusionsOf(h: Harness, contractId: string) {
  const strip = (k: string) => k.replaceAll(contractId, '<c>');
  return {
    penalties: h.f.propose
      .filter((p) => p.contractId === contractId)
      .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    rights: h.f.rights
      .filter((r) => r.contractId === contractId)
      .map((r) => ({ key: strip(r.key), right: r.right, clause: r.clause }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}
