// Issue 15, the measurement continued (chinese-sweep.test.ts and chinese-sweep-decisions.test.ts
// do not reach these): a contract's live quarter, its care visit logged through the API (not
// entered at onboarding, 4.1), its inspection report sent back, resubmitted with a high finding
// and acknowledged, the finding's remediation resolved with its evidence (4.3, 4.6); a fault's
// analysis uploaded, rejected and resubmitted (4.9.2). Every GET route of /openapi.json that reads
// them (the quarter's, the documents', the fault's) is read in zh-CN; then the refused POSTs of
// that life: each 4xx body's message is Chinese, with no English sentence, and names its field or
// its rule with the clause. test/helpers/english-sweep.ts says why an English string may stay.
import { createHash } from 'node:crypto';
import type { Role } from '../../src/api/auth';
import { shanghaiDate } from '../../src/domain/time';
import { contractBody, createContract } from '../helpers/fixtures';
import { englishIn, summarise, type Finding } from '../helpers/english-sweep';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { renderMessage } from '../../src/notify/messages';
import { contextOf } from '../../src/notify/router';
import { caseFacts } from '../../src/db/queries/notifications';

const DAY = 86_400_000;
const zh = { 'accept-language': 'zh-CN' };
let stack: Stack;
let c: string;
let caseId: string;
let period: string;
const docs: string[] = [];
/** The 4xx answers of the refused POSTs, by what was tried. */
const refused: { tried: string; status: number; body: any }[] = [];
jest.setTimeout(240_000);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (t: string) => Buffer.from(`%PDF-1.4\n% ${t}\n%%EOF\n`, 'utf8');
async function upload(kind: string, title: string, bytes: Buffer, subject?: string) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', title);
  if (subject) form.append('subject', subject);
  form.append('file', new Blob([bytes]), '门诊.pdf');
  const res = await fetch(`${stack.baseUrl}/contracts/${c}/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys['vendor-engineer']}` },
  });
  const doc = (await res.json()) as { id: string; latest: { sha256: string } };
  docs.push(doc.id);
  return { ref: `${doc.id}@1`, sha256: sha(bytes), id: doc.id };
}
/** A POST that must succeed; `refuse` records one that must be refused (4xx, in zh-CN). */
async function post(role: Role, path: string, body: Record<string, unknown>) {
  const r = await stack.call(role, 'POST', path, body, zh);
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
async function refuse(tried: string, role: Role, path: string, body: Record<string, unknown>) {
  const r = await stack.call(role, 'POST', path, body, zh);
  expect([tried, r.status >= 400 && r.status < 500]).toEqual([tried, true]);
  refused.push({ tried, status: r.status, body: r.body });
}

/** The quarter: a care visit logged live; the report sent back, resubmitted with a high finding, acknowledged; its remediation resolved. */
async function quarterLived(): Promise<void> {
  const base = `/contracts/${c}/inspections/${period}`;
  const visit = { kind: 'visit', channel: '电话', withWhom: '门诊王主任', topics: ['门诊系统使用'] };
  const note = await upload('care-visit-note', '门诊回访记录', pdf('回访'));
  await refuse('a care log citing a wrong hash', 'vendor-engineer', `/contracts/${c}/care-logs`, {
    ...visit,
    documentRef: note.ref,
    sha256: '0'.repeat(64),
  });
  await refuse('a care log by the hospital', 'hospital-operator', `/contracts/${c}/care-logs`, visit);
  await post('vendor-engineer', `/contracts/${c}/care-logs`, { ...visit, documentRef: note.ref, sha256: note.sha256 });
  const report = await upload('inspection-report', '门诊巡检报告', pdf('巡检'));
  const body = {
    inspectionDate: shanghaiDate(Date.now()),
    engineer: '王工',
    findings: [{ title: '门诊数据库未备份', severity: 'high' }],
    recommendations: ['门诊每日备份'],
    documentRef: report.ref,
    sha256: report.sha256,
  };
  await refuse('a report with an upper-case hash', 'vendor-engineer', `${base}/report`, {
    ...body,
    sha256: 'A'.repeat(64),
  });
  await refuse('an acknowledgement before any report', 'hospital-operator', `${base}/acknowledge`, {});
  await post('vendor-engineer', `${base}/report`, body);
  await refuse('changes requested by the vendor', 'vendor-engineer', `${base}/request-changes`, { reasons: ['门诊'] });
  await post('hospital-operator', `${base}/request-changes`, { reasons: ['门诊备份情况未写明'] });
  await post('vendor-engineer', `${base}/report`, body);
  await post('hospital-operator', `${base}/acknowledge`, { note: '门诊已阅' });
  await refuse('a second acknowledgement', 'hospital-operator', `${base}/acknowledge`, {});
  const evidence = await upload('remediation-evidence', '门诊备份证明', pdf('备份'));
  await refuse('resolving an item the report has not', 'vendor-engineer', `${base}/remediation/R9/resolve`, {});
  await post('vendor-engineer', `${base}/remediation/R1/resolve`, {
    note: '门诊已启用每日备份',
    evidence: { documentRef: evidence.ref, sha256: evidence.sha256 },
  });
}

/** A level-1 fault answered, its analysis uploaded, rejected with a reason and resubmitted as version 2 (4.9.2). */
async function faultAnalysed(): Promise<void> {
  caseId = (
    await post('hospital-operator', `/contracts/${c}/faults`, {
      level: 1,
      title: '门诊挂号中断',
      channel: 'phone',
      reporter: '李护士',
    })
  ).caseId;
  await refuse('a fault with no title', 'hospital-operator', `/contracts/${c}/faults`, { level: 1, channel: 'phone' });
  const f = `/faults/${encodeURIComponent(caseId)}`;
  await post('vendor-engineer', `${f}/respond`, { engineer: '王工', how: 'remote' });
  const v1 = await upload('fault-analysis', '门诊故障分析', pdf('分析 1'), caseId);
  await refuse('an analysis citing a wrong hash', 'vendor-engineer', `${f}/analysis`, {
    reference: v1.ref,
    checksum: `sha256:${'0'.repeat(64)}`,
  });
  await post('vendor-engineer', `${f}/analysis`, { reference: v1.ref, checksum: v1.sha256 });
  await refuse('a rejection with no reason', 'hospital-operator', `${f}/analysis-review`, { decision: 'reject' });
  await refuse('a review by the vendor', 'vendor-engineer', `${f}/analysis-review`, { decision: 'accept' });
  await post('hospital-operator', `${f}/analysis-review`, { decision: 'reject', reason: '门诊故障缺少根因' });
  const v2 = pdf('分析 2');
  const form = new FormData();
  form.append('file', new Blob([v2]), '门诊.pdf');
  const res = await fetch(`${stack.baseUrl}/documents/${v1.id}/versions`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys['vendor-engineer']}` },
  });
  expect(res.status).toBe(201);
  await post('vendor-engineer', `${f}/analysis`, { reference: `${v1.id}@2`, checksum: sha(v2) });
  await refuse('a register with no fixed engineer of two years', 'vendor-engineer', `/contracts/${c}/staff`, {
    engineers: [{ engineerId: 'new', name: '新工', qualification: '认证', yearsOnProduct: 1, fixed: true }],
  });
}

beforeAll(async () => {
  stack = await startStack();
  const b = contractBody({ name: '门诊系统维保', vendor: '某软件公司' });
  c = (await createContract(stack, { ...b, signedAt: new Date(Date.now() - 10 * DAY).toISOString() })).id;
  period = await eventually(async () => {
    const items = (await stack.call('auditor', 'GET', `/contracts/${c}/inspections`)).body.items ?? [];
    return items[0]?.workflowId?.split(':').pop();
  }, 60_000);
  await quarterLived();
  await faultAnalysed();
});
afterAll(async () => {
  await stack?.stop();
});

/** The GET paths this life reaches: the quarter's inspection and care, its documents, the fault's, the year's reports, the notices, the contract's lists. */
const READ = [
  /^\/contracts\/\{id\}\/(inspections|care-|documents|reports)/,
  /^\/contracts\/\{id\}(\/[a-z-]+)?$/,
  /^\/(documents\/\{documentId\}|notifications\/\{key\})$/,
  /^\/faults\/\{caseId\}/,
];

it('when the live quarter (care visit, report sent back, remediation) and the fault analysis are read in zh-CN, then no platform-written English sentence is in the answers', async () => {
  const spec = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
    paths: Record<string, { get?: unknown }>;
  };
  const paths = Object.keys(spec.paths).filter((p) => spec.paths[p].get && READ.some((r) => r.test(p)));
  const notices = (await stack.call('auditor', 'GET', `/contracts/${c}/notifications`)).body.items ?? [];
  const keys = notices.map((n: { key: string }) => encodeURIComponent(n.key));
  const query = (p: string) =>
    p.includes('/reports/')
      ? '?year=1'
      : p.endsWith('/terms')
        ? `?at=${encodeURIComponent(new Date().toISOString())}`
        : '';
  const urls = paths.flatMap((p) =>
    (p.includes('{documentId}') ? docs : p.includes('{key}') ? keys : ['']).map(
      (d: string) =>
        p
          .replace('{documentId}', d)
          .replace('{key}', d)
          .replace('{caseId}', encodeURIComponent(caseId))
          .replace('{id}', c)
          .replace('{period}', period) + query(p),
    ),
  );
  const findings: Finding[] = [];
  for (const url of [...urls, `/faults?contractId=${c}`]) {
    const r = await stack.call('admin', 'GET', url, undefined, zh);
    if (r.status === 404) continue; // a family this life has no case of
    expect([url, r.status, r.status === 200 ? '' : r.body]).toEqual([url, 200, '']);
    findings.push(...englishIn(url, r.body, ['门诊']));
  }
  expect([paths.length > 10, keys.length > 5]).toEqual([true, true]);
  expect(summarise(findings)).toEqual([]);
});

it('when the POSTs of that life are refused in zh-CN, then each message is Chinese with no English sentence and names its field or rule and its clause', async () => {
  const CJK = /[\u4e00-\u9fff]/;
  process.stdout.write(refused.map((x) => `${x.status} ${x.tried}: ${JSON.stringify(x.body.error)}\n`).join(''));
  const findings: Finding[] = [];
  for (const { tried, status, body } of refused) {
    const e = body.error ?? {};
    findings.push(...englishIn(`${status} ${tried}`, { message: e.message }));
    expect([tried, CJK.test(String(e.message)), typeof e.code]).toEqual([tried, true, 'string']);
    // the field refused, or the rule's clause (a role refusal names the clause of the duty refused)
    expect([tried, Boolean(e.field || e.clause)]).toEqual([tried, true]);
  }
  expect(refused.length).toBeGreaterThan(10);
  expect(summarise(findings)).toEqual([]);
});

it('when every notification of that life is rendered in Chinese, then its title and text have no English sentence', async () => {
  const items = (await stack.call('auditor', 'GET', `/contracts/${c}/notifications`)).body.items ?? [];
  const findings: Finding[] = [];
  for (const { key } of items) {
    const { rows } = await stack.db.pool.query(
      `SELECT key, topic, contract_id AS "contractId", subject, body, created_at AS "createdAt" FROM notifications_outbox WHERE key = $1`,
      [key],
    );
    const msg = rows[0];
    const facts = (await caseFacts(stack.db.pool, [String(msg.body.caseId)])).get(String(msg.body.caseId));
    const m = renderMessage(msg, contextOf(msg, facts, stack.baseUrl), 'zh-CN');
    const text = m.text.replace(/https?:\/\/\S+/g, '<link>'); // the link line: a URL
    findings.push(...englishIn(`notice ${msg.topic}`, { title: m.title, text }, ['门诊']));
  }
  expect(items.map((n: { topic: string }) => n.topic)).toEqual(
    expect.arrayContaining(['fault.analysis-reviewed', 'inspection.changes-requested', 'inspection.report-submitted']),
  );
  expect(summarise(findings)).toEqual([]);
});
