// Report benchmark (issue 14): one contract with 100,000 fault cases over its first year and
// 10,000 ledger entries, seeded with SQL, then through the real API: the SLA report (by month
// and by year), the penalty statement, and the filtered case lists (GET /faults, GET /ledger).
// Targets: each report under 2 s, list p99 under 100 ms. The baselines, measured in the same run
// on the same rows: for reports one aggregate scan of the contract's cases (SELECT count(*),
// avg(level)), for lists one authenticated read of a single row (GET /contracts/{id}); ratios
// say what a report or a list costs over them. Bounded: fixed request counts (BENCH_LIST_N per
// list filter, default 200, so p99 is the 2nd-worst request, not the worst of 20).
// Run: npx tsx bench/reports.ts [cases=100000]
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../src/api/app';
import { createApiKey } from '../src/api/api-keys';
import { parseConfig } from '../src/config';
import { migrate } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { createLogger } from '../src/logger';
import { ensureServers } from './fault-servers';
import { dist, jsonClient, load, median } from './lib';

const CASES = Number(process.argv[2] ?? 100_000);
const LIST_N = Number(process.env.BENCH_LIST_N ?? 200);
const SIGNED = '2025-01-02T09:00:00+08:00';

async function seed(pool: ReturnType<typeof createPool>, contractId: string): Promise<void> {
  const t0 = Date.now();
  // Reported uniformly over year 1; response due by level (15/30/120/240/360 min) and done
  // after 0.2-2x of it, so some are late; levels 1-2 carry on-site and replacement deadlines.
  await pool.query(
    `WITH g AS (SELECT i, 1 + (i % 5) AS level,
                       extract(epoch FROM $2::timestamptz)::bigint * 1000 + (i::bigint * 31536000000 / $3) AS rep FROM generate_series(1, $3) i),
          d AS (SELECT i, level, rep, (ARRAY[15, 30, 120, 240, 360])[level] * 60000::bigint AS due, ((i * 7919) % 180 + 20) / 100.0 AS f FROM g),
          ins AS (INSERT INTO fault_intakes (case_id, contract_id, case_no, request_hash, created_by)
                  SELECT 'fault:' || $1 || ':' || i, $1, i, 'h', 'bench' FROM d RETURNING case_id)
     INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status, breached, awaiting, deadlines, exclusions, last_seq)
     SELECT 'fault:' || $1 || ':' || i, $1, i, level, 'bench fault ' || i, 'phone', level <= 2, 'bench', to_timestamp(rep / 1000.0),
            (ARRAY['closed', 'closed', 'closed', 'resolved', 'investigating'])[1 + i % 5], f > 1, 'none',
            jsonb_build_array(jsonb_build_object('id', 'response', 'kind', 'response', 'round', 1, 'startMs', rep, 'dueMs', rep + due, 'status', CASE WHEN f > 1 THEN 'breached' ELSE 'met' END, 'doneAtMs', rep + (due * f)::bigint))
              || CASE WHEN level <= 2 THEN jsonb_build_array(
                   jsonb_build_object('id', 'onsite', 'kind', 'onsite', 'round', 1, 'startMs', rep, 'dueMs', rep + 43200000, 'status', 'met', 'doneAtMs', rep + 3600000),
                   jsonb_build_object('id', 'replacement', 'kind', 'replacement', 'round', 1, 'startMs', rep, 'dueMs', rep + 86400000, 'status', 'cancelled')) ELSE '[]'::jsonb END,
            CASE WHEN i % 50 = 0 THEN '[{"status":"accepted","cause":"network"}]'::jsonb ELSE '[]'::jsonb END, 1
       FROM d`,
    [contractId, SIGNED, CASES],
  );
  // Re-grade / reopen facts on every 40th case, in the case kernel's timeline (case_facts) or the older fault_events.
  const kernel = (await pool.query(`SELECT to_regclass('case_facts') IS NOT NULL AS k`)).rows[0].k as boolean;
  if (kernel) {
    await pool.query(
      `INSERT INTO case_records (case_id, kind, contract_id, fence, last_seq) SELECT 'fault:' || $1 || ':' || i, 'fault', $1, 0, 1 FROM generate_series(1, $2, 40) i`,
      [contractId, CASES],
    );
    await pool.query(
      `INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, detail, fence)
       SELECT 'fault:' || $1 || ':' || i, 1, CASE WHEN i % 2 = 0 THEN 'case.regraded' ELSE 'case.reopened' END, now(), now(), 'bench', 'hospital-operator', '{}', 0
         FROM generate_series(1, $2, 40) i`,
      [contractId, CASES],
    );
  } else {
    await pool.query(
      `INSERT INTO fault_events (case_id, seq, at, type, actor, role, detail)
       SELECT 'fault:' || $1 || ':' || i, 1, now(), CASE WHEN i % 2 = 0 THEN 'case.regraded' ELSE 'case.reopened' END, 'bench', 'hospital-operator', '{}'
         FROM generate_series(1, $2, 40) i`,
      [contractId, CASES],
    );
  }
  await pool.query(
    `WITH e AS (INSERT INTO ledger_entries (key, contract_id, contract_year, clause, terms_version, case_kind, case_id, fact, amount_fen, basis, occurred_at, created_by)
                SELECT 'bench:' || i, $1, 1, (ARRAY['6.2.1', '6.2.1', '6.3', '6.5'])[1 + i % 4], 1, 'fault', 'fault:' || $1 || ':' || (i * 10), 'bench entry ' || i,
                       100000, 'bench', $2::timestamptz + make_interval(hours => i % 8000), 'bench'
                  FROM generate_series(1, $3 / 10) i RETURNING id, key)
     INSERT INTO ledger_status_events (entry_id, status, actor) SELECT id, (ARRAY['proposed', 'confirmed', 'waived', 'disputed'])[1 + (substr(key, 7)::int % 4)], 'bench' FROM e`,
    [contractId, SIGNED, CASES],
  );
  await pool.query('ANALYZE');
  console.log(
    `seeded ${CASES} cases, ${CASES / 40} re-grade/reopen facts, ${CASES / 10} ledger entries in ${Date.now() - t0} ms`,
  );
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const servers = await ensureServers();
  const adminUrl = process.env.WEIBAO_TEST_PG_URL!;
  const name = `bench_reports_${randomUUID().slice(0, 8)}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 10);
  const connection = await Connection.connect({ address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS! });
  const server = await (async () => {
    await migrate(pool);
    const config = { ...parseConfig({}), TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}` };
    const app = createApp({
      config,
      pool,
      temporal: new Client({ connection }),
      log: createLogger('silent'),
      now: () => Date.parse('2026-03-01T10:00:00+08:00'),
    });
    return new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  })();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = jsonClient(base, 4);
    const key = (await createApiKey(pool, { name: 'bench', role: 'admin' })).key;
    const auth = { authorization: `Bearer ${key}` };
    const contractId = 'C-BENCH';
    const created = await call('POST', '/contracts', auth, {
      id: contractId,
      name: 'bench',
      hospital: 'H',
      vendor: 'V',
      signedAt: SIGNED,
      amountFen: '123456789',
      yearlyFees: ['41152263', '41152263', '41152263'],
      termYears: 3,
    });
    if (created.status !== 201) throw new Error(`contract: ${created.status} ${JSON.stringify(created.body)}`);
    await seed(pool, contractId);

    const baseline = await timed(5, () =>
      pool.query('SELECT count(*), avg(level) FROM fault_cases WHERE contract_id = $1', [contractId]),
    );
    const ok = (path: string) => async () => {
      const r = await call('GET', path, auth);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      return r;
    };
    const reports: Record<string, number[]> = {
      'sla by month (13 periods x 6 levels)': await timed(
        5,
        ok(`/contracts/${contractId}/reports/sla?year=1&by=month`),
      ),
      'sla by year': await timed(5, ok(`/contracts/${contractId}/reports/sla?year=1&by=year`)),
      'penalty statement (10,000 entries)': await timed(
        5,
        ok(`/contracts/${contractId}/reports/penalty-statement?year=1`),
      ),
      'O&M record (faults per level + first 200 cases)': await timed(
        5,
        ok(`/contracts/${contractId}/reports/om-record?year=1`),
      ),
    };
    const b = median(baseline);
    console.log(`load average ${load().join(' ')}`);
    console.log(`baseline: one aggregate scan of ${CASES} cases, median ${b.toFixed(1)} ms`);
    for (const [k, xs] of Object.entries(reports))
      console.log(
        `${k}: median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms, ratio to baseline ${(median(xs) / b).toFixed(1)} (target < 2000 ms)`,
      );

    const filters = [
      `/faults?contractId=${contractId}`,
      `/faults?contractId=${contractId}&status=investigating`,
      `/faults?contractId=${contractId}&level=1`,
      `/faults?contractId=${contractId}&level=2&status=resolved`,
      `/faults?contractId=${contractId}&breached=true&level=5`,
      `/faults?contractId=${contractId}&from=2025-06-01T00:00:00%2B08:00&to=2025-06-08T00:00:00%2B08:00`,
      `/faults?contractId=${contractId}&status=closed&offset=400`,
      `/ledger?contractId=${contractId}&limit=100`,
      `/ledger?contractId=${contractId}&status=disputed&limit=100`,
      `/ledger?contractId=${contractId}&status=confirmed&limit=100`,
      `/ledger?contractId=${contractId}&status=held&limit=100`,
      `/ledger?contractId=${contractId}&year=1&clause=6.3&limit=100`,
      `/ledger?contractId=${contractId}&year=1&clause=6.2.1&status=proposed&limit=100`,
      `/ledger?caseId=${encodeURIComponent(`fault:${contractId}:500`)}`,
    ];
    const one = `/contracts/${contractId}`;
    for (const f of [one, ...filters]) await ok(f)(); // warm
    const single = await timed(LIST_N, ok(one));
    console.log(`list baseline: GET /contracts/{id} (one row), ${JSON.stringify(dist(single))} ms`);
    const all: number[] = [];
    for (const f of filters) {
      const xs = await timed(LIST_N, ok(f));
      all.push(...xs);
      const d = dist(xs);
      console.log(
        `  ${f.replace(contractId, 'C').replace(encodeURIComponent(`fault:${contractId}`), 'fault:C')}: ${JSON.stringify(d)} p99 ratio ${(d.p99 / Math.max(1, dist(single).p99)).toFixed(1)}${d.p99 < 100 ? '' : '  OVER 100 ms'}`,
      );
    }
    console.log(
      `case and ledger lists with filters (${filters.length} kinds x ${LIST_N}, sequential): ${JSON.stringify(dist(all))} ms (target p99 < 100 ms); load average ${load().join(' ')}`,
    );
  } finally {
    await new Promise((r) => server.close(r));
    await connection.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
