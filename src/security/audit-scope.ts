// The audit row of a mutating request is written in the same transaction as its effect
// (clause 7; MLPS level 3 of clause 4.6): a committed change always has its row, and a row
// saying "ok" never describes a change that rolled back. The request's audit scope travels
// with the request (AsyncLocalStorage); `inTransaction` (src/db/pool.ts) asks it for the row
// just before COMMIT. Requests whose transaction never committed (refused, failed, abandoned,
// or whose effect is a Temporal update recorded by the worker) are written when the response
// ends (src/api/audit.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, Response } from 'express';
import { dutyOf } from './enforce-duties';

export interface AuditNote {
  action?: string;
  target?: string;
  detail?: Record<string, unknown>;
}
export type Outcome = 'ok' | 'refused' | 'error' | 'abandoned';

export interface AuditScope {
  req: Request;
  res: Response;
  /** The note as it was when the row went out with the effect's transaction (undefined: not yet). */
  writtenWith?: AuditNote;
  /** Set once a row for this request was written outside a transaction (refusal, abandonment). */
  closed?: boolean;
  /** Contracts the request was checked against (assertContractAccess): the row's scope. */
  contracts: Set<string>;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** Remembers that the current request touches a contract (its audit row is in that contract's scope). */
export function noteContract(contractId: string): void {
  scopes.getStore()?.contracts.add(contractId);
}

/** The note a route set with auditAs (src/api/audit.ts). */
export const noteOf = (res: Response): AuditNote => (res.locals.audit ?? {}) as AuditNote;

interface Querier {
  query(sql: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<unknown>;
}

/** One audit row's columns (`at` set only for a row written late, from the audit spool). */
export interface AuditRow {
  at?: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  requestId: string;
  clientRequestId: string | null;
  method: string;
  path: string;
  status: number;
  outcome: Outcome;
  detail: Record<string, unknown> | null;
  contracts: string[] | null;
}

/** One row: who (the key), what (action, target, detail), the outcome and both request ids. */
export function auditRowOf(
  req: Request,
  res: Response,
  status: number,
  outcome: Outcome,
  extra: Record<string, unknown> = {},
): AuditRow {
  const note = noteOf(res);
  const route = req.route
    ? `${req.baseUrl}${String(req.route.path)}`
    : (dutyOf(req.method, req.path)?.route ?? req.path);
  const detail = {
    ...(note.detail ?? {}),
    ...(res.locals.errorCode ? { errorCode: res.locals.errorCode } : {}),
    ...extra,
  };
  const contracts = [...((res.locals.auditScope as AuditScope | undefined)?.contracts ?? [])].sort();
  return {
    actor: req.actor?.name ?? 'anonymous',
    role: req.actor?.role ?? null,
    action: note.action ?? `${req.method} ${route}`,
    target: note.target ?? null,
    requestId: res.locals.requestId as string,
    clientRequestId: (res.locals.clientRequestId as string | undefined) ?? null,
    method: req.method,
    path: req.originalUrl.split('?')[0]!,
    status,
    outcome,
    detail: Object.keys(detail).length ? detail : null,
    contracts: contracts.length ? contracts : null,
  };
}

/**
 * An audit row's columns besides `at` and `target`, and their values in that order: the one
 * column list of writeAuditRow and of a statement that writes its row with its effect (the fault
 * intake, src/db/queries/faults/writes.ts).
 */
export const AUDIT_COLUMNS =
  'actor, role, action, request_id, client_request_id, method, path, status, outcome, detail, contracts';
export const auditValues = (r: Omit<AuditRow, 'target' | 'at'>): unknown[] => [
  r.actor,
  r.role,
  r.action,
  r.requestId,
  r.clientRequestId,
  r.method,
  r.path,
  r.status,
  r.outcome,
  r.detail,
  r.contracts,
];

export async function writeAuditRow(db: Querier, r: AuditRow): Promise<void> {
  await db.query({
    name: 'audit-insert',
    text: `INSERT INTO audit_log (at, target, ${AUDIT_COLUMNS})
     VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    values: [r.at ?? null, r.target, ...auditValues(r)],
  });
}

export async function insertAuditRow(
  db: Querier,
  req: Request,
  res: Response,
  status: number,
  outcome: Outcome,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await writeAuditRow(db, auditRowOf(req, res, status, outcome, extra));
}

/**
 * Called by inTransaction before COMMIT: the first transaction a request commits carries its
 * audit row (outcome ok; the effect is done, the response not yet sent).
 * Outside a request (the worker, scripts) it does nothing.
 */
export async function auditBeforeCommit(tx: Querier): Promise<(() => void) | undefined> {
  const scope = scopes.getStore();
  if (!scope || scope.writtenWith || !MUTATING.has(scope.req.method)) return undefined;
  const note = { ...noteOf(scope.res) };
  // The status a route set before its effect (201 for a creation), else 200.
  await insertAuditRow(tx, scope.req, scope.res, scope.res.statusCode, 'ok', { withEffect: true });
  // Only a transaction that committed counts (the caller calls this after COMMIT).
  return () => {
    scope.writtenWith = note;
  };
}

/**
 * For an effect that is one statement with no transaction of its own (the fault intake, issue
 * 10's bench: one round trip and one commit fewer than a row of its own): the row that statement
 * writes with the effect, as auditBeforeCommit would write it under `note` (its target filled in
 * by the statement), and `written`, to call with the route's final note once it committed.
 */
export function auditRowForEffect(
  status: number,
  note: AuditNote,
): { row: AuditRow; written: (final: AuditNote) => void } | undefined {
  const scope = scopes.getStore();
  if (!scope || scope.writtenWith || !MUTATING.has(scope.req.method)) return undefined;
  const set = scope.res.locals.audit as AuditNote | undefined;
  scope.res.locals.audit = note;
  const row = auditRowOf(scope.req, scope.res, status, 'ok', { withEffect: true });
  scope.res.locals.audit = set;
  return {
    row,
    written: (final) => {
      scope.writtenWith = { ...final };
    },
  };
}

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
