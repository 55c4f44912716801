// Serves the web console (issue 16): one HTML page, one script and one style sheet. The ES modules
// of src/console/app and preact + htm (from the app's own node_modules: no CDN) are bundled and
// minified by esbuild in memory, once per process, at the first request of the console: no build
// step, nothing generated in the repo, no network. The page's first render is under 200 ms with
// 10,000 cases (bench/console.ts): unbundled, the browser fetched 17 modules three imports deep
// before it could ask for any data; now the script and style are named by their content's hash
// and kept by the browser for a year (immutable), so a visit costs the HTML and the data only.
// The page's data is asked for by a small script inline in the HTML's head (app/boot.js, built
// here too), before the bundle is compiled and run. The pages call the JSON API with the session
// cookie; nothing here knows a rule. The console's responses get their own CSP: scripts, styles
// and requests from this origin only, nothing inline but that one script (allowed by its
// SHA-256), no framing.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { Router } from 'express';

const APP_DIR = path.join(__dirname, 'app');
// htm's exports map offers this file only to bundlers ("browser"), and Node refuses the subpath
// (ERR_PACKAGE_PATH_NOT_EXPORTED under plain node: npm start's API died at import); found from the
// package's main entry instead.
const PREACT_HTM = path.join(path.dirname(require.resolve('htm')), '..', 'preact', 'standalone.module.js');
const csp = (inlineScript?: string) =>
  [
    "default-src 'none'",
    `script-src 'self'${inlineScript ? ` 'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'` : ''}`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
const ASSETS = '/console/assets/';
const FOREVER = 'public, max-age=31536000, immutable';

interface Bundle {
  html: string;
  /** the page's CSP: the inline boot script's hash beside 'self' */
  htmlCsp: string;
  /** file name under ASSETS -> [content type, bytes] */
  files: Map<string, [string, Buffer]>;
}

/** The pages import preact + htm as '../vendor/htm-preact.js': that is the package's standalone build. */
const vendor: Plugin = {
  name: 'htm-preact',
  setup(b) {
    b.onResolve({ filter: /\/vendor\/htm-preact\.js$/ }, () => ({ path: PREACT_HTM }));
  },
};

async function bundle(): Promise<Bundle> {
  const out = await build({
    entryPoints: [path.join(APP_DIR, 'main.js'), path.join(APP_DIR, 'style.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    sourcemap: 'linked',
    outdir: '/out',
    entryNames: '[name]-[hash]',
    write: false,
    logLevel: 'silent',
    plugins: [vendor],
  });
  const files = new Map<string, [string, Buffer]>();
  for (const f of out.outputFiles) {
    const name = path.basename(f.path);
    const type = name.endsWith('.css') ? 'text/css' : name.endsWith('.map') ? 'application/json' : 'text/javascript';
    files.set(name, [type, Buffer.from(f.contents)]);
  }
  const named = (ext: string) => ASSETS + [...files.keys()].find((n) => n.endsWith(ext))!;
  const boot = (
    await build({
      entryPoints: [path.join(APP_DIR, 'boot.js')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text.trim();
  const html = readFileSync(path.join(APP_DIR, 'index.html'), 'utf8')
    .replace('<script src="boot.js"></script>', `<script>${boot}</script>`)
    .replace('href="style.css"', `href="${named('.css')}"`)
    .replace('src="main.js"', `src="${named('.js')}"`);
  return { html, htmlCsp: csp(boot), files };
}

// Built once per process, at the first request (tests that never open the console never build it).
let built: Promise<Bundle> | undefined;
const bundled = () => (built ??= bundle());

export function consoleRouter(): Router {
  const r = Router();
  r.use('/console', (_req, res, next) => {
    res.setHeader('content-security-policy', csp());
    next();
  });
  r.get('/', (_req, res) => res.redirect(302, '/console/'));
  // Routing is not strict: /console and /console/ reach the same route; only the page has the slash.
  r.get('/console', async (req, res) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(302, '/console/');
    const { html, htmlCsp } = await bundled();
    res.setHeader('content-security-policy', htmlCsp);
    res.setHeader('cache-control', 'no-cache'); // revalidated (ETag) at every visit: it names the current bundle
    res.type('html').send(html);
  });
  r.get('/console/assets/:name', async (req, res) => {
    const file = (await bundled()).files.get(req.params.name);
    if (!file) return res.status(404).type('text').send('no such console asset');
    res.setHeader('cache-control', FOREVER);
    res.type(file[0]).send(file[1]);
  });
  return r;
}
