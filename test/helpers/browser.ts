// A real browser for the console's end-to-end tests (issue 16): Debian's Chromium driven by
// playwright-core (Playwright's own browser download cannot work here; scripts/toolchain.sh
// installs the `chromium` package). Screenshots of every page go to WEIBAO_E2E_ARTIFACTS
// (default artifacts/e2e in the repo, git-ignored), named by test file and step.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createPerson } from '../../src/api/routes/people';
import type { Role } from '../../src/api/auth';
import type { Stack } from './stack';

export const CHROMIUM = process.env.WEIBAO_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = process.env.WEIBAO_E2E_ARTIFACTS ?? path.join(__dirname, '../../artifacts/e2e');
export const PASSWORD = 'Weibao-test-2026!';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A person of that role (all contracts unless given), made as an admin would (POST /people's function). */
export async function person(stack: Stack, login: string, role: Role, displayName = login, contracts = ['*']) {
  return createPerson(stack.db.pool, { login, displayName, role, contracts, password: PASSWORD, createdBy: 'test' });
}

/** A fresh browser context (its own cookies) signed in as login; phone = a 390x844 screen. */
export async function signedIn(
  browser: Browser,
  stack: Stack,
  login: string,
  opts: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: stack.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Europe/London', // the page must show Beijing time whatever the device's zone
    ...(opts.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await page.goto('/console/');
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
  return { context, page };
}

/** A full-page screenshot kept by the run: <ARTIFACTS>/<file>-<step>.png. */
export async function shot(page: Page, file: string, step: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = path.join(ARTIFACTS, `${file}-${step}.png`);
  await page.screenshot({ path: out, fullPage: true });
  return out;
}

/** A small valid-looking PDF for a file input (Playwright's setInputFiles payload): the console's uploads in e2e tests. */
export const pdfUpload = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
});
