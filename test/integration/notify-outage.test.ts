import { outboxNotifier } from '../../src/activities/notifier';
import type { Dispatcher } from '../../src/notify/dispatcher';
import { createContract } from '../helpers/fixtures';
import { channelsFor, percentile, putPerson, testDispatcher } from '../helpers/notify';
import { startReceivers, type Receivers } from '../helpers/receivers';
import { eventually, startStack, type Stack } from '../helpers/stack';

// A receiver down for 3 minutes (WEIBAO_NOTIFY_OUTAGE_MS shortens it for a quick local run)
// receives every message after it returns, exactly once per recipient and message; meanwhile
// the engineer's other channel and the cases themselves are not delayed by it.
const OUTAGE_MS = Number(process.env.WEIBAO_NOTIFY_OUTAGE_MS ?? 180_000);
const REPORTS = 20;
let stack: Stack;
let rx: Receivers;
let dispatcher: Dispatcher;
let contractId: string;

beforeAll(async () => {
  rx = await startReceivers();
  stack = await startStack({ notifier: outboxNotifier });
  contractId = (await createContract(stack)).id;
  await putPerson(stack, contractId, 'wang', {
    name: '王工',
    party: 'vendor',
    role: 'engineer',
    channels: channelsFor(rx, 'wang', ['webhook', 'email']),
  });
  dispatcher = testDispatcher(stack, rx, { retryBaseMs: 1_000, retryMaxMs: 15_000, maxAttempts: 100 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await rx?.stop();
});

it(
  `when the webhook receiver is down for ${OUTAGE_MS / 1000} s, then it gets every message once after it returns, and e-mail and the cases are not delayed`,
  async () => {
    await rx.down();
    const startedAt = Date.now();
    const sentAt = new Map<string, number>();
    for (let i = 0; i < REPORTS; i++) {
      // Half the reports at the start of the outage, half in its middle.
      if (i === REPORTS / 2) await new Promise((r) => setTimeout(r, OUTAGE_MS / 2));
      const t = Date.now();
      const res = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
        level: 1,
        title: `HIS 接口中断 #${i}`,
        channel: 'phone',
        reporter: '值班护士',
      });
      expect(res.status).toBe(201);
      sentAt.set(res.body.caseId, t);
    }
    const mails = await eventually(async () => {
      const m = rx.received.filter((r) => r.channel === 'email');
      return m.length >= REPORTS && m;
    }, 20_000);
    const mailLatency = mails.map((m) => m.atMs - sentAt.get(m.key!.split(':reported')[0]!)!);
    expect(Math.max(...mailLatency)).toBeLessThan(5_000);
    // The cases recorded their intake facts while the receiver was down (delivery is off their path).
    for (const caseId of sentAt.keys()) {
      const c = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
      expect(c.body.timeline.map((f: { type: string }) => f.type)).toContain('case.reported');
    }
    expect(rx.received.filter((r) => r.channel === 'webhook')).toEqual([]);

    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + OUTAGE_MS - Date.now())));
    const failing = await stack.call(
      'auditor',
      'GET',
      `/contracts/${contractId}/notifications?topic=fault.reported&status=pending`,
    );
    const pending = failing.body.items.flatMap(
      (n: { deliveries: { channel: string; status: string; attempts: number; lastError: string }[] }) =>
        n.deliveries.filter((d) => d.channel === 'webhook' && d.status === 'pending'),
    );
    expect(pending).toHaveLength(REPORTS);
    expect(Math.min(...pending.map((d: { attempts: number }) => d.attempts))).toBeGreaterThan(1);
    expect(pending[0].lastError).toMatch(/fetch failed|ECONNREFUSED/);

    await rx.up();
    const upAt = Date.now();
    const hooks = await eventually(
      async () => {
        const h = rx.received.filter((r) => r.channel === 'webhook');
        return h.length >= REPORTS && h;
      },
      60_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 3_000)); // no late duplicates
    expect(rx.received.filter((r) => r.channel === 'webhook')).toHaveLength(REPORTS);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(REPORTS);
    expect(new Set(hooks.map((h) => h.body.data.caseId))).toEqual(new Set(sentAt.keys()));
    const after = hooks.map((h) => h.atMs - upAt);
    process.stdout.write(
      `outage ${OUTAGE_MS} ms: e-mail during it p50 ${percentile(mailLatency, 50)} / max ${Math.max(...mailLatency)} ms; webhook after return p50 ${percentile(after, 50)} / max ${Math.max(...after)} ms\n`,
    );
    expect(rx.refused).toEqual([]);
  },
  OUTAGE_MS + 120_000,
);
