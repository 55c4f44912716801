import { outboxNotifier } from '../../src/activities/notifier';
import type { Dispatcher } from '../../src/notify/dispatcher';
import { createContract } from '../helpers/fixtures';
import { channelsFor, percentile, putPerson, testDispatcher } from '../helpers/notify';
import { startReceivers, type Received, type Receivers } from '../helpers/receivers';
import { eventually, startStack, type Stack } from '../helpers/stack';

// A level-1 report must reach the on-duty engineer's channels at once (4.9.4: response within
// 15 minutes, 365x24): real API, worker, PostgreSQL, dev server, SMTP server and robot receivers.
let stack: Stack;
let rx: Receivers;
let dispatcher: Dispatcher;
let contractId: string;
const HOUR = 3600_000;
const REPORTS = 100;

beforeAll(async () => {
  rx = await startReceivers();
  stack = await startStack({ notifier: outboxNotifier });
  contractId = (await createContract(stack)).id;
  const now = Date.now();
  // Engineer Wang is on duty now on all four channels; engineer Zhao's shift starts in 2 hours;
  // the lead reads English. Engineer Qian's DingTalk secret is wrong (the robot refuses it).
  // Wang's quiet hours cover now: they never hold a level-1 fault (4.9.1, 365x24).
  const hhmm = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(11, 16);
  await putPerson(
    stack,
    contractId,
    'wang',
    {
      name: '王工',
      party: 'vendor',
      role: 'engineer',
      mobile: '13800000001',
      quietHours: { from: hhmm(now - HOUR), to: hhmm(now + HOUR) },
      channels: channelsFor(rx, 'wang', ['email', 'wecom', 'dingtalk', 'webhook']),
    },
    'vendor-engineer',
  );
  await putPerson(stack, contractId, 'zhao', {
    name: '赵工',
    party: 'vendor',
    role: 'engineer',
    channels: channelsFor(rx, 'zhao', ['email', 'webhook']),
  });
  await putPerson(stack, contractId, 'lead', {
    name: 'Lead Liu',
    party: 'vendor',
    role: 'lead',
    language: 'en',
    channels: channelsFor(rx, 'lead', ['email']),
  });
  await putPerson(
    stack,
    contractId,
    'op',
    { name: '运维台', party: 'hospital', role: 'operator', channels: channelsFor(rx, 'op', ['webhook']) },
    'hospital-operator',
  );
  const roster = await stack.call('vendor-engineer', 'PUT', `/contracts/${contractId}/notify/roster`, {
    shifts: [
      { personId: 'wang', startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() },
      {
        personId: 'zhao',
        startsAt: new Date(now + 2 * HOUR).toISOString(),
        endsAt: new Date(now + 10 * HOUR).toISOString(),
      },
    ],
  });
  expect(roster.status).toBe(200);
  dispatcher = testDispatcher(stack, rx, { maxAttempts: 3 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await rx?.stop();
});

const report = (title: string) =>
  stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 1,
    title,
    channel: 'phone',
    reporter: '护士李',
  });
const caseOf = (r: Received) => {
  const text: string =
    r.channel === 'email'
      ? r.body.text
      : r.channel === 'webhook'
        ? r.body.text
        : r.channel === 'wecom'
          ? r.body.markdown.content
          : r.body.markdown.text;
  return /fault%3A[^)\s]+/.exec(text)?.[0];
};

const isReported = (r: Received) => JSON.stringify(r.body).includes('新故障报告');

