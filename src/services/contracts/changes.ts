// A contract's registration, amendments (immutable terms versions), end and clause-3 term
// extensions; every write is one transaction.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import * as q from '../../db/queries/contracts';
import { NotFoundError, RuleViolation, ValidationError } from '../../domain/errors';
import { mergeDeep, type ContractTerms, type TermsOverrides } from '../../domain/terms';
import { checkContract, requestHash, resolveAt, type NewContract } from './checks';
import { mustFindContract } from './reads';

/**
 * Creates the contract and its terms version 1 (effective at signing). A retry with the same
 * idempotency key or client id and the same body returns the stored contract (created=false);
 * a different body under the same key or id is a 409.
 */
export async function createContract(
  pool: Pool,
  c: NewContract,
  actor: string,
  idempotencyKey: string | null,
  hash = requestHash(c),
): Promise<{ contract: q.ContractRow; created: boolean }> {
  const terms = checkContract(c);
  const same = (found: q.ContractRow | null, what: string) => {
    if (!found) return null;
    if (found.requestHash !== hash)
      throw new RuleViolation(
        what === 'key' ? 'IDEMPOTENCY_KEY_REUSED' : 'CONTRACT_EXISTS',
        what === 'key'
          ? 'this Idempotency-Key was used for a different request'
          : `contract ${c.id} exists with different data`,
        { field: what === 'key' ? 'Idempotency-Key' : 'id' },
      );
    return { contract: found, created: false };
  };
  if (idempotencyKey) {
    const r = same(await q.findContractByIdempotencyKey(pool, idempotencyKey), 'key');
    if (r) return r;
  }
  return inTransaction(pool, async (tx) => {
    const row = await q.insertContract(tx, {
      ...c,
      goLiveDate: c.goLiveDate ?? null,
      idempotencyKey,
      requestHash: hash,
      createdBy: actor,
    });
    if (!row) {
      const r =
        same(idempotencyKey ? await q.findContractByIdempotencyKey(tx, idempotencyKey) : null, 'key') ??
        same(await q.findContract(tx, c.id), 'id');
      if (r) return r;
      throw new RuleViolation('CONTRACT_EXISTS', `contract ${c.id} exists`, { field: 'id' });
    }
    await q.insertTermsVersion(tx, {
      contractId: c.id,
      version: 1,
      effectiveAt: row.signedAt,
      terms,
      reason: 'as signed',
      idempotencyKey: null,
      requestHash: null,
      createdBy: actor,
    });
    return { contract: row, created: true };
  });
}

/** The terms an amendment makes, or the 400/409 that refuses it (also asked when it is proposed, issue 12). */
export async function amendedTerms(
  db: q.Db,
  c: q.ContractRow,
  a: { effectiveAt: string; terms: TermsOverrides },
): Promise<{ latest: q.TermsVersionRow; terms: ContractTerms }> {
  if (c.status === 'ended')
    throw new RuleViolation('CONTRACT_ENDED', `contract ${c.id} has ended; it cannot be amended (clause 3)`, {
      clause: '3',
    });
  const versions = await q.listTermsVersions(db, c.id);
  const latest = versions[versions.length - 1]!;
  if (Date.parse(a.effectiveAt) <= Date.parse(latest.effectiveAt)) {
    throw new ValidationError(
      'EFFECTIVE_TOO_EARLY',
      `effectiveAt must be after version ${latest.version}'s effective time ${latest.effectiveAt}; versions are never rewritten (clause 3)`,
      { field: 'effectiveAt', clause: '3' },
    );
  }
  // Layered on the latest version at every depth (mergeDeep): an amendment names only what it changes.
  return { latest, terms: resolveAt('terms', mergeDeep(latest.terms, a.terms) as TermsOverrides) };
}

/** A new immutable terms version (amendment) effective from effectiveAt, layered on the latest version. */
/** `alsoInTx` runs in the amendment's transaction (the approved proposal is closed with it, issue 12). */
export async function amendContract(
  pool: Pool,
  contractId: string,
  a: { effectiveAt: string; terms: TermsOverrides; reason: string },
  actor: string,
  idempotencyKey: string | null,
  alsoInTx?: (tx: PoolClient) => Promise<void>,
): Promise<{ version: q.TermsVersionRow; created: boolean }> {
  const hash = requestHash(a);
  return inTransaction(pool, async (tx) => {
    const c = await q.lockContract(tx, contractId);
    if (!c) throw new NotFoundError('CONTRACT_NOT_FOUND', `contract ${contractId} not found`, { field: 'contractId' });
    if (idempotencyKey) {
      const prior = await q.findTermsVersionByKey(tx, contractId, idempotencyKey);
      if (prior && prior.requestHash !== hash)
        throw new RuleViolation('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different amendment', {
          field: 'Idempotency-Key',
        });
      if (prior) return { version: prior, created: false };
    }
    const { latest, terms } = await amendedTerms(tx, c, a);
    const version = await q.insertTermsVersion(tx, {
      contractId,
      version: latest.version + 1,
      effectiveAt: a.effectiveAt,
      terms,
      reason: a.reason,
      idempotencyKey,
      requestHash: hash,
      createdBy: actor,
    });
    await alsoInTx?.(tx);
    return { version, created: true };
  });
}

export async function endContract(
  pool: Pool,
  contractId: string,
  reason: string,
  actor: string,
  atIso: string,
  alsoInTx?: (tx: PoolClient) => Promise<void>,
): Promise<q.ContractRow> {
  return inTransaction(pool, async (tx) => {
    const c = await q.lockContract(tx, contractId);
    if (!c) throw new NotFoundError('CONTRACT_NOT_FOUND', `contract ${contractId} not found`, { field: 'contractId' });
    // Ending twice is a retry: the first end stands.
    if (c.status === 'active') await q.endContract(tx, contractId, actor, reason, atIso);
    await alsoInTx?.(tx);
    return (await q.findContract(tx, contractId))!;
  });
}

/** Records a failed acceptance's extension of a contract year, or its end (clause 3), once per key. */
export async function recordTermExtension(
  pool: Pool,
  e: { key: string; contractId: string; contractYear: number; untilAt: string | null; reason: string; actor: string },
): Promise<{ created: boolean }> {
  await mustFindContract(pool, e.contractId);
  const row = await q.insertExtension(pool, {
    key: e.key,
    contractId: e.contractId,
    contractYear: e.contractYear,
    untilAt: e.untilAt,
    reason: e.reason,
    recordedBy: e.actor,
  });
  return { created: row !== null };
}
