import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { createApiKey } from '../../src/api/api-keys';
import { AuditSpool } from '../../src/api/audit-spool';
import { createPool, type Pool } from '../../src/db/pool';
import { migrate } from '../../src/db/migrate';
import { createLogger } from '../../src/logger';
import { verifyChain } from '../../src/security/record-chain';

// Issue 11 (clause 7): refused requests are audited, also while PostgreSQL is down. The full
// chaos run counted 34 mutations without an audit row: the refusals of the PostgreSQL outage,
// whose rows were written after the response to a database that was not there. They now wait
// in a local fsync'd spool and reach the hash-chained audit_log once the database is back.
const log = createLogger('silent');
const script = path.join(__dirname, '../../scripts/pg.sh');
const pg = (...args: string[]) => execFileSync('bash', [script, ...args], { encoding: 'utf8' }).trim();

let dir: string;
let url: string;
let pool: Pool;
let connection: Connection;
beforeAll(() => {
  dir = mkdtempSync('/tmp/weibao-spool-');
  chmodSync(dir, 0o755);
  url = pg('start', `${dir}/pg`, String(20000 + Math.floor(Math.random() * 20000)));
  pool = createPool(url, 4, () => undefined, { connectMs: 800, statementMs: 2_000 });
  connection = Connection.lazy({ address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS! });
});
afterAll(async () => {
  await pool.end().catch(() => undefined);
  await connection.close();
  pg('stop', `${dir}/pg`);
});

async function serve(spoolDir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const app = createApp({
    config: {
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'audit-spool',
      WORKER_POLLER_FRESH_SECONDS: 70,
      API_KEY_CACHE_SECONDS: 60,
      AUDIT_SPOOL_DIR: spoolDir,
    },
    pool,
    temporal: new Client({ connection, namespace: 'default' }),
    log,
    now: Date.now,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const auditRows = async (requestId: string) =>
  (await pool.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId])).rows;

it('when a write is refused while PostgreSQL is down, then its audit row is spooled and reaches the chained audit_log once, with its own time', async () => {
  await migrate(pool);
  const { key } = await createApiKey(pool, { name: 'admin', role: 'admin' });
  const spoolDir = path.join(dir, 'spool');
  const api = await serve(spoolDir);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  expect((await fetch(`${api.base}/contracts`, { headers })).status).toBe(200); // the key is now cached

  pg('stop', `${dir}/pg`);
  const before = Date.now();
  const contract = {
    id: 'C-spool-1',
    name: '协同办公平台维保',
    hospital: '市人民医院',
    vendor: '办公软件有限公司',
    signedAt: '2025-01-02T09:00:00+08:00',
    amountFen: '123456789',
    yearlyFees: ['41152263', '41152263', '41152263'],
    termYears: 3,
  };
  const [failed, refused] = await Promise.all([
    fetch(`${api.base}/contracts`, { method: 'POST', headers, body: JSON.stringify(contract) }),
    fetch(`${api.base}/contracts`, { method: 'POST', headers, body: '{"name":"x"}' }),
  ]).finally(() => api.close());
  expect([failed.status, refused.status]).toEqual([503, 400]);
  const spool = new AuditSpool(spoolDir);
  for (let i = 0; i < 50 && (await spool.pending()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  const files = await spool.pending();
  expect(files).toHaveLength(2);

  pg('start', `${dir}/pg`, new URL(url).port);
  // A replay that crashed after COMMIT and before unlink leaves the file: the replay after it writes nothing twice.
  copyFileSync(path.join(spoolDir, files[0]!), path.join(dir, 'copy.json'));
  expect(await spool.replay(pool, log)).toBe(2);
  copyFileSync(path.join(dir, 'copy.json'), path.join(spoolDir, files[0]!));
  expect(await spool.replay(pool, log)).toBe(0);
  expect(readdirSync(spoolDir)).toEqual([]);

  const [failedRows, refusedRows] = [
    await auditRows(failed.headers.get('x-request-id')!),
    await auditRows(refused.headers.get('x-request-id')!),
  ];
  expect([failedRows.length, refusedRows.length]).toEqual([1, 1]);
  expect(failedRows[0]).toMatchObject({
    actor: 'admin',
    role: 'admin',
    method: 'POST',
    path: '/contracts',
    status: 503,
    outcome: 'error',
  });
  expect(failedRows[0].detail).toMatchObject({
    errorCode: 'DATABASE_UNAVAILABLE',
    spooled: { spoolId: expect.any(String) },
  });
  expect(refusedRows[0]).toMatchObject({ actor: 'admin', status: 400, outcome: 'refused' });
  // The rows carry the time of the request, not of the replay.
  expect(Math.abs(new Date(failedRows[0].at).getTime() - before)).toBeLessThan(5_000);
  expect((await verifyChain(pool, 'audit_log')).ok).toBe(true);
});
