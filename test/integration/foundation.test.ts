import { execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createPool, type PoolClient } from '../../src/db/pool';
import { presenceName } from '../../src/temporal/worker-heartbeat';
import { migrate } from '../../src/db/migrate';
import { startStack, eventually, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.stop();
});

const auditRows = async (requestId: string) =>
  (await stack.db.pool.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId])).rows;

describe('health', () => {
  it('when PostgreSQL, Temporal and a worker are up, then /health is 200 without a key', async () => {
    const res = await eventually(async () => {
      const r = await stack.call(null, 'GET', '/health');
      return r.status === 200 && r;
    });
    expect(res.body).toMatchObject({
      status: 'ok',
      postgres: { ok: true },
      temporal: { ok: true },
      worker: { ok: true },
    });
    expect(res.body.worker.pollers).toBeGreaterThan(0);
  });

  it('when no worker polls the task queue, then /health is 503 naming the worker', async () => {
    const noWorker = await startStack({ worker: false });
    try {
      const res = await noWorker.call(null, 'GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body.worker.ok).toBe(false);
      expect(res.body.worker.error).toMatch(/no worker polling/);
      expect(res.body.postgres.ok).toBe(true);
    } finally {
      await noWorker.stop();
    }
  });

  it('when PostgreSQL is stopped, then /health is 503 naming PostgreSQL', async () => {
    // A private cluster that this test really stops (the shared one serves the other tests).
    const dir = mkdtempSync('/tmp/weibao-pgstop-');
    chmodSync(dir, 0o755);
    const script = path.join(__dirname, '../../scripts/pg.sh');
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const url = execFileSync('bash', [script, 'start', `${dir}/pg`, port], { encoding: 'utf8' }).trim();
    const pool = createPool(url, 3);
    let presence: PoolClient | undefined;
    try {
      await migrate(pool);
      // The worker beats into the database the API reads (worker_heartbeats); this one is private.
      await pool.query("INSERT INTO worker_heartbeats VALUES ($1, 'test', now(), now() + interval '1 hour')", [
        stack.taskQueue,
      ]);
      // ... and holds its presence session there (src/temporal/worker-heartbeat.ts).
      presence = await pool.connect();
      presence.on('error', () => undefined); // ended by the stop below
      await presence.query("SELECT set_config('application_name', $1, false)", [presenceName(stack.taskQueue)]);
      const app = createApp({
        config: {
          TEMPORAL_NAMESPACE: 'default',
          TEMPORAL_TASK_QUEUE: stack.taskQueue,
          WORKER_POLLER_FRESH_SECONDS: 70,
          API_KEY_CACHE_SECONDS: 5,
          DOCUMENT_MAX_BYTES: 1 << 20,
          REPORT_FONT_PATH: 'unused',
        },
        pool,
        temporal: stack.client,
        log: createLogger('silent'),
        now: Date.now,
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      execFileSync('bash', [script, 'stop', `${dir}/pg`]);
      const res = await fetch(`${base}/health`);
      const body = (await res.json()) as { postgres: { ok: boolean }; temporal: { ok: boolean } };
      expect(res.status).toBe(503);
      expect(body.postgres.ok).toBe(false);
      expect(body.temporal.ok).toBe(true);
      await new Promise((r) => server.close(r));
    } finally {
      presence?.release(true);
      await pool.end().catch(() => undefined);
      execFileSync('bash', [script, 'stop', `${dir}/pg`]);
    }
  });
});

describe('authentication and roles', () => {
  it('when a request has no key, then it is 401 and audited as anonymous', async () => {
    const res = await stack.call(null, 'POST', '/api-keys', { name: 'x', role: 'auditor' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    const rows = await eventually(async () => {
      const r = await auditRows(res.body.requestId);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'anonymous', status: 401, outcome: 'refused' });
  });

  it('when a key is unknown, then it is 401', async () => {
    const res = await stack.call(null, 'GET', '/me', undefined, { authorization: 'Bearer wb_not-a-key' });
    expect(res.status).toBe(401);
  });

  it('when a vendor engineer tries an admin action, then it is 403 naming the allowed roles', async () => {
    const res = await stack.call('vendor-engineer', 'POST', '/api-keys', { name: 'x', role: 'auditor' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/允许的角色：管理员/);
  });

  it('when an admin creates a key, then the key works for its role and only its hash is stored', async () => {
    const res = await stack.call('admin', 'POST', '/api-keys', {
      name: 'auditor-2',
      role: 'auditor',
      contracts: ['C-1'],
    });
    expect(res.status).toBe(201);
    const me = await fetch(`${stack.baseUrl}/me`, { headers: { authorization: `Bearer ${res.body.key}` } });
    expect(await me.json()).toMatchObject({ role: 'auditor', contracts: ['C-1'] });
    const stored = await stack.db.pool.query("SELECT encode(key_hash, 'hex') AS h FROM api_keys WHERE id = $1", [
      res.body.id,
    ]);
    expect(stored.rows[0].h).not.toContain(res.body.key);
    expect(stored.rows[0].h).toHaveLength(64);
  });

  it('when an admin revokes a key, then it is refused at once although it was just used; revoking is idempotent, audited and admin-only', async () => {
    const k = (await stack.call('admin', 'POST', '/api-keys', { name: 'leaving-engineer', role: 'vendor-engineer' }))
      .body;
    const me = () =>
      fetch(`${stack.baseUrl}/me`, { headers: { authorization: `Bearer ${k.key}` } }).then((r) => r.status);
    expect(await me()).toBe(200); // now in the key cache
    expect((await stack.call('auditor', 'POST', `/api-keys/${k.id}/revoke`)).status).toBe(403);
    const revoked = await stack.call('admin', 'POST', `/api-keys/${k.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: k.id, role: 'vendor-engineer' });
    expect(await me()).toBe(401);
    const again = await stack.call('admin', 'POST', `/api-keys/${k.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await stack.call('admin', 'POST', '/api-keys/key_nope/revoke')).status).toBe(404);
    const audit = await eventually(async () => {
      const rows = (
        await stack.db.pool.query('SELECT status, action FROM audit_log WHERE path = $1 ORDER BY id', [
          `/api-keys/${k.id}/revoke`,
        ])
      ).rows;
      return rows.length === 3 && rows.map((r) => `${r.status} ${r.action}`).sort();
    });
    // Sorted: a refusal's row comes from the audit spool, after the request, so under load it can
    // follow the next request's row (the full run at load 10 saw it second).
    expect(audit).toEqual(['200 api-key.revoke', '200 api-key.revoke', '403 POST /api-keys/:id/revoke']);
  });

  it('when a key is revoked in the database behind the API, then it works until the key cache expires (API_KEY_CACHE_SECONDS, default 5 s), then 401', async () => {
    let clock = Date.now();
    const s = await startStack({ worker: false, now: () => clock });
    try {
      const k = (await s.call('admin', 'POST', '/api-keys', { name: 'temp', role: 'auditor' })).body;
      const me = () =>
        fetch(`${s.baseUrl}/me`, { headers: { authorization: `Bearer ${k.key}` } }).then((r) => r.status);
      expect(await me()).toBe(200);
      await s.db.pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [k.id]);
      expect(await me()).toBe(200); // trusted from the cache
      clock += 4_000;
      expect(await me()).toBe(200);
      clock += 1_001;
      expect(await me()).toBe(401);
    } finally {
      await s.stop();
    }
  });
});

describe('input errors', () => {
  it('when the body is malformed JSON, then it is 400 MALFORMED_JSON and audited once', async () => {
    const res = await stack.call('admin', 'POST', '/api-keys', '{"name": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    expect(res.body.requestId).toBeTruthy();
    const rows = await eventually(async () => {
      const r = await auditRows(res.body.requestId);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
  });

  it('when a field has the wrong type, then it is 400 naming the field', async () => {
    const res = await stack.call('admin', 'POST', '/api-keys', { name: 42, role: 'auditor' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('name');
  });

  it('when a field is unknown, then it is 400 naming it', async () => {
    const res = await stack.call('admin', 'POST', '/api-keys', { name: 'x', role: 'auditor', superuser: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/superuser/);
  });

  it('when a role is not one of the six, then it is 400 naming role', async () => {
    const res = await stack.call('admin', 'POST', '/api-keys', { name: 'x', role: 'root' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('role');
  });

  it('when a route does not exist, then it is 404 with a request id', async () => {
    const res = await stack.call('admin', 'GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.requestId).toBeTruthy();
  });
});

describe('audit trail', () => {
  it('when a mutating request succeeds, then exactly one row records actor, role, action, target and outcome', async () => {
    const res = await stack.call(
      'admin',
      'POST',
      '/api-keys',
      { name: 'care-desk', role: 'hospital-operator' },
      { 'x-request-id': 'req-audit-1' },
    );
    expect(res.status).toBe(201);
    // Written with the key in one transaction: there when the response arrives, no waiting.
    const rows = await auditRows(res.headers.get('x-request-id')!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: 'test-admin',
      role: 'admin',
      action: 'api-key.create',
      target: res.body.id,
      outcome: 'ok',
      status: 201,
      client_request_id: 'req-audit-1',
    });
    expect(rows[0].request_id).not.toBe('req-audit-1'); // the request id is the server's
    expect(JSON.stringify(rows[0])).not.toContain(res.body.key);
  });

  it('when anyone tries to change or delete an audit row, then the database refuses', async () => {
    await expect(stack.db.pool.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(stack.db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied|append-only/);
  });

  it('when an auditor reads the trail, then rows come newest first; a vendor may not read it', async () => {
    const res = await stack.call('auditor', 'GET', '/audit?limit=5');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect((await stack.call('vendor-engineer', 'GET', '/audit')).status).toBe(403);
    expect((await stack.call('auditor', 'GET', '/audit?limit=0')).body.error.field).toBe('limit');
  });

  it('when reads happen, then they leave no audit rows', async () => {
    const res = await stack.call('auditor', 'GET', '/me', undefined, { 'x-request-id': 'req-read-1' });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await auditRows(res.headers.get('x-request-id')!)).toHaveLength(0);
  });
});

describe('API description', () => {
  it('when /openapi.json is read without a key, then it describes the routes from the same zod schemas', async () => {
    const res = await stack.call(null, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(
      res.body.paths['/api-keys'].post.requestBody.content['application/json'].schema.properties.role.enum,
    ).toContain('vendor-engineer');
  });
});
