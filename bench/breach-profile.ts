// Where a breach's time and locks go (issue 10's bench line: breach lateness p99, burst
// throughput), one short run. Not a benchmark with a target: it counts what load does not change
// (statements and round trips of each breach's record transaction, lock waits and what they
// waited on, from PostgreSQL's own log) and splits each probe's lateness into the workflow tasks
// around its deadline (from its history), next to the same run's raw timer workflows: the SDK's
// and the server's own cost of a trivial task on this machine at this moment (the baseline).
// Run: npx tsx bench/breach-profile.ts [open=200] [probes=60] [burst=200]   (BENCH_WINDOW_S=20)
import { randomUUID } from 'node:crypto';
import { ensureServers } from './fault-servers';
import { breachRows, taskStages } from './lateness';
import { dist, jsonClient, load, pool, sleepMs, runMain } from './lib';
import { capturePgLog, kindOf, parsePgLog, transactions, waitsByObject, type Tx } from './pg-log';
import { startBenchWorker } from './worker';

const [OPEN, PROBES, BURST] = [200, 60, 200].map((d, i) => Number(process.argv[2 + i] ?? d));
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? 20) * 1000;
const C = 8;
const MIN = 60_000;
const WORKER_APP = 'bench-worker';
const log = (m: string) => process.stderr.write(`[${new Date().toISOString()} load ${load().join(' ')}] ${m}\n`);

/** A breach's record transaction: the one that proposes its penalty (an INSERT INTO ledger_entries), keyed by its case. */
function breachTxs(txs: Tx[]): Map<string, Tx> {
  const out = new Map<string, Tx>();
  for (const t of txs) {
    if (!t.statements.some((s) => /INSERT INTO ledger_entries/i.test(s.sql))) continue;
    const head = t.statements.find((s) => /case_records/.test(s.sql));
    const caseId = /\$1 = '([^']+)'/.exec(head?.params ?? '')?.[1];
    if (caseId) out.set(caseId, t);
  }
  return out;
}

/** Statement kinds of the transactions (per transaction), their round trips and where the locks are held. */
function txFigures(txs: Tx[]) {
  const kinds = new Map<string, number>();
  for (const t of txs) for (const s of t.statements) kinds.set(kindOf(s.sql), (kinds.get(kindOf(s.sql)) ?? 0) + 1);
  // Held from the end of the statement that took it (its duration includes waiting for it) to
  // COMMIT: the contract's row, the ledger chain's head row.
  const heldFrom = (t: Tx, re: RegExp) => {
    const s = t.statements.find((x) => re.test(x.sql));
    return s ? t.commitMs - s.endMs : undefined;
  };
  const held = (re: RegExp) =>
    dist(txs.map((t) => heldFrom(t, re)).filter((x): x is number => x !== undefined && Number.isFinite(x)));
  return {
    transactions: txs.length,
    roundTripsPerTx: dist(txs.map((t) => t.statements.length)),
    statements: [...kinds.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => ({ statement: k, perTx: +(n / Math.max(1, txs.length)).toFixed(2) })),
    wallMs: dist(txs.map((t) => t.commitMs - t.startMs)),
    inServerMs: dist(txs.map((t) => t.serverMs)),
    contractLockHeldMs: held(/FOR NO KEY UPDATE/i),
    chainHeadHeldMs: held(/INSERT INTO ledger_status_events/i),
  };
}

