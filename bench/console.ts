// Console benchmark (issue 16): a page's first render under 200 ms on the local stack with
// 10,000 open cases. Seeded with SQL (10,000 fault cases awaiting the vendor, each with a
// pending deadline), then Debian's Chromium (playwright-core) opens the engineer's queue (the
// 100 soonest cases, GET /me/queue) and one case page, signed in with a real session. Measured:
// from navigation to the page's data on screen (rows or the case heading), N times each, after
// one warm-up; then the contract page and the reports page the same way. Baseline of the same
// run: navigation to the sign-in-free static page /health (the browser's and the server's fixed
// cost), so ratios say what the console adds over it.
// A/B in the same run (the machine is shared: ratios, not absolutes): BENCH_CONSOLE_OLD=<another
// checkout with its node_modules> serves that checkout's API and console too, on the same database,
// and every run of a page opens it on both, one after the other; the ratio new/old is printed.
// Run: npx tsx bench/console.ts [cases=10000] [runs=20]
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { chromium } from 'playwright-core';
import { createApp } from '../src/api/app';
import { createPerson } from '../src/api/routes/people';
import { createContract } from '../src/services/contracts';
import { parseConfig } from '../src/config';
import { migrate } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { createLogger } from '../src/logger';
import { ensureServers } from './fault-servers';
import { dist, load } from './lib';
import { explainRequest } from './console-explain';
import { traceLoad } from './console-trace';
// @ts-expect-error -- the console's own paths (plain browser JS, no type declarations): what the contract page reads
import * as consolePaths from '../src/console/app/paths.js';

const CASES = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 20);
const contractOverviewPath = (consolePaths as { contractOverviewPath: (id: string) => string }).contractOverviewPath;
const OLD = process.env.BENCH_CONSOLE_OLD;
const CASE_NO = Math.ceil(CASES / 2); // the case page opens one from the middle
const PASSWORD = 'Bench-password-2026';

async function seed(pool: ReturnType<typeof createPool>, contractId: string, nowMs: number): Promise<void> {
  const t0 = Date.now();
  await pool.query(
    `WITH g AS (SELECT i, 1 + (i % 5) AS level, $3::bigint - 3600000 + i * 1000 AS rep, $3::bigint + i * 60000 AS due FROM generate_series(1, $2) i),
          ins AS (INSERT INTO fault_intakes (case_id, contract_id, case_no, request_hash, created_by)
                  SELECT 'fault:' || $1 || ':' || i, $1, i, 'h', 'bench' FROM g RETURNING case_id)
     INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status,
                              breached, awaiting, next_deadline_at, deadlines, exclusions, last_seq)
     SELECT 'fault:' || $1 || ':' || i, $1, i, level, 'bench fault ' || i, 'phone', level <= 2, 'bench', to_timestamp(rep / 1000.0),
            (ARRAY['reported', 'responded', 'investigating'])[1 + i % 3], i % 17 = 0, 'vendor', to_timestamp(due / 1000.0),
            jsonb_build_array(jsonb_build_object('id', 'response', 'kind', 'response', 'round', 1, 'clause', '4.9.4', 'startMs', rep, 'dueMs', due,
                                                 'warnAtMs', '[]'::jsonb, 'warned', 0, 'status', 'pending')),
            CASE WHEN i % 23 = 0 THEN '[{"status":"open","cause":"network"}]'::jsonb ELSE '[]'::jsonb END, 1
       FROM g`,
    [contractId, CASES, nowMs],
  );
  await pool.query(
    `INSERT INTO case_records (case_id, kind, contract_id, fence, last_seq) SELECT 'fault:' || $1 || ':' || i, 'fault', $1, 0, 1 FROM generate_series(1, $2) i`,
    [contractId, CASES],
  );
  await pool.query(
    `INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, detail, fence)
     SELECT 'fault:' || $1 || ':' || i, 1, 'case.reported', now(), now(), 'bench', 'hospital-operator', '{}', 0 FROM generate_series(1, $2) i`,
    [contractId, CASES],
  );
  await pool.query('ANALYZE');
  console.log(`seeded ${CASES} open cases with their report facts in ${Date.now() - t0} ms`);
}

