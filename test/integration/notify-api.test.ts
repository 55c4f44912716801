import { outboxNotifier } from '../../src/activities/notifier';
import { createApiKey } from '../../src/api/api-keys';
import type { Dispatcher } from '../../src/notify/dispatcher';
import { addDays, shanghaiDate } from '../../src/domain/time';
import { createContract } from '../helpers/fixtures';
import { channelsFor, putPerson, testDispatcher } from '../helpers/notify';
import { startReceivers, type Receivers } from '../helpers/receivers';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Subscriptions through the API (issue 13): validated, scoped by the key's contracts, by party,
// audited; and the moves announced by triggers (a staff change is the approver's move, 4.2).
let stack: Stack;
let rx: Receivers;
let dispatcher: Dispatcher;
let c: string;
beforeAll(async () => {
  rx = await startReceivers();
  stack = await startStack({ notifier: outboxNotifier });
  c = (await createContract(stack, { signedAt: new Date(Date.now() - 60_000).toISOString() })).id;
  dispatcher = testDispatcher(stack, rx);
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await rx?.stop();
});

const person = (over: Record<string, unknown> = {}) => ({
  name: '王工',
  party: 'vendor',
  role: 'engineer',
  channels: [{ type: 'email', address: 'wang@vendor.test' }],
  ...over,
});
const put = (role: Parameters<Stack['call']>[0], id: string, body: unknown) =>
  stack.call(role, 'PUT', `/contracts/${c}/notify/people/${id}`, body);

