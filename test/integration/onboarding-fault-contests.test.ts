import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4, s18: a fault's entered response carrying a contest the hospital made, and
// the approver decided, before the registration (clause 6). The dry run judges the response on
// the decided time (contested: late, the 6.2.1 sum) and commits nothing; the registration reaches
// the same entry and the case's record shows the contest and the decision with their times; a
// contest the live case would refuse (by the party that stated the time) or out of order is 400
// naming the field and the clause, in Chinese.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
jest.setTimeout(150_000);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function fault(t0: number, contest: Record<string, unknown>) {
  return {
    faultId: 'HIS-1',
    level: 2,
    title: '门诊挂号无法打印',
    channel: 'phone',
    reporter: '护士李',
    reportedAt: iso(t0),
    response: { at: iso(t0 + 5 * MIN), engineer: '王工', how: 'phone', contest },
  };
}
const decided = (t0: number, outcome: string) => ({
  by: 'hospital',
  proposedAt: iso(t0 + 35 * MIN),
  reason: '电话记录为 35 分',
  contestedAt: iso(t0 + 50 * MIN),
  decision: { outcome, at: iso(t0 + 2 * HOUR), reason: '核对电话记录' },
});

it('when an entered response carries a contest decided before the registration, then the dry run and the registration judge it on the decided time', async () => {
  const nowMs = Date.now();
  const t0 = nowMs - 3 * HOUR;
  const b = contractBody({
    signedAt: iso(nowMs - 100 * DAY),
    onboarding: { faults: [fault(t0, decided(t0, 'contested'))] },
  });
  const id = b.id as string;
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b);
  expect(dry.status).toBe(200);
  const response = dry.body.conclusions.faults[0].deadlines.find((d: { id: string }) => d.id === 'response');
  expect([response.status, iso(Date.parse(response.doneAt))]).toEqual(['breached', iso(t0 + 35 * MIN)]);
  const entries = (xs: { key: string; amountFen?: string }[]) =>
    xs.filter((p) => p.key === `fault:${id}:1:response-breach`);
  expect(entries(dry.body.conclusions.penalties)).toHaveLength(1);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const entry = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${id}`);
    return entries(r.body.items ?? [])[0];
  }, 40_000);
  expect(entry).toMatchObject({ clause: '6.2.1', amountFen: entries(dry.body.conclusions.penalties)[0]!.amountFen });
  const c = (await stack.call('auditor', 'GET', `/faults/fault:${id}:1`)).body;
  const at = (type: string) => iso(Date.parse(c.timeline.find((f: { type: string }) => f.type === type).occurredAt));
  expect([at('time.contested'), at('time.decided')]).toEqual([iso(t0 + 50 * MIN), iso(t0 + 2 * HOUR)]);
});

test.each([
  [
    'a contest by the party that stated the time',
    (t0: number) => ({ ...decided(t0, 'stated'), by: 'vendor' }),
    'response.contest.contestedAt',
    '4.9',
  ],
  [
    'a contest before the act it contests',
    (t0: number) => ({ ...decided(t0, 'stated'), contestedAt: iso(t0 + MIN) }),
    'response.contest.contestedAt',
    '6',
  ],
  [
    'a decision before its contest',
    (t0: number) => ({
      ...decided(t0, 'stated'),
      decision: { outcome: 'stated', at: iso(t0 + 40 * MIN), reason: 'x' },
    }),
    'response.contest.decision.at',
    '6',
  ],
])(
  'when onboarding enters %s, then 400 names the field and the clause, in Chinese',
  async (_what, contest, field, clause) => {
    const nowMs = Date.now();
    const t0 = nowMs - 3 * HOUR;
    const b = contractBody({ signedAt: iso(nowMs - 100 * DAY), onboarding: { faults: [fault(t0, contest(t0))] } });
    const r = await stack.call('admin', 'POST', '/contracts?dryRun=true', b);
    expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([
      400,
      `onboarding.faults.0.${field}`,
      clause,
    ]);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  },
);
