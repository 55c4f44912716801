import { ScheduleNotFoundError } from '@temporalio/client';
import { shanghaiDate, addDays } from '../../src/domain/time';
import { scheduleId } from '../../src/temporal/schedule-options';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { contractBody } from '../helpers/fixtures';

// Issue 10 item 4: the dry run of a registration with its history answers every conclusion
// (deadlines met or missed, ledger entries by clause and amount, rights events, payments, the
// periods started) and commits nothing; the registration of the same body then reaches exactly
// those conclusions.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
jest.setTimeout(150_000);

const engineer = (engineerId: string, yearsOnProduct = 3) => ({
  engineerId,
  name: `Engineer ${engineerId}`,
  qualification: 'OA platform certified',
  yearsOnProduct,
  fixed: true,
});
/** An engineer change entered at onboarding (4.2): requested, effective, approved at the days given. */
const change = (
  signedMs: number,
  requestId: string,
  days: [number, number, number?],
  remove: string[],
  add: string[],
) => ({
  requestId,
  kind: 'requested',
  requestedAt: new Date(signedMs + days[0] * DAY).toISOString(),
  effectiveDate: shanghaiDate(signedMs + days[1] * DAY),
  remove,
  add: add.map((e) => engineer(e)),
  reason: 'rota',
  ...(days[2] === undefined
    ? {}
    : { decision: { approved: true, decidedAt: new Date(signedMs + days[2] * DAY).toISOString() } }),
});

/**
 * Signed ten months ago: a late dongle declaration, a plan on time, items on time, late and very
 * late, an extended go-live; engineer changes notified and approved in time, short of notice,
 * and one the hospital reported after the fact (4.2, 6.7).
 */
function history(signedMs: number) {
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const date = (days: number) => shanghaiDate(signedMs + days * DAY);
  return contractBody({
    signedAt: new Date(signedMs).toISOString(),
    goLiveDate: date(60),
    onboarding: {
      dongle: { declaredAt: at(20), verifiedAt: at(21) },
      rectification: {
        planSubmittedAt: at(5),
        items: [
          { itemId: 'ontime', description: 'rebuild indexes', dueDate: date(30), doneAt: at(29) },
          { itemId: 'late', description: 'rotate logs', dueDate: date(30), doneAt: at(33) },
          { itemId: 'verylate', description: 'patch the OS', dueDate: date(30), doneAt: at(70) },
          { itemId: 'open', description: 'replace the backup job', dueDate: date(200) },
        ],
      },
      payments: [{ year: 1, paidAt: at(10), reference: 'bank-2026-001' }],
      goLive: {
        extension: {
          requestedAt: at(55),
          newDate: date(80),
          reason: 'the HR interface',
          decidedAt: at(57),
          approved: true,
        },
        liveAt: at(96),
      },
      staff: {
        register: [engineer('wang'), engineer('zhou', 1)],
        changes: [
          change(signedMs, 'ontime', [10, 40, 12], ['wang'], ['li']),
          change(signedMs, 'short', [100, 103, 101], ['zhou'], ['chen']),
          { ...change(signedMs, 'unann', [250, 248], ['chen'], ['zhao']), kind: 'unannounced' },
        ],
      },
    },
  });
}

