// What the cycle workflow tests (and the history recorder) share: the time-skipping server
// with weibao's search attributes, a warmed worker with the real activities over a fresh
// PostgreSQL database, and small helpers to create contracts and run the launcher.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import { createContract } from '../../src/services/contracts';
import { cycleLauncherWorkflow, type LaunchResult } from '../../src/workflows/cycles';
import { freshDatabase, type TestDb } from '../helpers/db';
import { recordingNotifier } from '../helpers/stack';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';

export const DAY = 86_400_000;
export const vendor = { name: 'eng-li', role: 'vendor-engineer' };
export const nurse = { name: 'op-wang', role: 'hospital-operator' };
export const approver = { name: 'dir-zhao', role: 'hospital-approver' };
export const report = (severity: 'low' | 'high' = 'low') => ({
  inspectionDate: '2025-01-20',
  engineer: 'eng-li',
  findings: [{ title: 'TLS 1.0 enabled', severity }],
  recommendations: ['disable TLS 1.0'],
  documentRef: 'dms://reports/q1.pdf',
  sha256: 'a'.repeat(64),
});

export interface CyclesHarness {
  env: TestWorkflowEnvironment;
  db: TestDb;
  taskQueue: string;
  notifier: ReturnType<typeof recordingNotifier>;
  newContract(signedAtMs: number, terms?: Record<string, unknown>): Promise<string>;
  /** Runs the launcher for a nominal time, polling in real time (which keeps time from skipping). */
  launch(
    kind: 'inspection' | 'care' | 'acceptance' | 'reconcile',
    contractId: string,
    atMs: number,
  ): Promise<LaunchResult>;
  /** Polls a query in real time until pred holds. */
  until<T>(read: () => Promise<T>, pred: (v: T) => boolean): Promise<T>;
  stop(): Promise<void>;
}

export async function startCyclesHarness(): Promise<CyclesHarness> {
  const env = await createTimeSkippingEnv();
  const db = await freshDatabase();
  const notifier = recordingNotifier();
  const running: RunningWorker = await startTimeSkippingWorker(env, {
    taskQueue: `tq-${randomUUID()}`,
    activities: createActivities({ pool: db.pool, log: createLogger('silent'), notifier }),
  });
  const until: CyclesHarness['until'] = async (read, pred) => {
    for (let i = 0; i < 200; i++) {
      const v = await read();
      if (pred(v)) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('condition not met in time');
  };
  return {
    env,
    db,
    taskQueue: running.taskQueue,
    notifier,
    until,
    async newContract(signedAtMs, terms) {
      const id = `C-${randomUUID().slice(0, 8)}`;
      await createContract(
        db.pool,
        {
          id,
          name: 'OA',
          hospital: 'H',
          vendor: 'V',
          signedAt: new Date(signedAtMs).toISOString(),
          amountFen: '300000000',
          yearlyFees: ['100000000', '100000000', '100000000'],
          termYears: 3,
          timeZone: 'Asia/Shanghai',
          ...(terms ? { terms } : {}),
        },
        'test',
        null,
      );
      return id;
    },
    async launch(kind, contractId, atMs) {
      const h = await env.client.workflow.start(cycleLauncherWorkflow, {
        taskQueue: running.taskQueue,
        workflowId: `launch-${kind}-${contractId}-${atMs}`,
        args: [{ kind, contractId, at: new Date(atMs).toISOString() }],
      });
      await until(
        () => h.describe(),
        (d) => d.status.name !== 'RUNNING',
      );
      return h.result();
    },
    async stop() {
      await running.stop();
      await env.teardown();
      await db.drop();
    },
  };
}
