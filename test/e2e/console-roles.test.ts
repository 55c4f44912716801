// Issue 16, each role's main path in a real browser (Debian's Chromium): the engineer responds
// (a stale page's refusal shown with its clause), uploads the analysis, arrives on site, claims
// an exclusion and resolves; the approver accepts the analysis, rejects the exclusion and
// confirms the penalty; the operator confirms the fix; finance sees and marks the payment; the
// auditor reads the trail; the admin creates a person; reports offer CSV and PDF. The page
// offers only the actions the API permits the role now. Screenshots: artifacts/e2e/roles-*.png.
import type { Browser, Page } from 'playwright-core';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { launchBrowser, person, shot, signedIn } from '../helpers/browser';
import { scheduleId } from '../../src/temporal/schedule-options';

let stack: Stack;
let browser: Browser;
let contractId: string;
let caseId: string;
const FILE = 'roles';
beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  contractId = (await createContract(stack)).id;
  for (const [login, role] of [
    ['nurse.li', 'hospital-operator'],
    ['eng.wang', 'vendor-engineer'],
    ['appr.chen', 'hospital-approver'],
    ['fin.zhou', 'finance'],
    ['aud.sun', 'auditor'],
    ['adm.he', 'admin'],
  ] as const)
    await person(stack, login, role);
  // A level-2 fault phoned in 31 minutes ago: its 30-minute response deadline (4.9.4) has passed.
  const r = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 2,
    title: '检验系统报告无法打印',
    channel: 'phone',
    reporter: '李护士',
    reportedAt: new Date(Date.now() - 31 * 60_000).toISOString(),
  });
  caseId = r.body.caseId;
  await eventually(
    async () => (await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`)).body?.breached,
  );
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const actions = async (page: Page) =>
  page.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`).first();
async function openCase(page: Page) {
  await page.goto(`/console/#/case/${encodeURIComponent(caseId)}`);
  await page.locator('#case-h').waitFor();
}
/** Submits an action's form and waits until the page no longer offers it (the API's answer moved on). */
async function act(page: Page, action: string, fill: (f: ReturnType<typeof form>) => Promise<void> = async () => {}) {
  const f = form(page, action);
  await fill(f);
  await f.locator('button[type=submit]').click();
  await page.locator(`form[data-action="${action}"]`).first().waitFor({ state: 'detached', timeout: 20_000 });
}

it('when the engineer works the case on a phone, then only vendor actions are offered, a stale action is refused with its clause, and each step is recorded as the engineer', async () => {
  const { context, page } = await signedIn(browser, stack, 'eng.wang', { phone: true });
  await page.locator(`tr[data-case="${caseId}"] a`).click();
  await page.locator('#case-h').waitFor();
  const offered = await actions(page);
  expect(offered).toContain('respond');
  expect(offered).not.toContain('confirmFix'); // the hospital's, not shown to the vendor
  expect(offered).not.toContain('resolve'); // not before the response (NOT_RESPONDED)
  // The deadlines by their Chinese names (4.9.2, 4.9.4), not the API's keys.
  expect(await page.locator('tr[data-deadline="response"] td').first().textContent()).toBe('响应');
  expect(await page.locator('tr[data-deadline="onsite"] td').first().textContent()).toBe('工程师到场');
  await shot(page, FILE, '1-case-engineer-phone');
  // Another engineer responds meanwhile: this page is stale, and the API refuses with the rule.
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(caseId)}/respond`, {
        engineer: '赵工',
        how: 'phone',
      })
    ).status,
  ).toBe(200);
  await form(page, 'respond').getByLabel('工程师').fill('王工');
  await form(page, 'respond').locator('button[type=submit]').click();
  const refusal = form(page, 'respond').getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/ALREADY_RESPONDED.*条款 4\.9\.4/);
  await shot(page, FILE, '2-refused-with-clause');
  await openCase(page);
  await page.reload();
  await form(page, 'submitAnalysis').waitFor();
  expect(await actions(page)).not.toContain('respond');
  await act(page, 'submitAnalysis', (f) =>
    f.locator('input[type=file]').setInputFiles({
      name: '故障分析.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n% analysis\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    }),
  );
  await act(page, 'onsiteArrived', (f) => f.getByLabel('工程师').fill('王工'));
  await act(page, 'claimExclusion', async (f) => {
    await f.getByLabel('免责原因').selectOption('network');
    await f.getByLabel('证据（每行一条）').fill('核心交换机日志 2026-12-01 09:10');
    await f.getByLabel('说明').fill('医院核心交换机故障导致');
  });
  await act(page, 'resolve', (f) => f.getByLabel('解决说明').fill('更换打印服务配置'));
  await page.getByText('故障分析.pdf').waitFor(); // the uploaded document is listed on the case
  await shot(page, FILE, '3-case-resolved');
  const rec = (await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`)).body;
  expect(rec.status).toBe('resolved');
  const by = (type: string) => rec.timeline.find((f: { type: string }) => f.type === type)?.recordedBy.name;
  expect([by('analysis.submitted'), by('onsite.arrived') ?? by('case.onsite'), by('case.resolved')]).toEqual(
    expect.arrayContaining(['eng.wang']),
  );
  expect(by('case.resolved')).toBe('eng.wang');
  await context.close();
});

