// An entry's life in the clause 6 ledger: the state rules (nextStatus, pure: the console asks it
// too), a status change under the contract's row lock, a compensation of a confirmed entry, and
// 4.9.2's case-wide holds and waivers. Split from ledger.ts (proposals) by responsibility.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import * as cq from '../db/queries/contracts';
import * as q from '../db/queries/ledger';
import { NotFoundError, RuleViolation, ValidationError } from '../domain/errors';
import { basisOf } from '../i18n/basis';
import { termsAt } from './contracts';
import { recordThresholdCrossings } from './rights';

export type LedgerAction = 'confirm' | 'waive' | 'dispute' | 'decide-upheld' | 'decide-waived' | 'hold' | 'release';

export const CONFIRMED: q.LedgerStatus[] = ['confirmed', 'decided-upheld'];

async function lockedEntry(tx: PoolClient, entryId: string): Promise<{ entry: q.EntryRow; contract: cq.ContractRow }> {
  const first = await q.findEntry(tx, entryId);
  if (!first)
    throw new NotFoundError('ENTRY_NOT_FOUND', `ledger entry ${entryId} not found`, { field: 'id', clause: '6' });
  const contract = (await cq.lockContract(tx, first.contractId))!;
  return { entry: (await q.findEntry(tx, entryId))!, contract };
}
const refuse = (code: string, msg: string, clause: string) => new RuleViolation(code, msg, { clause });

/** What the state rules read of an entry (the console passes a ledger_current row). */
export type EntryStatusFields = Pick<q.EntryRow, 'id' | 'status' | 'statusReason' | 'compensates'>;

/** The state rules of an entry; throws a 409 naming the rule. */
export function nextStatus(e: EntryStatusFields, action: LedgerAction): q.LedgerStatus {
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
  action: LedgerAction,
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
      ...basisOf('correction.entry', { entryId, entryFen: entry.amountFen, amountFen: -amount }),
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
