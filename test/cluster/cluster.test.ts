import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import { contractBody } from '../helpers/fixtures';
import { Api } from './http';
import { stop, stopAll } from './processes';
import attributes from '../../src/temporal/search-attributes.json';
import { API_KEY_CACHE_SECONDS, Cluster, PAYLOAD_KEYS, RETENTION_DAYS } from './topology';
import { payloadCodecFrom } from '../../src/security/payload-codec';
import { eventually, sendFaults, type Keys, type Sent } from './traffic';

// The production topology (docker-compose.yml) run here: PostgreSQL, temporal-server on it, two
// workers, two APIs behind the TLS proxy. Crashes are injected with kill -9; the record is then
// checked case by case through the API and Temporal. Figures go to figures.json in the run's
// directory (scripts/cluster-test.sh prints them).

jest.setTimeout(600_000);
const root = process.env.WEIBAO_CLUSTER_DIR ?? mkdtempSync('/tmp/weibao-cluster.');
const figures: Record<string, unknown> = {};
let cluster: Cluster;
let api: Api; // through the proxy, as clients reach a production host
let keys: Keys;
let contractId: string;
const all: Sent[] = [];

async function temporalClient(c: Cluster): Promise<Client> {
  // The workers encrypt payloads (TEMPORAL_PAYLOAD_KEYS): the test reads them with the same ring.
  return new Client({
    connection: await Connection.connect({ address: c.temporalAddress }),
    namespace: 'default',
    dataConverter: { payloadCodecs: [payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS })!] },
  });
}

async function faultCase(a: Api, caseId: string): Promise<any> {
  const r = await a.request('GET', `/faults/${caseId}`, keys.admin);
  if (r.status !== 200) throw new Error(`GET ${caseId}: ${r.status}`);
  return r.body;
}

/** Every case sent exists once, with its one response or its one breach penalty; no case more. */
async function expectRecordComplete(a: Api, sent: Sent[]): Promise<{ lost: number; duplicated: number }> {
  const list = await a.request('GET', `/faults?contractId=${contractId}&limit=500`, keys.admin);
  const stored = new Set<string>(list.body.items.map((c: { caseId: string }) => c.caseId));
  const answered = new Set(sent.map((s) => s.caseId));
  // Lost: a report answered with a case the record lacks, or two reports answered with one case.
  const lost = [...answered].filter((id) => !stored.has(id)).length + (sent.length - answered.size);
  // Duplicated: a case no client was answered with (a retried report that made a second case).
  const duplicated = [...stored].filter((id) => !answered.has(id)).length;
  expect({ lost, duplicated, cases: stored.size }).toEqual({ lost: 0, duplicated: 0, cases: sent.length });
  for (const s of sent) {
    const c = await faultCase(a, s.caseId);
    if (s.responded) {
      expect([c.caseId, c.timeline.filter((f: { type: string }) => f.type === 'case.responded').length]).toEqual([
        s.caseId,
        1,
      ]);
    } else if (Date.parse(s.dueAt) < Date.now() - 15_000) {
      expect([c.caseId, c.breached, c.ledger.length]).toEqual([s.caseId, true, 1]);
    }
  }
  return { lost, duplicated };
}

async function waitBreached(a: Api, sent: Sent[], timeoutMs = 120_000): Promise<void> {
  for (const s of sent.filter((x) => !x.responded)) {
    await eventually(
      `breach of ${s.caseId} (due ${s.dueAt})`,
      async () => (await faultCase(a, s.caseId)).breached === true,
      timeoutMs,
    );
  }
}

/** The temporal service's environment in docker-compose.yml (plus what server.sh derives in the container). */
function composeTemporalEnv(): Record<string, string> {
  const compose = readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8');
  const env: Record<string, string> = {
    TEMPORAL_BROADCAST_ADDRESS: '172.18.0.5',
    TEMPORAL_DYNAMIC_CONFIG: '/etc/weibao/temporal/dynamicconfig.yaml',
  };
  const blocks = [
    compose.slice(compose.indexOf('x-temporal-db:'), compose.indexOf('\nname:')),
    compose.slice(compose.indexOf('\n  temporal:'), compose.indexOf('\n  temporal-namespace:')),
  ];
  for (const b of blocks)
    for (const m of b.matchAll(/^ {2,6}([A-Z_]+): (\S+)/gm))
      env[m[1]!] = m[2]!.startsWith('${') ? 'from-env-file' : m[2]!;
  return env;
}

function postsServed(c: Cluster, i: 0 | 1): number {
  return (readFileSync(c.logOf(`api-${i + 1}`), 'utf8').match(/"method":"POST"/g) ?? []).length;
}

