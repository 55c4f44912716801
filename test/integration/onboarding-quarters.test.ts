import { quarterIfKnown } from '../../src/domain/cycles';
import { shanghaiDate } from '../../src/domain/time';
import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4: the quarters that ended before the registration (4.1, 4.3) entered at
// onboarding, inspection and care, each done, late or not done. The dry run answers every past
// quarter (entered or not, with its rule) and commits nothing; the registration starts each
// entered quarter's case, which reads as recorded (GET routes) with the dry run's ledger
// entries; and each refusal names its field and clause, in Chinese by default.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
jest.setTimeout(150_000);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const SHA = 'b'.repeat(64);

/** Signed ten months ago: 1Q1 not entered (not tracked), 1Q2 on time / kept, 1Q3 not done / missed. */
function body(signedMs: number, o: Record<string, unknown> = {}) {
  const q2 = quarterIfKnown(signedMs, 1, 2)!;
  return contractBody({
    signedAt: iso(signedMs),
    onboarding: {
      inspections: [
        {
          year: 1,
          quarter: 2,
          done: true,
          doneAt: iso(q2.startMs + 40 * DAY),
          inspectionDate: shanghaiDate(q2.startMs + 38 * DAY),
          engineer: '王工',
          report: { documentRef: '档案 2026-Q2-巡检', sha256: SHA },
          findings: [{ title: '备份未加密', severity: 'low' }],
          recommendations: ['启用备份加密'],
          acknowledgedAt: iso(q2.startMs + 42 * DAY),
        },
        { year: 1, quarter: 3, done: false },
      ],
      care: [
        {
          year: 1,
          quarter: 2,
          visits: [{ at: iso(q2.startMs + 20 * DAY), channel: '电话', withWhom: '信息科主任', topics: ['系统运行'] }],
        },
        { year: 1, quarter: 3, visits: [] },
      ],
      ...o,
    },
  });
}

