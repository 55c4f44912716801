import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { outboxNotifier } from '../../src/activities/notifier';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import type { Dispatcher } from '../../src/notify/dispatcher';
import * as cycles from '../../src/db/queries/cycles';
import type { RecordBatch } from '../../src/workflows/kernel/record';
import { RETIRED_NOTIFICATION_SWEEP, retireNotificationSweep } from '../../src/temporal/system-schedules';
import { createContract } from '../helpers/fixtures';
import { channelsFor, putPerson, testDispatcher } from '../helpers/notify';
import { startReceivers, type Receivers } from '../helpers/receivers';
import { eventually, startStack, type Stack } from '../helpers/stack';

// One delivery path (issue 13): a rights event the API commits (an approver's confirmation
// crossing 5 % and 20 %, clauses 6.3 and 6.4/6.5) is an outbox row of that transaction and
// reaches the approver and finance through the dispatcher, like every other message; no
// per-message workflow and no sweep schedule exist any more.
let stack: Stack;
let rx: Receivers;
let dispatcher: Dispatcher;
beforeAll(async () => {
  rx = await startReceivers();
  stack = await startStack({ notifier: outboxNotifier });
  dispatcher = testDispatcher(stack, rx);
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await rx?.stop();
});

it('when an approver confirms deductions past 5 % and 20 % through the API, then the approver and finance receive each right once, in Chinese, through the dispatcher', async () => {
  const c = await createContract(stack, {
    onboarding: { dongle: { declaredAt: '2025-01-03T09:00:00+08:00', verifiedAt: '2025-01-03T10:00:00+08:00' } },
  });
  for (const [id, party, role] of [
    ['appr', 'hospital', 'approver'],
    ['fin', 'hospital', 'finance'],
    ['op', 'hospital', 'operator'],
    ['eng', 'vendor', 'engineer'],
  ] as const) {
    await putPerson(stack, c.id, id, { name: id, party, role, channels: channelsFor(rx, id, ['webhook']) });
  }
  const acts = createActivities({
    pool: stack.db.pool,
    log: createLogger('silent'),
    notifier: outboxNotifier(stack.db.pool),
  });
  const caseId = `fault:${c.id}:${randomUUID().slice(0, 6)}`;
  const { entryId } = await acts.proposePenalty({
    key: `${caseId}:x`,
    contractId: c.id,
    clause: '6.3',
    termsVersion: 1,
    caseKind: 'fault',
    caseId,
    fact: 'rectification item 31 days late',
    amountFen: '30864198',
    basis: 'clause 6.3',
    occurredAt: '2025-03-01T10:25:00+08:00',
  } as Parameters<typeof acts.proposePenalty>[0]);
  expect((await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {})).status).toBe(200);

  const rights = await eventually(async () => {
    const got = rx.received.filter((r) => r.body.topic === 'rights-event' && r.body.contractId === c.id);
    return got.length === 4 && got;
  }, 20_000);
  expect(rights.map((r) => `${r.endpoint}:${r.body.data.clause}`).sort()).toEqual([
    'webhook/appr:6.3',
    'webhook/appr:6.4/6.5',
    'webhook/fin:6.3',
    'webhook/fin:6.4/6.5',
  ]);
  const terminate = rights.find((r) => r.endpoint === 'webhook/fin' && r.body.data.clause === '6.3')!;
  expect(terminate.body.text).toContain('第 6.3 条');
  expect(terminate.body.text).toMatch(/医院可以/);
  expect(terminate.body.text).not.toMatch(/the hospital may/i);
  const rows = (
    await stack.db.pool.query(
      `SELECT key, routed_at FROM notifications_outbox WHERE contract_id = $1 AND topic = 'rights-event'`,
      [c.id],
    )
  ).rows;
  expect(rows.every((r) => r.routed_at)).toBe(true);
  const { count } = await stack.client.workflow.count(
    `WorkflowType = 'deliverNotification' AND TaskQueue = '${stack.taskQueue}'`,
  );
  expect(count).toBe(0);
  // The counts are on /health (no key), with the per-channel metrics endpoint named.
  const health = (await stack.call(null, 'GET', '/health')).body;
  expect(health.notifications).toMatchObject({ metrics: '/notifications/metrics', dead: 0 });
  expect(health.notifications.delivered).toBeGreaterThanOrEqual(4);
  expect(typeof health.notifications.pending).toBe('number');
}, 60_000);

