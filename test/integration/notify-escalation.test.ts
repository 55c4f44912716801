import { outboxNotifier } from '../../src/activities/notifier';
import type { Dispatcher } from '../../src/notify/dispatcher';
import { createContract } from '../helpers/fixtures';
import { channelsFor, putPerson, testDispatcher } from '../helpers/notify';
import { startReceivers, type Receivers } from '../helpers/receivers';
import { eventually, startStack, type Stack } from '../helpers/stack';

// The escalation chain of a fault deadline (default: 50 % on-duty, 80 % adds the vendor's lead
// and the hospital operator, breach adds the vendor's manager and the hospital approver), driven
// through a real case whose level-3 response time the contract sets to 1 minute (4.9.4 terms).
let stack: Stack;
let rx: Receivers;
let dispatcher: Dispatcher;
let contractId: string;
const HOUR = 3600_000;

beforeAll(async () => {
  rx = await startReceivers();
  stack = await startStack({ notifier: outboxNotifier });
  contractId = (
    await createContract(stack, { terms: { faults: { responseMinutes: { 1: 15, 2: 30, 3: 1, 4: 240, 5: 360 } } } })
  ).id;
  const people: [string, string, string][] = [
    ['eng', 'vendor', 'engineer'],
    ['eng2', 'vendor', 'engineer'],
    ['lead', 'vendor', 'lead'],
    ['mgr', 'vendor', 'manager'],
    ['op', 'hospital', 'operator'],
    ['appr', 'hospital', 'approver'],
    ['fin', 'hospital', 'finance'],
  ];
  for (const [id, party, role] of people)
    await putPerson(stack, contractId, id, { name: id, party, role, channels: channelsFor(rx, id, ['webhook']) });
  const now = Date.now();
  await stack.call('vendor-engineer', 'PUT', `/contracts/${contractId}/notify/roster`, {
    shifts: [
      { personId: 'eng', startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() },
      {
        personId: 'eng2',
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 9 * HOUR).toISOString(),
      },
    ],
  });
  dispatcher = testDispatcher(stack, rx);
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await rx?.stop();
});

it('when a level-3 response deadline passes 50 %, 80 % and 100 %, then each step reaches exactly its people, and the proposed penalty reaches the approver', async () => {
  const t0 = Date.now();
  const res = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 3,
    title: '报表导出失败',
    channel: 'web',
    reporter: '信息科张',
  });
  expect(res.status).toBe(201);
  const caseId: string = res.body.caseId;
  const of = (pred: (b: any) => boolean) =>
    rx.received
      .filter((r) => r.body.data?.caseId === caseId && pred(r.body))
      .map((r) => r.endpoint.split('/')[1])
      .sort();
  await eventually(
    async () =>
      of((b) => b.topic === 'fault.breach').length > 0 &&
      rx.received.some((r) => r.body.topic === 'penalty.proposed' && r.body.data.caseId === caseId),
    100_000,
    200,
  );
  await new Promise((r) => setTimeout(r, 1_000)); // the last deliveries of the breach step

  expect(of((b) => b.topic === 'fault.reported')).toEqual(['eng']);
  expect(of((b) => b.topic === 'fault.warning' && b.data.fraction === 0.5)).toEqual(['eng']);
  expect(of((b) => b.topic === 'fault.warning' && b.data.fraction === 0.8)).toEqual(['eng', 'lead', 'op']);
  expect(of((b) => b.topic === 'fault.breach')).toEqual(['appr', 'eng', 'lead', 'mgr', 'op']);
  expect(of((b) => b.topic === 'penalty.proposed')).toEqual(['appr']);

  // Each step arrives when its share of the minute has passed, not before.
  const at = (topic: string, fraction?: number) =>
    rx.received.find(
      (r) =>
        r.body.data?.caseId === caseId &&
        r.body.topic === topic &&
        (fraction === undefined || r.body.data.fraction === fraction),
    )!.atMs - t0;
  expect(at('fault.warning', 0.5)).toBeGreaterThanOrEqual(29_000);
  expect(at('fault.warning', 0.8)).toBeGreaterThanOrEqual(47_000);
  expect(at('fault.breach')).toBeGreaterThanOrEqual(59_000);
  const breach = rx.received.find((r) => r.body.topic === 'fault.breach' && r.endpoint === 'webhook/appr')!;
  expect(breach.body.text).toMatch(
    /3 级故障「报表导出失败」的期限已违约：响应截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00（第 4\.9\.4 条）/,
  );
  expect(breach.body.text).toContain('已按第 6.2.1 条提出违约金 1000.00 元');
  expect(rx.refused).toEqual([]);
  expect(new Set(rx.received.map((r) => r.key)).size).toBe(rx.received.length); // exactly once per recipient and message
}, 150_000);
