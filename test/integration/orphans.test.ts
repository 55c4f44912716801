import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { boundedRetries } from '../../src/temporal/client';
import { sweepOrphanedFaultCases } from '../../src/temporal/orphan-sweeper';
import { startOnboardedFaults } from '../../src/api/onboarding-fault-start';
import { faultStateQuery } from '../../src/workflows/fault/messages';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 11, finding 3: a fault case committed in PostgreSQL always gets its workflow, also
// when the request that wrote it never started one (no Idempotency-Key to retry with).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const MIN = 60_000;
const log = createLogger('silent');
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** The API as it is during a Temporal outage: the intake commits, the start fails (503). */
async function reportDuringOutage(
  role: 'hospital-operator' | 'vendor-service-desk',
  contractId: string,
  body: Record<string, unknown>,
): Promise<string> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: boundedRetries(1) });
  const app = createApp({
    config: {
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      WORKER_POLLER_FRESH_SECONDS: 70,
      API_KEY_CACHE_SECONDS: 5,
    },
    pool: stack.db.pool,
    temporal: new Client({ connection, namespace: 'default' }),
    log,
    now: Date.now,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/contracts/${contractId}/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.keys[role]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await new Promise((r) => server.close(r));
  await connection.close();
  expect(res.status).toBe(503);
  const { rows } = await stack.db.pool.query(
    'SELECT case_id FROM fault_intakes WHERE contract_id = $1 ORDER BY case_no DESC LIMIT 1',
    [contractId],
  );
  return rows[0].case_id as string;
}

it('when an intake is committed while Temporal is down, then the sweep starts its workflow as the API would have and the case records its breach', async () => {
  const c = await createContract(stack);
  const before = Date.now();
  const caseId = await reportDuringOutage('hospital-operator', c.id, {
    level: 1,
    title: 'OA down',
    description: '门诊挂号页面打不开',
    channel: 'phone',
    reporter: 'Nurse Li',
    reportedAt: new Date(before - 20 * MIN).toISOString(),
  });
  // committed, never answered with its id, no workflow
  await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toThrow();

  const started = new Set<string>();
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, started, 0)).toEqual([caseId]);
  const breached = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
    return r.body.breached && r.body.ledger.length > 0 && r.body;
  }, 20_000);
  expect(breached.ledger[0]).toMatchObject({ clause: '6.2.1', amountFen: '100000' });
  // Started from the committed row's real data: the description, who reported it with which role,
  // and the report's stated time 20 minutes before it was recorded (the hospital's claim, 4.9.3).
  const reported = breached.timeline.find((f: { type: string }) => f.type === 'case.reported');
  expect(reported).toMatchObject({
    recordedBy: { name: 'test-hospital-operator', role: 'hospital-operator' },
    statedBy: 'hospital',
  });
  expect(new Date(reported.occurredAt).getTime()).toBe(Date.parse(new Date(before - 20 * MIN).toISOString()));
  expect(new Date(reported.recordedAt).getTime()).toBeGreaterThanOrEqual(before);
  expect((await stack.client.workflow.getHandle(caseId).query(faultStateQuery)).description).toBe('门诊挂号页面打不开');
  expect(await sweepOrphanedFaultCases(sweep, started, 0)).toEqual([]); // once only
});

it("when the orphaned intake came from the vendor service desk, then the case records it as the hospital's report recorded by the desk (4.8)", async () => {
  const c = await createContract(stack);
  const caseId = await reportDuringOutage('vendor-service-desk', c.id, {
    level: 3,
    title: 'printer',
    channel: 'phone',
    reporter: 'Ward 3',
  });
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, new Set(), 0)).toEqual([caseId]);
  const reported = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
    return r.body.timeline?.find((f: { type: string }) => f.type === 'case.reported');
  }, 20_000);
  expect(reported).toMatchObject({
    recordedBy: { name: 'test-vendor-service-desk', role: 'vendor-service-desk' },
    onBehalfOf: 'hospital',
    statedBy: 'vendor',
  });
});

it('when a fault entered at onboarding was taken in but its start failed, then the sweep starts it with its entered past (310)', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 100 * 86_400_000).toISOString() });
  const reportedAtMs = Date.now() - 3 * 60 * MIN;
  const fault = {
    faultId: 'his-1',
    level: 3,
    title: 'printer',
    description: '',
    channel: 'phone' as const,
    affectsOperations: false,
    reporter: 'Ward 3',
    reportedAt: new Date(reportedAtMs).toISOString(),
    response: { at: new Date(reportedAtMs + 150 * MIN).toISOString(), engineer: 'Wang', how: 'phone' as const },
  };
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: boundedRetries(1) });
  const down = { pool: stack.db.pool, temporal: new Client({ connection, namespace: 'default' }) };
  await expect(
    startOnboardedFaults(
      { ...down, config: { TEMPORAL_TASK_QUEUE: stack.taskQueue } as never },
      c,
      [fault],
      'admin-wu',
      Date.now(),
    ),
  ).rejects.toThrow();
  await connection.close();
  const caseId = `fault:${c.id}:1`;
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, new Set(), 0)).toEqual([caseId]);
  const s = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
    return r.body.ledger?.length ? r.body : undefined;
  }, 20_000);
  // Responded 30 minutes after its 2 h (level 3, 4.9.4): breached at its due time, as the registration's own start would.
  expect(s.deadlines.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([['response', 'breached']]);
  expect(s.ledger.map((e: { key: string }) => e.key)).toEqual([`${caseId}:response-breach`]);
  expect(s.timeline.find((f: { type: string }) => f.type === 'case.responded')).toMatchObject({
    statedBy: 'vendor',
    onBehalfOf: 'vendor',
    recordedBy: { role: 'admin' },
  });
});

it('when the API started the workflow itself, then the sweep starts nothing', async () => {
  const c = await createContract(stack);
  const made = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, {
    level: 3,
    title: 'printer',
    channel: 'web',
    reporter: 'Li',
  });
  expect(made.status).toBe(201);
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, new Set(), 0)).toEqual([]);
});
