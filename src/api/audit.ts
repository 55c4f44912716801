import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { Logger } from '../logger';
import { auditRowOf, MUTATING, noteOf, runInAuditScope, writeAuditRow, type AuditScope } from '../security/audit-scope';
import type { AuditSpool } from './audit-spool';

/** Routes name their action and target; unnamed ones are recorded by method and route. */
export function auditAs(res: Response, action: string, target?: string, detail?: Record<string, unknown>): void {
  res.locals.audit = { action, target, detail };
}

const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One row per mutating request (clause 7). A request whose effect committed in PostgreSQL has
 * its row in that transaction (src/security/audit-scope.ts). Otherwise the row is written when
 * the response ends: refusals (401/403/400/409/429) and failures with their status, effects
 * made through a Temporal update with the update's outcome, and a request whose client went
 * away before the response as `abandoned` (its effect, if one commits later, still brings its
 * own row). After a committed effect a second row follows only when the response then failed
 * or the route named its target after the effect (both rows share the request id).
 * A row the database does not take (it is down: the refusals of an outage) goes to the local
 * spool and reaches audit_log when the database is back (audit-spool.ts).
 */
export function auditTrail(pool: Pool, log: Logger, spool: AuditSpool): RequestHandler {
  return (req, res, next) => {
    if (!MUTATING.has(req.method)) return next();
    const scope: AuditScope = { req, res, contracts: new Set() };
    res.locals.auditScope = scope;
    const write = (
      status: number,
      outcome: 'ok' | 'refused' | 'error' | 'abandoned',
      extra?: Record<string, unknown>,
    ) => {
      const row = auditRowOf(req, res, status, outcome, extra);
      return writeAuditRow(pool, row)
        .catch((err: unknown) => spool.append(row, (err as Error).message || 'database write failed'))
        .catch((err: unknown) =>
          log.error({ err, requestId: res.locals.requestId }, 'audit row neither written nor spooled'),
        );
    };
    res.on('finish', () => {
      const status = res.statusCode;
      const outcome = status < 400 ? 'ok' : status < 500 ? 'refused' : 'error';
      if (scope.writtenWith) {
        if (status >= 400) void write(status, 'error', { afterCommittedEffect: true });
        else if (!same(scope.writtenWith, noteOf(res)))
          void write(status, outcome, { completes: 'the row written with the effect' });
        return;
      }
      scope.closed = true;
      void write(status, outcome);
    });
    res.on('close', () => {
      if (res.writableFinished || scope.writtenWith || scope.closed) return;
      scope.closed = true;
      void write(499, 'abandoned');
    });
    runInAuditScope(scope, next);
  };
}
