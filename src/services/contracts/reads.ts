// A contract as the API and the activities read it (clause 3): its terms version at an instant,
// its years and extensions, and the API's contract record.
import * as q from '../../db/queries/contracts';
import { contractYearOf, termEndMs, type TermExtension } from '../../domain/contract-year';
import { NotFoundError } from '../../domain/errors';
import { appliedReadings } from '../../domain/readings';
import type { Locale } from '../../i18n/locale';
import { writtenIn } from '../../i18n/written';

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

/** The API's contract record: all versions, the terms in force now, and any extension; the readings in the reader's language. */
export async function contractView(db: q.Db, c: q.ContractRow, nowMs: number, locale: Locale) {
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
    readings: appliedReadings(current.terms, locale),
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
      reason: writtenIn(e.reason, locale), // the clause-3 extension the acceptance wrote, in the reader's language (issue 15)
      recordedAt: e.recordedAt,
    })),
    termEndsAt: end === null ? null : new Date(end).toISOString(),
    currentContractYear: nowMs >= signedMs ? contractYearOf(signedMs, nowMs, ext) : null,
  };
}
