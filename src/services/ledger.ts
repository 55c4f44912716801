// The clause 6 penalty ledger: append-only entries and status events. Every change to one
// contract's ledger takes the contract's row lock first, so the status check, the confirmed
// total and the threshold crossing (6.3, 6.4/6.5) are decided one at a time per contract.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import * as cq from '../db/queries/contracts';
import * as q from '../db/queries/ledger';
import { NotFoundError, RuleViolation, ValidationError } from '../domain/errors';
import { formatCny } from '../domain/money';
import { contractYearOf } from '../domain/contract-year';
import { termsAt } from './contracts';
import { recordThresholdCrossings } from './rights';

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
  reading?: string | null;
  occurredAt: string;
  held?: boolean;
}
type Action = 'confirm' | 'waive' | 'dispute' | 'decide-upheld' | 'decide-waived' | 'hold' | 'release';

const CONFIRMED: q.LedgerStatus[] = ['confirmed', 'decided-upheld'];

async function lockedEntry(tx: PoolClient, entryId: string): Promise<{ entry: q.EntryRow; contract: cq.ContractRow }> {
  const first = await q.findEntry(tx, entryId);
  if (!first)
    throw new NotFoundError('ENTRY_NOT_FOUND', `ledger entry ${entryId} not found`, { field: 'id', clause: '6' });
  const contract = (await cq.lockContract(tx, first.contractId))!;
  return { entry: (await q.findEntry(tx, entryId))!, contract };
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
    basis: `corrects ${e.id} by ${formatCny(-remaining)}`,
    reading: e.reading,
    compensates: e.id,
    occurredAt: new Date().toISOString(),
    createdBy: actor,
  });
  if (id) await q.insertStatusEvent(tx, id, 'confirmed', actor, reason);
  return id !== null;
}

const refuse = (code: string, msg: string, clause: string) => new RuleViolation(code, msg, { clause });

/** The state rules of an entry; throws a 409 naming the rule. */
export function nextStatus(e: q.EntryRow, action: Action): q.LedgerStatus {
  const s = e.status;
  const open = s === 'proposed' || s === 'released';
  const id = e.id;
  if (e.compensates) throw refuse('COMPENSATION_FINAL', `${id} is a compensating entry; it is final`, '6');
  if (CONFIRMED.includes(s))
    throw refuse('ENTRY_CONFIRMED', `${id} is ${s}; a confirmed entry is never edited, only compensated`, '6');
  if (s === 'waived' || s === 'decided-waived')
    throw refuse('ENTRY_WAIVED', `${id} is ${s}; a waived entry cannot change`, '6');
  if (s === 'withdrawn')
    throw refuse(
      'ENTRY_WITHDRAWN',
      `${id} was withdrawn: a fact superseded its breach (${e.statusReason ?? 'see its status events'})`,
      '6',
    );
  switch (action) {
    case 'confirm':
      if (s === 'held')
        throw refuse(
          'EXCLUSION_CLAIM_OPEN',
          `${id} is held: an exclusion claim is open, no penalty accrues while it stands (clause 4.9.2)`,
          '4.9.2',
        );
      if (s === 'disputed')
        throw refuse('DISPUTE_OPEN', `${id} is disputed by the vendor; decide the dispute instead (clause 6)`, '6');
      return 'confirmed';
    case 'waive':
      if (s === 'disputed')
        throw refuse('DISPUTE_OPEN', `${id} is disputed by the vendor; decide the dispute instead (clause 6)`, '6');
      return 'waived';
    case 'dispute':
      if (s === 'held')
        throw refuse('EXCLUSION_CLAIM_OPEN', `${id} is held while an exclusion claim is open (clause 4.9.2)`, '4.9.2');
      if (s === 'disputed') throw refuse('ALREADY_DISPUTED', `${id} is already disputed`, '6');
      return 'disputed';
    case 'decide-upheld':
    case 'decide-waived':
      if (s !== 'disputed') throw refuse('NOT_DISPUTED', `${id} is ${s}; only a disputed entry is decided`, '6');
      return action === 'decide-upheld' ? 'decided-upheld' : 'decided-waived';
    case 'hold':
      if (!open) throw refuse('NOT_PROPOSED', `${id} is ${s}; only a proposed entry can be held`, '4.9.2');
      return 'held';
    case 'release':
      if (s !== 'held') throw refuse('NOT_HELD', `${id} is ${s}; only a held entry can be released`, '4.9.2');
      return 'released';
  }
}

/**
 * Applies an action to one entry. A confirmation (or an upheld decision) adds the entry to
 * the confirmed total and records any threshold it crosses; returns the outbox keys to deliver.
 */
export async function changeStatus(
  pool: Pool,
  entryId: string,
  action: Action,
  actor: string,
  reason: string | null,
  nowMs: number,
): Promise<{ entry: q.EntryRow; notify: string[] }> {
  return inTransaction(pool, async (tx) => {
    const { entry, contract } = await lockedEntry(tx, entryId);
    const status = nextStatus(entry, action);
    const notify: string[] = [];
    const prev = CONFIRMED.includes(status) ? await q.confirmedTotal(tx, contract.id) : 0n;
    await q.insertStatusEvent(tx, entryId, status, actor, reason);
    if (CONFIRMED.includes(status)) {
      const { terms } = await termsAt(tx, contract.id, nowMs);
      notify.push(
        ...(await recordThresholdCrossings(tx, contract, terms, prev, prev + BigInt(entry.amountFen), entryId)),
      );
    }
    return { entry: (await q.findEntry(tx, entryId))!, notify };
  });
}