it("when the notification sweep schedule of an older version exists, then the worker's start retires it, and a second start finds nothing to do", async () => {
  await stack.client.schedule
    .create({
      scheduleId: RETIRED_NOTIFICATION_SWEEP,
      spec: { intervals: [{ every: '5 minutes' }] },
      state: { paused: true },
      action: {
        type: 'startWorkflow',
        workflowType: 'notificationSweepWorkflow',
        taskQueue: stack.taskQueue,
        args: [300],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    })
    .catch((e: Error) => {
      if (e.name !== 'ScheduleAlreadyRunning') throw e;
    });
  expect(await retireNotificationSweep(stack.client)).toBe('deleted');
  expect(await retireNotificationSweep(stack.client)).toBe('absent');
});

it('when a cycle period opens, a report or package is submitted and a payment released, then each move reaches exactly the party whose move it is, in Chinese', async () => {
  const c = await createContract(stack, {
    onboarding: { dongle: { declaredAt: '2025-01-03T09:00:00+08:00', verifiedAt: '2025-01-03T10:00:00+08:00' } },
  });
  const people = [
    ['lead', 'vendor', 'lead'],
    ['mgr', 'vendor', 'manager'],
    ['op', 'hospital', 'operator'],
    ['appr', 'hospital', 'approver'],
    ['fin', 'hospital', 'finance'],
  ] as const;
  for (const [id, party, role] of people)
    await putPerson(stack, c.id, id, { name: id, party, role, channels: channelsFor(rx, id, ['webhook']) });
  const db = stack.db.pool;
  // As the cycles' record writes project their snapshots (src/activities/records.ts), version = the write's fence.
  let fence = 0;
  const project = (
    write: (db: typeof stack.db.pool, b: RecordBatch) => Promise<void>,
    caseId: string,
    snapshot: object,
  ) => write(db, { caseId, fence: ++fence, snapshot } as unknown as RecordBatch);
  const inspId = `inspection:${c.id}:1Q2`;
  const insp = {
    contractId: c.id,
    year: 1,
    quarter: 2,
    periodStart: '2025-04-01',
    dueAt: '2025-06-30T15:59:59Z',
    breached: false,
    report: null,
    submittedAt: null,
    lateByMs: null,
    acknowledgedAt: null,
    remediation: [],
    history: [],
  };
  await project(cycles.recordInspectionProjection, inspId, { ...insp, status: 'open' });
  await project(cycles.recordInspectionProjection, inspId, {
    ...insp,
    status: 'submitted',
    submittedAt: '2025-06-20T02:00:00Z',
  });
  await project(cycles.recordInspectionProjection, inspId, {
    ...insp,
    status: 'changes-requested',
    submittedAt: '2025-06-20T02:00:00Z',
  });
  await project(cycles.recordInspectionProjection, inspId, {
    ...insp,
    status: 'changes-requested',
    submittedAt: '2025-06-20T02:00:00Z',
  }); // no new move
  await project(cycles.recordCareProjection, `care:${c.id}:1Q2`, {
    contractId: c.id,
    year: 1,
    quarter: 2,
    periodStart: '2025-04-01',
    dueAt: '2025-06-30T15:59:59Z',
    requiredVisits: 1,
    visits: 0,
    mailings: 0,
    status: 'open',
    breached: false,
  });
  // Year 3: the contract's real acceptance workflows (years 1 and 2) run beside this test.
  const accId = `acceptance:${c.id}:3`;
  const acc = {
    contractId: c.id,
    year: 3,
    yearStart: '2027-01-02',
    yearEnd: '2028-01-01',
    package: null,
    decisions: [],
    paymentId: null,
  };
  await project(cycles.recordAcceptanceProjection, accId, {
    ...acc,
    status: 'awaiting-submission',
    round: 0,
    submittedAt: null,
  });
  await project(cycles.recordAcceptanceProjection, accId, {
    ...acc,
    status: 'submitted',
    round: 1,
    submittedAt: '2026-01-05T02:00:00Z',
  });
  // Year 1's payment was released at signing (announced then, before anyone was subscribed); year 2's follows the pass of year 1 (clause 10).
  expect(
    (
      await db.query(`SELECT topic FROM notifications_outbox WHERE contract_id = $1 AND topic = 'payment.released'`, [
        c.id,
      ])
    ).rowCount,
  ).toBe(1);
  await cycles.insertAcceptanceRecord(db, {
    contractId: c.id,
    year: 1,
    passedAt: '2026-01-06T02:00:00Z',
    hospitalSignatory: '王主任',
    vendorSignatory: '李经理',
    decidedBy: 'appr',
    workflowId: accId,
  });
  await cycles.insertPayment(db, {
    contractId: c.id,
    year: 2,
    feeFen: '4000000',
    deductionsFen: '100000',
    amountFen: '3900000',
    basis: 'year 2 on the pass of year 1 (clause 10)',
    releasedAt: '2026-01-06T02:00:00Z',
    releasedBy: 'system',
  });

  const topics = [
    'inspection.due',
    'inspection.report-submitted',
    'inspection.changes-requested',
    'care.due',
    'acceptance.submitted',
    'payment.released',
  ];
  // The contract's own cycle workflows (started at registration) announce their current periods
  // too: only this test's rows count.
  const ours = [`${inspId}:`, `care:${c.id}:1Q2:`, `${accId}:`, 'payment:'];
  const mine = () =>
    rx.received.filter(
      (r) =>
        r.body.contractId === c.id &&
        topics.includes(r.body.topic) &&
        ours.some((prefix) => String(r.body.key).startsWith(prefix)),
    );
  await eventually(async () => mine().length >= 7, 20_000).catch((e) => {
    throw new Error(`${(e as Error).message}: ${JSON.stringify(mine().map((r) => [r.body.topic, r.endpoint]))}`);
  });
  await new Promise((r) => setTimeout(r, 500)); // nothing more arrives
  const who = Object.fromEntries(
    topics.map((t) => [
      t,
      mine()
        .filter((r) => r.body.topic === t)
        .map((r) => r.endpoint.split('/')[1])
        .sort(),
    ]),
  );
  expect(who).toEqual({
    'inspection.due': ['lead'],
    'inspection.report-submitted': ['op'],
    'inspection.changes-requested': ['lead'],
    'care.due': ['lead'],
    'acceptance.submitted': ['appr'],
    'payment.released': ['fin', 'mgr'],
  });
  const due = mine().find((r) => r.body.topic === 'inspection.due')!;
  expect(due.body.text).toContain('第 1 合同年度第 2 季度巡检已开始');
  expect(due.body.text).toContain('截止 2025-06-30 23:59 +08:00（第 4.3 条）');
  expect(due.body.link).toBe(`https://weibao.example.cn/contracts/${c.id}/inspections/1Q2`);
  expect(mine().find((r) => r.body.topic === 'payment.released')!.body.text).toContain(
    '第 2 合同年度付款已放行：39000.00 元（年费 40000.00 元，扣除已确认违约金 1000.00 元）',
  );
}, 60_000);