async function main() {
  const servers = await ensureServers();
  const { startStack, eventually } = await import('../test/helpers/stack');
  const { createContract } = await import('../test/helpers/fixtures');
  const stack = await startStack({ worker: false, apiConfig: { VALIDATE_RESPONSES: false } });
  process.env.PGAPPNAME = WORKER_APP; // the worker's connections are told apart in the log
  const worker = await startBenchWorker({
    address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS!,
    dbUrl: stack.db.url,
    taskQueue: stack.taskQueue,
  });
  delete process.env.PGAPPNAME;
  const http = jsonClient(stack.baseUrl, C);
  const operator = { authorization: `Bearer ${stack.keys['hospital-operator']}` };
  const su = stack.db.pool;
  const idle = async () =>
    Number((await su.query('SELECT count(*) AS n FROM fault_cases WHERE last_seq = 0')).rows[0].n) === 0;
  try {
    const contractId = (await createContract(stack)).id as string;
    const report = async (body: Record<string, unknown>) => {
      const r = await http('POST', `/contracts/${contractId}/faults`, operator, {
        title: 'bench',
        channel: 'web',
        reporter: 'bench',
        ...body,
      });
      if (r.status !== 201) throw new Error(`intake: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body as { caseId: string }).caseId;
    };
    log(`opening ${OPEN} level-5 cases`);
    await pool(OPEN, C, () => report({ level: 5 }));
    await eventually(idle, 900_000, 500);
    const stop = await capturePgLog(su);
    const loadBefore = load();

    // Probes due evenly over the window, a raw timer workflow due between each two.
    const t0 = Date.now() + 15_000 + PROBES * 100;
    const dueOf = (i: number) => t0 + Math.round((i * WINDOW_MS) / PROBES);
    log(`${PROBES} probes and ${PROBES} raw timers over ${WINDOW_MS / 1000} s`);
    const timers: { id: string; dueMs: number }[] = [];
    const probes = await pool(PROBES, C, async (i) => {
      const t = { id: `timer-${randomUUID()}`, dueMs: dueOf(i) + Math.round(WINDOW_MS / PROBES / 2) };
      await stack.client.workflow.start('timerProbeWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId: t.id,
        args: [t.dueMs],
      });
      timers.push(t);
      return report({ level: 1, reportedAt: new Date(dueOf(i) - 15 * MIN).toISOString() });
    });
    await eventually(idle, 300_000, 200);
    if (Date.now() > t0) log('WARNING: the probes were not idle before the first was due');
    await sleepMs(t0 + WINDOW_MS - Date.now() + 2_000);
    await eventually(async () => (await breachRows(su, probes)).length === PROBES, 300_000, 500);
    await Promise.all(timers.map((t) => stack.client.workflow.getHandle(t.id).result()));
    const loadAfterProbes = load();
    const probeEnd = Date.now();

    let burstIds: string[] = [];
    const dueB = Date.now() + 15_000 + BURST * 60;
    if (BURST > 0) {
      log(`burst: ${BURST} breaches due together`);
      burstIds = await pool(BURST, C, () => report({ level: 1, reportedAt: new Date(dueB - 15 * MIN).toISOString() }));
      await eventually(async () => (await breachRows(su, burstIds)).length === BURST, 600_000, 500);
    }
    const text = await stop();
    const { statements, waits } = parsePgLog(text);
    const mine = statements.filter((s) => s.app === WORKER_APP);
    const byCase = breachTxs(transactions(mine));
    const rows = new Map((await breachRows(su, [...probes, ...burstIds])).map((r) => [r.caseId, r]));
    const pick = (ids: string[]) => ids.map((id) => byCase.get(id)).filter((t): t is Tx => !!t);
    const workerPids = new Set(mine.map((s) => s.pid));
    const waitsIn = (from: number, to: number) =>
      waits.filter((w) => workerPids.has(w.pid) && w.endMs >= from && w.endMs <= to);

    // Per probe: the tasks around its deadline (history) and its record transaction (log), same clock.
    const stages = (await pool(PROBES, C, (i) => taskStages(stack.client, probes[i]!, dueOf(i)))).map((s, i) => {
      const tx = byCase.get(probes[i]!);
      const row = rows.get(probes[i]!);
      return s && tx && row ? { ...s, tx, row } : undefined;
    });
    const ok = stages.filter((s) => s !== undefined);
    const raw = (await pool(timers.length, C, (i) => taskStages(stack.client, timers[i]!.id, timers[i]!.dueMs))).filter(
      (s) => s !== undefined,
    );
    const out = {
      load: { before: loadBefore, afterProbes: loadAfterProbes, end: load() },
      openCases: OPEN,
      probes: {
        n: PROBES,
        recordedMs: dist(ok.map((s) => s.row.recordedMs - s.row.dueMs)),
        committedMs: dist(ok.map((s) => s.tx.commitMs - s.row.dueMs)),
        stages: {
          armTaskRunMs: dist(ok.map((s) => s.armTaskRunMs)),
          pickupMs: dist(ok.map((s) => s.pickupMs)),
          taskStartToBeginMs: dist(ok.map((s) => s.row.recordedMs - s.firedTaskStartMs)),
          beginToCommitMs: dist(ok.map((s) => s.tx.commitMs - s.row.recordedMs)),
          commitToTaskDoneMs: dist(ok.map((s) => s.firedTaskDoneMs - s.tx.commitMs)),
          firedTaskRunMs: dist(ok.map((s) => s.firedTaskRunMs)),
        },
        record: txFigures(pick(probes)),
        lockWaits: await waitsByObject(su, waitsIn(t0, probeEnd)),
      },
      rawTimerBaseline: {
        armTaskRunMs: dist(raw.map((s) => s.armTaskRunMs)),
        pickupMs: dist(raw.map((s) => s.pickupMs)),
        firedTaskRunMs: dist(raw.map((s) => s.firedTaskRunMs)),
      },
      burst:
        BURST > 0
          ? {
              n: BURST,
              breachesPerSec: +(
                BURST /
                ((Math.max(...burstIds.map((id) => rows.get(id)!.recordedMs)) - dueB) / 1000)
              ).toFixed(1),
              record: txFigures(pick(burstIds)),
              lockWaits: await waitsByObject(su, waitsIn(probeEnd, Date.now())),
            }
          : { skipped: true },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await worker.stop();
    await stack.stop();
    await servers.stop();
  }
}

runMain(main);
