// Outages answer 503 with Retry-After, quickly, never 500 and never a hang (issue 11, finding 5).
// PostgreSQL down: the pool's connect timeout (DATABASE_CONNECT_TIMEOUT_MS) or a lost
// connection. Temporal down: UNAVAILABLE after TEMPORAL_CALL_ATTEMPTS tries. Worker down: the
// update guard (temporal-guard.ts) refuses at once. Anything else slow: the request deadline.
import type { RequestHandler } from 'express';
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { localizeMessage } from '../i18n/catalogue';
import { requestLocale } from './errors';

export interface UnavailableBody {
  status: 503;
  code: string;
  message: string;
  extra: { retryAfterSeconds: number };
}

const RETRY = 'retry with the same Idempotency-Key';
const body = (code: string, message: string, retryAfterSeconds = 1): UnavailableBody => ({
  status: 503,
  code,
  message,
  extra: { retryAfterSeconds },
});

// SQLSTATE classes and node-postgres messages that mean "the database is not there right now".
const PG_DOWN_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const PG_DOWN_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery)/i;
// gRPC status codes: CANCELLED 1, DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8, UNAVAILABLE 14.
const GRPC_DOWN = new Set<number>([1, 4, 8, 14]);

function grpcCode(err: unknown): number | undefined {
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

/**
 * The worker went away while an update waited for it (temporal-guard.ts). Not an HttpError: the
 * update may have run part of a workflow task before the kill, so the route asks the case to
 * write its record head again (record-resync.ts) as after any update that failed unanswered.
 */
export class WorkerGoneError extends Error {
  constructor() {
    super('the worker stopped while this action waited');
    this.name = 'WorkerGoneError';
  }
}

/** A 503 body for errors that mean a dependency is down or too slow, else undefined. */
export function unavailableBody(err: unknown): UnavailableBody | undefined {
  if (err instanceof WorkerGoneError) {
    return body(
      'WORKER_UNAVAILABLE',
      `the worker stopped while this action waited; it may still be recorded when a worker returns: ${RETRY} to get its answer`,
      5,
    );
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return body('UPDATE_NOT_PROCESSED', `the case did not process this action in time; ${RETRY}`, 2);
  }
  const code = grpcCode(err);
  if (code !== undefined && GRPC_DOWN.has(code)) {
    return body('TEMPORAL_UNAVAILABLE', `the workflow service did not answer in time; ${RETRY}`, 2);
  }
  const e = err as { code?: string; message?: string; name?: string };
  if (typeof e?.code === 'string' && (PG_DOWN_CODES.has(e.code) || e.code.startsWith('08'))) {
    return body('DATABASE_UNAVAILABLE', `the database is unavailable; ${RETRY}`, 2);
  }
  if (typeof e?.message === 'string' && PG_DOWN_MESSAGES.test(e.message)) {
    return body('DATABASE_UNAVAILABLE', `the database is unavailable; ${RETRY}`, 2);
  }
  return undefined;
}

/**
 * Every request runs under a Temporal call deadline, and is answered 503 if it has not been
 * answered by `ms`: no client waits longer than that, whatever hangs. The Temporal deadline is
 * set through the connection's call context (AsyncLocalStorage), so it reaches every call the
 * route makes without the route knowing; it ends a little before the answer so the route's own
 * error (UPDATE_NOT_PROCESSED, TEMPORAL_UNAVAILABLE) is usually what the client sees.
 */
export function requestDeadline(temporal: Client, ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.setHeader('retry-after', '2');
      res.locals.errorCode = 'REQUEST_DEADLINE';
      res.status(503).json({
        error: {
          code: 'REQUEST_DEADLINE',
          message: localizeMessage('REQUEST_DEADLINE', `no answer within ${ms} ms; ${RETRY}`, requestLocale(req)),
          retryAfterSeconds: 2,
        },
        requestId: res.locals.requestId,
      });
    }, ms);
    const done = new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.once('finish', resolve);
    });
    void done.then(() => clearTimeout(timer));
    void temporal.withDeadline(Date.now() + Math.max(ms - 300, 200), () => {
      next();
      return done;
    });
  };
}