beforeAll(async () => {
  const t0 = Date.now();
  cluster = await Cluster.create(path.join(root, 'a'));
  await cluster.up();
  figures.startSeconds = (Date.now() - t0) / 1000;
  figures.startSteps = { ...cluster.timings };
  api = new Api(cluster.proxyUrl, cluster.proxyCa);
  const pool = new Pool({ connectionString: cluster.databaseUrl, max: 1 });
  const admin = (await createApiKey(pool, { name: 'cluster-admin', role: 'admin', createdBy: 'cluster-test' })).key;
  await pool.end();
  const mk = async (role: string) => {
    const r = await api.request('POST', '/api-keys', admin, { name: `cluster-${role}`, role });
    if (r.status !== 201) throw new Error(`api key ${role}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.key as string;
  };
  keys = { admin, operator: await mk('hospital-operator'), vendor: await mk('vendor-engineer') };
  const created = await api.request('POST', '/contracts', admin, contractBody({ id: 'C-CLUSTER-1' }));
  if (created.status !== 201) throw new Error(`contract: ${created.status} ${JSON.stringify(created.body)}`);
  contractId = created.body.id;
});

afterAll(async () => {
  writeFileSync(path.join(root, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await stopAll();
  for (const d of ['a', 'b']) await Cluster.stopPostgres(path.join(root, d));
});

test('when the namespace job ran, then the namespace has its explicit retention and every search attribute', async () => {
  const client = await temporalClient(cluster);
  const ns = await client.workflowService.describeNamespace({ namespace: 'default' });
  expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(RETENTION_DAYS * 86_400);
  const sa = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
  expect(Object.keys(sa.customAttributes ?? {}).sort()).toEqual(Object.keys(attributes).sort());
  await client.connection.close();
});

test('when the Web UI port is reached without its login, then the proxy refuses it; with it, the request is passed on', async () => {
  const ui = new Api(`https://127.0.0.1:${cluster.ports.ui}`, cluster.proxyCa);
  expect((await ui.request('GET', '/', null)).status).toBe(401);
  // No Web UI runs here (it exists only as an image): 502 means nginx let the request through.
  const login = `Basic ${Buffer.from('ops:ui-secret').toString('base64')}`;
  expect((await ui.request('GET', '/', null, undefined, { authorization: login })).status).toBe(502);
  expect((await new Api(`http://127.0.0.1:${cluster.ports.plain}`).request('GET', '/health', null)).status).toBe(301);
});

test("when the server config template is rendered with the compose file's values, then it is a valid config for that host", () => {
  const out = cluster.renderServerConfig(composeTemporalEnv());
  expect(out).toMatch(/numHistoryShards: 512/);
  expect(out).toMatch(/connectAddr: postgres:5432/);
  expect(out).toMatch(/bindOnIP: 0\.0\.0\.0/);
  expect(out).toMatch(/broadcastAddress: 172\.18\.0\.5/);
});

test('when the workers and APIs connect to PostgreSQL, then it is as the application role, which cannot change the schema', async () => {
  const pool = new Pool({ connectionString: cluster.databaseUrl, max: 1 });
  try {
    expect(
      (await pool.query('SELECT current_user AS u, rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0],
    ).toEqual({ u: 'weibao_app', rolsuper: false });
    await expect(pool.query('CREATE TABLE cluster_probe (x int)')).rejects.toMatchObject({ code: '42501' });
  } finally {
    await pool.end();
  }
});

test('when one worker and one API are killed with kill -9 under traffic through both APIs, then every case goes on: none lost, none duplicated', async () => {
  const t0 = Date.now();
  let killedAt = 0;
  const sent = await sendFaults(api, contractId, keys, {
    prefix: 'kill',
    count: 60,
    // Every sixth case is left unanswered and falls due 30-40 s later: its timer must fire on the surviving worker.
    dueInMs: (i) => (i % 6 === 5 ? 30_000 + (i % 4) * 3000 : undefined),
    onCase: (done) => {
      if (done === 20 && !killedAt) {
        figures.postsBeforeKill = [postsServed(cluster, 0), postsServed(cluster, 1)];
        killedAt = Date.now();
        cluster.workers[0]!.child.kill('SIGKILL');
        cluster.apis[0]!.child.kill('SIGKILL');
      }
    },
  });
  all.push(...sent);
  figures.kill = {
    cases: sent.length,
    kills: 2,
    trafficSeconds: (Date.now() - t0) / 1000,
    retriedRequests: sent.filter((s) => s.attempts > 2).length,
  };
  // Both instances served before the kill (the proxy spreads the traffic).
  expect((figures.postsBeforeKill as number[]).every((n) => n > 0)).toBe(true);
  await waitBreached(api, sent);
  Object.assign(figures.kill as object, await expectRecordComplete(api, sent));
  const client = await temporalClient(cluster);
  for (const s of sent)
    expect([s.caseId, (await client.workflow.getHandle(s.caseId).describe()).status.name]).toEqual([
      s.caseId,
      'RUNNING',
    ]);
  await client.connection.close();
  // The killed ones come back (restart: unless-stopped in compose).
  await Promise.all([cluster.startWorker(0), cluster.startApi(0)]);
});

test('when the Temporal server is killed and restarted, then nothing is lost and timers set before it fire after it', async () => {
  const before = await sendFaults(api, contractId, keys, { prefix: 'restart-before', count: 6, dueInMs: () => 25_000 });
  const t0 = Date.now();
  await stop(cluster.server!, 'SIGKILL');
  await cluster.startServer();
  figures.serverRestartSeconds = (Date.now() - t0) / 1000;
  const after = await sendFaults(api, contractId, keys, { prefix: 'restart-after', count: 12 });
  all.push(...before, ...after);
  await waitBreached(api, before);
  Object.assign(figures, { restart: await expectRecordComplete(api, all) });
  const client = await temporalClient(cluster);
  const query = `WeibaoContractId = '${contractId}' AND WeibaoKind = 'fault' AND ExecutionStatus = 'Running'`;
  await eventually(
    'every fault case running in Temporal',
    async () => (await client.workflow.count(query)).count === all.length,
    30_000,
  );
  await client.connection.close();
});

test('when a key is revoked through one API, then the other API refuses it within API_KEY_CACHE_SECONDS and neither accepts it again', async () => {
  const [a1, a2] = cluster.apiUrls.map((u) => new Api(u));
  const created = await a1!.request('POST', '/api-keys', keys.admin, { name: 'cluster-revoked', role: 'auditor' });
  expect(created.status).toBe(201);
  // A key made on one instance works on the other at once (nothing cached yet), and is now cached there.
  expect((await a2!.request('GET', '/me', created.body.key)).status).toBe(200);
  const revoked = await a1!.request('POST', `/api-keys/${created.body.id}/revoke`, keys.admin);
  expect(revoked.status).toBe(200);
  const t0 = Date.now();
  expect((await a1!.request('GET', '/me', created.body.key)).status).toBe(401);
  await eventually(
    'revocation on the other API',
    async () => (await a2!.request('GET', '/me', created.body.key)).status === 401,
    10_000,
  );
  const window = (Date.now() - t0) / 1000;
  figures.revocationSeconds = window;
  expect(window).toBeLessThanOrEqual(API_KEY_CACHE_SECONDS + 1);
  for (const a of [a1!, a2!, api]) expect((await a.request('GET', '/me', created.body.key)).status).toBe(401);
});

test('when every database is backed up and restored into a fresh cluster, then every open case and schedule is there and the timers still fire', async () => {
  // Cases falling due while the cluster is down (fire at once on restore) and after it is up again.
  const pending = await sendFaults(api, contractId, keys, {
    prefix: 'drill',
    count: 8,
    dueInMs: (i) => (i < 4 ? 15_000 : 75_000),
  });
  all.push(...pending);
  const client = await temporalClient(cluster);
  const running = new Set<string>();
  for await (const w of client.workflow.list({ query: `ExecutionStatus = 'Running'` })) running.add(w.workflowId);
  const schedules: string[] = [];
  for await (const s of client.schedule.list()) schedules.push(s.scheduleId);
  await client.connection.close();
  expect(schedules.length).toBeGreaterThan(0);

  // Backup as the runbook says: workers, APIs and the server stopped, so no case moves between two dumps.
  for (const p of [...cluster.apis, ...cluster.workers]) await stop(p!);
  await cluster.stopServer();
  const backup = path.join(root, 'backup');
  await cluster.backup(backup);
  await cluster.down();

  const t0 = Date.now();
  const fresh = await Cluster.create(path.join(root, 'b'));
  await fresh.up({ restoreFrom: backup });
  figures.restore = {
    restoreSeconds: (Date.now() - t0) / 1000,
    steps: { ...fresh.timings },
    openWorkflows: running.size,
    schedules: schedules.length,
  };
  cluster = fresh;
  api = new Api(fresh.proxyUrl, fresh.proxyCa);

  const c2 = await temporalClient(fresh);
  for (const id of running)
    expect([id, (await c2.workflow.getHandle(id).describe()).status.name]).toEqual([id, 'RUNNING']);
  // A freshly restored server answers UNAVAILABLE ("Not enough hosts") until its history and
  // worker services have joined the ring (measured: seconds after the frontend is up): wait for it.
  for (const id of schedules)
    expect((await untilServed(() => c2.schedule.getHandle(id).describe())).scheduleId).toBe(id);
  const restoredSchedules: string[] = [];
  for await (const s of c2.schedule.list()) restoredSchedules.push(s.scheduleId);
  expect(restoredSchedules.sort()).toEqual([...schedules].sort());
  await c2.connection.close();
  await waitBreached(api, pending, 150_000);
  Object.assign(figures.restore as object, await expectRecordComplete(api, all));
  // The restored cluster takes new cases too.
  all.push(...(await sendFaults(api, contractId, keys, { prefix: 'after-restore', count: 4 })));
  await expectRecordComplete(api, all);
});

/** Retries a call while the server says it has not enough hosts yet (code 14, UNAVAILABLE), up to 60 s. */
async function untilServed<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      const text = `${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`;
      if (Date.now() > deadline || !/UNAVAILABLE|Not enough hosts/.test(text)) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