it(`when ${REPORTS} level-1 faults are reported, then each reaches the on-duty engineer's four channels once, in under 5 s, in Chinese with +08:00 times`, async () => {
  const sentAt = new Map<string, number>();
  const posts: number[] = [];
  for (let i = 0; i < REPORTS; i++) {
    const t = Date.now();
    const res = await report(`OA 无法登录 #${i}`);
    posts.push(Date.now() - t);
    expect(res.status).toBe(201);
    sentAt.set(encodeURIComponent(res.body.caseId), t);
  }
  const wang = (r: Received) => r.endpoint.endsWith('/wang') || r.endpoint === 'email/wang@hospital.test';
  await eventually(async () => rx.received.filter(wang).length >= REPORTS * 4, 30_000);
  const latencies: Record<string, number[]> = { email: [], wecom: [], dingtalk: [], webhook: [] };
  for (const r of rx.received.filter(wang)) latencies[r.channel]!.push(r.atMs - sentAt.get(caseOf(r)!)!);
  const all = Object.values(latencies).flat();
  const figures = Object.fromEntries(
    Object.entries(latencies).map(([k, xs]) => [
      k,
      { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs) },
    ]),
  );
  process.stdout.write(
    `level-1 report -> on-duty channel latency (ms) over ${REPORTS} reports: ${JSON.stringify(figures)} all p50=${percentile(all, 50)} p99=${percentile(all, 99)}\n`,
  );
  const split = await stack.db.pool
    .query(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM o.routed_at - o.created_at)) AS routed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM d.delivered_at - o.routed_at)) AS delivered
      FROM notifications_outbox o JOIN notification_deliveries d ON d.outbox_key = o.key WHERE o.topic = 'fault.reported'`);
  process.stdout.write(
    `POST p50=${percentile(posts, 50)} p99=${percentile(posts, 99)}; commit->routed p50 ${split.rows[0].routed}s, routed->delivered p50 ${split.rows[0].delivered}s\n`,
  );
  for (const xs of Object.values(latencies)) expect(xs).toHaveLength(REPORTS); // exactly once per channel and report
  expect(Math.max(...all)).toBeLessThan(5_000);
  expect(new Set(rx.received.filter(wang).map((r) => `${r.channel}:${caseOf(r)}`)).size).toBe(REPORTS * 4);

  // Nobody else is paged for a new fault: Zhao is off duty, the lead and the operator are not on it.
  expect(rx.received.filter((r) => !wang(r) && isReported(r))).toEqual([]);
  expect(rx.refused).toEqual([]);

  const mail = rx.received.find((r) => r.channel === 'email')!;
  expect(mail.body.subject).toMatch(/^【维保】新故障报告：fault:/);
  expect(mail.body.text).toMatch(
    /医院于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00 报告了1 级故障「OA 无法登录 #\d+」（报告人：护士李，渠道：phone）。/,
  );
  expect(mail.body.text).toMatch(/请立即响应：响应截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00（第 4\.9\.4 条）。/);
  expect(mail.body.text).toContain(`合同：${contractId}`);
  expect(mail.body.text).toContain('查看：https://weibao.example.cn/faults/fault%3A');
  const ding = rx.received.find((r) => r.channel === 'dingtalk')!;
  expect(ding.body.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
  expect(ding.body.markdown.title).toMatch(/^【维保】新故障报告/);
  expect(rx.received.find((r) => r.channel === 'wecom')!.body.markdown.content).toMatch(/^### 【维保】新故障报告/);
});

it('when a case is looked up, then its notification lists each delivery with recipient, channel, attempts, status; metrics count them', async () => {
  const one = rx.received.find((r) => r.channel === 'webhook')!;
  const key = one.body.key.split('/')[0];
  const n = await stack.call('auditor', 'GET', `/notifications/${encodeURIComponent(key)}`);
  expect(n.status).toBe(200);
  expect(n.body.topic).toBe('fault.reported');
  expect(n.body.deliveries.map((d: { channel: string }) => d.channel).sort()).toEqual([
    'dingtalk',
    'email',
    'webhook',
    'wecom',
  ]);
  for (const d of n.body.deliveries) {
    expect(d).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastError: null,
      recipients: [{ personId: 'wang', name: '王工' }],
    });
    expect(d.attemptLog).toEqual([expect.objectContaining({ attempt: 1, ok: true })]);
    expect(d.target).not.toContain('key='); // robot keys are secrets
  }
  const list = await stack.call(
    'vendor-engineer',
    'GET',
    `/contracts/${contractId}/notifications?topic=fault.reported&limit=500`,
  );
  expect(list.body.items).toHaveLength(REPORTS);
  const m = await stack.call('auditor', 'GET', '/notifications/metrics');
  expect(
    m.body.deliveries
      .filter((d: { status: string }) => d.status === 'delivered')
      .reduce((a: number, d: { n: number }) => a + d.n, 0),
  ).toBeGreaterThanOrEqual(REPORTS * 4);
});

it('when a robot refuses the signature, then the delivery is retried with backoff and ends in the dead letter after N tries, visible with its error', async () => {
  await putPerson(stack, contractId, 'qian', {
    name: '钱工',
    party: 'vendor',
    role: 'engineer',
    channels: [{ type: 'dingtalk', url: `${rx.httpBase}/dingtalk/qian?access_token=x`, secret: 'SEC-not-the-robots' }],
  });
  rx.dingtalkSecrets.set('qian', 'SEC-the-robots-own');
  const now = Date.now();
  await stack.call('vendor-engineer', 'PUT', `/contracts/${contractId}/notify/roster`, {
    shifts: [
      { personId: 'qian', startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() },
    ],
  });
  const res = await report('打印服务中断');
  const key = `${res.body.caseId}:reported`;
  const d = await eventually(async () => {
    const n = await stack.call('auditor', 'GET', `/notifications/${encodeURIComponent(key)}`);
    return n.body.deliveries?.find(
      (x: { status: string; channel: string; target: string }) =>
        x.channel === 'dingtalk' && x.target.endsWith('/qian') && x.status === 'dead',
    );
  }, 20_000);
  expect(d.attempts).toBe(3);
  expect(d.lastError).toContain('errcode 310000');
  expect(d.attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, false]);
  expect(rx.refused.filter((r) => r.endpoint === 'dingtalk/qian')).toHaveLength(3);
  const m = await stack.call('admin', 'GET', '/notifications/metrics');
  expect(m.body.deliveries).toEqual(
    expect.arrayContaining([expect.objectContaining({ channel: 'dingtalk', status: 'dead', n: 1 })]),
  );
});
