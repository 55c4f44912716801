// Issue 15 in a real browser: the Temporal Web UI (the dev server's own, UI 2.42) shows a case
// without opening JSON. Its list has no column for Temporal's summaries, so the WeibaoSummary
// search attribute is the column (chosen here as a person would: the UI keeps the choice in
// localStorage, `namespace-workflow-table-columns`); the case's page shows its summary and
// details, encrypted payloads decoded through the API's codec endpoint behind a proxy that adds
// an all-contracts auditor key, as the production proxy does (README "Web UI login").
// Screenshots: artifacts/e2e/temporal-ui-*.png (git-ignored).
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { launchBrowser, shot } from '../helpers/browser';
import { devServerWithUi, freePort, type DevServer } from '../helpers/dev-server';
import { SA } from '../../src/temporal/search-attributes';

const FILE = 'temporal-ui';
const TITLE = '全院 OA 无法登录';

/** The UI calls the codec from the browser: answer its preflight, forward with the auditor's key. */
function codecProxy(port: number, uiOrigin: string, api: () => { baseUrl: string; key: string }): Promise<Server> {
  const cors = {
    'access-control-allow-origin': uiOrigin,
    'access-control-allow-headers': 'authorization, content-type, x-namespace',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-credentials': 'true',
  };
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (req.method !== 'POST' || req.url !== '/codec/decode') return void res.writeHead(404, cors).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { baseUrl, key } = api();
      fetch(`${baseUrl}/codec/decode`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      }).then(
        async (r) => res.writeHead(r.status, { ...cors, 'content-type': 'application/json' }).end(await r.text()),
        () => res.writeHead(502, cors).end(),
      );
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The UI renders summaries and details (markdown) in sandboxed frames: look in every frame. */
async function onScreen(page: Page, text: string): Promise<void> {
  await eventually(
    async () => {
      for (const f of page.frames())
        if (
          (
            await f
              .locator('body')
              .innerText({ timeout: 1_000 })
              .catch(() => '')
          ).includes(text)
        )
          return true;
      return false;
    },
    30_000,
    250,
  );
}

let temporal: DevServer;
let proxy: Server;
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  const proxyPort = await freePort();
  temporal = await devServerWithUi({ codecEndpoint: `http://127.0.0.1:${proxyPort}/codec` });
  stack = await startStack({ temporalAddress: temporal.address });
  proxy = await codecProxy(proxyPort, temporal.uiUrl, () => ({ baseUrl: stack.baseUrl, key: stack.keys.auditor }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
  await stack?.stop();
  await temporal?.stop();
});

it('when a level-1 fault is reported, then the Web UI list shows its summary line and its page its summary and details', async () => {
  const contractId = (await createContract(stack)).id;
  const r = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 1,
    title: TITLE,
    channel: 'phone',
    reporter: '李护士',
  });
  expect(r.status).toBe(201);
  const caseId = r.body.caseId as string;
  const handle = stack.client.workflow.getHandle(caseId);
  const line = await eventually(async () => (await handle.describe()).typedSearchAttributes.get(SA.summary));
  expect(line).toMatch(/^一级故障 · fault:.* · 已报告 · 截止 \d\d-\d\d \d\d:\d\d$/);

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 900 } });
  const columns = ['Status', 'Workflow ID', 'WeibaoSummary', 'Type', 'Start'].map((label) => ({ label }));
  await context.addInitScript({
    content: `localStorage.setItem('namespace-workflow-table-columns', ${JSON.stringify(JSON.stringify({ default: columns }))})`,
  });
  const page = await context.newPage();
  const query = encodeURIComponent(`WeibaoContractId = "${contractId}"`);
  await page.goto(`${temporal.uiUrl}/namespaces/default/workflows?query=${query}`);
  await page.getByText(line!, { exact: true }).waitFor({ timeout: 30_000 });
  await shot(page, FILE, '1-list');

  await page.getByRole('link', { name: caseId }).first().click();
  await shot(page, FILE, '2-case-history'); // the input decoded through the codec proxy
  // The page's User Metadata tab: the start's summary and details and the case's current details.
  await page.getByText('User Metadata', { exact: true }).click();
  try {
    await onScreen(page, '一级故障 · 全院 OA 无法登录 · 响应截止'); // staticSummary
    await onScreen(page, '响应截止：'); // staticDetails: each 4.9 deadline
    await onScreen(page, '标题：全院 OA 无法登录'); // the workflow's current details
  } finally {
    await shot(page, FILE, '3-case-metadata'); // kept on failure too: it shows what the page had instead
  }
  await context.close();
});
