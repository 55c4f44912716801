// Issue 16 item 1, the last forms in a real browser (Debian's Chromium), each as the role the
// contract gives it, each showing what the person sees after (state, amount, clause) and one
// refusal with its clause: a remediation item resolved with its evidence, uploaded or picked from
// the stored documents (4.6); a licence renewal delivered with its new expiry date and accepted
// (4.4); a personalisation claimed a large change and agreed on separate terms (5.4); a lapsed
// licence's breach and a late 6.3 plan priced by the approver's rate (6.5). Screenshots:
// artifacts/e2e/forms-*.png.
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/api/auth';
import { addDays, shanghaiDate } from '../../src/domain/time';
import { scheduleId } from '../../src/temporal/schedule-options';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { launchBrowser, pdfUpload, person, shot, signedIn } from '../helpers/browser';

let stack: Stack;
let browser: Browser;
const FILE = 'forms';
const DAY = 86_400_000;
const today = () => shanghaiDate(Date.now());
const pdf = pdfUpload;
beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  for (const [login, role] of [
    ['nurse.li', 'hospital-operator'],
    ['eng.wang', 'vendor-engineer'],
    ['appr.chen', 'hospital-approver'],
  ] as const)
    await person(stack, login, role);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Stores a document through the API as that role and answers its citation. */
async function stored(contractId: string, kind: string, title: string, role: Role = 'vendor-engineer') {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', title);
  form.append('file', new Blob([pdf(title).buffer]), `${title}.pdf`);
  const res = await fetch(`${stack.baseUrl}/contracts/${contractId}/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys[role]}` },
  });
  const doc = (await res.json()) as { id: string; latest: { version: number; sha256: string } };
  return { documentRef: `${doc.id}@${doc.latest.version}`, sha256: doc.latest.sha256 };
}
const caseOf = (id: string) => stack.call('auditor', 'GET', `/cases/${encodeURIComponent(id)}`);
const form = (page: Page, action: string, hasText?: string) =>
  page.locator(`form[data-action="${action}"]`).filter(hasText ? { hasText } : {});
async function openCase(page: Page, caseId: string, action?: string) {
  await page.goto(`/console/#/case/${encodeURIComponent(caseId)}`);
  await page.locator('#case-h').waitFor();
  if (action) await form(page, action).first().waitFor();
}
/** Sends the form and waits until the page no longer offers it (the API's answer moved on). */
async function send(f: ReturnType<typeof form>) {
  await f.locator('button[type=submit]').click();
  await f.waitFor({ state: 'detached', timeout: 20_000 });
}
/** Sends the form and answers the refusal it shows. */
async function refused(f: ReturnType<typeof form>) {
  await f.locator('button[type=submit]').click();
  const alert = f.getByRole('alert');
  await alert.waitFor();
  return alert.textContent();
}

