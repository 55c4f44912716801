import { addDays, endOfShanghaiDay, shanghaiDate } from '../../src/domain/time';
import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4, s18: service requests (4.5-5.4) raised before the registration and still
// open, entered at onboarding. The dry run answers each request's due date, verdict and what it
// proposes (a request delivered after its due date: a 6.5 breach awaiting the approver's rate)
// and commits nothing; the registration starts each request with its past, reads as live (the
// breach at the due end, the facts stated by their party, contestable), and the approver prices
// it into the ledger as live. What the live request would not take is refused with 400 naming
// the field and the clause, in Chinese.
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
const evidence = [{ documentRef: '档案 2026-字典-v1', sha256: 'b'.repeat(64) }];

/** Two open requests, times in days after the signing: SR1 delivered after its due date, SR2 due far ahead. */
function requests(signedMs: number) {
  const at = (days: number) => iso(signedMs + days * DAY);
  const date = (days: number) => addDays(shanghaiDate(signedMs), days);
  return [
    {
      requestId: 'SR1',
      clause: '4.7',
      title: '数据字典',
      description: '交付 OA 平台数据库字典',
      raisedAt: at(1),
      dueDates: [{ at: at(1), by: 'hospital', dueDate: date(20), acceptedAt: at(2) }],
      acknowledgedAt: at(2),
      deliveries: [{ at: at(25), evidence }],
    },
    {
      requestId: 'SR2',
      clause: '4.5',
      title: '操作培训',
      description: '新版本操作培训',
      raisedAt: at(60),
      dueDates: [{ at: at(61), by: 'vendor', dueDate: date(200), acceptedAt: at(62) }],
      acknowledgedAt: at(61),
    },
  ];
}

it('when open service requests are dry-run and registered, then each is judged as live, nothing is committed by the dry run, and the approver prices the breach', async () => {
  const signedMs = Date.now() - 100 * DAY;
  const b = contractBody({ signedAt: iso(signedMs), onboarding: { serviceRequests: requests(signedMs) } });
  const id = b.id as string;
  const dueEnd = iso(endOfShanghaiDay(addDays(shanghaiDate(signedMs), 20)));

  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b);
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  expect(
    k.serviceRequests.map((x: { requestId: string; status: string; verdict: string; dueAt: string }) => [
      x.requestId,
      x.status,
      x.verdict,
      iso(Date.parse(x.dueAt)),
    ]),
  ).toEqual([
    ['SR1', 'delivered', 'late', dueEnd],
    ['SR2', 'acknowledged', 'pending', iso(endOfShanghaiDay(addDays(shanghaiDate(signedMs), 200)))],
  ]);
  expect(k.unpriced.filter((x: { obligation: string }) => x.obligation.startsWith('service:'))).toEqual([
    expect.objectContaining({ obligation: `service:${id}:SR1`, clause: '6.5' }),
  ]);
  expect(k.penalties.filter((p: { caseKind: string }) => p.caseKind === 'service')).toEqual([]); // 6.5: no sum before the rate
  expect(k.deadlines.filter((d: { obligation: string }) => d.obligation.startsWith('service:'))).toHaveLength(2);
  expect((await stack.call('auditor', 'GET', `/contracts/${id}`)).status).toBe(404);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const u = `/contracts/${id}/service-requests/SR1`;
  const read = await eventually(async () => {
    const r = await stack.call('hospital-approver', 'GET', u);
    return r.body?.breach ? r : undefined;
  }, 30_000);
  expect(read.body).toMatchObject({ status: 'delivered', due: { date: addDays(shanghaiDate(signedMs), 20) } });
  expect(read.body.breach).toMatchObject({ pricedUnder: '6.5', priced: false });
  expect([iso(Date.parse(read.body.breach.at)), iso(Date.parse(read.body.breach.dueAt))]).toEqual([dueEnd, dueEnd]);
  expect(read.body.record).toMatchObject({ breached: true, awaiting: 'hospital' });
  // Each entered act is the admin's statement on its party's behalf, contestable by the other one.
  expect(read.body.stated.map((s: { type: string; statedBy: string }) => [s.type, s.statedBy])).toEqual([
    ['request.raised', 'hospital'],
    ['due-date.proposed', 'hospital'],
    ['due-date.agreed', 'vendor'],
    ['request.acknowledged', 'vendor'],
    ['delivery.made', 'vendor'],
  ]);
  const sr2 = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/service-requests/SR2`);
    return r.status === 200 ? r : undefined;
  }, 20_000);
  expect(sr2.body).toMatchObject({ status: 'acknowledged', breach: null });

  expect((await stack.call('hospital-approver', 'POST', `${u}/breach/price`, { ratePercent: '0.05' })).status).toBe(
    200,
  );
  const entry = await eventually(async () => {
    const r = await stack.call('finance', 'GET', `/ledger?contractId=${id}`);
    return r.body.items?.find((e: { caseId: string }) => e.caseId === `service:${id}:SR1`);
  }, 20_000);
  expect(entry).toMatchObject({ clause: '6.5', caseKind: 'service', status: 'proposed' });
  expect(iso(Date.parse(entry.occurredAt))).toBe(dueEnd);
});

test.each([
  [
    'a request raised before the signing',
    (r: Rec) => (r.raisedAt = iso(Date.parse(r.raisedAt) - 2 * DAY)),
    'raisedAt',
    '3',
  ],
  [
    'a review before its delivery',
    (r: Rec) => (r.deliveries[0]!.review = { at: r.acknowledgedAt, decision: 'send-back', reason: 'x' }),
    'deliveries.0.review.at',
    '4.7',
  ],
  [
    'a delivery before the acknowledgement (the live rule)',
    (r: Rec) => (r.acknowledgedAt = iso(Date.parse(r.deliveries[0]!.at) + DAY)),
    'deliveries.0.at',
    '4.7',
  ],
  [
    'a request already accepted',
    (r: Rec) => (r.deliveries[0]!.review = { at: iso(Date.parse(r.deliveries[0]!.at) + DAY), decision: 'accept' }),
    'deliveries.0.review',
    '4.7',
  ],
  [
    'evidence cited in the store',
    (r: Rec) => (r.deliveries[0]!.evidence = [{ documentRef: `doc_${'a'.repeat(32)}@1`, sha256: 'b'.repeat(64) }]),
    'deliveries.0.evidence.0.documentRef',
    '4.7',
  ],
])(
  'when onboarding enters %s, then 400 names the field and the clause, in Chinese, and nothing is registered',
  async (_what, change, field, clause) => {
    const signedMs = Date.now() - 100 * DAY;
    const rs = requests(signedMs) as Rec[];
    change(rs[0]!);
    for (const q of ['?dryRun=true', '']) {
      const b = contractBody({ signedAt: iso(signedMs), onboarding: { serviceRequests: rs } });
      const r = await stack.call('admin', 'POST', `/contracts${q}`, b);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([
        400,
        `onboarding.serviceRequests.0.${field}`,
        clause,
      ]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.call('auditor', 'GET', `/contracts/${b.id}`)).status).toBe(404);
    }
  },
);

type Rec = {
  raisedAt: string;
  acknowledgedAt: string;
  deliveries: { at: string; evidence: unknown[]; review?: { at: string; decision: string; reason?: string } }[];
};
