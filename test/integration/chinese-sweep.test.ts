// Issue 15, the measurement: a contract lives a realistic life through the real API (signed 100
// days ago, so its dongle, rectification, go-live, first quarter's inspection and care and their
// penalties and rights come due; a fault reported late, answered with an earlier stated time
// (its breach superseded), resolved, reopened and resolved again; a service request, an engineer
// change, ledger actions), and a second contract is entered with its past (onboarding: quarters,
// dongle, rectification); then every GET route of /openapi.json is read in zh-CN with every id
// it takes, for both, and every notification is rendered in Chinese. No string may read as an English
// sentence unless it is an id, a code, a URL, a bilingual pair's English or what this test typed
// (test/helpers/english-sweep.ts says why each is allowed).
import { contractBody, createContract } from '../helpers/fixtures';
import { englishIn, summarise, type Finding } from '../helpers/english-sweep';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { shanghaiDate, addDays } from '../../src/domain/time';
import { quarterIfKnown } from '../../src/domain/cycles';
import { renderMessage } from '../../src/notify/messages';
import { contextOf } from '../../src/notify/router';
import { caseFacts } from '../../src/db/queries/notifications';

const DAY = 86_400_000;
const MIN = 60_000;
const zh = { 'accept-language': 'zh-CN' };
let stack: Stack;
let c: string;
let caseId: string;
/** The contracts of the sweep: the live one (c) and one entered with its past (onboarding, issue 10 item 4). */
let contracts: string[];
/** The dry run of the entered contract's body (POST /contracts?dryRun=true), read in zh-CN. */
let dryRun: unknown;
jest.setTimeout(300_000);

const eng = (engineerId: string) => ({
  engineerId,
  name: `工程师${engineerId}`,
  qualification: '认证',
  yearsOnProduct: 3,
  fixed: true,
});
const ok = async (p: ReturnType<Stack['call']>) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
/** Signed 300 days back and entered with its past: quarter 3's inspection and care missed, the dongle declared, the plan and an item delivered late. */
function onboarded() {
  const signedMs = Date.now() - 300 * DAY;
  const q2 = quarterIfKnown(signedMs, 1, 2)!;
  const at = (d: number) => new Date(signedMs + d * DAY).toISOString();
  return contractBody({
    name: '门诊系统维保（录入）',
    hospital: '市第一医院',
    vendor: '某软件公司',
    signedAt: at(0),
    onboarding: {
      dongle: { declaredAt: at(40), verifiedAt: at(41) },
      rectification: {
        planSubmittedAt: at(30),
        items: [
          { itemId: 'A', description: '门诊审计日志', dueDate: shanghaiDate(signedMs + 20 * DAY), doneAt: at(60) },
        ],
      },
      inspections: [
        {
          year: 1,
          quarter: 2,
          done: true,
          doneAt: new Date(q2.startMs + 40 * DAY).toISOString(),
          inspectionDate: shanghaiDate(q2.startMs + 38 * DAY),
          engineer: '王工',
          report: { documentRef: '门诊档案 Q2 巡检', sha256: 'b'.repeat(64) },
          findings: [{ title: '门诊备份未加密', severity: 'low' }],
          recommendations: ['门诊启用备份加密'],
          acknowledgedAt: new Date(q2.startMs + 42 * DAY).toISOString(),
        },
        { year: 1, quarter: 3, done: false },
      ],
      care: [{ year: 1, quarter: 3, visits: [] }],
    },
  });
}

const act = (role: Parameters<Stack['call']>[0], action: string, body: Record<string, unknown>) =>
  ok(stack.call(role, 'POST', `/faults/${encodeURIComponent(caseId)}/${action}`, body));