/** A correction of a confirmed entry: a negative entry referencing it, confirmed at once. */
export async function compensate(
  pool: Pool,
  entryId: string,
  input: { amountFen?: string; reason: string; idempotencyKey?: string | null },
  actor: string,
  nowMs: number,
): Promise<{ entry: q.EntryRow; created: boolean }> {
  const key = `compensation:${entryId}:${input.idempotencyKey ?? randomUUID()}`;
  const prior = await q.findEntryByKey(pool, key);
  if (prior) return { entry: prior, created: false };
  return inTransaction(pool, async (tx) => {
    const { entry } = await lockedEntry(tx, entryId);
    if (entry.compensates) throw refuse('COMPENSATION_FINAL', `${entryId} is itself a compensating entry`, '6');
    if (!CONFIRMED.includes(entry.status))
      throw refuse(
        'NOT_CONFIRMED',
        `${entryId} is ${entry.status}; only a confirmed entry is compensated (waive a proposed one)`,
        '6',
      );
    const remaining = BigInt(entry.amountFen) - (await q.compensatedFen(tx, entryId));
    const amount = input.amountFen === undefined ? remaining : BigInt(input.amountFen);
    if (amount <= 0n || amount > remaining)
      throw new ValidationError(
        'COMPENSATION_OUT_OF_RANGE',
        `amountFen must be 1..${remaining} fen (what is left of ${entryId})`,
        { field: 'amountFen', clause: '6' },
      );
    const id = (await q.insertEntry(tx, {
      key,
      contractId: entry.contractId,
      contractYear: entry.contractYear,
      clause: entry.clause,
      termsVersion: entry.termsVersion,
      caseKind: entry.caseKind,
      caseId: entry.caseId,
      fact: `compensation of ${entryId}: ${input.reason}`,
      dueAt: null,
      lateByMs: null,
      amountFen: (-amount).toString(),
      basis: `corrects ${entryId} (${formatCny(BigInt(entry.amountFen))}) by ${formatCny(-amount)}`,
      reading: entry.reading,
      compensates: entryId,
      occurredAt: new Date(nowMs).toISOString(),
      createdBy: actor,
    }))!;
    await q.insertStatusEvent(tx, id, 'confirmed', actor, input.reason);
    return { entry: (await q.findEntry(tx, id))!, created: true };
  });
}

/** 4.9.2: holds (or releases) the case's open entries while an exclusion claim stands. */
export async function holdCase(
  pool: Pool,
  caseId: string,
  held: boolean,
  reason: string,
  actor: string,
): Promise<number> {
  return forCase(pool, caseId, held ? ['proposed', 'released'] : ['held'], held ? 'held' : 'released', reason, actor);
}

/** 4.9.2: an accepted exclusion waives the case's open entries. */
export async function waiveCase(pool: Pool, caseId: string, reason: string, actor: string): Promise<number> {
  return forCase(pool, caseId, ['proposed', 'released', 'held', 'disputed'], 'waived', reason, actor);
}

async function forCase(
  pool: Pool,
  caseId: string,
  from: q.LedgerStatus[],
  to: q.LedgerStatus,
  reason: string,
  actor: string,
): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const contracts = [
      ...new Set((await q.entriesOfCase(tx, caseId, [...q.LEDGER_STATUSES])).map((e) => e.contractId)),
    ].sort();
    for (const id of contracts) await cq.lockContract(tx, id);
    const entries = await q.entriesOfCase(tx, caseId, from);
    for (const e of entries) await q.insertStatusEvent(tx, e.id, to, actor, reason);
    return entries.length;
  });
}

export interface Buckets {
  confirmedFen: string;
  proposedFen: string;
  disputedFen: string;
  heldFen: string;
  waivedFen: string;
}
const BUCKET: Record<q.LedgerStatus, keyof Buckets> = {
  confirmed: 'confirmedFen',
  'decided-upheld': 'confirmedFen',
  proposed: 'proposedFen',
  released: 'proposedFen',
  disputed: 'disputedFen',
  held: 'heldFen',
  waived: 'waivedFen',
  'decided-waived': 'waivedFen',
  withdrawn: 'waivedFen', // not owed
};
const empty = (): Record<keyof Buckets, bigint> => ({
  confirmedFen: 0n,
  proposedFen: 0n,
  disputedFen: 0n,
  heldFen: 0n,
  waivedFen: 0n,
});
const asStrings = (b: Record<keyof Buckets, bigint>): Buckets =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.toString()])) as unknown as Buckets;

/** Totals per contract and per contract year; confirmed, proposed, disputed, held, waived apart. */
export async function totals(
  db: cq.Db,
  contractId: string,
  contractYear?: number,
): Promise<
  Buckets & { contractId: string; contractYear: number | null; years: (Buckets & { contractYear: number })[] }
> {
  const all = empty();
  const years = new Map<number, Record<keyof Buckets, bigint>>();
  for (const r of await q.sumsByYearAndStatus(db, contractId, contractYear)) {
    const y = years.get(r.contractYear) ?? empty();
    y[BUCKET[r.status]] += BigInt(r.fen);
    all[BUCKET[r.status]] += BigInt(r.fen);
    years.set(r.contractYear, y);
  }
  return {
    contractId,
    contractYear: contractYear ?? null,
    ...asStrings(all),
    years: [...years].map(([y, b]) => ({ contractYear: y, ...asStrings(b) })),
  };
}
