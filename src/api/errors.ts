import type { ErrorRequestHandler, Request } from 'express';
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
import { localizeMessage } from '../i18n/catalogue';
import { negotiateLocale, type Locale } from '../i18n/locale';
import { zodIssueMessage } from '../i18n/zod';

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
// Who may act is clause 7's "access by role, least privilege": the body cites it.
export const unauthorized = (msg = 'a bearer API key is required') =>
  new HttpError(401, 'UNAUTHORIZED', msg, { clause: '7' });
export const forbidden = (msg: string) => new HttpError(403, 'FORBIDDEN', msg, { clause: '7' });
/** A 400 naming the input field at fault and the clause of the rule it breaks (e.g. an onboarded fact out of order). */
export const invalid = (field: string, message: string, clause: string) =>
  new HttpError(400, 'INVALID_INPUT', `${field}: ${message}`, { field, clause });
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
  /** English as raised, unless localized (zod's issues are written in the reader's language). */
  message: string;
  localized?: boolean;
  extra?: Record<string, unknown>;
}

function fromZod(err: ZodError, locale: Locale): Body {
  const zh = locale !== 'en';
  const issues = err.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : undefined;
    const field = [...i.path, ...(keys ? [keys.join(',')] : [])].join('.') || '(body)';
    const unknown = keys && (zh ? `未知字段：${keys.join(', ')}` : `unknown field(s): ${keys.join(', ')}`);
    return { field, message: unknown ?? zodIssueMessage(i, locale) };
  });
  const first = issues[0];
  return {
    status: 400,
    code: 'INVALID_INPUT',
    message: `${first.field}${zh ? '：' : ': '}${first.message}`,
    localized: true,
    extra: { field: first.field, issues },
  };
}

// The body readers' refusals (raw-body's, body-parser's: express writes them in English) as
// sentences of the catalogue, so that they are answered in the reader's language like every
// other. An aborted body usually means the client has gone: errorHandler then only logs it.
type ReaderError = { type?: string; encoding?: string; charset?: string; received?: number; expected?: number };
function bodyReaderError(e: ReaderError): HttpError | undefined {
  switch (e?.type) {
    case 'encoding.unsupported':
      return new HttpError(
        415,
        'UNSUPPORTED_ENCODING',
        `Content-Encoding ${e.encoding} is not supported; send the body uncompressed`,
        { field: 'Content-Encoding' },
      );
    case 'charset.unsupported':
      return new HttpError(415, 'UNSUPPORTED_CHARSET', `charset ${e.charset} is not supported; send UTF-8`, {
        field: 'Content-Type',
      });
    case 'request.aborted':
      return new HttpError(
        400,
        'REQUEST_ABORTED',
        `the request ended before its body was complete: ${e.received ?? 0} bytes received, Content-Length ${e.expected ?? '-'}; nothing was recorded`,
        { field: 'Content-Length' },
      );
    case 'request.size.invalid':
      return new HttpError(
        400,
        'BODY_LENGTH_MISMATCH',
        `the request body has ${e.received ?? 0} bytes, not the ${e.expected ?? 0} of its Content-Length; nothing was recorded`,
        { field: 'Content-Length' },
      );
    default:
      return undefined;
  }
}

function classify(err: unknown, locale: Locale): Body | undefined {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message, extra: err.extra };
  if (err instanceof ZodError) return fromZod(err, locale);
  if (err instanceof DomainError) {
    const status = err.kind === 'validation' ? 400 : err.kind === 'not-found' ? 404 : 409;
    return { status, code: err.code, message: err.message, extra: { clause: err.clause, field: err.field } };
  }
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e?.type === 'entity.parse.failed')
    return { status: 400, code: 'MALFORMED_JSON', message: 'request body is not valid JSON' };
  if (e?.type === 'entity.too.large')
    return { status: 413, code: 'BODY_TOO_LARGE', message: 'request body is too large' };
  const parser = bodyReaderError(e);
  if (parser) return { status: parser.status, code: parser.code, message: parser.message, extra: parser.extra };
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

/** The language of this request's answer: Accept-Language, else the key's preference, else zh-CN (src/i18n/locale.ts). */
export const requestLocale = (req: Request): Locale =>
  negotiateLocale(req.headers['accept-language'], req.actor?.locale);

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const locale = requestLocale(req);
    const known = classify(err, locale);
    const requestId = String(res.locals.requestId ?? req.headers['x-request-id'] ?? '');
    if (res.headersSent) {
      // Already answered (the request deadline, outage.ts): the late error is only logged.
      log.warn({ err, requestId }, 'error after the response was sent');
      return;
    }
    if (req.socket?.destroyed || res.destroyed) {
      // The client has gone (an aborted body): there is no one to answer, and nothing half-written to send.
      log.warn({ code: known?.code, message: known?.message, requestId }, 'the client went away before its answer');
      return;
    }
    if (known?.status === 503) res.setHeader('retry-after', String(known.extra?.retryAfterSeconds ?? 1));
    if (!known) {
      log.error({ err, requestId }, 'unhandled error');
      const message = localizeMessage('INTERNAL', 'internal error; quote the request id', locale);
      res.setHeader('content-language', locale);
      res.status(500).json({ error: { code: 'INTERNAL', message }, requestId });
      return;
    }
    const extra = Object.fromEntries(Object.entries(known.extra ?? {}).filter(([, v]) => v !== undefined));
    res.locals.errorCode = known.code;
    const message = known.localized ? known.message : localizeMessage(known.code, known.message, locale);
    res.setHeader('content-language', locale);
    res.status(known.status).json({ error: { code: known.code, message, ...extra }, requestId });
  };
}