const byKey = (xs: { key: string }[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
const SIGNING = ['dongle', 'rectification', 'golive', 'staff'];

it('when a ten-month-old contract is dry-run with its history, then every conclusion is answered and nothing is committed; registering it reaches the same conclusions', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const body = history(signedMs);
  const id = body.id as string;
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', body);
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  // what each deadline is about, in the answer's language (issue 15; the English below, asked for en)
  expect(k.deadlines.map((d: { obligation: string; verdict: string }) => [d.obligation, d.verdict])).toEqual([
    ['已声明解除加密狗', 'missed'],
    ['已提交整改计划', 'met'],
    ['整改条目 ontime 已完成', 'met'],
    ['整改条目 late 已完成', 'missed'],
    ['整改条目 verylate 已完成', 'missed'],
    ['整改条目 open 已完成', 'missed'],
    ['上线', 'missed'],
    ['驻场工程师变更 ontime 已通知并获批准', 'met'],
    ['驻场工程师变更 short 已通知并获批准', 'missed'],
    ['驻场工程师变更 unann 已通知并获批准', 'missed'],
  ]);
  expect(k.penalties.map((p: { key: string; clause: string }) => [p.key, p.clause])).toEqual([
    [`dongle:${id}:deadline-missed`, '6.6'],
    [`rectification:${id}:item:late:late`, '6.3'],
    [`rectification:${id}:item:verylate:late`, '6.3'],
    [`golive:${id}:period:1`, '6.3'],
    [`golive:${id}:period:2`, '6.3'],
    [`staff-change:${id}:short:6.7`, '6.7'],
    [`staff-change:${id}:unann:6.7`, '6.7'],
  ]);
  expect(k.penalties.at(-1).amountFen).toBe('100000'); // CNY 1,000 per person (6.7)
  // The proposals in the answer's language (issue 15): Chinese by default, English when asked.
  const cjk = (t: string) => /[\u4e00-\u9fff]/.test(t);
  const texts = (ps: { key: string; fact: string; basis: string }[]) =>
    ps.map((p) => [p.key, cjk(p.fact), cjk(p.basis)]);
  expect(texts(k.penalties)).toEqual(k.penalties.map((p: { key: string }) => [p.key, true, true]));
  expect(k.penalties[0].basis).toBe(
    '条款 6.6：设置限制正常运行的加密狗、时间锁或授权码，罚 50,000.00 元；院方还可要求退还全部已付款项',
  );
  expect(k.staffChanges.map((c: { requestId: string; outcome: string }) => [c.requestId, c.outcome])).toEqual([
    ['ontime', 'effective'],
    ['short', 'effective-flagged'],
    ['unann', 'effective-flagged'],
  ]);
  expect(k.penalties[0].amountFen).toBe('5000000'); // CNY 50,000 (6.6)
  expect(k.rightsEvents.map((r: { key: string; right: string }) => [r.key, r.right])).toEqual([
    [`${id}:dongle:deadline-missed`, 'demand-payments-back'],
    [`${id}:rectification:verylate:30-days`, 'terminate'],
    [`${id}:rectification:open:30-days`, 'terminate'],
  ]);
  expect(k.payments).toEqual([expect.objectContaining({ year: 1, amountFen: '41152263' })]);
  expect(Date.parse(k.payments[0].paidAt)).toBe(signedMs + 10 * DAY);

  // Nothing committed: no row of the contract in any table, no workflow, no schedule.
  const { rows: tables } = await stack.db.pool.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'contract_id'`,
  );
  for (const { table_name } of tables) {
    const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM ${table_name} WHERE contract_id = $1`, [
      id,
    ]);
    expect([table_name, rows[0].n]).toEqual([table_name, 0]);
  }
  expect((await stack.call('auditor', 'GET', `/contracts/${id}`)).status).toBe(404);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);
  await expect(stack.client.schedule.getHandle(scheduleId(id, 'inspection')).describe()).rejects.toBeInstanceOf(
    ScheduleNotFoundError,
  );
  const audit = await stack.call('auditor', 'GET', `/audit?target=${id}`);
  expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['contract.dry-run']);
  const dryEn = await stack.call('admin', 'POST', '/contracts?dryRun=true', body, { 'accept-language': 'en' });
  expect(dryEn.body.conclusions.deadlines.map((d: { obligation: string }) => d.obligation)).toEqual([
    'dongle removal declared',
    'rectification plan delivered',
    'rectification item ontime done',
    'rectification item late done',
    'rectification item verylate done',
    'rectification item open done',
    'go-live',
    'staff change ontime notified and approved',
    'staff change short notified and approved',
    'staff change unann notified and approved',
  ]);
  expect(texts(dryEn.body.conclusions.penalties)).toEqual(
    k.penalties.map((p: { key: string }) => [p.key, false, false]),
  );

  // The registration of the same body concludes the same.
  expect((await stack.call('admin', 'POST', '/contracts', body)).status).toBe(201);
  const ledger = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${id}`);
    const items = (r.body.items ?? []).filter((e: { caseKind: string }) => SIGNING.includes(e.caseKind));
    return items.length >= k.penalties.length ? items : undefined;
  }, 40_000);
  const pick = (e: { key: string; clause: string; amountFen: string; occurredAt: string }) => ({
    key: e.key,
    clause: e.clause,
    amountFen: e.amountFen,
    occurredAt: new Date(e.occurredAt).toISOString(),
  });
  expect(byKey(ledger.map(pick))).toEqual(byKey(k.penalties.map(pick)));
  const rights = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/rights-events?contractId=${id}`);
    return r.body.items?.length >= k.rightsEvents.length ? r.body.items : undefined;
  }, 20_000);
  const right = (r: { key: string; right: string; clause: string }) => ({
    key: r.key,
    right: r.right,
    clause: r.clause,
  });
  expect(byKey(rights.map(right))).toEqual(byKey(k.rightsEvents.map(right)));
  const pay = await stack.call('finance', 'GET', `/contracts/${id}/payments`);
  expect(pay.body.items.map((p: { year: number; amountFen: string }) => [p.year, p.amountFen])).toEqual(
    k.payments.map((p: { year: number; amountFen: string }) => [p.year, p.amountFen]),
  );
  expect(pay.body.items[0]).toMatchObject({ status: 'paid', paidReference: 'bank-2026-001' });
  expect(Date.parse(pay.body.items[0].paidAt)).toBe(Date.parse(k.payments[0].paidAt));
  const launch = await stack.client.workflow.getHandle(`weibao-launch:registered:${id}`).result();
  expect([...launch.started].sort()).toEqual(k.periods.map((p: { workflowId: string }) => p.workflowId).sort());
  const goLive = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/go-live`);
    return r.body?.periodsCharged === 2 && r.body.liveAt ? r.body : undefined;
  }, 20_000);
  expect(goLive).toMatchObject({
    periodsCharged: 2,
    extension: { status: 'approved', newDate: addDays(body.goLiveDate as string, 20) },
  });
  // 4.2: the register as the changes left it, each change applied at its effective date, in order.
  const staff = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/staff?includeRemoved=true`);
    return r.body.changes?.every((c: { status: string }) => c.status === 'applied') ? r.body : undefined;
  }, 20_000);
  const one = await stack.call('auditor', 'GET', `/contracts/${id}/staff-changes/short`);
  expect([one.status, one.body.outcome, one.body.onboarded?.by]).toEqual([
    200,
    'effective-flagged',
    expect.any(String),
  ]);
  const current = (await stack.call('auditor', 'GET', `/contracts/${id}/staff`)).body.items;
  expect(current.map((e: { engineerId: string }) => e.engineerId).sort()).toEqual(['li', 'zhao']);
  expect(staff.items.map((e: { engineerId: string }) => e.engineerId).sort()).toEqual([
    'chen',
    'li',
    'wang',
    'zhao',
    'zhou',
  ]);
});

