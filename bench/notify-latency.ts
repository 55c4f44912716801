// Notification delivery benchmark (issue 13): latency from the fact to the channel with
// BENCH_OPEN open cases (idle level-5 faults), one run, against a baseline of the same run.
//  - reported: BENCH_PROBES level-1 reports, one every BENCH_GAP_MS; from the report's commit
//    (the POST's start) to the on-duty engineer's webhook and WeChat Work robot;
//  - breach: BENCH_PROBES level-1 cases back-dated so their 15-minute response deadlines fall
//    due evenly over BENCH_WINDOW_S; from the due instant to the webhook (timer + record + delivery);
//  - baseline: the same signed webhook POSTed directly by this process (the channel's own cost).
// The worker runs in its own process (bench/worker.ts, notifications to the outbox); the
// dispatcher runs here on its own pool, as the worker runs it in production (src/notify).
// Run: npx tsx bench/notify-latency.ts   (BENCH_OPEN=200 for a quick look)
import { ensureServers } from './fault-servers';
import { dist, jsonClient, load, pool, sleepMs } from './lib';
import { startBenchWorker } from './worker';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const OPEN = env('BENCH_OPEN', 2000);
const PROBES = env('BENCH_PROBES', 100);
const GAP_MS = env('BENCH_GAP_MS', 200);
const WINDOW_MS = env('BENCH_WINDOW_S', 60) * 1000;
const C = 16;
const MIN = 60_000;
const log = (m: string) => process.stderr.write(`[${new Date().toISOString()} load ${load().join(' ')}] ${m}\n`);

