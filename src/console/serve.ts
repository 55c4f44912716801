// Serves the web console (issue 16): one HTML page and its ES modules from src/console/app,
// and preact + htm (one file, from the app's own node_modules: no CDN, no build chain). The
// pages call the JSON API with the session cookie; nothing here knows a rule. The console's
// responses get their own CSP: scripts, styles and requests from this origin only, nothing
// inline, no framing.
import path from 'node:path';
import express, { Router } from 'express';

const APP_DIR = path.join(__dirname, 'app');
// htm's exports map offers this file only to bundlers ("browser"), and Node refuses the subpath
// (ERR_PACKAGE_PATH_NOT_EXPORTED under plain node: npm start's API died at import); found from the
// package's main entry instead.
const PREACT_HTM = path.join(path.dirname(require.resolve('htm')), '..', 'preact', 'standalone.module.js');
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function consoleRouter(): Router {
  const r = Router();
  r.use('/console', (_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    next();
  });
  r.get('/', (_req, res) => res.redirect(302, '/console/'));
  // Routing is not strict: /console and /console/ reach the same route; only the page has the slash.
  r.get('/console', (req, res) =>
    req.originalUrl.split('?')[0]!.endsWith('/')
      ? res.sendFile(path.join(APP_DIR, 'index.html'))
      : res.redirect(302, '/console/'),
  );
  r.get('/console/vendor/htm-preact.js', (_req, res) => res.type('text/javascript').sendFile(PREACT_HTM));
  r.use('/console/app', express.static(APP_DIR, { index: false, dotfiles: 'deny' }));
  return r;
}