it('when past quarters are dry-run and then registered, then each quarter is answered with its rule, nothing is committed, and the registration records the same', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const b = body(signedMs);
  const id = b.id as string;
  // asked in English: the rules and obligations below are the English the platform writes (zh-CN by default, issue 15)
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b, { 'accept-language': 'en' });
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  expect(
    k.quarters.map((x: { kind: string; period: string; verdict: string }) => [x.kind, x.period, x.verdict]),
  ).toEqual([
    ['inspection', '1Q1', 'not-tracked'],
    ['care', '1Q1', 'not-tracked'],
    ['inspection', '1Q2', 'on-time'],
    ['care', '1Q2', 'kept'],
    ['inspection', '1Q3', 'missed'],
    ['care', '1Q3', 'missed'],
  ]);
  expect(k.quarters[0]).toMatchObject({
    workflowId: null,
    rule: expect.stringContaining('onboarding invents nothing'),
  });
  const quarterly = (xs: { key: string }[]) =>
    xs
      .filter((p) => /^(inspection|care):/.test(p.key))
      .map((p) => p.key)
      .sort();
  expect(quarterly(k.penalties)).toEqual([`care:${id}:1Q3:visits-missed`, `inspection:${id}:1Q3:report-missing`]);
  expect(k.periods.map((p: { workflowId: string }) => p.workflowId)).toEqual(
    expect.arrayContaining([`inspection:${id}:1Q2`, `care:${id}:1Q3`, `inspection:${id}:1Q4`]),
  );
  // Nothing committed: no row of the contract in any table (care logs included), no workflow.
  const { rows: tables } = await stack.db.pool.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'contract_id'`,
  );
  for (const { table_name } of tables) {
    const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM ${table_name} WHERE contract_id = $1`, [
      id,
    ]);
    expect([table_name, rows[0].n]).toEqual([table_name, 0]);
  }
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const inspections = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/inspections`);
    const got = (r.body.items ?? []).filter((x: { status: string }) => x.status !== 'open');
    return got.length >= 2 && r.body.items.length >= 3 ? r.body.items : undefined;
  }, 40_000);
  const byPeriod = (xs: { year: number; quarter: number; status: string }[]) =>
    xs.map((x) => [`${x.year}Q${x.quarter}`, x.status]).sort();
  expect(byPeriod(inspections)).toEqual([
    ['1Q2', 'acknowledged'], // closes when the hospital's window to contest the entered times passes
    ['1Q3', 'overdue'],
    ['1Q4', 'open'],
  ]);
  const q2 = inspections.find((x: { quarter: number }) => x.quarter === 2);
  expect(q2.history.map((x: { event: string }) => x.event)).toEqual(['report-submitted', 'acknowledged']);
  expect(q2.report).toMatchObject({ documentRef: '档案 2026-Q2-巡检', engineer: '王工' });
  const care = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/care-periods`);
    return (r.body.items ?? []).length >= 3 ? r.body.items : undefined;
  }, 20_000);
  expect(byPeriod(care)).toEqual([
    ['1Q2', 'kept'],
    ['1Q3', 'missed'],
    ['1Q4', 'open'],
  ]);
  const ledger = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${id}`);
    const items = (r.body.items ?? []).filter((e: { key: string }) => /^(inspection|care):/.test(e.key));
    return items.length >= 2 ? items : undefined;
  }, 20_000);
  const pick = (e: { key: string; clause: string; amountFen: string; occurredAt: string }) => ({
    key: e.key,
    clause: e.clause,
    amountFen: e.amountFen,
    occurredAt: iso(Date.parse(e.occurredAt)),
  });
  const sorted = (xs: { key: string }[]) => [...xs].sort((a, c) => a.key.localeCompare(c.key));
  expect(sorted(ledger.map(pick))).toEqual(
    sorted(k.penalties.filter((p: { key: string }) => /^(inspection|care):/.test(p.key)).map(pick)),
  );
  // A retried registration enters no second care log.
  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(200);
  const logs = await stack.call('auditor', 'GET', `/contracts/${id}/care-logs`);
  expect(logs.body.items.map((l: { loggedBy: string }) => l.loggedBy)).toEqual(['test-admin (entered at onboarding)']);
});

test.each([
  [
    'a quarter out of the term',
    { inspections: [{ year: 4, quarter: 1, done: false }] },
    'onboarding.inspections.0.quarter',
    '3',
  ],
  ['a quarter not ended', { care: [{ year: 1, quarter: 4, visits: [] }] }, 'onboarding.care.0.quarter', '4.1'],
  [
    'a quarter twice',
    {
      care: [
        { year: 1, quarter: 2, visits: [] },
        { year: 1, quarter: 2, visits: [] },
      ],
    },
    'onboarding.care.1.quarter',
    '4.1',
  ],
  [
    'a gap after the first entered quarter',
    {
      inspections: [
        { year: 1, quarter: 1, done: false },
        { year: 1, quarter: 3, done: false },
      ],
    },
    'onboarding.inspections',
    '4.3',
  ],
  [
    'findings without a report',
    { inspections: [{ year: 1, quarter: 3, done: false, findings: [{ title: 'x', severity: 'low' }] }] },
    'onboarding.inspections.0.findings',
    '4.3',
  ],
  [
    'a done-at before its quarter',
    {
      inspections: [
        {
          year: 1,
          quarter: 3,
          done: true,
          doneAt: 'Q2',
          inspectionDate: 'Q3',
          engineer: 'w',
          report: { documentRef: 'a-1', sha256: SHA },
        },
      ],
    },
    'onboarding.inspections.0.doneAt',
    '4.3',
  ],
  [
    'a visit outside its quarter',
    { care: [{ year: 1, quarter: 3, visits: [{ at: 'Q2', channel: 'p', withWhom: 'w', topics: ['t'] }] }] },
    'onboarding.care.0.visits.0.at',
    '4.1',
  ],
  [
    'a store citation before the store exists',
    {
      inspections: [
        {
          year: 1,
          quarter: 3,
          done: true,
          doneAt: 'Q3',
          inspectionDate: 'Q3',
          engineer: 'w',
          report: { documentRef: `doc_${'0'.repeat(32)}@1`, sha256: SHA },
        },
      ],
    },
    'onboarding.inspections.0.report.documentRef',
    '4.3',
  ],
  [
    'a report sent back before it was delivered',
    {
      inspections: [
        {
          year: 1,
          quarter: 3,
          done: true,
          sentBack: [
            { doneAt: 'Q3+1', report: { documentRef: 'a-0', sha256: SHA }, requestedAt: 'Q3', reasons: ['r'] },
          ],
          doneAt: 'Q3+1',
          inspectionDate: 'Q3',
          engineer: 'w',
          report: { documentRef: 'a-1', sha256: SHA },
        },
      ],
    },
    'onboarding.inspections.0.sentBack.0.requestedAt',
    '4.3',
  ],
  [
    'a report delivered again before the previous one was sent back',
    {
      inspections: [
        {
          year: 1,
          quarter: 3,
          done: true,
          sentBack: [
            { doneAt: 'Q3', report: { documentRef: 'a-0', sha256: SHA }, requestedAt: 'Q3+1', reasons: ['r'] },
          ],
          doneAt: 'Q3',
          inspectionDate: 'Q3',
          engineer: 'w',
          report: { documentRef: 'a-1', sha256: SHA },
        },
      ],
    },
    'onboarding.inspections.0.doneAt',
    '4.3',
  ],
])(
  'when onboarding enters %s, then 400 names the field and the clause, in Chinese, and nothing is registered',
  async (_what, o, field, clause) => {
    const signedMs = Date.now() - 300 * DAY;
    const q2 = quarterIfKnown(signedMs, 1, 2)!;
    const q3 = quarterIfKnown(signedMs, 1, 3)!;
    // 'Q2' / 'Q3': an instant (or date) inside that quarter.
    const fill = JSON.parse(
      JSON.stringify(o)
        .replaceAll('"inspectionDate":"Q3"', `"inspectionDate":"${shanghaiDate(q3.startMs + 3 * DAY)}"`)
        .replaceAll('"Q2"', `"${iso(q2.startMs + 5 * DAY)}"`)
        .replaceAll('"Q3"', `"${iso(q3.startMs + 5 * DAY)}"`)
        .replaceAll('"Q3+1"', `"${iso(q3.startMs + 6 * DAY)}"`),
    );
    for (const q of ['?dryRun=true', '']) {
      const b = contractBody({ signedAt: iso(signedMs), onboarding: fill });
      const r = await stack.call('admin', 'POST', `/contracts${q}`, b);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, clause]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.call('auditor', 'GET', `/contracts/${b.id}`)).status).toBe(404);
    }
  },
);