it('when onboarded facts are out of order or outside the rules, then the request is refused naming the field, and nothing is registered', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const date = (days: number) => shanghaiDate(signedMs + days * DAY);
  const cases: [Record<string, unknown>, string][] = [
    [{ dongle: { declaredAt: at(5), verifiedAt: at(4) } }, 'onboarding.dongle.verifiedAt'],
    [{ payments: [{ year: 2, paidAt: at(5) }] }, 'onboarding.payments.0.year'],
    [{ payments: [{ year: 1, paidAt: at(-1) }] }, 'onboarding.payments.0.paidAt'],
    [
      {
        rectification: {
          planSubmittedAt: at(5),
          items: [
            { itemId: 'a', description: 'x' },
            { itemId: 'a', description: 'y' },
          ],
        },
      },
      'onboarding.rectification.items.1.itemId',
    ],
    [
      { rectification: { planSubmittedAt: at(5), items: [{ itemId: 'a', description: 'x', doneAt: at(4) }] } },
      'onboarding.rectification.items.0.doneAt',
    ],
    [
      {
        goLive: {
          extension: { requestedAt: at(55), newDate: date(120), reason: 'r', decidedAt: at(56), approved: true },
        },
      },
      'onboarding.goLive.extension.newDate',
    ],
    [
      {
        goLive: {
          extension: { requestedAt: at(70), newDate: date(80), reason: 'r', decidedAt: at(71), approved: true },
        },
      },
      'onboarding.goLive.extension.requestedAt',
    ],
    [
      {
        goLive: {
          liveAt: at(50),
          extension: { requestedAt: at(55), newDate: date(80), reason: 'r', decidedAt: at(56), approved: true },
        },
      },
      'onboarding.goLive.extension.requestedAt',
    ],
    [
      {
        goLive: {
          extension: { requestedAt: at(55), newDate: date(80), reason: 'r', decidedAt: at(54), approved: false },
        },
      },
      'onboarding.goLive.extension.decidedAt',
    ],
    [{ staff: { register: [engineer('wu', 1)] } }, 'onboarding.staff.register'],
    [
      { staff: { register: [engineer('wu')], changes: [change(signedMs, 'late', [10, 20, 21], ['wu'], ['ma'])] } },
      'onboarding.staff.changes.0.decision.decidedAt',
    ],
    [
      { staff: { register: [engineer('wu')], changes: [change(signedMs, 'who', [10, 30, 12], ['nobody'], ['ma'])] } },
      'onboarding.staff.changes.0.remove.0',
    ],
    [
      { staff: { register: [engineer('wu')], changes: [change(signedMs, 'early', [-2, 30], [], ['ma'])] } },
      'onboarding.staff.changes.0.requestedAt',
    ],
    [
      { staff: { register: [engineer('wu')], changes: [change(signedMs, 'reuse', [10, 30], [], ['wu'])] } },
      'onboarding.staff.changes.0.add.0.engineerId',
    ],
  ];
  for (const [onboarding, field] of cases) {
    for (const q of ['?dryRun=true', '']) {
      const body = contractBody({ signedAt: new Date(signedMs).toISOString(), goLiveDate: date(60), onboarding });
      const r = await stack.call('admin', 'POST', `/contracts${q}`, body);
      expect([r.status, r.body.error?.field, typeof r.body.error?.clause]).toEqual([400, field, 'string']);
      expect((await stack.call('auditor', 'GET', `/contracts/${body.id}`)).status).toBe(404);
    }
  }
  const noDate = contractBody({
    signedAt: new Date(signedMs).toISOString(),
    onboarding: { goLive: { liveAt: at(50) } },
  });
  const r = await stack.call('admin', 'POST', '/contracts?dryRun=true', noDate);
  expect([r.status, r.body.error?.field]).toEqual([400, 'onboarding.goLive']);
  const approver = await stack.call('hospital-approver', 'POST', '/contracts?dryRun=true', history(signedMs));
  expect(approver.status).toBe(403);
});