beforeAll(async () => {
  stack = await startStack();
  const past = onboarded();
  dryRun = await ok(
    stack.call('admin', 'POST', '/contracts?dryRun=true', { ...past, id: `${String(past.id)}-dry` }, zh),
  );
  contracts = [(await createContract(stack, past)).id];
  const signed = Date.now() - 100 * DAY;
  const b = contractBody({ name: '门诊系统维保', hospital: '市第一医院', vendor: '某软件公司' });
  c = (await createContract(stack, { ...b, signedAt: new Date(signed).toISOString() })).id;
  contracts.unshift(c);
  // a fault reported 31 minutes back: its response deadline (4.9.4) breached at once, then superseded by a stated earlier response
  caseId = (
    await ok(
      stack.call('hospital-operator', 'POST', `/contracts/${c}/faults`, {
        level: 2,
        title: '门诊挂号缓慢',
        channel: 'phone',
        reporter: '李护士',
        reportedAt: new Date(Date.now() - 31 * MIN).toISOString(),
      }),
    )
  ).caseId;
  await eventually(
    async () => (await stack.call('auditor', 'GET', `/ledger?caseId=${caseId}`)).body.items?.length > 0,
    60_000,
  );
  await act('vendor-engineer', 'respond', {
    engineer: '王工',
    how: 'remote',
    occurredAt: new Date(Date.now() - 30 * MIN).toISOString(),
  });
  await act('vendor-engineer', 'resolve', { summary: '已重建索引' });
  await act('hospital-operator', 'reopen', { reason: '再次变慢' });
  await act('vendor-engineer', 'resolve', { summary: '已扩容' });
  await act('hospital-operator', 'confirm', {});
  // a service request, an engineer register and change, an unannounced change
  await ok(
    stack.call('hospital-operator', 'POST', `/contracts/${c}/service-requests`, {
      requestId: 'dict',
      clause: '4.7',
      title: '数据字典',
      description: '门诊系统的数据字典',
      proposedDueDate: addDays(shanghaiDate(Date.now()), 14),
    }),
  );
  await ok(stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff`, { engineers: [eng('wang'), eng('li')] }));
  await ok(
    stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff-changes`, {
      requestId: 'swap',
      effectiveDate: addDays(shanghaiDate(Date.now()), 3),
      remove: ['li'],
      add: [eng('zhang')],
      reason: '李工调岗',
    }),
  );
  // the go-live recorded late and the dongle declared after its deadline (the breaches stand)
  for (const [role, path, body] of [
    ['hospital-operator', 'go-live/live', {}],
    ['vendor-engineer', 'dongle/declaration', { removed: [], statement: '已全部解除' }],
  ] as const)
    expect((await stack.call(role, 'POST', `/contracts/${c}/${path}`, body)).status).toBeLessThan(500);
  // the ledger: the dongle's, rectification's and quarter's proposals come from the workflows; one is confirmed and compensated, one disputed
  // (waited for until at least three are proposed, or 90 s on a loaded machine: the sweep reads what there is)
  let entries: { id: string; status: string }[] = [];
  for (const until = Date.now() + 90_000; entries.length < 3 && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 1_000));
    entries = (await stack.call('auditor', 'GET', `/ledger?contractId=${c}`)).body.items ?? [];
  }
  process.stdout.write(`ledger entries of the life: ${entries.length}\n`);
  const open = entries.filter((e) => e.status === 'proposed');
  await ok(stack.call('hospital-approver', 'POST', `/ledger/${open[0].id}/confirm`, {}));
  await ok(
    stack.call('hospital-approver', 'POST', `/ledger/${open[0].id}/compensate`, {
      amountFen: '100',
      reason: '核对后减免',
    }),
  );
  if (open[1])
    await ok(stack.call('vendor-engineer', 'POST', `/ledger/${open[1].id}/dispute`, { reason: '已按时提交' }));
  // the notices of the fault's superseded breach and reopening reach the outbox
  await eventually(async () => {
    const n = (await stack.call('auditor', 'GET', `/contracts/${c}/notifications`)).body.items ?? [];
    return n.some((x: { topic: string }) => x.topic === 'fault.breach-superseded') &&
      n.some((x: { topic: string }) => x.topic === 'fault.reopened')
      ? true
      : undefined;
  }, 60_000);
});
afterAll(async () => {
  await stack?.stop();
});