async function main() {
  const servers = await ensureServers();
  process.env.BENCH_WORKER_OUTBOX = '1';
  const { startStack, eventually } = await import('../test/helpers/stack');
  const { createContract } = await import('../test/helpers/fixtures');
  const { startReceivers } = await import('../test/helpers/receivers');
  const { channelsFor, putPerson, testDispatcher } = await import('../test/helpers/notify');
  const { createSender } = await import('../src/notify/channels');
  const rx = await startReceivers();
  const stack = await startStack({ worker: false });
  const worker = await startBenchWorker({
    address: process.env.WEIBAO_TEST_TEMPORAL_ADDRESS!,
    dbUrl: stack.db.url,
    taskQueue: stack.taskQueue,
  });
  const dispatcher = testDispatcher(stack, rx, { pollMs: 1000, sendTimeoutMs: 10_000 });
  const http = jsonClient(stack.baseUrl, C);
  const operator = { authorization: `Bearer ${stack.keys['hospital-operator']}` };
  try {
    const contractId = (await createContract(stack)).id as string;
    await putPerson(stack, contractId, 'duty', {
      name: '值班工程师',
      party: 'vendor',
      role: 'engineer',
      channels: channelsFor(rx, 'duty', ['webhook', 'wecom']),
    });
    const report = async (body: Record<string, unknown>) => {
      const r = await http('POST', `/contracts/${contractId}/faults`, operator, {
        title: 'bench',
        channel: 'web',
        reporter: 'bench',
        ...body,
      });
      if (r.status !== 201) throw new Error(`intake: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { caseId: string; deadlines: { kind: string; dueAt: string }[] };
    };
    log(`opening ${OPEN} level-5 cases`);
    const t0 = performance.now();
    await pool(OPEN, C, () => report({ level: 5 }));
    // Their own "reported" messages are delivered too: wait until the backlog is drained.
    await eventually(
      async () =>
        Number((await stack.db.pool.query(`SELECT count(*) AS n FROM fault_cases WHERE last_seq = 0`)).rows[0].n) === 0,
      600_000,
      500,
    );
    await eventually(
      async () =>
        Number(
          (await stack.db.pool.query(`SELECT count(*) AS n FROM notification_deliveries WHERE status = 'pending'`))
            .rows[0].n,
        ) === 0 &&
        Number(
          (await stack.db.pool.query(`SELECT count(*) AS n FROM notifications_outbox WHERE routed_at IS NULL`)).rows[0]
            .n,
        ) === 0,
      600_000,
      500,
    );
    const openingS = (performance.now() - t0) / 1000;
    log(`${OPEN} open cases idle and announced after ${openingS.toFixed(1)} s`);
    // A case's "reported" message: the webhook names its key, the robot's markdown links the case.
    const received = (caseId: string) =>
      rx.received.filter((r) =>
        r.channel === 'webhook'
          ? (r.key ?? '').startsWith(`${caseId}:reported/`)
          : r.channel === 'wecom' && String(r.body.markdown.content).includes(`/faults/${encodeURIComponent(caseId)})`),
      );

    // Baseline: the channel alone (same receiver, same signature).
    const { send, close } = createSender({ smtpFrom: 'bench <b@x>' });
    const spec = { type: 'webhook' as const, url: `${rx.httpBase}/webhook/duty`, secret: 'whsec-duty-0123456789' };
    const base: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const t = Date.now();
      await send(
        spec,
        {
          key: `baseline-${i}`,
          topic: 'baseline',
          contractId,
          language: 'zh-CN',
          message: { title: 't', text: 't', markdown: 't', link: 'l' },
          recipients: [],
          data: {},
        },
        AbortSignal.timeout(10_000),
      );
      base.push(Date.now() - t);
      await sleepMs(20);
    }
    close();

    log(`${PROBES} level-1 reports, one every ${GAP_MS} ms`);
    const reported: { webhook: number[]; wecom: number[] } = { webhook: [], wecom: [] };
    const probes: { caseId: string; at: number }[] = [];
    for (let i = 0; i < PROBES; i++) {
      const at = Date.now();
      probes.push({ caseId: (await report({ level: 1, title: `探针 ${i}` })).caseId, at });
      await sleepMs(GAP_MS);
    }
    await eventually(async () => probes.every((p) => received(p.caseId).length >= 2), 120_000, 200);
    for (const p of probes)
      for (const r of received(p.caseId)) reported[r.channel as 'webhook' | 'wecom'].push(r.atMs - p.at);

    log(`${PROBES} breaches due over ${WINDOW_MS / 1000} s`);
    const lead = 30_000;
    const firstDue = Date.now() + lead;
    const breaches = await pool(PROBES, C, async (i) => {
      const dueMs = firstDue + Math.round((i * WINDOW_MS) / PROBES);
      return {
        caseId: (
          await report({ level: 1, title: `违约探针 ${i}`, reportedAt: new Date(dueMs - 15 * MIN).toISOString() })
        ).caseId,
        dueMs,
      };
    });
    const breachKey = (caseId: string) => `${caseId}:response-breach`;
    await eventually(
      async () =>
        breaches.every((b) =>
          rx.received.some((r) => r.channel === 'webhook' && (r.key ?? '').startsWith(breachKey(b.caseId))),
        ),
      lead + WINDOW_MS + 120_000,
      500,
    );
    const breach = breaches.map(
      (b) =>
        rx.received.find((r) => r.channel === 'webhook' && (r.key ?? '').startsWith(breachKey(b.caseId)))!.atMs -
        b.dueMs,
    );

    const health = await worker.health();
    const result = {
      openCases: OPEN,
      openingS: +openingS.toFixed(1),
      probes: PROBES,
      gapMs: GAP_MS,
      windowS: WINDOW_MS / 1000,
      baselineDirectWebhookMs: dist(base),
      reportedToChannelMs: { webhook: dist(reported.webhook), wecom: dist(reported.wecom) },
      breachDueToChannelMs: dist(breach),
      ratios: { reportedP50OverBaselineP50: +(dist(reported.webhook).p50 / Math.max(1, dist(base).p50)).toFixed(1) },
      target: 'level-1 report to the on-duty channel p99 < 5000 ms',
      worker: health,
      loadAverage: load(),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await dispatcher.stop();
    await worker.stop().catch(() => undefined);
    await stack.stop();
    await rx.stop();
    await servers.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
