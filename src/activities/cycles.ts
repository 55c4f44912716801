// Activities of the recurring cycles (issue 5): thin adapters over src/db/queries/cycles.ts.
// Their records go through the kernel's one record path (records.ts); facts here carry a key or a unique row.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from './deps';
import * as q from '../db/queries/cycles';
import { inTransaction } from '../db/pool';
import { omDocuments, type OmDocument } from '../db/queries/reports';
import { faultSection, type FaultSection } from '../reports/fault-summary';

export interface CycleContractInfo {
  contractId: string;
  signedAtMs: number;
  termYears: number;
  status: 'active' | 'ended';
  yearlyFeesFen: string[];
  extensions: { contractYear: number; untilMs: number | null }[];
}

export interface AcceptancePackage {
  contractId: string;
  year: number;
  from: string;
  to: string;
  assembledAt: string;
  inspections: Record<string, unknown>[];
  /**
   * 运维记录: the faults reported in the year as the O&M record has them (report 3,
   * src/reports/fault-summary.ts): figures per level computed in PostgreSQL, the first page of
   * cases by id with their verdicts, and links to the next page and to the live case list.
   */
  faults: FaultSection;
  careLogs: Record<string, unknown>[];
  penalties: { entries: Record<string, unknown>[]; confirmedFen: string; openFen: string };
  /** The documents of the year (issue 14: inspection reports, analyses, O&M record, scans), each at its latest version with its sha256. */
  documents?: OmDocument[];
}

const CONFIRMED = new Set(['confirmed', 'decided-upheld']);
const OPEN = new Set(['proposed', 'held', 'released', 'disputed']);

export function cycleActivities({ pool }: ActivityDeps) {
  return {
    async cycleContract({ contractId }: { contractId: string }): Promise<CycleContractInfo> {
      const c = await q.contractForCycles(pool, contractId);
      if (!c)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `contract ${contractId} not found`,
          nonRetryable: true,
        });
      return {
        contractId,
        signedAtMs: Date.parse(c.signedAt),
        termYears: c.termYears,
        status: c.status,
        yearlyFeesFen: c.yearlyFeesFen,
        extensions: c.extensions,
      };
    },
    /** Periods already recorded (started) for the contract, so the launcher starts each once. */
    async recordedCycles({ contractId }: { contractId: string }) {
      return q.recordedCycles(pool, contractId);
    },
    async countCareLogs({ contractId, fromMs, toMs }: { contractId: string; fromMs: number; toMs: number }) {
      return q.countCareLogs(pool, contractId, fromMs, toMs);
    },
    /** The care logs stated within [fromMs, toMs), with when each was recorded and by whom its time is stated (4.1, issue 10). */
    async careLogsOf({ contractId, fromMs, toMs }: { contractId: string; fromMs: number; toMs: number }) {
      const rows = await q.listCareLogs(pool, contractId, fromMs, toMs);
      return rows.map((r) => ({
        logId: String(r.id),
        kind: r.kind as 'visit' | 'mailing',
        occurredAtMs: new Date(r.occurredAt).getTime(),
        recordedAtMs: new Date(r.createdAt).getTime(),
        loggedBy: String(r.loggedBy),
        ...(r.statedBy ? { statedBy: r.statedBy as 'vendor' | 'hospital' } : {}),
      }));
    },
    /** The year's acceptance package (clauses 3, 8) from the platform's own records. */
    async assembleAcceptancePackage({
      contractId,
      year,
      fromMs,
      toMs,
      atMs,
    }: {
      contractId: string;
      year: number;
      fromMs: number;
      toMs: number;
      atMs: number;
    }): Promise<AcceptancePackage> {
      const [inspections, faults, careLogs, entries, documents] = await Promise.all([
        q.listInspections(pool, contractId, year),
        faultSection(pool, contractId, year, { fromMs, toMs, asOfMs: atMs }),
        q.listCareLogs(pool, contractId, fromMs, toMs),
        q.ledgerOfYear(pool, contractId, year),
        omDocuments(pool, contractId, year, fromMs, toMs),
      ]);
      const sum = (set: Set<string>) =>
        entries
          .filter((e) => set.has(e.status))
          .reduce((a, e) => a + BigInt(e.amountFen), 0n)
          .toString();
      return {
        contractId,
        year,
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        assembledAt: new Date(atMs).toISOString(),
        inspections,
        faults,
        careLogs: JSON.parse(JSON.stringify(careLogs)),
        penalties: { entries: JSON.parse(JSON.stringify(entries)), confirmedFen: sum(CONFIRMED), openFen: sum(OPEN) },
        documents,
      };
    },
    /** Clause 8 record and clause 10 payment in one transaction: a pass never lacks its payment. */
    async recordAcceptancePass(p: {
      record: q.AcceptanceRecordInput;
      payment?: q.PaymentInput;
    }): Promise<{ recordId: string; paymentId: string | null }> {
      return inTransaction(pool, async (c) => {
        const recordId = await q.insertAcceptanceRecord(c, p.record);
        const paymentId = p.payment ? await q.insertPayment(c, p.payment) : null;
        return { recordId, paymentId };
      });
    },
  };
}
