import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate, KeyCache } from './auth';
import { auditTrail } from './audit';
import type { ApiDeps } from './deps';
import { errorHandler, notFound } from './errors';
import { openApiDocument } from './openapi';
import { healthRouter } from './routes/health';
import { protectedRouters } from './routes';

const REQUEST_ID = /^[\w.-]{1,64}$/;

export function createApp(given: Omit<ApiDeps, 'keyCache'>): Express {
  const deps: ApiDeps = { ...given, keyCache: new KeyCache(given.config.API_KEY_CACHE_SECONDS * 1000, given.now) };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    // The request id is always the server's (a client could reuse one to blur the audit trail);
    // a well-formed X-Request-Id of the client is kept beside it (audit_log.client_request_id).
    const given = req.headers['x-request-id'];
    res.locals.requestId = randomUUID();
    if (typeof given === 'string' && REQUEST_ID.test(given)) res.locals.clientRequestId = given;
    res.setHeader('x-request-id', res.locals.requestId);
    next();
  });
  app.use(pinoHttp({
    logger: deps.log,
    genReqId: (_req, res) => res.locals.requestId as string,
    // Bodies are never logged: they may hold confidential hospital data (clause 7).
    serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
  }));
  // Before body parsing, so a request refused for malformed JSON is audited too.
  app.use(auditTrail(deps.pool, deps.log));
  app.use(express.json({ limit: '1mb', strict: true }));
  app.use(healthRouter(deps));
  app.get('/openapi.json', (_req, res) => { res.json(openApiDocument()); });
  app.use(authenticate(deps.pool, deps.keyCache));
  for (const router of protectedRouters(deps)) app.use(router);
  app.use((req) => { throw notFound(`route ${req.method} ${req.path}`); });
  app.use(errorHandler(deps.log));
  return app;
}
