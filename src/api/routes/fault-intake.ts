// Fault intake (clauses 4.8, 4.9): the report's body, and the case row written in PostgreSQL once
// per Idempotency-Key with its deadlines judged from the report's instant and the terms (4.9.3,
// 4.9.4), refused on an unknown or ended contract, before the signing or beyond the backdate
// window. The route and the workflow's start: fault-report.ts.
import { z } from 'zod';
import {
  affectsOperations,
  faultDeadlines,
  mergeTerms,
  type FaultDeadline,
  type FaultLevel,
  type TermsOverrides,
} from '../../domain';
import * as q from '../../db/queries/faults';
import { FAULT_CHANNELS } from '../../workflows/fault/messages';
import type { AuditRow } from '../../security/audit-scope';
import type { Actor } from '../auth';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { instantSchema } from '../validate';

export const Report = z.strictObject({
  level: z.number().int().min(1).max(5),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  channel: z.enum(FAULT_CHANNELS),
  affectsOperations: z.boolean().default(false), // levels 1-2 always do (4.9.3)
  reporter: z.string().trim().min(1).max(100),
  reportedAt: instantSchema.optional(),
});
export interface Intake {
  caseId: string;
  caseNo: number;
  created: boolean;
  reportedAtMs: number;
  /** When the case was recorded, and by whom: the first request's, on a retry too (the case.reported fact's). */
  recordedAtMs: number;
  recordedBy: { name: string; role: string };
  version: number;
  terms: unknown;
  deadlines: FaultDeadline[];
}
export interface IntakeRequest {
  contractId: string;
  body: z.infer<typeof Report>;
  key: string | null;
  hash: string;
  reportedAtMs: number;
  nowMs: number;
  actor: Actor;
  /** Written with the case this request creates (q.intake). */
  audit?: AuditRow;
}

/** Writes the case row once per Idempotency-Key and judges its deadlines (4.9.3, 4.9.4). */
export async function intakeOnce(pool: ApiDeps['pool'], i: IntakeRequest, mayRetry: boolean): Promise<Intake> {
  const { contractId, body, hash, reportedAtMs } = i;
  const lvl = body.level as FaultLevel;
  let r: q.IntakeResult | undefined;
  try {
    r = await q.intake(pool, {
      contractId,
      atMs: reportedAtMs,
      nowMs: i.nowMs,
      idempotencyKey: i.key,
      requestHash: hash,
      createdBy: i.actor.name,
      level: lvl,
      title: body.title,
      channel: body.channel,
      affectsOperations: affectsOperations(lvl, body.affectsOperations),
      reporter: body.reporter,
      description: body.description,
      createdByRole: i.actor.role,
      ...(i.audit ? { audit: i.audit } : {}),
    });
  } catch (e) {
    // The same Idempotency-Key raced in concurrently: the other request created the case.
    if (mayRetry && i.key && (e as { code?: string }).code === '23505') return intakeOnce(pool, i, false);
    throw e;
  }
  if (!r) throw notFound(`contract ${contractId}`);
  const { seen, created } = r;
  if (seen && seen.requestHash !== hash)
    throw new HttpError(409, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different fault report', {
      field: 'Idempotency-Key',
    });
  if (r.version === null) throw conflict('BEFORE_CONTRACT_TERM', 'reportedAt is before the contract was signed', '3');
  if (!seen && r.status !== 'active')
    throw conflict('CONTRACT_ENDED', `contract ${contractId} has ended; no fault can be reported on it`, '3');
  if (!seen && !created && !r.withinBackdateWindow) {
    throw conflict(
      'BACKDATE_WINDOW',
      `reportedAt: a fault may be reported at most ${r.backdateHours} h back (terms statedTimes.backdateHours.report)`,
      '4.9.3',
    );
  }
  // A retry answers with the first report's instant (reportedAt may have defaulted to "now").
  const atMs = seen ? new Date(seen.reportedAt).getTime() : reportedAtMs;
  // Stored terms were validated when written (terms-schema.ts).
  const deadlines = faultDeadlines(atMs, lvl, body.affectsOperations, mergeTerms(r.terms as TermsOverrides));
  const made = seen ?? created;
  if (!made) throw new Error(`fault intake on active contract ${contractId} wrote no case`); // the statement's own invariant
  return {
    caseId: made.caseId,
    caseNo: made.caseNo,
    created: !seen,
    reportedAtMs: atMs,
    // Intakes before 033 kept neither: the retry's own then.
    recordedAtMs: seen?.recordedAt ? new Date(seen.recordedAt).getTime() : i.nowMs,
    recordedBy: seen?.createdByRole
      ? { name: seen.createdBy, role: seen.createdByRole }
      : { name: i.actor.name, role: i.actor.role },
    version: r.version,
    terms: r.terms,
    deadlines,
  };
}
