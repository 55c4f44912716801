// Issue 16, "What it must do", the items no other console test proved (the audit of this
// session): keyboard use and screen-reader names on every page, the skip link, the PDF
// download beside the CSV, and the administration of notification subscriptions. Screenshots of
// the pages the other files do not keep (sign-in, contract list, each role's page here).
import type { Browser, Page } from 'playwright-core';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';
import { launchBrowser, PASSWORD, person, shot, signedIn } from '../helpers/browser';

let stack: Stack;
let browser: Browser;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  contractId = (await createContract(stack)).id;
  await person(stack, 'nurse.li', 'hospital-operator', '李护士');
  await person(stack, 'fin.zhou', 'finance', '周会计');
  await person(stack, 'aud.sun', 'auditor', '孙审计');
  await person(stack, 'adm.he', 'admin', '何管理');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const FILE = 'access';
const CONTROLS = new Set([
  'button',
  'link',
  'textbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'searchbox',
  'spinbutton',
]);

/** The controls of the page that a screen reader would announce without a name (Chromium's accessibility tree). */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && CONTROLS.has(String(n.role?.value)) && !String(n.name?.value ?? '').trim())
    .map((n) => `${n.role?.value} #${n.backendDOMNodeId}`);
}

it('when a person signs in with the keyboard alone, then Tab reaches the fields and Enter signs in; the skip link then moves the focus to the page, not to another page', async () => {
  const context = await browser.newContext({ baseURL: stack.baseUrl, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/console/');
  await page.locator('input[name=login]').waitFor();
  await shot(page, FILE, '1-signin');
  expect(await unnamedControls(page)).toEqual([]);
  const focused = () => page.evaluate(`document.activeElement?.name || document.activeElement?.className || ''`);
  // The login has the focus when the page opens; Tab goes on to the password and the button, Enter signs in.
  expect(await focused()).toBe('login');
  await page.keyboard.type('nurse.li');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(`document.activeElement?.textContent`)).toBe('登录');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '退出' }).waitFor();
  // On a contract's page, "skip to content" keeps that page and puts the focus on its main part.
  await page.goto(`/console/#/contract/${encodeURIComponent(contractId)}`);
  await page.locator('#contract-h').waitFor();
  await page.keyboard.press('Tab'); // the first stop of a page: the skip link
  expect(await focused()).toBe('skip');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(`document.activeElement?.id`)).toBe('main');
  expect(await page.evaluate('location.hash')).toBe(`#/contract/${encodeURIComponent(contractId)}`);
  await page.locator('#contract-h').waitFor();
  await context.close();
});

it('when each role opens its pages, then every control has a name a screen reader reads (labels, not placeholders)', async () => {
  const visits: [string, string, string][] = [
    ['nurse.li', '#/queue', '#queue-h'],
    ['nurse.li', '#/report', 'form'],
    ['nurse.li', '#/contract', '#contracts-h'],
    ['nurse.li', `#/contract/${encodeURIComponent(contractId)}`, '#contract-h'],
    ['fin.zhou', '#/reports', 'li[data-report]'],
    ['aud.sun', '#/audit', 'table'],
    ['adm.he', '#/admin', '#subs-h'],
  ];
  const found: Record<string, string[]> = {};
  for (const login of new Set(visits.map(([l]) => l))) {
    const { context, page } = await signedIn(browser, stack, login);
    for (const [, hash, ready] of visits.filter(([l]) => l === login)) {
      await page.goto(`/console/${hash}`);
      await page.locator(ready).first().waitFor();
      found[hash] = await unnamedControls(page);
      await shot(page, FILE, `2-${login}-${hash.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`);
    }
    await context.close();
  }
  expect(found).toEqual(Object.fromEntries(visits.map(([, hash]) => [hash, []])));
});

it("when finance downloads a contract year's reports, then the CSV is CSV and the PDF a PDF, with the session's cookie", async () => {
  const { context, page } = await signedIn(browser, stack, 'fin.zhou');
  await page.goto('/console/#/reports');
  const got: Record<string, unknown> = {};
  for (const format of ['CSV', 'PDF']) {
    const href = (await page.locator('[data-report="sla"] a', { hasText: format }).getAttribute('href'))!;
    got[format] = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...head) };
    }, href);
  }
  expect(got).toEqual({
    CSV: { status: 200, type: expect.stringMatching(/^text\/csv/), head: expect.any(String) },
    PDF: { status: 200, type: 'application/pdf', head: '%PDF-' },
  });
  // Issue 15: the links ask for the console's language, whatever the browser's Accept-Language says.
  const headerIn = async () => {
    const href = (await page.locator('[data-report="sla"] a', { hasText: 'CSV' }).getAttribute('href'))!;
    return page.evaluate(async (u) => {
      const r = await fetch(u, { headers: { 'accept-language': 'zh-CN' } });
      return [r.headers.get('content-language'), (await r.text()).replace(/^\uFEFF/, '').split(',')[0]];
    }, href);
  };
  expect(await headerIn()).toEqual(['zh-CN', '期间']);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('[data-report="sla"] a[href*="lang=en"]').first().waitFor();
  expect(await headerIn()).toEqual(['en', 'Period']);
  await context.close();
});

it("when the admin subscribes a person to a contract's notifications in the console, then the API lists the subscription as saved", async () => {
  const { context, page } = await signedIn(browser, stack, 'adm.he');
  await page.goto('/console/#/admin');
  const f = page.getByRole('form', { name: '通知订阅' });
  await f.getByLabel('合同', { exact: true }).fill(contractId);
  await f.getByLabel('ID', { exact: true }).fill('li-nurse');
  await f.getByLabel('姓名').fill('李护士');
  await f.getByLabel('合同方').selectOption('hospital');
  await f.getByLabel('角色').selectOption('operator');
  await f.getByLabel('Email').fill('li@hospital.example');
  await f.getByLabel('订阅主题（逗号分隔）').fill('fault.*');
  await f.getByRole('button', { name: '保存' }).click();
  await f.getByRole('status').waitFor();
  await shot(page, FILE, '3-admin-subscription');
  const listed = await stack.call('admin', 'GET', `/contracts/${encodeURIComponent(contractId)}/notify/people`);
  expect(listed.status).toBe(200);
  expect(JSON.stringify(listed.body)).toContain('li@hospital.example');
  await context.close();
});