it('when the engineer resolves remediation items on the inspection page, then one cites an uploaded file, one a stored document picked from the list, a stale one is refused with clause 4.6, and the page shows each item resolved with its evidence', async () => {
  const contractId = (await createContract(stack)).id;
  await stack.client.schedule.getHandle(scheduleId(contractId, 'reconcile')).trigger();
  const row = await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${contractId}/inspections`)).body?.items?.at(-1),
    30_000,
  );
  const base = `/contracts/${contractId}/inspections/${row.year}Q${row.quarter}`;
  const report = await stored(contractId, 'inspection-report', '巡检报告');
  const high = (title: string) => ({ severity: 'high', title });
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `${base}/report`, {
        inspectionDate: today(),
        engineer: '王工',
        findings: [high('数据库补丁缺失'), high('备份未校验'), high('弱口令')],
        recommendations: [],
        ...report,
      })
    ).status,
  ).toBe(200);
  expect((await stack.call('hospital-operator', 'POST', `${base}/acknowledge`, {})).status).toBe(200);
  await eventually(async () => (await caseOf(row.workflowId)).body?.state?.remediation?.length === 3);
  // A certificate filed before, to be picked rather than uploaded again.
  const certificate = await stored(contractId, 'remediation-evidence', '备份校验记录');

  const { context, page } = await signedIn(browser, stack, 'eng.wang');
  await openCase(page, row.workflowId, 'inspection.remediation-resolve');
  const item = (id: string) => form(page, 'inspection.remediation-resolve', `· ${id} `);
  expect(await form(page, 'inspection.remediation-resolve').count()).toBe(3);
  // The three forms share one read of the stored evidence (issue 16: it was asked for once per form).
  await item('R1').locator(`option[value^="${certificate.documentRef} "]`).waitFor({ state: 'attached' });
  const evidenceReads = await page.evaluate(
    `performance.getEntriesByType('resource').filter((e) => e.name.includes('kind=remediation-evidence')).length`,
  );
  expect(evidenceReads).toBe(1);
  // Another engineer resolves R3 meanwhile: this page is stale, and the API refuses with the clause.
  expect((await stack.call('vendor-engineer', 'POST', `${base}/remediation/R3/resolve`, {})).status).toBe(200);
  expect(await refused(item('R3'))).toMatch(/ALREADY_RESOLVED.*条款 4\.6/);
  await shot(page, FILE, '1-remediation-refused-with-clause');
  await item('R1').getByLabel('或上传新文件').setInputFiles(pdf('补丁安装记录.pdf'));
  await item('R1').getByLabel('备注').fill('已安装数据库安全补丁');
  await send(item('R1'));
  await item('R2').getByLabel('选择已存的文件').selectOption(`${certificate.documentRef} ${certificate.sha256}`);
  await shot(page, FILE, '2-remediation-pick-stored');
  await send(item('R2'));
  await page.reload();
  const shown = page.getByRole('table', { name: '整改项' });
  await shown.locator('tr[data-row="R1"]').waitFor();
  const cells = async (id: string) =>
    shown.locator(`tr[data-row="${id}"] td`).evaluateAll((tds) => tds.map((td) => td.textContent));
  const uploaded = (await caseOf(row.workflowId)).body.state.remediation[0].evidence.documentRef;
  expect(await cells('R1')).toEqual([
    'R1',
    '数据库补丁缺失',
    expect.any(String),
    'resolved',
    expect.any(String),
    uploaded,
  ]);
  expect(await cells('R2')).toEqual([
    'R2',
    '备份未校验',
    expect.any(String),
    'resolved',
    expect.any(String),
    certificate.documentRef,
  ]);
  expect(await page.getByRole('heading', { name: /整改项.*条款 4\.6/ }).count()).toBe(1);
  await shot(page, FILE, '3-remediation-resolved');
  await context.close();
  const recorded = (await caseOf(row.workflowId)).body.state.remediation;
  expect(recorded.map((r: { evidence?: unknown }) => r.evidence)).toEqual([
    { documentRef: uploaded, sha256: expect.stringMatching(/^[a-f0-9]{64}$/) },
    certificate,
    undefined,
  ]);
});

it('when the engineer delivers a licence renewal with its new expiry date, then an expiry not after the current one is refused with clause 4.4, and once the operator accepts, the page shows the licence renewed until that date', async () => {
  const contractId = (await createContract(stack, { signedAt: new Date(Date.now() - DAY).toISOString() })).id;
  const expiresOn = addDays(today(), 10);
  const renewedUntil = addDays(expiresOn, 365);
  const registered = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/licences`, {
    requestId: 'mw',
    name: '中间件许可',
    expiresOn,
  });
  expect(registered.status).toBe(201);
  const caseId = `service:${contractId}:mw`;
  await eventually(async () => (await caseOf(caseId)).status === 200);

  const vendor = await signedIn(browser, stack, 'eng.wang');
  await openCase(vendor.page, caseId, 'service.acknowledge');
  expect(await vendor.page.locator('[data-state="licence"]').textContent()).toContain(`${expiresOn} (条款 4.4)`);
  await send(form(vendor.page, 'service.acknowledge'));
  const deliver = form(vendor.page, 'service.deliver');
  await deliver.waitFor();
  await deliver.getByLabel('交付证据（文件）').setInputFiles(pdf('续期许可证.pdf'));
  await deliver.getByLabel('续期后的到期日（授权续期时填写）').fill(expiresOn);
  expect(await refused(deliver)).toMatch(new RegExp(`renewedUntil.*${expiresOn}.*条款 4\\.4`));
  await shot(vendor.page, FILE, '4-licence-renewal-refused');
  await deliver.getByLabel('续期后的到期日（授权续期时填写）').fill(renewedUntil);
  await send(deliver);
  await vendor.context.close();

  const operator = await signedIn(browser, stack, 'nurse.li');
  await openCase(operator.page, caseId, 'service.review');
  await form(operator.page, 'service.review').getByLabel('决定').selectOption('accept');
  await send(form(operator.page, 'service.review'));
  const renewal = operator.page.locator('[data-state="renewal"]');
  await renewal.waitFor({ timeout: 20_000 });
  expect(await renewal.textContent()).toBe(renewedUntil);
  expect(await operator.page.locator('[data-status]').textContent()).toBe('renewed');
  await shot(operator.page, FILE, '5-licence-renewed');
  await operator.context.close();
  expect((await caseOf(caseId)).body.state.deliveries[0]).toMatchObject({ by: 'eng.wang', renewedUntil });
});

