import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import {
  WorkflowNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';
import { unavailableBody } from './outage';

/** An error with an HTTP status, a stable code and, where a contract rule refused it, the clause. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { clause?: string; field?: string; [k: string]: unknown } = {},
  ) {
    super(message);
  }
}
export const unauthorized = (msg = 'a bearer API key is required') => new HttpError(401, 'UNAUTHORIZED', msg);
export const forbidden = (msg: string) => new HttpError(403, 'FORBIDDEN', msg);
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, msg: string, clause?: string) =>
  new HttpError(409, code, msg, clause ? { clause } : {});

// Failure types thrown by workflow update validators (src/workflows/failures.ts) and their statuses.
const failureStatus: Record<string, number> = {
  ValidationError: 400,
  Forbidden: 403,
  NotFound: 404,
  RuleViolation: 409,
};

interface Body {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, unknown>;
}

function fromZod(err: ZodError): Body {
  const issues = err.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : undefined;
    const field = [...i.path, ...(keys ? [keys.join(',')] : [])].join('.') || '(body)';
    return { field, message: keys ? `unknown field(s): ${keys.join(', ')}` : i.message };
  });
  const first = issues[0];
  return {
    status: 400,
    code: 'INVALID_INPUT',
    message: `${first.field}: ${first.message}`,
    extra: { field: first.field, issues },
  };
}

function classify(err: unknown): Body | undefined {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message, extra: err.extra };
  if (err instanceof ZodError) return fromZod(err);
  if (err instanceof DomainError) {
    const status = err.kind === 'validation' ? 400 : err.kind === 'not-found' ? 404 : 409;
    return { status, code: err.code, message: err.message, extra: { clause: err.clause, field: err.field } };
  }
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e?.type === 'entity.parse.failed')
    return { status: 400, code: 'MALFORMED_JSON', message: 'request body is not valid JSON' };
  if (e?.type === 'entity.too.large')
    return { status: 413, code: 'BODY_TOO_LARGE', message: 'request body is too large' };
  if (e?.expose && e.status && e.status < 500)
    return { status: e.status, code: 'BAD_REQUEST', message: e.message ?? 'bad request' };
  if (err instanceof WorkflowNotFoundError) return { status: 404, code: 'NOT_FOUND', message: 'case not found' };
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return { status: 409, code: 'ALREADY_EXISTS', message: 'a case with this id already exists' };
  // A workflow rule's failure: from an update, or from a pure rule a route calls itself (care logs' stated times).
  const f =
    err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure
      ? err.cause
      : err instanceof ApplicationFailure
        ? err
        : undefined;
  if (f) {
    const status = failureStatus[f.type ?? ''];
    if (status) {
      const d = (f.details?.[0] ?? {}) as Record<string, unknown>;
      return {
        status,
        code: String(d.code ?? f.type),
        message: f.message,
        extra: { clause: d.clause, field: d.field },
      };
    }
  }
  return unavailableBody(err);
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = classify(err);
    const requestId = String(res.locals.requestId ?? req.headers['x-request-id'] ?? '');
    if (res.headersSent) {
      // Already answered (the request deadline, outage.ts): the late error is only logged.
      log.warn({ err, requestId }, 'error after the response was sent');
      return;
    }
    if (known?.status === 503) res.setHeader('retry-after', String(known.extra?.retryAfterSeconds ?? 1));
    if (!known) {
      log.error({ err, requestId }, 'unhandled error');
      res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error; quote the request id' }, requestId });
      return;
    }
    const extra = Object.fromEntries(Object.entries(known.extra ?? {}).filter(([, v]) => v !== undefined));
    res.locals.errorCode = known.code;
    res.status(known.status).json({ error: { code: known.code, message: known.message, ...extra }, requestId });
  };
}