/** The concrete URLs of a GET path of /openapi.json, from what this contract's life created (none: not read, said why). */
async function urlsOf(path: string, c: string): Promise<string[]> {
  const get = async (u: string) => (await stack.call('admin', 'GET', u)).body;
  const lists = await Promise.all(
    [`/obligations?contractId=${c}`, `/contracts/${c}/inspections`, `/contracts/${c}/care-periods`].map(get),
  );
  const cases = lists.flatMap((l) => (l.items ?? []).map((o: { workflowId: string }) => o.workflowId));
  const sub: Record<string, () => Promise<string[]>> = {
    '{id}': async () => [c],
    '{contractId}': async () => [c],
    '{caseId}': async () =>
      path.startsWith('/faults')
        ? ((await get(`/faults?contractId=${c}`)).items ?? []).map((f: { caseId: string }) => f.caseId)
        : cases,
    '{key}': async () => ((await get(`/contracts/${c}/notifications`)).items ?? []).map((n: { key: string }) => n.key),
    '{year}': async () => ['1'],
    '{period}': async () => lists[1].items.map((i: { workflowId: string }) => i.workflowId.split(':').pop()),
    '{requestId}': async () => (path.includes('staff') ? ['swap'] : ['dict']),
  };
  if (path.startsWith('/ledger/{id}'))
    return ((await get(`/ledger?contractId=${c}`)).items ?? []).map((e: { id: string }) => `/ledger/${e.id}`);
  let urls = [path];
  for (const [p, values] of Object.entries(sub))
    if (path.includes(p)) {
      const vs = await values();
      urls = urls.flatMap((u) => vs.map((v) => u.replace(p, encodeURIComponent(v))));
    }
  const query = /\/reports\//.test(path)
    ? '?year=1'
    : /^\/(faults|ledger|obligations|rights-events|ledger\/totals)$/.test(path)
      ? `?contractId=${c}`
      : '';
  return urls.map((u) => u + (path.endsWith('/terms') ? `?at=${encodeURIComponent(new Date().toISOString())}` : query));
}

/** Routes not read, and why (binary content, the platform's own operations, not a record of this contract). */
const NOT_READ = [
  /\/content$/, // a document's bytes
  /^\/(docs|openapi\.json|health|ready|metrics|codec|console|audit|api-keys|calendar|people|session|me)\b/,
  /\{(documentId|version|proposalId|personId)\}/,
];

it('when every record of a contract life is read in zh-CN, then no platform-written English sentence is in the answers', async () => {
  const spec = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
    paths: Record<string, { get?: unknown }>;
  };
  const paths = Object.keys(spec.paths).filter((p) => spec.paths[p].get && !NOT_READ.some((r) => r.test(p)));
  const typed = ['门诊'];
  const findings: Finding[] = englishIn('POST /contracts?dryRun=true', dryRun, typed); // the dry run's conclusions
  for (const c of contracts)
    for (const p of paths)
      for (const url of await urlsOf(p, c)) {
        const r = await stack.call('admin', 'GET', url, undefined, zh);
        if (r.status === 404) continue; // a family this life has no case of at that id
        expect([url, r.status, r.status === 200 ? '' : r.body]).toEqual([url, 200, '']);
        findings.push(...englishIn(url, r.body, typed));
      }
  expect(summarise(findings)).toEqual([]);
});

it('when every notification of that life is rendered in Chinese, then its title and text have no English sentence', async () => {
  const items = [];
  for (const c of contracts)
    items.push(...(await stack.call('auditor', 'GET', `/contracts/${c}/notifications`, undefined, zh)).body.items);
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
    findings.push(...englishIn(`notice ${msg.topic}`, { title: m.title, text }));
  }
  expect(items.length).toBeGreaterThan(5);
  expect(summarise(findings)).toEqual([]);
});
