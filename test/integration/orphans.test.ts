import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { boundedRetries } from '../../src/temporal/client';
import { sweepOrphanedFaultCases } from '../../src/temporal/orphan-sweeper';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 11, finding 3: a fault case committed in PostgreSQL always gets its workflow, also
// when the request that wrote it never started one (no Idempotency-Key to retry with).
let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const MIN = 60_000;
const log = createLogger('silent');
const closedPort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => resolve(p)); }); });

it('when an intake is committed while Temporal is down, then the sweep starts its workflow and the case records its breach', async () => {
  const c = await createContract(stack);
  // The API as it is during a Temporal outage: the intake commits, the start fails (503).
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: boundedRetries(1) });
  const app = createApp({ config: { TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: stack.taskQueue, WORKER_POLLER_FRESH_SECONDS: 70, API_KEY_CACHE_SECONDS: 5 }, pool: stack.db.pool, temporal: new Client({ connection, namespace: 'default' }), log, now: Date.now });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/contracts/${c.id}/faults`, {
    method: 'POST', headers: { authorization: `Bearer ${stack.keys['hospital-operator']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ level: 1, title: 'OA down', channel: 'phone', reporter: 'Nurse Li', reportedAt: new Date(Date.now() - 20 * MIN).toISOString() }),
  });
  await new Promise((r) => server.close(r));
  await connection.close();
  expect(res.status).toBe(503);
  const { rows } = await stack.db.pool.query('SELECT case_id FROM fault_intakes WHERE contract_id = $1', [c.id]);
  expect(rows).toHaveLength(1); // committed, never answered with its id, no workflow
  const caseId = rows[0].case_id as string;
  await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toThrow();

  const started = new Set<string>();
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, started, 0)).toEqual([caseId]);
  const breached = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
    return r.body.breached && r.body.ledger.length > 0 && r.body;
  }, 20_000);
  expect(breached.ledger[0]).toMatchObject({ clause: '6.2.1', amountFen: '100000' });
  expect(await sweepOrphanedFaultCases(sweep, started, 0)).toEqual([]); // once only
});

it('when the API started the workflow itself, then the sweep starts nothing', async () => {
  const c = await createContract(stack);
  const made = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, { level: 3, title: 'printer', channel: 'web', reporter: 'Li' });
  expect(made.status).toBe(201);
  const sweep = { pool: stack.db.pool, client: stack.client, taskQueue: stack.taskQueue, log };
  expect(await sweepOrphanedFaultCases(sweep, new Set(), 0)).toEqual([]);
});
