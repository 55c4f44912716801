// Shared harness of the fault workflow tests: the time-skipping server, a warmed worker whose
// activities are in-memory fakes with the contract core's names and shapes, and case helpers.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultTerms, faultDeadlines, type FaultLevel, type TermsOverrides } from '../../src/domain';
import { faultCaseStart } from '../../src/temporal/fault-start';
import { faultCaseWorkflow } from '../../src/workflows/fault-case';
import { resolveTerms } from '../../src/domain/terms-schema';
import type { Activities } from '../../src/workflows/kernel';
import type { Proposal, RecordBatch, Notice } from '../../src/workflows/kernel/record';
import { faultStateQuery, faultUpdates, type FaultCaseInput } from '../../src/workflows/fault/messages';
import type { FaultState } from '../../src/workflows/fault/state';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** What the workflow asked of its activities; propose and notify are read from the record writes (one record path). */
export interface Calls {
  records: RecordBatch[];
  hold: Parameters<Activities['holdCasePenalties']>[0][];
  waive: Parameters<Activities['waiveCasePenalties']>[0][];
  termsAt: { contractId: string; atMs: number }[];
  readonly propose: (Proposal & { caseId: string })[];
  readonly notify: (Notice & { caseId: string })[];
  readonly withdrawn: { caseId: string; key: string; reason: string }[];
}

export function newCalls(): Calls {
  const records: RecordBatch[] = [];
  return {
    records,
    hold: [],
    waive: [],
    termsAt: [],
    get propose() {
      return records.flatMap((b) => b.proposals.map((p) => ({ ...p, caseId: b.caseId })));
    },
    get notify() {
      return records.flatMap((b) => b.notices.map((n) => ({ ...n, caseId: b.caseId })));
    },
    get withdrawn() {
      return records.flatMap((b) => b.withdrawals.map((w) => ({ ...w, caseId: b.caseId })));
    },
  };
}

type FaultActivities = Pick<Activities, 'termsAt' | 'holdCasePenalties' | 'waiveCasePenalties' | 'recordCase'>;
export function fakeActivities(calls: Calls, terms: () => TermsOverrides = () => defaultTerms()): FaultActivities {
  let entries = 0;
  return {
    async termsAt(a) {
      calls.termsAt.push(a);
      return { version: 7, terms: resolveTerms(terms()) } as never;
    },
    async holdCasePenalties(p) {
      calls.hold.push(p);
      return 1;
    },
    async waiveCasePenalties(p) {
      calls.waive.push(p);
      return 1;
    },
    async recordCase(b) {
      calls.records.push(b);
      return { applied: true, entryIds: Object.fromEntries(b.proposals.map((p) => [p.key, `le_${++entries}`])) };
    },
  };
}

export interface Harness {
  env: TestWorkflowEnvironment;
  calls: Calls;
  taskQueue: string;
  /**
   * Starts a case as the API does (the terms version in the input, every search attribute set at
   * start); legacy: as cases started before that were (the workflow loads its terms itself).
   */
  report(level: FaultLevel, over?: Partial<FaultCaseInput>, opts?: { legacy?: boolean }): Promise<Case>;
  stop(): Promise<void>;
}

export interface Case {
  id: string;
  handle: WorkflowHandle;
  state(): Promise<FaultState>;
  act<K extends keyof typeof faultUpdates>(action: K, args: Record<string, unknown>, role?: string): Promise<unknown>;
}

const ROLE_OF: Record<keyof typeof faultUpdates, string> = {
  respond: 'vendor-engineer',
  investigate: 'vendor-engineer',
  submitAnalysis: 'vendor-engineer',
  reviewAnalysis: 'hospital-operator',
  onsiteArrived: 'vendor-engineer',
  replacementProvided: 'vendor-engineer',
  resolve: 'vendor-engineer',
  claimExclusion: 'vendor-engineer',
  confirmFix: 'hospital-operator',
  reopen: 'hospital-operator',
  regrade: 'hospital-approver',
  decideExclusion: 'hospital-approver',
  contestTime: 'vendor-engineer',
  decideContest: 'hospital-approver',
};

let seq = 0;
export async function startHarness(name: string, terms?: () => TermsOverrides): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  // The workflow upserts the project's search attributes; the test server must know them.
  const calls = newCalls();
  const taskQueue = `fault-${name}`;
  const w: RunningWorker = await startTimeSkippingWorker(env, { taskQueue, activities: fakeActivities(calls, terms) });
  return {
    env,
    calls,
    taskQueue,
    async report(level, over = {}, opts = {}) {
      const caseNo = ++seq;
      const id = `fault:C-${name}:${caseNo}`;
      const input: FaultCaseInput = {
        caseId: id,
        contractId: `C-${name}`,
        caseNo,
        level,
        title: `fault ${caseNo}`,
        description: 'the OA portal is down',
        channel: 'phone',
        affectsOperations: level <= 2,
        reporter: 'Nurse Li',
        reportedAtMs: await env.currentTimeMs(),
        reportedBy: { name: 'desk', role: 'hospital-operator' },
        ...over,
      };
      let handle: WorkflowHandle<typeof faultCaseWorkflow>;
      if (opts.legacy) {
        handle = await env.client.workflow.start(faultCaseWorkflow, { taskQueue, workflowId: id, args: [input] });
      } else {
        const t = resolveTerms((terms ?? defaultTerms)());
        handle = await env.client.workflow.start(
          faultCaseWorkflow,
          faultCaseStart(
            { ...input, intake: { termsVersion: 7, terms: t } },
            faultDeadlines(input.reportedAtMs, input.level, input.affectsOperations, t),
            taskQueue,
          ),
        );
      }
      const c: Case = {
        id,
        handle,
        state: () => handle.query(faultStateQuery),
        act: (action, args, role) =>
          handle.executeUpdate(faultUpdates[action] as never, {
            args: [
              { actor: { name: `${role ?? ROLE_OF[action]}-1`, role: role ?? ROLE_OF[action] }, ...args },
            ] as never,
          }),
      };
      // Wait (in real time, so no timer fires meanwhile) until the terms are loaded.
      for (let i = 0; i < 200 && (await c.state()).termsVersion === undefined; i++)
        await new Promise((r) => setTimeout(r, 50));
      return c;
    },
    async stop() {
      await w.stop();
      await env.teardown();
    },
  };
}

export const byId = (s: FaultState, id: string) => s.deadlines.find((d) => d.id === id)!;
export const statuses = (s: FaultState) => Object.fromEntries(s.deadlines.map((d) => [d.id, d.status]));

/** What a lived and an entered case must agree on: status, deadlines and the ledger proposals not withdrawn, case id taken out. */
export function caseConclusions(h: Harness, s: FaultState) {
  const strip = (k: string) => k.replaceAll(s.caseId, '<case>');
  const withdrawn = new Set(h.calls.withdrawn.filter((w) => w.caseId === s.caseId).map((w) => w.key));
  return {
    status: s.status,
    deadlines: s.deadlines.map((d) => ({ id: d.id, status: d.status, dueMs: d.dueMs, doneAtMs: d.doneAtMs })),
    proposals: h.calls.propose
      .filter((p) => p.caseId === s.caseId && !withdrawn.has(p.key))
      .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt })),
  };
}
