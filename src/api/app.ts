import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate, KeyCache } from './auth';
import { auditTrail } from './audit';
import { AuditSpool } from './audit-spool';
import type { ApiDeps } from './deps';
import { errorHandler, notFound } from './errors';
import { idempotentResponses } from './idempotency';
import { jsonBody } from './json-body';
import { openApiDocument } from './openapi';
import { docsRouter } from './docs';
import { instantReplacer } from './instants';
import { checkResponses } from './response-check';
import { requestDeadline } from './outage';
import { guardedClient, requestScope } from './temporal-guard';
import { cleanUrl } from './text';
import { enforceDuties } from '../security/enforce-duties';
import { AuthBrake } from '../security/auth-brake';
import { securityHeaders } from '../security/headers';
import { healthRouter } from './routes/health';
import { protectedRouters } from './routes';
import { codecCors } from './routes/codec';
import { parseConfig } from '../config';
import { authenticateSession } from '../security/sessions';
import { sessionPolicy, signInRouter } from './routes/session';
import { consoleRouter } from '../console/serve';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** What createApp is given: the tolerance settings (ApiDeps['config']) default to config.ts's defaults. */
export type AppInput = Omit<ApiDeps, 'keyCache' | 'config'> & {
  config: Omit<ApiDeps['config'], TolerantKey> & Partial<Pick<ApiDeps['config'], TolerantKey>>;
};
type TolerantKey =
  | 'REQUEST_DEADLINE_MS'
  | 'WORKER_HEARTBEAT_STALE_SECONDS'
  | 'DOCUMENT_MAX_BYTES'
  | 'REPORT_FONT_PATH'
  | 'AUTH_FAILURE_LIMIT'
  | 'AUTH_FAILURE_WINDOW_SECONDS'
  | 'AUDIT_SPOOL_DIR'
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_MAX_HOURS'
  | 'SIGNIN_LOCK_ATTEMPTS'
  | 'SIGNIN_LOCK_MINUTES'
  | 'VALIDATE_RESPONSES';

export function createApp(given: AppInput): Express {
  const defaults = parseConfig({});
  const config: ApiDeps['config'] = {
    REQUEST_DEADLINE_MS: defaults.REQUEST_DEADLINE_MS,
    WORKER_HEARTBEAT_STALE_SECONDS: defaults.WORKER_HEARTBEAT_STALE_SECONDS,
    DOCUMENT_MAX_BYTES: defaults.DOCUMENT_MAX_BYTES,
    REPORT_FONT_PATH: defaults.REPORT_FONT_PATH,
    AUTH_FAILURE_LIMIT: defaults.AUTH_FAILURE_LIMIT,
    AUTH_FAILURE_WINDOW_SECONDS: defaults.AUTH_FAILURE_WINDOW_SECONDS,
    AUDIT_SPOOL_DIR: defaults.AUDIT_SPOOL_DIR,
    SESSION_IDLE_MINUTES: defaults.SESSION_IDLE_MINUTES,
    SESSION_MAX_HOURS: defaults.SESSION_MAX_HOURS,
    SIGNIN_LOCK_ATTEMPTS: defaults.SIGNIN_LOCK_ATTEMPTS,
    SIGNIN_LOCK_MINUTES: defaults.SIGNIN_LOCK_MINUTES,
    VALIDATE_RESPONSES: defaults.VALIDATE_RESPONSES,
    ...given.config,
  };
  // Every Temporal update of every route passes the worker check and key-derived update ids (temporal-guard.ts).
  const temporal = guardedClient(given.temporal, {
    pool: given.pool,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    staleSeconds: config.WORKER_HEARTBEAT_STALE_SECONDS,
  });
  const deps: ApiDeps = {
    ...given,
    config,
    temporal,
    keyCache: new KeyCache(config.API_KEY_CACHE_SECONDS * 1000, given.now),
  };
  const brake = new AuthBrake({
    limit: config.AUTH_FAILURE_LIMIT,
    windowMs: config.AUTH_FAILURE_WINDOW_SECONDS * 1000,
    now: given.now,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Every instant of every answer in the contract's time zone, +08:00 (instants.ts, issue 15).
  app.set('json replacer', instantReplacer);
  // Behind the TLS proxy every request comes from the proxy: without this, one client's failed
  // keys would brake everyone (src/security/auth-brake.ts).
  const proxy = given.config.TRUST_PROXY;
  if (proxy) app.set('trust proxy', /^\d+$/.test(proxy) ? Number(proxy) : proxy);
  app.use(securityHeaders());
  app.use((req, res, next) => {
    // The request id is always the server's (a client could reuse one to blur the audit trail);
    // a well-formed X-Request-Id of the client is kept beside it (audit_log.client_request_id).
    const given = req.headers['x-request-id'];
    res.locals.requestId = randomUUID();
    if (typeof given === 'string' && REQUEST_ID.test(given)) res.locals.clientRequestId = given;
    res.setHeader('x-request-id', res.locals.requestId);
    next();
  });
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (_req, res) => res.locals.requestId as string,
      // Bodies are never logged: they may hold confidential hospital data (clause 7).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    }),
  );
  // Bounded waits (outage.ts): no request waits longer than REQUEST_DEADLINE_MS for its answer.
  app.use(requestDeadline(deps.temporal, config.REQUEST_DEADLINE_MS));
  app.use(requestScope());
  // Before the URL and body checks, so a request refused for bad text or malformed JSON is audited too.
  app.use(auditTrail(deps.pool, deps.log, new AuditSpool(config.AUDIT_SPOOL_DIR)));
  app.use(cleanUrl());
  app.use(jsonBody('1mb'));
  if (config.VALIDATE_RESPONSES) app.use(checkResponses(deps.log));
  app.use(healthRouter(deps));
  app.use(consoleRouter()); // the web console's static pages (src/console), which call this API
  // Generated once per app (about a second for 150 operations, 6 schemathesis clients at once
  // timed out at 10 s): every route is declared when the route modules are imported, before this.
  let openapi: string | undefined;
  app.get('/openapi.json', (_req, res) => {
    openapi ??= JSON.stringify(openApiDocument());
    res.type('application/json').send(openapi);
  });
  app.use(docsRouter());
  app.use(codecCors(given.config.TEMPORAL_UI_URL ? new URL(given.config.TEMPORAL_UI_URL).origin : undefined));
  app.use(signInRouter(deps, brake));
  app.use(authenticateSession(deps.pool, sessionPolicy(config), brake, deps.now));
  app.use(authenticate(deps.pool, deps.keyCache, brake, deps.now));
  app.use(enforceDuties()); // the duty matrix (src/security/duties.ts), before any route
  app.use(
    idempotentResponses(
      deps.pool,
      { leaseMs: 2 * config.REQUEST_DEADLINE_MS, waitMs: config.REQUEST_DEADLINE_MS / 2 },
      (err) => deps.log.error({ err }, 'idempotent response not kept'),
    ),
  );
  for (const router of protectedRouters(deps)) app.use(router);
  app.use((req) => {
    throw notFound(`route ${req.method} ${req.path}`);
  });
  app.use(errorHandler(deps.log));
  return app;
}
