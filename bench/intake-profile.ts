// Where a fault intake's cost goes (issue 10's bench line), one short run: PostgreSQL statements
// per case by process (the API's and the worker's, from the server's own statement log), the
// CPU per case of each process, and the case's first workflow task as the server holds it
// (history events and their payload bytes). Not a benchmark: no ratio, no target; it names
// the statements and events so a change can be checked against them.
// Run: npx tsx bench/intake-profile.ts [cases=100]   (BENCH_WORKER_PROFILE_DIR: worker CPU profiles)
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { ensureServers } from './fault-servers';
import { cpuNow, cpuPerOp } from './cpu';
import { jsonClient, load, pool, runMain } from './lib';
import { startBenchWorker } from './worker';

const N = Number(process.argv[2] ?? 100);
const C = 8;
const WORKER_APP = 'bench-worker';

/** "INSERT INTO case_facts (case_id, ..." -> "INSERT INTO case_facts": a statement's kind. */
function kindOf(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m =
    /^(WITH \w+ AS \( ?(?:SELECT|INSERT INTO|UPDATE|DELETE FROM) \w+|INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+|SELECT .*? FROM \w+|\w+(?: \w+)?)/i.exec(
      s,
    );
  return (m?.[1] ?? s).slice(0, 90);
}

async function main() {
  const servers = await ensureServers();
  const { startStack, eventually } = await import('../test/helpers/stack');
  const { createContract } = await import('../test/helpers/fixtures');
  // The production API: answers are not checked against their schemas (VALIDATE_RESPONSES, the test suite's check).
  const stack = await startStack({ worker: false, apiConfig: { VALIDATE_RESPONSES: false } });
  // node-pg names its connections by PGAPPNAME: the worker's statements are told apart in the log.
  process.env.PGAPPNAME = WORKER_APP;
  const worker = await startBenchWorker({
    address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS!,
    dbUrl: stack.db.url,
    taskQueue: stack.taskQueue,
  });
  delete process.env.PGAPPNAME;
  const http = jsonClient(stack.baseUrl, C);
  const operator = { authorization: `Bearer ${stack.keys['hospital-operator']}` };
  const su = stack.db.pool;
  try {
    const contractId = (await createContract(stack)).id as string;
    const report = async () => {
      const r = await http('POST', `/contracts/${contractId}/faults`, operator, {
        title: 'bench',
        channel: 'web',
        reporter: 'bench',
        level: 5,
      });
      if (r.status !== 201) throw new Error(`intake: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body as { caseId: string }).caseId;
    };
    const idle = async () =>
      Number((await su.query('SELECT count(*) AS n FROM fault_cases WHERE last_seq = 0')).rows[0].n) === 0;
    await pool(30, 4, report); // warm: bundle, connections, JIT, API key cache
    await eventually(idle, 120_000, 100);

    const dataDir = (await su.query("SELECT current_setting('data_directory') AS d")).rows[0].d as string;
    const logFile = path.join(dataDir, 'server.log');
    await su.query("ALTER SYSTEM SET log_min_duration_statement = '0'");
    await su.query("ALTER SYSTEM SET log_line_prefix = '@%a@ '");
    await su.query('SELECT pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 500));
    const from = statSync(logFile).size;
    const c0 = cpuNow(worker.pid);
    const ids = await pool(N, C, report);
    await eventually(idle, 300_000, 100);
    const cpu = cpuPerOp(c0, cpuNow(worker.pid), N);
    await su.query('ALTER SYSTEM RESET log_min_duration_statement');
    await su.query('ALTER SYSTEM RESET log_line_prefix');
    await su.query('SELECT pg_reload_conf()');

    // "@app@ LOG:  duration: 0.123 ms  execute <unnamed>: SQL" (continuation lines start with a tab)
    const text = readFileSync(logFile, 'utf8').slice(from);
    const byKind = new Map<string, { n: number; ms: number }>();
    const perProcess = { api: { n: 0, ms: 0 }, worker: { n: 0, ms: 0 } };
    // Extended protocol: parse, bind and execute are logged apart; a statement counts once (execute).
    const line =
      /^@([^@]*)@ LOG: {2}duration: ([\d.]+) ms {2}(execute|statement|parse|bind)[^:]*: ([^\n]*(?:\n\t[^\n]*)*)/gm;
    for (const m of text.matchAll(line)) {
      const who = m[1] === WORKER_APP ? 'worker' : 'api';
      const ms = Number(m[2]);
      const counts = m[3] === 'execute' || m[3] === 'statement' ? 1 : 0;
      const k = `${who}: ${kindOf(m[4]!)}`;
      const e = byKind.get(k) ?? { n: 0, ms: 0 };
      e.n += counts;
      e.ms += ms;
      byKind.set(k, e);
      perProcess[who].n += counts;
      perProcess[who].ms += ms;
    }
    const statements = [...byKind.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, v]) => ({ statement: k, perCase: +(v.n / N).toFixed(2), msPerCase: +(v.ms / N).toFixed(3) }));

    // The first workflow task of one case, as the server holds it.
    const history = await stack.client.workflow.getHandle(ids[0]!).fetchHistory();
    const events = (history.events ?? []).map((e) => {
      const bytes = temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
      return { type: temporal.api.enums.v1.EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', ''), bytes };
    });
    process.stdout.write(
      `${JSON.stringify(
        {
          load: load(),
          cases: N,
          cpuMsPerCase: cpu,
          statementsPerCase: {
            api: +(perProcess.api.n / N).toFixed(2),
            worker: +(perProcess.worker.n / N).toFixed(2),
            apiMs: +(perProcess.api.ms / N).toFixed(3),
            workerMs: +(perProcess.worker.ms / N).toFixed(3),
          },
          statements,
          firstTask: { events: events.length, bytes: events.reduce((a, e) => a + e.bytes, 0), list: events },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await worker.stop();
    await stack.stop();
    await servers.stop();
  }
}

runMain(main);