const HOUR = 3_600_000;
const MIN = 60_000;
/** Faults open at registration (4.9.x): answered on time, late, never (past due), and one not yet due. */
function faults(nowMs: number) {
  const at = (ms: number) => new Date(ms).toISOString();
  const t0 = nowMs - 26 * HOUR;
  const report = (faultId: string, level: number, reportedAtMs: number) => ({
    faultId,
    level,
    title: `fault ${faultId}`,
    channel: 'phone',
    reporter: 'Nurse Li',
    reportedAt: at(reportedAtMs),
  });
  return [
    {
      ...report('ontime', 1, t0),
      response: { at: at(t0 + 10 * MIN), engineer: 'Wang', how: 'phone' },
      onsite: { at: at(t0 + 5 * HOUR), engineer: 'Wang' },
      replacement: { at: at(t0 + 20 * HOUR), description: 'spare database node' },
    },
    {
      ...report('late', 2, t0 + HOUR),
      response: { at: at(t0 + HOUR + 50 * MIN), engineer: 'Li', how: 'remote' },
      investigatingAt: at(t0 + 3 * HOUR),
      resolution: { at: at(t0 + 9 * HOUR), summary: 'index rebuilt' },
    },
    report('missing', 3, t0 + 2 * HOUR),
    report('notdue', 4, nowMs - HOUR),
  ];
}

