// Issue 15, the measurement continued (chinese-sweep.test.ts is near its time limit): the decisions
// of a contract life the first sweep does not reach. Year 1's acceptance failed with reasons and
// passed on the signed form (3, 8); a fault regraded, its response's stated time contested and
// decided, an exclusion claimed and decided (4.9.2). Then every GET route of /openapi.json that
// reads the fault or the acceptances (and the contract's lists) is read in zh-CN: no string may
// read as an English sentence unless test/helpers/english-sweep.ts says why it may.
import { contractBody, createContract } from '../helpers/fixtures';
import { englishIn, summarise, type Finding } from '../helpers/english-sweep';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { scheduleId } from '../../src/temporal/schedule-options';

const DAY = 86_400_000;
const MIN = 60_000;
const zh = { 'accept-language': 'zh-CN' };
let stack: Stack;
let c: string;
let caseId: string;
jest.setTimeout(240_000);

const ok = async (p: ReturnType<Stack['call']>) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const act = (role: Parameters<Stack['call']>[0], action: string, body: Record<string, unknown>) =>
  ok(stack.call(role, 'POST', `/faults/${encodeURIComponent(caseId)}/${action}`, body));

/** Year 1's acceptance (the contract signed 400 days back): failed with reasons, resubmitted, passed on the scanned form (3, 8). */
async function acceptanceFailedThenPassed(): Promise<void> {
  await stack.client.schedule.getHandle(scheduleId(c, 'acceptance')).trigger();
  const path = `/contracts/${c}/acceptances/1`;
  await eventually(
    async () => (await stack.call('auditor', 'GET', path)).body?.status === 'awaiting-submission',
    60_000,
  );
  await ok(stack.call('vendor-engineer', 'POST', `${path}/submit`, { note: '门诊第一年验收材料' }));
  await ok(
    stack.call('hospital-approver', 'POST', `${path}/decision`, { outcome: 'fail', reasons: ['门诊巡检报告不全'] }),
  );
  await ok(stack.call('vendor-engineer', 'POST', `${path}/submit`, {}));
  const form = new FormData();
  form.append('kind', 'acceptance-scan');
  form.append('title', '门诊验收单');
  form.append('subject', `acceptance:${c}:1`);
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '验收单.pdf');
  const scan = (await (
    await fetch(`${stack.baseUrl}/contracts/${c}/documents`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${stack.keys['hospital-approver']}` },
    })
  ).json()) as { id: string; latest: { sha256: string } };
  await ok(
    stack.call('hospital-approver', 'POST', `${path}/decision`, {
      outcome: 'pass',
      hospitalSignatory: '赵主任',
      vendorSignatory: '陈经理',
      signedForms: [{ documentRef: `${scan.id}@1`, sha256: scan.latest.sha256 }],
    }),
  );
}

/** A level-2 fault regraded to 3, its stated response contested and the statement upheld, an exclusion claimed and rejected (4.9). */
async function faultDecided(): Promise<void> {
  caseId = (
    await ok(
      stack.call('hospital-operator', 'POST', `/contracts/${c}/faults`, {
        level: 2,
        title: '门诊收费中断',
        channel: 'phone',
        reporter: '李护士',
        reportedAt: new Date(Date.now() - 40 * MIN).toISOString(),
      }),
    )
  ).caseId;
  await act('hospital-approver', 'regrade', { level: 3, reason: '门诊仅部分窗口受影响' });
  await act('vendor-engineer', 'respond', {
    engineer: '王工',
    how: 'remote',
    occurredAt: new Date(Date.now() - 35 * MIN).toISOString(),
  });
  const seq = await eventually(async () => {
    const f = (await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`)).body;
    return f.timeline?.find((t: { type: string; seq: number }) => t.type === 'case.responded')?.seq;
  }, 30_000);
  await act('hospital-operator', 'contest', { factSeq: seq, reason: '门诊电话记录显示更晚' });
  await act('hospital-approver', 'contest-decision', { factSeq: seq, decision: 'stated', reason: '门诊通话记录属实' });
  await act('vendor-engineer', 'exclusion', {
    cause: 'network',
    evidence: ['门诊交换机日志'],
    explanation: '门诊交换机故障',
  });
  await act('hospital-approver', 'exclusion-decision', { decision: 'reject', reason: '门诊交换机正常' });
}

beforeAll(async () => {
  stack = await startStack();
  const b = contractBody({ name: '门诊系统维保', vendor: '某软件公司' });
  c = (await createContract(stack, { ...b, signedAt: new Date(Date.now() - 400 * DAY).toISOString() })).id;
  await acceptanceFailedThenPassed();
  await faultDecided();
});
afterAll(async () => {
  await stack?.stop();
});

/** The GET paths this life reaches: the fault's, the acceptances' and the contract's own lists (no other path parameter). */
const READ = [/^\/faults\/\{caseId\}/, /^\/contracts\/\{id\}\/acceptances/, /^\/contracts\/\{id\}(\/[a-z-]+)?$/];

it('when the decisions of a life (acceptance failed then passed, regrade, contest, exclusion) are read in zh-CN, then no platform-written English sentence is in the answers', async () => {
  const spec = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
    paths: Record<string, { get?: unknown }>;
  };
  const paths = Object.keys(spec.paths).filter((p) => spec.paths[p].get && READ.some((r) => r.test(p)));
  const urls = [
    ...paths.map(
      (p) =>
        p.replace('{caseId}', encodeURIComponent(caseId)).replace('{id}', c).replace('{year}', '1') +
        (p.endsWith('/terms') ? `?at=${encodeURIComponent(new Date().toISOString())}` : ''),
    ),
    `/faults?contractId=${c}`,
    `/ledger?contractId=${c}`,
    `/obligations?contractId=${c}`,
  ];
  const findings: Finding[] = [];
  for (const url of urls) {
    const r = await stack.call('admin', 'GET', url, undefined, zh);
    if (r.status === 404) continue; // a family this life has no case of
    expect([url, r.status, r.status === 200 ? '' : r.body]).toEqual([url, 200, '']);
    findings.push(...englishIn(url, r.body, ['门诊']));
  }
  expect(paths.length).toBeGreaterThan(5);
  expect(summarise(findings)).toEqual([]);
});
