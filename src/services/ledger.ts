// The clause 6 penalty ledger: append-only entries and status events. Every change to one
// contract's ledger takes the contract's row lock first, so the status check, the confirmed
// total and the threshold crossing (6.3, 6.4/6.5) are decided one at a time per contract.
// Here: proposing and withdrawing entries; an entry's status changes are ledger-status.ts,
// the totals ledger-totals.ts.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import * as cq from '../db/queries/contracts';
import * as q from '../db/queries/ledger';
import { NotFoundError, ValidationError } from '../domain/errors';
import { basisOf, type BasisTemplate } from '../i18n/basis';
import { contractYearOf } from '../domain/contract-year';
import { CONFIRMED } from './ledger-status';

/** The clauses a ledger entry may cite (clause 6 rows). */
export const PENALTY_CLAUSES = ['6.2.1', '6.2.2', '6.3', '6.5', '6.6', '6.7'] as const;

export interface ProposeInput {
  key: string;
  contractId: string;
  clause: string;
  termsVersion: number;
  caseKind: string;
  caseId: string;
  fact: string;
  dueAt?: string | null;
  lateByMs?: number | null;
  amountFen: string;
  basis: string;
  basisTemplate?: BasisTemplate;
  reading?: string | null;
  occurredAt: string;
  held?: boolean;
}

function validProposal(p: ProposeInput): number {
  if (!(PENALTY_CLAUSES as readonly string[]).includes(p.clause))
    throw new ValidationError(
      'UNKNOWN_CLAUSE',
      `clause ${p.clause} is not a penalty row of clause 6 (${PENALTY_CLAUSES.join(', ')})`,
      { field: 'clause', clause: '6' },
    );
  if (!/^\d+$/.test(p.amountFen))
    throw new ValidationError('INVALID_FEN', `amountFen must be non-negative integer fen, got "${p.amountFen}"`, {
      field: 'amountFen',
    });
  const occurredMs = Date.parse(p.occurredAt);
  if (Number.isNaN(occurredMs))
    throw new ValidationError('INVALID_INSTANT', `occurredAt is not an instant: "${p.occurredAt}"`, {
      field: 'occurredAt',
    });
  return occurredMs;
}

/** Appends a proposed (or held, 4.9.2) entry, once per key. */
export async function proposeEntry(
  pool: Pool,
  p: ProposeInput,
  actor: string,
): Promise<{ entryId: string; created: boolean }> {
  validProposal(p);
  const prior = await q.findEntryByKey(pool, p.key);
  if (prior) return { entryId: prior.id, created: false };
  return inTransaction(pool, (tx) => proposeEntryIn(tx, p, actor));
}

/** proposeEntry inside the caller's transaction (the case record write, src/activities/records.ts). */
export async function proposeEntryIn(
  tx: PoolClient,
  p: ProposeInput,
  actor: string,
): Promise<{ entryId: string; created: boolean }> {
  const occurredMs = validProposal(p);
  // Read without the lock; the write takes it (insertProposedEntry): every writer of this
  // contract's ledger waits for this transaction's COMMIT, so nothing else runs under it.
  const c = await cq.contractForProposal(tx, p.contractId, p.termsVersion);
  if (!c) throw new NotFoundError('CONTRACT_NOT_FOUND', `contract ${p.contractId} not found`, { field: 'contractId' });
  if (!c.hasTermsVersion)
    throw new ValidationError('UNKNOWN_TERMS_VERSION', `contract ${c.id} has no terms version ${p.termsVersion}`, {
      field: 'termsVersion',
      clause: '3',
    });
  if (occurredMs < Date.parse(c.signedAt))
    throw new ValidationError(
      'BEFORE_SIGNING',
      `occurredAt ${p.occurredAt} is before the contract was signed (${c.signedAt}) (clause 3)`,
      { field: 'occurredAt', clause: '3' },
    );
  const id = await q.insertProposedEntry(tx, {
    key: p.key,
    contractId: c.id,
    contractYear: contractYearOf(Date.parse(c.signedAt), occurredMs, c.extensions),
    clause: p.clause,
    termsVersion: p.termsVersion,
    caseKind: p.caseKind,
    caseId: p.caseId,
    fact: p.fact,
    dueAt: p.dueAt ?? null,
    lateByMs: p.lateByMs ?? null,
    amountFen: p.amountFen,
    basis: p.basis,
    basisTemplate: p.basisTemplate ?? null,
    reading: p.reading ?? null,
    compensates: null,
    occurredAt: new Date(occurredMs).toISOString(),
    createdBy: actor,
  });
  if (!id) return { entryId: (await q.findEntryByKey(tx, p.key))!.id, created: false };
  if (p.held) await q.insertStatusEvent(tx, id, 'held', actor, 'an exclusion claim is open (clause 4.9.2)');
  return { entryId: id, created: true };
}

/** Statuses from which a proposal may still be withdrawn (the record path withdraws phantoms in them). */
export const WITHDRAWABLE: q.LedgerStatus[] = ['proposed', 'held', 'released', 'disputed'];

/**
 * Withdraws a case's proposal inside the caller's transaction (issue 10): its breach was
 * superseded by a fact, or it was proposed by a workflow task that never completed. A status
 * event with the reason, never a deletion; a confirmed entry is compensated in full instead.
 * Returns false when the key is unknown or already final (waived, withdrawn, compensated).
 */
export async function withdrawEntryIn(tx: PoolClient, key: string, reason: string, actor: string): Promise<boolean> {
  const first = await q.findEntryByKey(tx, key);
  if (!first) return false;
  await cq.lockContract(tx, first.contractId);
  const e = (await q.findEntryByKey(tx, key))!;
  if (WITHDRAWABLE.includes(e.status)) {
    await q.insertStatusEvent(tx, e.id, 'withdrawn', actor, reason);
    return true;
  }
  if (!CONFIRMED.includes(e.status)) return false;
  const remaining = BigInt(e.amountFen) - (await q.compensatedFen(tx, e.id));
  if (remaining <= 0n) return false;
  const id = await q.insertEntry(tx, {
    key: `withdrawal:${e.id}`,
    contractId: e.contractId,
    contractYear: e.contractYear,
    clause: e.clause,
    termsVersion: e.termsVersion,
    caseKind: e.caseKind,
    caseId: e.caseId,
    fact: `withdrawal of ${e.id}: ${reason}`,
    dueAt: null,
    lateByMs: null,
    amountFen: (-remaining).toString(),
    ...basisOf('correction.withdrawal', { entryId: e.id, amountFen: -remaining }),
    reading: e.reading,
    compensates: e.id,
    occurredAt: new Date().toISOString(),
    createdBy: actor,
  });
  if (id) await q.insertStatusEvent(tx, id, 'confirmed', actor, reason);
  return id !== null;
}