it('when a contract is dry-run with faults open at registration, then each case, deadline and ledger entry is answered and nothing is committed; registering it reaches the same', async () => {
  const nowMs = Date.now();
  const body = contractBody({
    signedAt: new Date(nowMs - 300 * DAY).toISOString(),
    onboarding: { faults: faults(nowMs) },
  });
  const id = body.id as string;
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', body);
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  const statuses = (ds: { id: string; status: string }[]) => ds.map((d) => [d.id, d.status]);
  expect(
    k.faults.map((f: { faultId: string; caseId: string; status: string; deadlines: never[] }) => [
      f.faultId,
      f.caseId,
      f.status,
      statuses(f.deadlines),
    ]),
  ).toEqual([
    [
      'ontime',
      `fault:${id}:1`,
      'responded',
      [
        ['response', 'met'],
        ['analysis', 'breached'],
        ['onsite', 'met'],
        ['replacement', 'met'],
      ],
    ],
    [
      'late',
      `fault:${id}:2`,
      'resolved',
      [
        ['response', 'breached'],
        ['analysis', 'breached'],
        ['onsite', 'cancelled'],
        ['replacement', 'cancelled'],
      ],
    ],
    ['missing', `fault:${id}:3`, 'reported', [['response', 'breached']]],
    ['notdue', `fault:${id}:4`, 'reported', [['response', 'pending']]],
  ]);
  const faultEntries = (xs: { key: string; caseKind?: string }[]) => xs.filter((p) => p.key.startsWith('fault:'));
  expect(
    faultEntries(k.penalties)
      .map((p) => p.key)
      .sort(),
  ).toEqual([
    `fault:${id}:1:analysis-breach`,
    `fault:${id}:2:analysis-breach`,
    `fault:${id}:2:response-breach`,
    `fault:${id}:3:response-breach`,
  ]);
  // Nothing committed: no fault intake or case, no workflow.
  for (const table of ['fault_intakes', 'fault_cases']) {
    const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE contract_id = $1`, [id]);
    expect([table, rows[0].n]).toEqual([table, 0]);
  }
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', body)).status).toBe(201);
  const ledger = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${id}`);
    const items = (r.body.items ?? []).filter((e: { caseKind: string }) => e.caseKind === 'fault');
    return items.length >= 4 ? items : undefined;
  }, 40_000);
  const pick = (e: { key: string; clause: string; amountFen: string; occurredAt: string }) => ({
    key: e.key,
    clause: e.clause,
    amountFen: e.amountFen,
    occurredAt: new Date(e.occurredAt).toISOString(),
  });
  expect(byKey(ledger.map(pick))).toEqual(byKey(faultEntries(k.penalties).map(pick as never)));
  for (const f of k.faults) {
    const c = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/faults/${f.caseId}`);
      return r.status === 200 && r.body.deadlines?.length ? r.body : undefined;
    }, 20_000);
    expect([c.status, statuses(c.deadlines)]).toEqual([f.status, statuses(f.deadlines)]);
  }
  // The entered response is the vendor's statement (entered by the admin): the hospital may contest it.
  const one = (await stack.call('auditor', 'GET', `/faults/fault:${id}:1`)).body;
  const responded = one.timeline.find((x: { type: string }) => x.type === 'case.responded');
  expect(responded).toMatchObject({ statedBy: 'vendor' });
  const contest = await stack.call('hospital-operator', 'POST', `/faults/fault:${id}:1/contest`, {
    factSeq: responded.seq,
    reason: 'no call before 09:30',
  });
  expect(contest.status).toBe(200);
  // A retried registration takes in no second case.
  expect((await stack.call('admin', 'POST', '/contracts', body)).status).toBe(200);
  const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM fault_cases WHERE contract_id = $1`, [id]);
  expect(rows[0].n).toBe(4);
});