it('when a person is added with a bad field, then 400 names it; the wrong party is 403; a good one is 201, audited, and read back without secrets', async () => {
  expect((await put('admin', 'x', person({ role: 'approver' }))).body.error.field).toBe('role');
  expect(
    (
      await put(
        'admin',
        'x',
        person({ channels: [{ type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t' }] }),
      )
    ).body.error.field,
  ).toBe('channels.0.secret');
  expect((await put('admin', 'x', person({ channels: [{ type: 'wecom', url: 'ftp://x' }] }))).body.error.field).toBe(
    'channels.0.url',
  );
  expect((await put('admin', 'x', person({ quietHours: { from: '25:00', to: '07:00' } }))).body.error.field).toBe(
    'quietHours.from',
  );
  expect((await put('admin', 'bad id!', person())).status).toBe(400);
  expect((await put('vendor-engineer', 'op', person({ party: 'hospital', role: 'operator' }))).status).toBe(403);
  expect((await put('finance', 'x', person())).status).toBe(403);
  const ok = await put(
    'vendor-engineer',
    'wang',
    person({
      channels: [
        { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY' },
        { type: 'webhook', url: 'https://x.test/h', secret: 'sixteen-chars-secret' },
      ],
    }),
  );
  expect(ok.status).toBe(201);
  expect((await put('vendor-engineer', 'wang', person())).status).toBe(200);
  expect((await put('hospital-operator', 'wang', person({ party: 'hospital', role: 'operator' }))).status).toBe(403); // the vendor's person
  await put(
    'vendor-engineer',
    'wang',
    person({
      channels: [
        { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY' },
        { type: 'webhook', url: 'https://x.test/h', secret: 'sixteen-chars-secret' },
      ],
    }),
  );
  const read = await stack.call('auditor', 'GET', `/contracts/${c}/notify/people`);
  expect(JSON.stringify(read.body)).not.toMatch(/SECRET-KEY|sixteen-chars-secret/);
  expect(read.body.items[0].channels).toEqual([
    { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
    { type: 'webhook', url: 'https://x.test/h', secret: '(set)' },
  ]);
  const audit = await eventually(
    async () =>
      (
        await stack.db.pool.query(
          `SELECT outcome FROM audit_log WHERE action = 'notify.person.put' AND target = $1 ORDER BY id`,
          [c],
        )
      ).rows,
  );
  expect(audit.map((a) => a.outcome)).toEqual(expect.arrayContaining(['ok', 'refused']));
});

it('when a key is scoped to another contract, then it can neither read nor change this one', async () => {
  const other = await createApiKey(stack.db.pool, { name: 'other', role: 'admin', contracts: ['C-other'] });
  const res = await fetch(`${stack.baseUrl}/contracts/${c}/notify/people`, {
    headers: { authorization: `Bearer ${other.key}` },
  });
  expect(res.status).toBe(403);
  const n = await fetch(`${stack.baseUrl}/notifications/metrics`, {
    headers: { authorization: `Bearer ${other.key}` },
  });
  expect(((await n.json()) as { deliveries: unknown[] }).deliveries).toEqual([]);
});

it('when the roster names someone who is not a vendor engineer or has a shift without an offset, then it is refused naming the shift; a valid one answers who is on duty', async () => {
  await put('admin', 'lead', person({ role: 'lead' }));
  const shift = (personId: string, startsAt: string, endsAt: string) => ({ shifts: [{ personId, startsAt, endsAt }] });
  const roster = (body: unknown) => stack.call('vendor-engineer', 'PUT', `/contracts/${c}/notify/roster`, body);
  expect(
    (await roster(shift('lead', '2026-12-01T08:00:00+08:00', '2026-12-01T20:00:00+08:00'))).body.error,
  ).toMatchObject({ code: 'NOT_A_VENDOR_ENGINEER' });
  expect((await roster(shift('wang', '2026-12-01T08:00:00', '2026-12-01T20:00:00+08:00'))).body.error.field).toBe(
    'shifts.0.startsAt',
  );
  expect((await roster(shift('wang', '2026-12-01T20:00:00+08:00', '2026-12-01T08:00:00+08:00'))).body.error.field).toBe(
    'shifts.0.endsAt',
  );
  expect(
    (
      await stack.call(
        'hospital-operator',
        'PUT',
        `/contracts/${c}/notify/roster`,
        shift('wang', '2026-12-01T08:00:00+08:00', '2026-12-01T20:00:00+08:00'),
      )
    ).status,
  ).toBe(403);
  expect((await roster(shift('wang', '2026-12-01T08:00:00+08:00', '2026-12-01T20:00:00+08:00'))).status).toBe(200);
  const at = await stack.call('auditor', 'GET', `/contracts/${c}/notify/roster?at=2026-12-01T12:00:00%2B08:00`);
  expect(at.body.onDuty).toEqual({
    at: '2026-12-01T12:00:00.000+08:00',
    people: [{ personId: 'wang', name: '王工' }],
    fromRoster: true,
  });
  // Instants as every answer writes them: ISO 8601 at +08:00 (issue 15).
  expect(at.body.shifts[0]).toEqual({
    personId: 'wang',
    startsAt: '2026-12-01T08:00:00.000+08:00',
    endsAt: '2026-12-01T20:00:00.000+08:00',
  });
});

it('when the escalation chain is not ascending or set by an operator, then it is refused; the approver sets it', async () => {
  const chain = {
    escalation: [
      { atPercent: 80, audience: ['vendor.lead'] },
      { atPercent: 50, audience: ['vendor.on-duty'] },
    ],
  };
  expect(
    (await stack.call('hospital-approver', 'PUT', `/contracts/${c}/notify/settings`, chain)).body.error.field,
  ).toBe('escalation');
  expect(
    (
      await stack.call('hospital-approver', 'PUT', `/contracts/${c}/notify/settings`, {
        escalation: [{ atPercent: 50, audience: ['nobody'] }],
      })
    ).body.error.field,
  ).toBe('escalation.0.audience.0');
  expect(
    (
      await stack.call('hospital-operator', 'PUT', `/contracts/${c}/notify/settings`, {
        escalation: [{ atPercent: 50, audience: ['vendor.on-duty'] }],
      })
    ).status,
  ).toBe(403);
  const ok = await stack.call('hospital-approver', 'PUT', `/contracts/${c}/notify/settings`, {
    escalation: [
      { atPercent: 30, audience: ['vendor.on-duty'] },
      { atPercent: 100, audience: ['vendor.manager'] },
    ],
  });
  expect(ok.status).toBe(200);
  expect(ok.body.escalation.map((s: { atPercent: number }) => s.atPercent)).toEqual([30, 100]);
});

it('when the vendor requests a staff change, then the hospital approver is told (4.2); the decision goes back to the vendor lead', async () => {
  await putPerson(stack, c, 'appr', {
    name: '审批人',
    party: 'hospital',
    role: 'approver',
    channels: channelsFor(rx, 'appr', ['webhook']),
  });
  await putPerson(stack, c, 'lead', {
    name: 'Lead',
    party: 'vendor',
    role: 'lead',
    language: 'en',
    channels: channelsFor(rx, 'lead', ['webhook']),
  });
  const eng = (engineerId: string, yearsOnProduct: number) => ({
    engineerId,
    name: engineerId,
    qualification: 'OA certified',
    yearsOnProduct,
    fixed: true,
  });
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff`, {
        engineers: [eng('wang', 3), eng('li', 3)],
      })
    ).status,
  ).toBe(201);
  const effectiveDate = addDays(shanghaiDate(Date.now()), 20);
  const req = await stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff-changes`, {
    requestId: 'swap-1',
    effectiveDate,
    remove: ['li'],
    add: [eng('zhang', 4)],
    reason: 'Li moves',
  });
  expect(req.status).toBe(201);
  const asked = await eventually(async () =>
    rx.received.find((r) => r.endpoint === 'webhook/appr' && r.body.topic === 'staff.change-requested'),
  );
  expect(asked.body.title).toContain('人员变更待审批');
  expect(asked.body.text).toContain('供应商申请人员变更 swap-1');
  expect(asked.body.text).toContain('第 4.2 条');
  await eventually(
    async () =>
      (
        await stack.call('hospital-approver', 'POST', `/contracts/${c}/staff-changes/swap-1/decision`, {
          approved: false,
          note: 'not now',
        })
      ).status === 200,
    20_000,
    300,
  );
  const told = await eventually(async () =>
    rx.received.find((r) => r.endpoint === 'webhook/lead' && r.body.topic === 'staff.change-decided'),
  );
  expect(told.body.text).toMatch(/^Staff change swap-1: refused./);
  expect(rx.received.filter((r) => r.endpoint === 'webhook/appr' && r.body.topic === 'staff.change-decided')).toEqual(
    [],
  );
});
