// Contract registration, amendments (immutable terms versions) and reads (clause 3). Shared
// by the API routes and the activities; every write is one transaction.
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import * as q from '../db/queries/contracts';
import { contractYearOf, termEndMs, type TermExtension } from '../domain/contract-year';
import { NotFoundError, RuleViolation, ValidationError } from '../domain/errors';
import { appliedReadings } from '../domain/readings';
import { mergeDeep, type ContractTerms, type TermsOverrides } from '../domain/terms';
import { resolveTerms } from '../domain/terms-schema';

export interface NewContract {
  id: string;
  name: string;
  hospital: string;
  vendor: string;
  signedAt: string;
  amountFen: string;
  yearlyFees: string[];
  termYears: number;
  timeZone: string;
  goLiveDate?: string | null;
  terms?: TermsOverrides;
}

/** A stable hash of a request body, so a retried request is recognised as the same one. */
export function requestHash(body: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(body)))
    .digest('hex');
}

/** resolveTerms names fields relative to the terms; the API names them from the body. */
function resolveAt(prefix: string, overrides: TermsOverrides): ContractTerms {
  try {
    return resolveTerms(overrides);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new ValidationError(e.code, `${prefix}.${e.message}`, {
        field: `${prefix}.${e.field ?? ''}`,
        clause: e.clause,
      });
    throw e;
  }
}

/** The checks of a new contract (fees, go-live date, terms), shared by the registration and its dry run. */
export function checkContract(c: NewContract): ContractTerms {
  if (c.yearlyFees.length !== c.termYears)
    throw new ValidationError(
      'YEARLY_FEES_MISMATCH',
      `yearlyFees must list one fee per contract year (${c.termYears}), got ${c.yearlyFees.length} (clause 10)`,
      { field: 'yearlyFees', clause: '10' },
    );
  const sum = c.yearlyFees.reduce((a, f) => a + BigInt(f), 0n);
  if (sum !== BigInt(c.amountFen))
    throw new ValidationError(
      'YEARLY_FEES_MISMATCH',
      `yearlyFees sum to ${sum} fen but amountFen is ${c.amountFen} (clause 10)`,
      { field: 'yearlyFees', clause: '10' },
    );
  const overrides: TermsOverrides = { ...(c.terms ?? {}) };
  if (c.goLiveDate) {
    const given = c.terms?.goLive?.date;
    if (given !== undefined && given !== c.goLiveDate)
      throw new ValidationError('GO_LIVE_MISMATCH', 'goLiveDate and terms.goLive.date differ (clause 6.3)', {
        field: 'goLiveDate',
        clause: '6.3',
      });
    overrides.goLive = { ...(c.terms?.goLive ?? {}), date: c.goLiveDate };
  }
  return resolveAt('terms', overrides);
}

export async function extensionsOf(db: q.Db, contractId: string): Promise<TermExtension[]> {
  return (await q.listExtensions(db, contractId)).map((e) => ({
    contractYear: e.contractYear,
    untilMs: e.untilAt ? Date.parse(e.untilAt) : null,
  }));
}

/** Contract year of a fact (clause 3), from the signing date and any acceptance extension. */
export async function contractYearAt(db: q.Db, c: q.ContractRow, atMs: number): Promise<number> {
  return contractYearOf(Date.parse(c.signedAt), atMs, await extensionsOf(db, c.id));
}

export async function mustFindContract(db: q.Db, id: string): Promise<q.ContractRow> {
  const c = await q.findContract(db, id);
  if (!c) throw new NotFoundError('CONTRACT_NOT_FOUND', `contract ${id} not found`, { field: 'contractId' });
  return c;
}

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

/** The terms version in force at an instant (clause 3), with the contract's facts. */
export async function termsAt(db: q.Db, contractId: string, atMs: number) {
  const c = await mustFindContract(db, contractId);
  const v = (await q.termsVersionAt(db, contractId, new Date(atMs).toISOString()))!;
  return {
    contractId,
    version: v.version,
    effectiveAt: v.effectiveAt,
    terms: v.terms,
    amountFen: c.amountFen,
    signedAt: c.signedAt,
    termYears: c.termYears,
    timeZone: c.timeZone,
    goLiveDate: c.goLiveDate,
  };
}

export type ContractView = Awaited<ReturnType<typeof contractView>>;

/** The API's contract record: all versions, the terms in force now, and any extension. */
export async function contractView(db: q.Db, c: q.ContractRow, nowMs: number) {
  const versions = await q.listTermsVersions(db, c.id);
  const current = versions.filter((v) => Date.parse(v.effectiveAt) <= nowMs).pop() ?? versions[0]!;
  const extensions = await q.listExtensions(db, c.id);
  const ext = await extensionsOf(db, c.id);
  const signedMs = Date.parse(c.signedAt);
  const end = termEndMs(signedMs, c.termYears, ext);
  return {
    id: c.id,
    name: c.name,
    hospital: c.hospital,
    vendor: c.vendor,
    signedAt: c.signedAt,
    amountFen: c.amountFen,
    yearlyFees: c.yearlyFees,
    termYears: c.termYears,
    timeZone: c.timeZone,
    goLiveDate: c.goLiveDate,
    status: c.status,
    endedAt: c.endedAt,
    endedBy: c.endedBy,
    endReason: c.endReason,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    termsVersion: current.version,
    terms: current.terms,
    readings: appliedReadings(current.terms),
    latestVersion: versions[versions.length - 1]!.version,
    versions: versions.map((v) => ({
      version: v.version,
      effectiveAt: v.effectiveAt,
      terms: v.terms,
      reason: v.reason,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
    })),
    termExtensions: extensions.map((e) => ({
      contractYear: e.contractYear,
      untilAt: e.untilAt,
      reason: e.reason,
      recordedAt: e.recordedAt,
    })),
    termEndsAt: end === null ? null : new Date(end).toISOString(),
    currentContractYear: nowMs >= signedMs ? contractYearOf(signedMs, nowMs, ext) : null,
  };
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