async function main(): Promise<void> {
  const servers = await ensureServers();
  const adminUrl = process.env.WEIBAO_TEST_PG_URL!;
  const name = `bench_console_${randomUUID().slice(0, 8)}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 10);
  const connection = await Connection.connect({ address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS! });
  await migrate(pool);
  const app = createApp({
    config: { ...parseConfig({}), TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}` },
    pool,
    temporal: new Client({ connection }),
    log: createLogger('silent'),
    now: Date.now,
  });
  const listen = (a: typeof app) =>
    new Promise<import('node:http').Server>((resolve) => {
      const s = a.listen(0, '127.0.0.1', () => resolve(s));
    });
  const server = await listen(app);
  // The other build, same database and Temporal (its session cookie is the same one: cookies do not
  // tell ports apart).
  const oldServer = OLD
    ? await listen(
        ((await import(path.join(path.resolve(OLD), 'src/api/app'))) as { createApp: typeof createApp }).createApp({
          config: { ...parseConfig({}), TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}` },
          pool,
          temporal: new Client({ connection }),
          log: createLogger('silent'),
          now: Date.now,
        }),
      )
    : undefined;
  const oldBase = oldServer ? `http://127.0.0.1:${(oldServer.address() as AddressInfo).port}` : '';
  const browser = await chromium.launch({
    executablePath: process.env.WEIBAO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const contractId = 'C-BENCH';
    // Through the service, so the contract has its terms version 1 as every real one does (raw
    // SQL without it made GET /contract/fault-levels?contractId= answer 500, and the case page
    // asked again: the "fetched twice" of the first measurements).
    await createContract(
      pool,
      {
        id: contractId,
        name: 'bench',
        hospital: 'H',
        vendor: 'V',
        signedAt: '2025-01-02T09:00:00+08:00',
        amountFen: '123456789',
        yearlyFees: ['41152263', '41152263', '41152263'],
        termYears: 3,
        timeZone: 'Asia/Shanghai',
      },
      'bench',
      null,
    );
    await seed(pool, contractId, Date.now());
    await createPerson(pool, {
      login: 'bench.eng',
      displayName: 'bench',
      role: 'vendor-engineer',
      contracts: ['*'],
      password: PASSWORD,
      createdBy: 'bench',
    });
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const signIn = await page.request.post('/session', { data: { login: 'bench.eng', password: PASSWORD } });
    if (signIn.status() !== 201) throw new Error(`sign-in: ${signIn.status()}`);
    // In the page: a MutationObserver installed before any of the page's scripts notes when the
    // ready selector first appears (performance.now(), from the navigation's start), and the
    // resource timing entries say how many requests the page made and which ones waited for others.
    // (Browser code as strings: this project's TypeScript has no DOM library.)
    await context.addInitScript(`{
      const sel = sessionStorage.getItem('bench.ready');
      const check = () => {
        if (window.__ready === undefined && sel && document.querySelector(sel)) window.__ready = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    }`);
    // dataEndMs: when the last of the page's data answers had arrived (what is left to ready is the page's own render).
    type Run = { wallMs: number; inPageMs: number; dataEndMs: number; requests: number; waterfall: string[] };
    const ab: [string, Run[], Run[]][] = []; // BENCH_CONSOLE_OLD: each page's runs on this build and the other
    const measure = async (url: string, ready: string): Promise<Run[]> => {
      const out: Run[] = [];
      const old: Run[] = [];
      if (OLD) ab.push([`${url} ${ready}`, out, old]);
      for (let j = 0; j <= (OLD ? 2 * RUNS + 1 : RUNS); j++) {
        const i = OLD ? j >> 1 : j;
        // alternating which build goes first, so neither always follows the other
        const origin = OLD && (j + i) % 2 === 1 ? oldBase : '';
        await page.goto('about:blank');
        await page.goto(`${origin}/health`);
        await page.evaluate(`sessionStorage.setItem('bench.ready', ${JSON.stringify(ready)})`);
        await page.goto('about:blank');
        const t = performance.now();
        await page.goto(`${origin}${url}`);
        await page.locator(ready).first().waitFor({ state: 'attached' }); // an empty list has no box
        const wallMs = performance.now() - t;
        const inPage = (await page.evaluate(`(() => {
          const res = performance.getEntriesByType('resource');
          const nav = performance.getEntriesByType('navigation')[0];
          const row = (e) =>
            e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) +
            (e.transferSize === 0 ? ' (cache)' : '');
          const data = res.filter((e) => !new URL(e.name).pathname.startsWith('/console/') && e.responseEnd <= (window.__ready ?? Infinity));
          return {
            ready: window.__ready ?? NaN,
            dataEnd: Math.max(0, ...data.map((e) => e.responseEnd)),
            requests: res.length + 1,
            waterfall: [nav, ...res].map(row),
          };
        })()`)) as { ready: number; dataEnd: number; requests: number; waterfall: string[] };
        const run = {
          wallMs,
          inPageMs: inPage.ready,
          dataEndMs: inPage.dataEnd,
          requests: inPage.requests,
          waterfall: inPage.waterfall,
        };
        if (i > 0) (origin ? old : out).push(run); // the first is the warm-up
      }
      return out;
    };
    const api = async (path: string): Promise<ReturnType<typeof dist>> => {
      const out: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const t = performance.now();
        const r = await page.request.get(path);
        if (r.status() !== 200) throw new Error(`${path}: ${r.status()}`);
        await r.body();
        if (i > 0) out.push(performance.now() - t);
      }
      return dist(out);
    };
    const baseline = dist((await measure('/health', 'body')).map((r) => r.wallMs)); // 503 without a worker: the answer's size is all that matters
    const apiMe = await api('/me');
    const apiQueue = await api('/me/queue');
    const apiCase = await api(`/faults/${encodeURIComponent(`fault:${contractId}:${CASE_NO}`)}`);
    const apiContracts = await api('/contracts');
    const apiContract = await api(`/contracts/${contractId}`);
    const apiOverview = await api(contractOverviewPath(contractId));
    const apiQueueBytes = (await (await page.request.get('/me/queue')).body()).length;
    // BENCH_CONSOLE_EXPLAIN=1: each SQL statement of the console's first reads, under EXPLAIN ANALYZE.
    if (process.env.BENCH_CONSOLE_EXPLAIN)
      for (const path of [
        '/me',
        '/me/queue',
        `/faults/${encodeURIComponent(`fault:${contractId}:${CASE_NO}`)}`,
        '/contracts',
        contractOverviewPath(contractId),
      ])
        await explainRequest(pool, `GET ${path}`, () => page.request.get(path).then((r) => r.body()));
    const queueRuns = await measure('/console/#/queue', 'tbody tr[data-case]');
    const caseRuns = await measure(
      `/console/#/case/${encodeURIComponent(`fault:${contractId}:${CASE_NO}`)}`,
      '#case-h',
    );
    // The whole case page: heading, actions and its documents (fetched beside the case, item 2 of issue 16).
    const caseFullRuns = await measure(
      `/console/#/case/${encodeURIComponent(`fault:${contractId}:${CASE_NO}`)}`,
      'ul[data-docs=loaded]',
    );
    // The contract page (issue 16 item 2: the contract, its obligations, inspections, care,
    // acceptances, payments, staff, service requests, ledger and totals in one read) and the reports page.
    const contractRuns = await measure(`/console/#/contract/${contractId}`, '#contract-h');
    const reportsRuns = await measure('/console/#/reports', 'li[data-report]');
    const queue = dist(queueRuns.map((r) => r.wallMs));
    const casePage = dist(caseRuns.map((r) => r.wallMs));
    // BENCH_CONSOLE_TRACE=<file>: Chromium's own trace of one queue load, summarised up to its first fetches.
    if (process.env.BENCH_CONSOLE_TRACE)
      await traceLoad(browser, page, '/console/#/queue', 'tbody tr[data-case]', process.env.BENCH_CONSOLE_TRACE);
    // BENCH_CONSOLE_PROFILE=1: where one queue load's main-thread time goes (CPU profile, self time);
    // =case: one case page's load instead.
    if (process.env.BENCH_CONSOLE_PROFILE) {
      const [url, ready] =
        process.env.BENCH_CONSOLE_PROFILE === 'case'
          ? [`/console/#/case/${encodeURIComponent(`fault:${contractId}:${CASE_NO}`)}`, '#case-h']
          : ['/console/#/queue', 'tbody tr[data-case]'];
      const cdp = await context.newCDPSession(page);
      await page.goto('about:blank');
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples?.length ?? 1);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const id of profile.samples ?? []) {
        const f = byId.get(id)!.callFrame;
        const k = `${f.functionName || '(anonymous)'} ${f.url.replace(base, '')}:${f.lineNumber}`;
        self.set(k, (self.get(k) ?? 0) + dt);
      }
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15);
      console.log(`profile of one ${url} load (self ms): ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`);
    }
    const rows = await (async () => {
      await page.goto('/console/#/queue');
      await page.locator('tbody tr[data-case]').first().waitFor();
      return page.locator('tbody tr[data-case]').count();
    })();
    console.log(`load average ${load().join(' ')}`);
    console.log(`baseline: navigate to /health, ${JSON.stringify(baseline)} ms`);
    const line = (what: string, d: ReturnType<typeof dist>) =>
      console.log(
        `${what}: ${JSON.stringify(d)} ms, median ratio to baseline ${(d.p50 / Math.max(1, baseline.p50)).toFixed(1)}${d.p50 < 200 ? '' : '  OVER 200 ms'} (target first render < 200 ms)`,
      );
    console.log(
      `API alone: GET /me (baseline) ${JSON.stringify(apiMe)}, GET /me/queue ${JSON.stringify(apiQueue)} (${apiQueueBytes} bytes), GET /faults/{id} ${JSON.stringify(apiCase)}, GET /contracts ${JSON.stringify(apiContracts)}, GET /contracts/{id} ${JSON.stringify(apiContract)}, GET /contracts/{id}/overview ${JSON.stringify(apiOverview)} ms`,
    );
    line(`queue of ${CASES} open cases (first ${rows} rows, live countdowns)`, queue);
    line('case page (deadlines, permitted actions, timeline)', casePage);
    line('case page with its documents', dist(caseFullRuns.map((r) => r.wallMs)));
    line('contract page (one read, GET /contracts/{id}/overview)', dist(contractRuns.map((r) => r.wallMs)));
    line('reports page', dist(reportsRuns.map((r) => r.wallMs)));
    // The issue's measure: from the navigation's start to the data on screen, inside the page.
    const inPage = (what: string, runs: Run[]) => {
      const d = dist(runs.map((r) => r.inPageMs));
      console.log(
        `${what} in the page (navigation start to data on screen): ${JSON.stringify(d)} ms${d.p50 < 200 ? '' : '  OVER 200 ms'}, ${runs[0]!.requests} requests`,
      );
      const render = dist(runs.map((r) => r.inPageMs - r.dataEndMs));
      console.log(
        `  from its last data answer to data on screen (the page's render): p50 ${render.p50}, p95 ${render.p95} ms`,
      );
      console.log(`  one run's requests (start-end ms): ${runs[runs.length - 1]!.waterfall.join(', ')}`);
    };
    inPage('queue', queueRuns);
    inPage('case page', caseRuns);
    inPage('case page with its documents', caseFullRuns);
    inPage('contract page', contractRuns);
    inPage('reports page', reportsRuns);
    for (const [what, mine, old] of ab) {
      const [a, b] = [dist(mine.map((r) => r.inPageMs)), dist(old.map((r) => r.inPageMs))];
      console.log(
        `A/B ${what}: in the page new ${a.p50}/${a.p95}, old (${OLD}) ${b.p50}/${b.p95} ms p50/p95, ratio new/old p50 ${(a.p50 / b.p50).toFixed(2)}`,
      );
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    if (oldServer) await new Promise((r) => oldServer.close(r));
    await pool.end();
    await connection.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    await servers.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