it('when the approver reviews the case, then the analysis is accepted, the exclusion rejected with a reason and the penalty confirmed', async () => {
  const { context, page } = await signedIn(browser, stack, 'appr.chen');
  await openCase(page);
  expect(await actions(page)).toEqual(expect.arrayContaining(['reviewAnalysis', 'decideExclusion']));
  expect(await actions(page)).not.toContain('resolve');
  await act(page, 'reviewAnalysis');
  await act(page, 'decideExclusion', async (f) => {
    await f.getByLabel('决定').selectOption('reject');
    await f.getByLabel('理由').fill('交换机日志显示故障在应用层');
  });
  const entry = page.locator('[data-entry]').first();
  await entry.locator('form[data-action="ledger.confirm"]').waitFor({ timeout: 20_000 });
  await shot(page, FILE, '4-case-approver');
  await entry.locator('form[data-action="ledger.confirm"] button[type=submit]').click();
  await entry.locator('[data-entry-status]', { hasText: 'confirmed' }).waitFor({ timeout: 20_000 });
  await context.close();
});

it('when the operator confirms the fix, then the case closes', async () => {
  const { context, page } = await signedIn(browser, stack, 'nurse.li');
  await openCase(page);
  await act(page, 'confirmFix');
  await page.locator('[data-status]', { hasText: 'closed' }).waitFor({ timeout: 20_000 });
  await shot(page, FILE, '5-case-closed');
  await context.close();
});

it('when finance opens the contract, then it sees the ledger against the 5 % and 20 % thresholds and the year-1 payment, and marks it paid (clause 10)', async () => {
  const { context, page } = await signedIn(browser, stack, 'fin.zhou');
  await page.goto(`/console/#/contract/${contractId}`);
  await page.locator('#contract-h').waitFor();
  await page.locator('[data-threshold="6.3"]').waitFor();
  await page.locator('[data-threshold="6.4/6.5"]').waitFor();
  await page.getByRole('button', { name: /条款 10/ }).click();
  await page.getByRole('table', { name: '付款' }).getByText('paid', { exact: true }).waitFor({ timeout: 10_000 });
  await shot(page, FILE, '6-contract-finance');
  await page.getByRole('link', { name: '报表' }).click();
  const csv = page.locator('[data-report="penalty-statement"] a', { hasText: 'CSV' });
  const href = (await csv.getAttribute('href'))!;
  const got = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('content-type') };
  }, href);
  expect(got).toMatchObject({ status: 200, type: expect.stringMatching(/text\/csv/) });
  expect(await page.locator('[data-report="sla"] a', { hasText: 'PDF' }).getAttribute('href')).toMatch(/format=pdf/);
  await shot(page, FILE, '7-reports');
  await context.close();
});

it("when the auditor reads the trail, then the engineer's actions are there, the refused one with its status", async () => {
  const { context, page } = await signedIn(browser, stack, 'aud.sun');
  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByLabel('记录人').fill('eng.wang');
  await page.getByRole('button', { name: '筛选' }).click();
  const table = page.getByRole('table', { name: '审计日志' });
  await table.getByText('fault.resolve').first().waitFor();
  const text = (await table.textContent())!;
  expect(text).toMatch(/fault\.respond.*409.*refused/);
  await shot(page, FILE, '8-audit');
  await context.close();
});