it('when the engineer claims a personalisation is a large change, then the approver is refused agreeing without the separate terms (clause 5.4), agrees with them, and the page shows the claim agreed on those terms', async () => {
  const contractId = (await createContract(stack, { signedAt: new Date(Date.now() - DAY).toISOString() })).id;
  const raised = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/service-requests`, {
    requestId: 'form',
    clause: '5.4',
    title: '请假单增加审批节点',
    description: '请假单在科主任之后增加人事科审批',
    proposedDueDate: addDays(today(), 20),
  });
  expect(raised.status).toBe(201);
  const caseId = raised.body.workflowId;

  const vendor = await signedIn(browser, stack, 'eng.wang');
  await openCase(vendor.page, caseId, 'service.large-change');
  expect(await form(vendor.page, 'service.large-change').locator('h3').textContent()).toContain('条款 5.4');
  await form(vendor.page, 'service.large-change')
    .getByLabel('理由')
    .fill('需改动流程引擎与三张报表，超出个性化修改范围');
  await send(form(vendor.page, 'service.large-change'));
  await vendor.context.close();

  const approver = await signedIn(browser, stack, 'appr.chen');
  await openCase(approver.page, caseId, 'service.large-change/decision');
  const decide = form(approver.page, 'service.large-change/decision');
  await decide.getByLabel('决定').selectOption('agree');
  await decide.getByLabel('理由').fill('确需改动流程引擎');
  expect(await refused(decide)).toMatch(/separateTerms.*条款 5\.4/);
  await shot(approver.page, FILE, '6-large-change-refused');
  await decide.getByLabel('另行约定的条款').fill('另行报价 2 万元，工期 30 天');
  await send(decide);
  const claim = approver.page.locator('[data-state="large-change"]');
  await claim.filter({ hasText: '已同意' }).waitFor({ timeout: 20_000 });
  expect(await claim.textContent()).toMatch(
    /eng\.wang \(条款 5\.4\).*已同意（另行约定）.*appr\.chen.*另行报价 2 万元，工期 30 天/s,
  );
  await shot(approver.page, FILE, '7-large-change-agreed');
  await approver.context.close();
  expect((await caseOf(caseId)).body.state.largeChange.decision).toMatchObject({
    outcome: 'agreed',
    by: 'appr.chen',
    separateTerms: '另行报价 2 万元，工期 30 天',
  });
});

it('when a licence lapsed before its renewal, then the approver prices the 4.4 breach on its page, a rate outside the contract range is refused with clause 6.5, and the page and the ledger show the penalty', async () => {
  const contractId = (await createContract(stack, { signedAt: new Date(Date.now() - 30 * DAY).toISOString() })).id;
  const registered = await stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/licences`, {
    requestId: 'db',
    name: '数据库企业版许可',
    expiresOn: addDays(today(), -1),
  });
  expect(registered.status).toBe(201);
  const caseId = `service:${contractId}:db`;
  await eventually(async () => (await caseOf(caseId)).body?.state?.breach, 30_000);

  const { context, page } = await signedIn(browser, stack, 'appr.chen');
  await openCase(page, caseId, 'service.breach/price');
  expect(await page.locator('[data-state="breach"]').textContent()).toMatch(/按条款 6\.5 计算违约金.*待审批人确定比例/);
  const price = form(page, 'service.breach/price');
  expect(await price.locator('h3').textContent()).toContain('条款 6.5');
  await price.getByLabel('违约金比例（%，合同金额的0.01%-0.1%）').fill('0.5');
  expect(await refused(price)).toMatch(/条款 6\.5/);
  await shot(page, FILE, '8-breach-rate-refused');
  await price.getByLabel('违约金比例（%，合同金额的0.01%-0.1%）').fill('0.05');
  await send(price);
  // 0.05 % of CNY 1,234,567.89, rounded half up once: CNY 617.28 (6.5).
  const breach = page.locator('[data-state="breach"]');
  await breach.filter({ hasText: '617.28' }).waitFor({ timeout: 20_000 });
  // The basis the platform wrote is read in the console's language (issue 15), not in English.
  expect(await breach.textContent()).toContain('条款 6.5：合同金额 1,234,567.89 元 的 0.05%');
  expect(await page.locator('dt').filter({ hasText: '违约（条款 4.4）' }).count()).toBe(1);
  await shot(page, FILE, '9-breach-priced');
  await page.goto(`/console/#/contract/${encodeURIComponent(contractId)}`);
  const entry = page.getByRole('table', { name: '台账' }).locator('tr', { hasText: caseId });
  await entry.waitFor({ timeout: 20_000 });
  expect(await entry.textContent()).toMatch(/6\.5.*617\.28.*proposed/);
  await shot(page, FILE, '10-breach-in-ledger');
  await context.close();
});

