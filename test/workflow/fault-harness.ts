// Shared harness of the fault workflow tests: the time-skipping server, a warmed worker whose
// activities are in-memory fakes with the contract core's names and shapes, and case helpers.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultTerms, faultDeadlines, type FaultLevel, type TermsOverrides } from '../../src/domain';
import { faultCaseStart } from '../../src/temporal/fault-start';
import { resolveTerms } from '../../src/domain/terms-schema';
import type { FaultActivities } from '../../src/workflows/fault-case';
import { faultStateQuery, faultUpdates, type FaultCaseInput, type FaultState } from '../../src/workflows/fault/model';
import type { FaultFactsBatch } from '../../src/workflows/fault/snapshot';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

export interface Calls {
  propose: Parameters<FaultActivities['proposePenalty']>[0][];
  hold: Parameters<FaultActivities['holdCasePenalties']>[0][];
  waive: Parameters<FaultActivities['waiveCasePenalties']>[0][];
  notify: Parameters<FaultActivities['notify']>[0][];
  facts: FaultFactsBatch[];
  termsAt: { contractId: string; atMs: number }[];
}

export function fakeActivities(calls: Calls, terms: () => TermsOverrides = () => defaultTerms()): FaultActivities {
  return {
    async termsAt(a) { calls.termsAt.push(a); return { version: 7, terms: resolveTerms(terms()) }; },
    async proposePenalty(p) { calls.propose.push(p); return { entryId: `le_${calls.propose.length}`, created: true }; },
    async holdCasePenalties(p) { calls.hold.push(p); return 1; },
    async waiveCasePenalties(p) { calls.waive.push(p); return 1; },
    async notify(n) { calls.notify.push(n); },
    async recordFaultFact(b) { calls.facts.push(b); },
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

const ROLE_OF: Record<string, string> = {
  respond: 'vendor-engineer', investigate: 'vendor-engineer', submitAnalysis: 'vendor-engineer', onsiteArrived: 'vendor-engineer',
  replacementProvided: 'vendor-engineer', resolve: 'vendor-engineer', claimExclusion: 'vendor-engineer', confirmFix: 'hospital-operator',
  reopen: 'hospital-operator', regrade: 'hospital-approver', decideExclusion: 'hospital-approver',
};

let seq = 0;
export async function startHarness(name: string, terms?: () => TermsOverrides): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  // The workflow upserts the project's search attributes; the test server must know them.
  const calls: Calls = { propose: [], hold: [], waive: [], notify: [], facts: [], termsAt: [] };
  const taskQueue = `fault-${name}`;
  const w: RunningWorker = await startTimeSkippingWorker(env, { taskQueue, activities: fakeActivities(calls, terms) });
  return {
    env, calls, taskQueue,
    async report(level, over = {}, opts = {}) {
      const caseNo = ++seq;
      const id = `fault:C-${name}:${caseNo}`;
      const input: FaultCaseInput = {
        caseId: id, contractId: `C-${name}`, caseNo, level, title: `fault ${caseNo}`, description: 'the OA portal is down', channel: 'phone',
        affectsOperations: level <= 2, reporter: 'Nurse Li', reportedAtMs: await env.currentTimeMs(), reportedBy: { name: 'desk', role: 'hospital-operator' },
        ...over,
      };
      let handle: WorkflowHandle;
      if (opts.legacy) {
        handle = await env.client.workflow.start('faultCaseWorkflow', { taskQueue, workflowId: id, args: [input] });
      } else {
        const t = resolveTerms((terms ?? defaultTerms)());
        handle = await env.client.workflow.start('faultCaseWorkflow', faultCaseStart({ ...input, intake: { termsVersion: 7, terms: t } }, faultDeadlines(input.reportedAtMs, input.level, input.affectsOperations, t), taskQueue));
      }
      const c: Case = {
        id, handle,
        state: () => handle.query(faultStateQuery),
        act: (action, args, role) => handle.executeUpdate(faultUpdates[action] as never, { args: [{ actor: { name: `${role ?? ROLE_OF[action]}-1`, role: role ?? ROLE_OF[action] }, ...args }] as never }),
      };
      // Wait (in real time, so no timer fires meanwhile) until the terms are loaded.
      for (let i = 0; i < 200 && (await c.state()).termsVersion === undefined; i++) await new Promise((r) => setTimeout(r, 50));
      return c;
    },
    async stop() { await w.stop(); await env.teardown(); },
  };
}

export const byId = (s: FaultState, id: string) => s.deadlines.find((d) => d.id === id)!;
export const statuses = (s: FaultState) => Object.fromEntries(s.deadlines.map((d) => [d.id, d.status]));
