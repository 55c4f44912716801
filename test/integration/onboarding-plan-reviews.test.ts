import { shanghaiDate } from '../../src/domain/time';
import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4: the 6.3 plan items entered at onboarding with the hospital's reviews and the
// vendor's revisions. The dry run binds only the accepted items (a rejected or revised item has
// no charge and no 30-day right yet) and commits nothing; the registration records the items in
// the state the reviews left them; reviews and revisions out of the live order are refused with
// 400 naming the field and clause 6.3, in Chinese.
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

function plan(signedMs: number, items: Record<string, unknown>[]) {
  return contractBody({
    signedAt: iso(signedMs),
    onboarding: { rectification: { planSubmittedAt: iso(signedMs + 3 * DAY), items } },
  });
}

it('when plan items with reviews and revisions are dry-run and registered, then only accepted items bind and the items read as the reviews left them', async () => {
  const signedMs = Date.now() - 120 * DAY;
  const at = (d: number) => iso(signedMs + d * DAY);
  const date = (d: number) => shanghaiDate(signedMs + d * DAY);
  const b = plan(signedMs, [
    {
      itemId: 'C',
      description: '审计日志',
      dueDate: date(20),
      reviews: [{ at: at(4), accepted: false, note: '不够具体' }],
    },
    {
      itemId: 'D',
      description: '备份',
      dueDate: date(25),
      reviews: [{ at: at(4), accepted: false, note: '不够具体' }],
      revisions: [{ at: at(7), description: '异地加密备份', dueDate: date(60) }],
    },
    { itemId: 'E', description: '系统补丁', dueDate: date(10), reviews: [{ at: at(4), accepted: true }] },
  ]);
  const id = b.id as string;
  // asked in English: the rules and obligations below are the English the platform writes (zh-CN by default, issue 15)
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b, { 'accept-language': 'en' });
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  const items = k.deadlines.filter((d: { obligation: string }) => d.obligation.startsWith('rectification item'));
  expect(items.map((d: { obligation: string; verdict: string }) => [d.obligation, d.verdict])).toEqual([
    ['rectification item C done', 'pending'],
    ['rectification item D done', 'pending'],
    ['rectification item E done', 'missed'],
  ]);
  const rights = (xs: { key: string }[]) => xs.map((x) => x.key).filter((key) => key.includes(':rectification:'));
  expect(rights(k.rightsEvents)).toEqual([`${id}:rectification:E:30-days`]);
  expect((await stack.call('auditor', 'GET', `/contracts/${id}`)).status).toBe(404);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const read = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/rectification`);
    return r.body?.items?.length === 3 ? r.body : undefined;
  }, 40_000);
  expect(
    read.items.map((i: { itemId: string; status: string; dueDate: string; description: string }) => [
      i.itemId,
      i.status,
      i.dueDate,
      i.description,
    ]),
  ).toEqual([
    ['C', 'rejected', date(20), '审计日志'],
    ['D', 'awaiting-review', date(60), '异地加密备份'],
    ['E', 'open', date(10), '系统补丁'],
  ]);
  const raised = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/rights-events?contractId=${id}`);
    return rights(r.body.items ?? []).length >= 1 ? r.body.items : undefined; // the dongle's own right comes too
  }, 20_000);
  expect(rights(raised)).toEqual(rights(k.rightsEvents));
});

// Numbers stand for days after the signing (the plan is delivered on day 3).
test.each([
  [
    'a review before the plan',
    { reviews: [{ at: 2, accepted: true }] },
    'onboarding.rectification.items.0.reviews.0.at',
  ],
  ['a revision without a rejection', { revisions: [{ at: 5 }] }, 'onboarding.rectification.items.0.revisions.0'],
  [
    'a review after the acceptance',
    {
      reviews: [
        { at: 4, accepted: true },
        { at: 5, accepted: false },
      ],
    },
    'onboarding.rectification.items.0.reviews.1',
  ],
  [
    'a revision before its rejection',
    { reviews: [{ at: 5, accepted: false }], revisions: [{ at: 4 }] },
    'onboarding.rectification.items.0.revisions.0.at',
  ],
  [
    'an item done that was not accepted',
    { reviews: [{ at: 4, accepted: false }], doneAt: 6 },
    'onboarding.rectification.items.0.doneAt',
  ],
])(
  'when onboarding enters %s, then 400 names the field and clause 6.3, in Chinese, and nothing is registered',
  async (_what, extra, field) => {
    const signedMs = Date.now() - 120 * DAY;
    const fill = JSON.parse(
      JSON.stringify(extra, (k, v) => (['at', 'doneAt'].includes(k) ? iso(signedMs + v * DAY) : v)),
    );
    for (const q of ['?dryRun=true', '']) {
      const b = plan(signedMs, [
        { itemId: 'A', description: '重建索引', dueDate: shanghaiDate(signedMs + 40 * DAY), ...fill },
      ]);
      const r = await stack.call('admin', 'POST', `/contracts${q}`, b);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, '6.3']);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.call('auditor', 'GET', `/contracts/${b.id}`)).status).toBe(404);
    }
  },
);
