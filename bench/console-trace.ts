// Where the time goes between the console's HTML and its first data request (bench/console.ts,
// BENCH_CONSOLE_TRACE=1): one page load traced by Chromium itself, and the renderer main
// thread's slices from the navigation's start to the last of the page's first fetches, with
// performance marks the page or an init script made. Issue 16 item 2: the HTML arrives at
// 8-10 ms, the first fetch started at 65-107 ms; a trace of that gap showed the navigation's
// commit (the document and its parser created), the preload scanner asking for the cached style
// sheet and bundle, the page's first script context created (LocalWindowProxy::Initialize,
// 12-20 ms), then the boot script, whose first localStorage read was a synchronous round trip
// to the browser process (28 ms of its 34 ms) before it asked for anything.
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; documentLoaderURL?: string } };
}
// The slices worth naming (their children are in the trace file for whoever wants them).
const SLICES = new Set([
  'RenderFrameImpl::CommitNavigation',
  'HTMLDocumentParser::ScanAndPreload',
  'LocalWindowProxy::Initialize',
  'EvaluateScript',
  'v8.evaluateModule',
  'ParseHTML',
  'Layout',
  'ResourceSendRequest',
]);

/** Traces one load of url until ready, writes the trace to file and prints the main thread's slices. */
export async function traceLoad(browser: Browser, page: Page, url: string, ready: string, file: string) {
  await page.goto('about:blank');
  await browser.startTracing(page, {
    path: file,
    categories: ['devtools.timeline', 'blink', 'loading', 'v8', 'blink.user_timing', 'toplevel', 'navigation'],
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state: 'attached' });
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const nav = events
    .filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes(url))
    .at(-1);
  if (!nav) return console.log(`trace of ${url}: no navigation found (${file})`);
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts);
  const rows = main
    .filter((e) => SLICES.has(e.name) || (e.cat === 'blink.user_timing' && e.name !== 'navigationStart'))
    .map((e) => {
      const at = ((e.ts - nav.ts) / 1000).toFixed(1);
      const dur = e.dur ? ` ${(e.dur / 1000).toFixed(1)} ms` : '';
      const what = e.args?.data?.url ? ` ${new URL(e.args.data.url).pathname}` : '';
      return `${at} ${e.name}${what}${dur}`;
    });
  const lastFetch = rows.reduce((last, r, i) => (r.includes('ResourceSendRequest') ? i : last), -1);
  console.log(`trace of ${url} (${file}), renderer main thread from the navigation's start (ms):`);
  for (const r of rows.slice(0, lastFetch + 1)) console.log(`  ${r}`);
}