it('when the 6.3 plan is late, then the approver prices it on the rectification page, a rate outside the contract range is refused with clause 6.5, and the page shows the penalty', async () => {
  // Signed 60 days ago: the plan's deadline (working days after signing, 6.3) passed before the case started.
  const contractId = (await createContract(stack, { signedAt: new Date(Date.now() - 60 * DAY).toISOString() })).id;
  const caseId = `rectification:${contractId}`;
  await eventually(async () => (await caseOf(caseId)).body?.state?.planBreach, 30_000);

  const { context, page } = await signedIn(browser, stack, 'appr.chen');
  await openCase(page, caseId, 'rectification.plan-breach-price');
  expect(await page.locator('[data-state="breach"]').textContent()).toMatch(/按条款 6\.5 计算违约金.*待审批人确定比例/);
  const price = form(page, 'rectification.plan-breach-price');
  expect(await price.locator('h3').textContent()).toContain('条款 6.5');
  await price.getByLabel('违约金比例（%，合同金额的0.01%-0.1%）').fill('0.2');
  expect(await refused(price)).toMatch(/条款 6\.5/);
  await price.getByLabel('违约金比例（%，合同金额的0.01%-0.1%）').fill('0.01');
  await send(price);
  // 0.01 % of CNY 1,234,567.89 = 123.456789, rounded half up once: CNY 123.46 (6.5).
  await page.locator('[data-state="breach"]').filter({ hasText: '123.46' }).waitFor({ timeout: 20_000 });
  await shot(page, FILE, '11-late-plan-priced');
  await context.close();
  expect((await caseOf(caseId)).body.state.planBreach).toMatchObject({ priced: true, penaltyFen: '12346' });
});
