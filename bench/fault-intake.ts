// Fault case benchmark on the dev server (issue 4), in one run:
//  1. intake through the API (POST /contracts/:id/faults) vs raw client.workflow.start of the
//     empty pingWorkflow: rate ratio (target >= 0.7);
//  2. history events of a full level-1 lifecycle driven through the API (target < 100);
//  3. how late response breaches are recorded with N open cases whose deadlines fall together
//     (target p99 < 2 s): lateness = fault_events.recorded_at - due time.
// Run: npx tsx bench/fault-intake.ts   (env: BENCH_N intake requests, BENCH_OPEN open cases, BENCH_CONCURRENCY,
// BENCH_CONTRACTS contracts the open cases are spread over)
import { randomUUID } from 'node:crypto';
import { ensureServers } from './fault-servers';

const N = Number(process.env.BENCH_N ?? 300);
const OPEN = Number(process.env.BENCH_OPEN ?? 2000);
const C = Number(process.env.BENCH_CONCURRENCY ?? 16);
// The ledger serialises proposals per contract (contract core locks the contract row), so the
// open cases can be spread over several contracts to separate that cost from the workflow's.
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1);
const MIN = 60_000;

async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    for (let i = next++; i < n; i = next++) out[i] = await fn(i);
  }));
  return out;
}
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

async function main() {
  const servers = await ensureServers();
  // Imported after the servers exist: the helpers read their addresses from the environment.
  const { startStack, eventually } = await import('../test/helpers/stack');
  const { createContract } = await import('../test/helpers/fixtures');
  const stack = await startStack();
  try {
    const contractId = (await createContract(stack)).id as string;
    const spread = [contractId];
    for (let i = 1; i < CONTRACTS; i++) spread.push((await createContract(stack)).id as string);
    const report = (body: Record<string, unknown>, cid = contractId) => stack.call('hospital-operator', 'POST', `/contracts/${cid}/faults`, { title: 'bench', channel: 'web', reporter: 'bench', ...body });
    // Warm-up: bundle loaded, connections open, JIT warm.
    await pool(20, 4, async () => { await stack.client.workflow.start('pingWorkflow', { taskQueue: stack.taskQueue, workflowId: `warm-${randomUUID()}`, args: ['x'] }); });
    await pool(20, 4, async () => { await report({ level: 5 }); });

    // 1. Intake rate vs raw start rate.
    let t = performance.now();
    await pool(N, C, async () => { await stack.client.workflow.start('pingWorkflow', { taskQueue: stack.taskQueue, workflowId: `ping-${randomUUID()}`, args: ['x'] }); });
    const rawRate = N / ((performance.now() - t) / 1000);
    t = performance.now();
    const statuses = await pool(N, C, async () => (await report({ level: 5 })).status);
    const apiRate = N / ((performance.now() - t) / 1000);
    if (statuses.some((s) => s !== 201)) throw new Error(`intake failed: ${statuses.filter((s) => s !== 201).length} non-201`);

    // 2. History of a full level-1 lifecycle through the API.
    const { body: { caseId } } = await report({ level: 1 });
    const act = async (role: 'vendor-engineer' | 'hospital-operator', action: string, body: Record<string, unknown>) => {
      const r = await stack.call(role, 'POST', `/faults/${encodeURIComponent(caseId)}/${action}`, body);
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await act('vendor-engineer', 'respond', { engineer: 'Wang', how: 'remote' });
    await act('vendor-engineer', 'investigate', {});
    await act('vendor-engineer', 'analysis', { reference: 'doc://fa', checksum: 'sha256:abcdef01' });
    await act('vendor-engineer', 'onsite', { engineer: 'Wang' });
    await act('vendor-engineer', 'replacement', { description: 'spare server' });
    await act('vendor-engineer', 'resolve', { summary: 'fixed' });
    await act('hospital-operator', 'confirm', {});
    const handle = stack.client.workflow.getHandle(caseId);
    await handle.result();
    const events = (await handle.fetchHistory()).events?.length ?? 0;

    // 3. Breach lateness with OPEN open cases whose 15-minute response deadlines fall together.
    const lead = Math.max(30_000, (OPEN / Math.max(apiRate, 1)) * 1000 * 1.5 + 10_000);
    const dueMs = Date.now() + lead;
    const reportedAt = new Date(dueMs - 15 * MIN).toISOString();
    const tIntake = performance.now();
    const ids = await pool(OPEN, C, async (i) => {
      const r = await report({ level: 1, reportedAt }, spread[i % spread.length]);
      if (r.status !== 201) throw new Error(`intake: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.caseId as string;
    });
    const intakeS = (performance.now() - tIntake) / 1000;
    if (Date.now() > dueMs) throw new Error('intake of the open cases took longer than the lead time; lower BENCH_OPEN');
    // late_ms: until the breach is in PostgreSQL; wf_late_ms: until the workflow recorded it (its fact time).
    const sql = `SELECT extract(epoch FROM (recorded_at - $2::timestamptz)) * 1000 AS late_ms,
                        extract(epoch FROM (at - $2::timestamptz)) * 1000 AS wf_late_ms FROM fault_events
                  WHERE case_id = ANY($1) AND type = 'deadline.breached' AND detail->>'deadline' = 'response'`;
    const rows = await eventually(async () => {
      const r = await stack.db.pool.query(sql, [ids, new Date(dueMs)]);
      return r.rows.length === ids.length && r.rows;
    }, lead + 300_000, 1_000);
    const late = rows.map((r: { late_ms: string }) => Number(r.late_ms));
    const wfLate = rows.map((r: { wf_late_ms: string }) => Number(r.wf_late_ms));

    const out = {
      intake: { requests: N, concurrency: C, rawStartPerSec: +rawRate.toFixed(1), apiIntakePerSec: +apiRate.toFixed(1), ratio: +(apiRate / rawRate).toFixed(2), target: '>= 0.7' },
      level1Lifecycle: { historyEvents: events, target: '< 100' },
      breachLateness: { openCases: OPEN, contracts: CONTRACTS, intakeSeconds: +intakeS.toFixed(1), p50Ms: Math.round(pct(late, 50)), p99Ms: Math.round(pct(late, 99)), maxMs: Math.round(Math.max(...late)),
        workflowP50Ms: Math.round(pct(wfLate, 50)), workflowP99Ms: Math.round(pct(wfLate, 99)), target: 'p99 < 2000 ms' },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await stack.stop();
    await servers.stop();
  }
}

main().then(() => process.exit(0), (e) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
