// The one parser per kind of input for every route (issue 10 item 9): request bodies and
// queries, the Idempotency-Key header, instants, calendar dates, and the one mapping of "the
// case has finished" to a 409 naming the clause. Routes import these and define no others.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { conflict, HttpError } from './errors';

// Request bodies are parsed with strict zod objects: unknown fields and wrong types throw a
// ZodError, which the error mapper turns into a 400 naming the field.
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  return schema.parse(body ?? {});
}
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  return schema.parse(query ?? {});
}

/**
 * Years an instant or date of this contract's life can fall in. A three-year maintenance term
 * (clause 3) signed this century never reaches outside; a year like 5703 is a typing error that
 * would otherwise become a timer thousands of years away or a database error.
 */
export const SANE_YEARS = { min: 2000, max: 2100 } as const;
const saneYear = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= SANE_YEARS.min && y <= SANE_YEARS.max;
};
const yearMessage = `the year must be between ${SANE_YEARS.min} and ${SANE_YEARS.max}`;

/** An ISO-8601 instant with any offset (Z, +08:00, -05:00); real calendar days only; sane years. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 instant with a time zone, e.g. 2025-01-02T09:00:00+08:00' })
  .refine(saneYear, yearMessage);
/** A calendar date YYYY-MM-DD (Asia/Shanghai by the contract); 2026-02-30 is refused here, never later. */
export const dateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' }).refine(saneYear, yearMessage);

const KEY = /^[\w.:-]{1,200}$/;
/**
 * The Idempotency-Key header: absent is null; present but malformed is a 400 naming the header
 * (never silently dropped: a dropped key turned a retried request into a second penalty).
 */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!KEY.test(key))
    throw new HttpError(400, 'INVALID_INPUT', 'Idempotency-Key must be 1-200 characters of letters, digits, _ . : -', {
      field: 'Idempotency-Key',
    });
  return key;
}

const ID = /^[A-Za-z0-9_.-]{1,40}$/;
/**
 * An id for a fact derived from the Idempotency-Key (a finding, a change request), so that a
 * retried request names the same fact. Ids appear in workflow ids and paths (no ':'): a key that
 * is not already a plain id becomes `k-<16 hex of its SHA-256>`.
 */
export function idFromKey(key: string | null): string | undefined {
  if (key === null) return undefined;
  return ID.test(key) ? key : `k-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * The one "finished case" mapping: an update sent to a workflow that has completed, failed,
 * been cancelled or terminated (or whose history is gone past retention while its record stays
 * in PostgreSQL) is a 409 naming the clause, not a 404; a case that never existed stays a 404.
 */
export async function onOpenCase<T>(
  handle: WorkflowHandle,
  what: string,
  clause: string,
  run: () => Promise<T>,
  recorded?: () => Promise<boolean>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
    const status = await handle.describe().then(
      (d) => d.status.name,
      () => null,
    );
    if (status !== null && status !== 'RUNNING') throw caseClosed(what, clause, status.toLowerCase());
    if (status === null && recorded && (await recorded())) throw caseClosed(what, clause, 'closed');
    throw e;
  }
}
export const caseClosed = (what: string, clause: string, how = 'closed') =>
  conflict('CASE_CLOSED', `${what} is ${how}; nothing more can be recorded on it (clause ${clause})`, clause);
