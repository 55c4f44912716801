import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { Logger } from '../logger';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes name their action and target; unnamed ones are recorded by method and route. */
export function auditAs(res: Response, action: string, target?: string, detail?: Record<string, unknown>): void {
  res.locals.audit = { action, target, detail };
}

// Exactly one append-only row per mutating request, written when the response is finished so
// that refusals (401/403/400/409) are recorded with their outcome too.
export function auditTrail(pool: Pool, log: Logger): RequestHandler {
  return (req, res, next) => {
    if (!MUTATING.has(req.method)) return next();
    res.on('finish', () => {
      const a = (res.locals.audit ?? {}) as { action?: string; target?: string; detail?: Record<string, unknown> };
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : req.path;
      const status = res.statusCode;
      const outcome = status < 400 ? 'ok' : status < 500 ? 'refused' : 'error';
      const detail = { ...(a.detail ?? {}), ...(res.locals.errorCode ? { errorCode: res.locals.errorCode } : {}) };
      pool
        .query(
          `INSERT INTO audit_log (actor, role, action, target, request_id, method, path, status, outcome, detail)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [req.actor?.name ?? 'anonymous', req.actor?.role ?? null, a.action ?? `${req.method} ${route}`,
            a.target ?? null, res.locals.requestId, req.method, req.originalUrl.split('?')[0], status, outcome,
            Object.keys(detail).length ? detail : null],
        )
        .catch((err: unknown) => log.error({ err, requestId: res.locals.requestId }, 'audit write failed'));
    });
    next();
  };
}
