import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4: the restrictions the hospital found (6.6) entered at onboarding with the
// dongle's declaration. The dry run answers each finding's 6.6 sum and right (and no deadline
// sum when a finding before the deadline had charged it) and commits nothing; the registration
// records the same ledger entries and rights events and the dongle reads its findings; what the
// live case would not take is refused with 400 naming the field and the clause, in Chinese.
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

it('when restrictions found before the registration are dry-run and registered, then each is charged as live and nothing is committed by the dry run', async () => {
  const signedMs = Date.now() - 100 * DAY;
  const at = (days: number) => iso(signedMs + days * DAY);
  const b = contractBody({
    signedAt: at(0),
    onboarding: {
      dongle: {
        declaredAt: at(20),
        verifiedAt: at(21),
        findings: [
          { findingId: 'F1', foundAt: at(2), description: '报表模块时间锁' },
          { findingId: 'F2', foundAt: at(60), description: '人事接口授权码' },
        ],
      },
    },
  });
  const id = b.id as string;
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b);
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  const dongle = (xs: { key: string }[]) =>
    xs
      .filter((x) => x.key.includes('dongle'))
      .map((x) => x.key)
      .sort();
  // F1 was found before the 4.10 deadline and charged then: the late declaration adds nothing.
  expect(dongle(k.penalties)).toEqual([`dongle:${id}:finding:F1`, `dongle:${id}:finding:F2`]);
  expect(dongle(k.rightsEvents)).toEqual([`${id}:dongle:finding:F1`, `${id}:dongle:finding:F2`]);
  expect((await stack.call('auditor', 'GET', `/contracts/${id}`)).status).toBe(404);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const ledger = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${id}`);
    const items = (r.body.items ?? []).filter((e: { caseKind: string }) => e.caseKind === 'dongle');
    return items.length >= 2 ? items : undefined;
  }, 40_000);
  const pick = (e: { key: string; clause: string; amountFen: string; occurredAt: string }) => [
    e.key,
    e.clause,
    e.amountFen,
    iso(Date.parse(e.occurredAt)),
  ];
  const sorted = (xs: unknown[][]) => [...xs].sort((a, c) => String(a[0]).localeCompare(String(c[0])));
  expect(sorted(ledger.map(pick))).toEqual(
    sorted(k.penalties.filter((p: { caseKind: string }) => p.caseKind === 'dongle').map(pick)),
  );
  const rights = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/rights-events?contractId=${id}`);
    return r.body.items?.length >= 2 ? r.body.items : undefined;
  }, 20_000);
  expect(dongle(rights)).toEqual(dongle(k.rightsEvents));
  const read = await stack.call('auditor', 'GET', `/contracts/${id}/dongle`);
  expect(
    read.body.findings.map((f: { findingId: string; outcome: string; foundAt: string }) => [
      f.findingId,
      f.outcome,
      iso(Date.parse(f.foundAt)),
    ]),
  ).toEqual([
    ['F1', 'penalised', at(2)],
    ['F2', 'penalised', at(60)],
  ]);
});

test.each([
  [
    'two findings with one id',
    {
      findings: [
        { findingId: 'F1', foundAt: 5, description: 'x' },
        { findingId: 'F1', foundAt: 6, description: 'y' },
      ],
    },
    'onboarding.dongle.findings.1.findingId',
    '6.6',
  ],
  [
    'a finding citing a hospital change',
    { findings: [{ findingId: 'F1', foundAt: 5, description: 'x', relatedChangeId: 'chg-1' }] },
    'onboarding.dongle.findings.0.relatedChangeId',
    '6.6',
  ],
  ['a verification without a declaration', { verifiedAt: 5 }, 'onboarding.dongle.verifiedAt', '4.10'],
  [
    'a finding before the signing',
    { findings: [{ findingId: 'F1', foundAt: -1, description: 'x' }] },
    'onboarding.dongle.findings.0.foundAt',
    '3',
  ],
])(
  'when onboarding enters %s, then 400 names the field and the clause, in Chinese, and nothing is registered',
  async (_what, d, field, clause) => {
    const signedMs = Date.now() - 100 * DAY;
    // Numbers stand for days after the signing.
    const fill = JSON.parse(
      JSON.stringify(d, (k, v) => (['foundAt', 'verifiedAt'].includes(k) ? iso(signedMs + v * DAY) : v)),
    );
    for (const q of ['?dryRun=true', '']) {
      const b = contractBody({ signedAt: iso(signedMs), onboarding: { dongle: fill } });
      const r = await stack.call('admin', 'POST', `/contracts${q}`, b);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, clause]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.call('auditor', 'GET', `/contracts/${b.id}`)).status).toBe(404);
    }
  },
);
