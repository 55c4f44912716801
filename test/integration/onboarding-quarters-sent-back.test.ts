import { quarterIfKnown } from '../../src/domain/cycles';
import { shanghaiDate } from '../../src/domain/time';
import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 10 item 4: an inspection quarter whose last report was sent back with changes requested
// and not delivered again by the registration (4.3). The dry run answers it as sent back (the
// rule says what the revised report will be judged on) and commits nothing; the registration
// starts its case awaiting the vendor's revised report; what cannot go with an open round is
// refused with 400 naming the field and the clause, in Chinese by default.
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
const SHA = 'c'.repeat(64);

/** Signed ten months ago: 1Q1 not entered, 1Q2 delivered on time and sent back (still open), 1Q3 not done. */
function body(signedMs: number, q2: Record<string, unknown> = {}) {
  const p = quarterIfKnown(signedMs, 1, 2)!;
  return contractBody({
    signedAt: iso(signedMs),
    onboarding: {
      inspections: [
        {
          year: 1,
          quarter: 2,
          done: true,
          inspectionDate: shanghaiDate(p.startMs + 38 * DAY),
          engineer: '王工',
          sentBack: [
            {
              doneAt: iso(p.startMs + 40 * DAY),
              report: { documentRef: '档案 2026-Q2-巡检', sha256: SHA },
              findings: [{ title: '备份未加密', severity: 'high' }],
              requestedAt: iso(p.startMs + 42 * DAY),
              reasons: ['缺少渗透测试'],
            },
          ],
          ...q2,
        },
        { year: 1, quarter: 3, done: false },
      ],
    },
  });
}

it('when a quarter sent back and not delivered again is dry-run and registered, then it is answered as sent back and its case awaits the revised report', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const b = body(signedMs);
  const id = b.id as string;
  // asked in English: the rules and obligations below are the English the platform writes (zh-CN by default, issue 15)
  const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', b, { 'accept-language': 'en' });
  expect(dry.status).toBe(200);
  const k = dry.body.conclusions;
  const q2 = k.quarters.find((x: { kind: string; period: string }) => x.kind === 'inspection' && x.period === '1Q2');
  expect(q2).toMatchObject({ workflowId: `inspection:${id}:1Q2`, verdict: 'sent-back' });
  expect(q2.rule).toContain('awaits the revised report');
  expect(k.deadlines.find((d: { obligation: string }) => d.obligation === 'inspection report 1Q2')).toMatchObject({
    verdict: 'pending',
    fulfilledAt: null,
  });
  // Delivered on time: nothing proposed for 1Q2 until the revised report comes (after the due time).
  expect(k.penalties.map((p: { key: string }) => p.key).filter((key: string) => key.startsWith('inspection:'))).toEqual(
    [`inspection:${id}:1Q3:report-missing`],
  );
  expect((await stack.call('auditor', 'GET', `/contracts/${id}`)).status).toBe(404);
  expect((await stack.client.workflow.count(`WeibaoContractId = '${id}'`)).count).toBe(0);

  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  const got = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${id}/inspections`);
    const x = (r.body.items ?? []).find((i: { quarter: number }) => i.quarter === 2);
    return x?.status === 'changes-requested' ? x : undefined;
  }, 40_000);
  expect(got.history.map((x: { event: string }) => x.event)).toEqual(['report-submitted', 'changes-requested']);
  expect(got).toMatchObject({ acknowledgedAt: null, remediation: [], lateByMs: null });
});

test.each([
  ['an acknowledgement', { acknowledgedAt: 'Q2+50' }, 'onboarding.inspections.0.acknowledgedAt'],
  ['findings', { findings: [{ title: 'x', severity: 'low' }] }, 'onboarding.inspections.0.findings'],
  ['remediation', { remediation: [{ itemId: 'R1', resolvedAt: 'Q2+50' }] }, 'onboarding.inspections.0.remediation'],
  ['a delivery time without its report', { doneAt: 'Q2+50' }, 'onboarding.inspections.0.report'],
])(
  'when a quarter sent back and not delivered again is entered with %s, then 400 names the field and clause 4.3, in Chinese, and nothing is registered',
  async (_what, extra, field) => {
    const signedMs = Date.now() - 300 * DAY;
    const p = quarterIfKnown(signedMs, 1, 2)!;
    const fill = JSON.parse(JSON.stringify(extra).replaceAll('"Q2+50"', `"${iso(p.startMs + 50 * DAY)}"`));
    for (const q of ['?dryRun=true', '']) {
      const b = body(signedMs, fill);
      const r = await stack.call('admin', 'POST', `/contracts${q}`, b);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, '4.3']);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.call('auditor', 'GET', `/contracts/${b.id}`)).status).toBe(404);
    }
  },
);
