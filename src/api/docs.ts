// Browsable API documentation at /docs (issue 15): Swagger UI from the swagger-ui-dist package,
// served from node_modules by the app itself (no CDN: the hospital network reaches none), over
// the same /openapi.json the routes are declared into. The page is the one place the API serves
// HTML, so it alone gets a CSP that lets its own scripts and styles run.
import path from 'node:path';
import express, { Router } from 'express';
import { notFound } from './errors';

const ASSETS = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8">
    <title>weibao 维保 API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;
// External script (the CSP allows no inline one): Swagger UI on /openapi.json; "Authorize" takes an API key.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets style attributes; its SVG icons are data: URIs.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function docsRouter(): Router {
  const r = Router();
  r.use(['/docs', '/docs/*splat'], (_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    next();
  });
  r.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  r.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  // An asset it does not have (or a path it refuses) is the app's own 404, a sentence of the
  // catalogue in the reader's language, not send's English "Not Found".
  r.use('/docs/assets', express.static(ASSETS, { index: false }), (req) => {
    throw notFound(`route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  return r;
}