it('when the admin creates a person in the console, then the person can sign in with that role', async () => {
  const { context, page } = await signedIn(browser, stack, 'adm.he');
  await page.getByRole('link', { name: '管理' }).click();
  const f = page.getByRole('form', { name: '创建 人员' });
  await f.getByLabel('账号').fill('desk.wu');
  await f.getByLabel('姓名').fill('吴');
  await f.getByLabel('角色').selectOption('vendor-service-desk');
  await f.getByLabel('密码').fill('Desk-password-2026');
  await f.getByRole('button', { name: '创建' }).click();
  await page.getByRole('table', { name: '人员' }).getByText('desk.wu').waitFor();
  await shot(page, FILE, '9-admin');
  await context.close();
  const res = await fetch(`${stack.baseUrl}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'desk.wu', password: 'Desk-password-2026' }),
  });
  expect(res.status).toBe(201);
  expect(((await res.json()) as any).person.role).toBe('vendor-service-desk');
});

it('when the admin opens the keys, then they are listed with role, contracts, created, last used and revoked, and one is revoked in its row', async () => {
  const { context, page } = await signedIn(browser, stack, 'adm.he');
  await page.getByRole('link', { name: '管理' }).click();
  const f = page.getByRole('form', { name: '创建 API 密钥' });
  await f.getByLabel('姓名').fill('病区终端');
  await f.getByLabel('角色').selectOption('hospital-operator');
  await f.getByLabel('合同').fill(contractId);
  await f.getByRole('button', { name: '创建' }).click();
  // "新密钥（只显示这一次）: <key> (<id>)"
  const id = /\(([^()]+)\)\s*$/.exec((await page.getByRole('status').textContent()) ?? '')![1]!;
  const row = page.locator(`tr[data-key="${id}"]`);
  await row.getByText('从未使用').waitFor();
  await row.getByText(contractId).waitFor();
  // The stack's keys that made the fixtures above were used: their last use is shown in Beijing time.
  expect(await page.locator('td[data-label="最近使用"]', { hasText: '北京时间' }).count()).toBeGreaterThan(0);
  await row.getByRole('button', { name: '吊销 病区终端' }).click();
  await row.getByRole('button').waitFor({ state: 'detached' });
  await shot(page, FILE, '10-admin-keys');
  const listed = await stack.call('admin', 'GET', '/api-keys');
  expect(listed.body.items.find((k: any) => k.id === id).revokedAt).toMatch(/\+08:00$/);
  await context.close();
});

// Issue 16 item 1: every family's open work in the queue, and a case page per family with the
// actions the role may take now (GET /cases/{id}, the families' own check() and duty matrix).
describe('every family in the console', () => {
  let c2: string;
  let inspectionId: string;
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const eng = (engineerId: string) => ({
    engineerId,
    name: engineerId,
    qualification: 'OA',
    yearsOnProduct: 3,
    fixed: true,
  });
  beforeAll(async () => {
    c2 = (await createContract(stack)).id;
    expect(
      (await stack.call('vendor-engineer', 'POST', `/contracts/${c2}/staff`, { engineers: [eng('wang'), eng('li')] }))
        .status,
    ).toBe(201);
    const change = {
      requestId: 'swap-1',
      effectiveDate: '2027-06-30',
      remove: ['li'],
      add: [eng('zhang')],
      reason: '李工调岗',
    };
    expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c2}/staff-changes`, change)).status).toBe(201);
    await stack.client.schedule.getHandle(scheduleId(c2, 'reconcile')).trigger();
    inspectionId = await eventually(
      async () => (await stack.call('auditor', 'GET', `/contracts/${c2}/inspections`)).body?.items?.at(-1)?.workflowId,
      30_000,
    );
    await eventually(
      async () => (await stack.call('auditor', 'GET', `/contracts/${c2}/staff-changes/swap-1`)).body?.record,
      30_000,
    );
  });

  it('when the vendor and the approver read their queues, then each family awaiting them is listed soonest first with its clause, and a case lists only the actions its check() lets through', async () => {
    const vendorQueue = (await stack.call('vendor-engineer', 'GET', '/me/queue?limit=500')).body;
    const mine = vendorQueue.items.filter((i: { contractId: string }) => i.contractId === c2);
    expect(mine.map((i: { family: string }) => i.family)).toEqual(expect.arrayContaining(['inspection', 'dongle']));
    expect(mine.every((i: { awaiting: string }) => i.awaiting === 'vendor')).toBe(true);
    const inspection = mine.find((i: { caseId: string }) => i.caseId === inspectionId);
    expect(inspection.nextDeadline).toMatchObject({ clause: '4.3' });
    const due = vendorQueue.items.map((i: any) => (i.nextDeadline ? Date.parse(i.nextDeadline.dueAt) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const hospitalQueue = (await stack.call('hospital-approver', 'GET', '/me/queue')).body;
    expect(hospitalQueue.items.find((i: any) => i.caseId === `staff-change:${c2}:swap-1`)).toMatchObject({
      family: 'staff',
      awaiting: 'hospital',
    });
    expect(hospitalQueue.items.find((i: any) => i.caseId === inspectionId)).toBeUndefined();

    const asVendor = (await stack.call('vendor-engineer', 'GET', `/cases/${encodeURIComponent(inspectionId)}`)).body;
    expect(asVendor.permittedActions.map((a: any) => a.action)).toEqual(['inspection.report']);
    const asOperator = (await stack.call('hospital-operator', 'GET', `/cases/${encodeURIComponent(inspectionId)}`))
      .body;
    expect(asOperator.permittedActions).toEqual([]); // nothing submitted to acknowledge yet (4.3)
    const staffCase = (
      await stack.call('hospital-approver', 'GET', `/cases/${encodeURIComponent(`staff-change:${c2}:swap-1`)}`)
    ).body;
    expect(staffCase.permittedActions.map((a: any) => a.action)).toEqual(['staff.decision']);
    expect(
      (await stack.call('hospital-operator', 'GET', `/cases/${encodeURIComponent(`staff-change:${c2}:swap-1`)}`)).body
        .permittedActions,
    ).toEqual([]); // written approval is the approver's (4.2)
    expect((await stack.call('vendor-engineer', 'GET', `/cases/${encodeURIComponent(caseId)}`)).status).toBe(404);
  });

  it('when the engineer opens the inspection from the queue on a phone and submits the report, then the operator acknowledges it on its page and the approver approves the staff change', async () => {
    const vendor = await signedIn(browser, stack, 'eng.wang', { phone: true });
    const row = vendor.page.locator(`tr[data-case="${inspectionId}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-label="类别"]').textContent()).toContain('季度巡检');
    await shot(vendor.page, FILE, '11-queue-families-phone');
    await row.locator('a').click();
    await vendor.page.locator('#case-h').waitFor();
    expect(await actions(vendor.page)).toEqual(['inspection.report']);
    await shot(vendor.page, FILE, '12-inspection-engineer-phone');
    await act(vendor.page, 'inspection.report', async (f) => {
      await f.getByLabel('巡检报告（文件）').setInputFiles({
        name: '巡检报告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n% inspection\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
        ),
      });
      await f.getByLabel('巡检日期').fill(today());
      await f.getByLabel('工程师').fill('王工');
      await f.getByLabel('建议（每行一条）').fill('升级数据库补丁');
    });
    await vendor.page.getByText('巡检报告.pdf').waitFor();
    await vendor.context.close();
    expect((await stack.call('auditor', 'GET', `/cases/${encodeURIComponent(inspectionId)}`)).body.status).toBe(
      'submitted',
    );

    const operator = await signedIn(browser, stack, 'nurse.li');
    await operator.page.locator(`tr[data-case="${inspectionId}"] a`).click();
    await operator.page.locator('#case-h').waitFor();
    expect(await actions(operator.page)).toEqual(['inspection.acknowledge', 'inspection.request-changes']);
    await act(operator.page, 'inspection.acknowledge', (f) => f.getByLabel('备注').fill('报告已阅'));
    await shot(operator.page, FILE, '13-inspection-acknowledged');
    await operator.context.close();
    const rec = (await stack.call('auditor', 'GET', `/cases/${encodeURIComponent(inspectionId)}`)).body;
    expect(['acknowledged', 'closed']).toContain(rec.status); // no high finding: nothing to remediate (4.6), it closes
    expect(rec.timeline.find((f: any) => f.type === 'acknowledged')?.recordedBy.name).toBe('nurse.li');

    const approver = await signedIn(browser, stack, 'appr.chen');
    await approver.page.goto(`/console/#/case/${encodeURIComponent(`staff-change:${c2}:swap-1`)}`);
    await approver.page.locator('#case-h').waitFor();
    await shot(approver.page, FILE, '14-staff-change-approver');
    await act(approver.page, 'staff.decision', async (f) => {
      await f.getByLabel('审批结果').selectOption('true');
    });
    await approver.context.close();
    const staff = (await stack.call('auditor', 'GET', `/contracts/${c2}/staff-changes/swap-1`)).body;
    expect(staff.decision).toMatchObject({ approved: true, by: 'appr.chen' });
  });
});
