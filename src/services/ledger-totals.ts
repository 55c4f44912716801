// The clause 6 ledger's totals per contract and contract year, each status in its bucket
// (confirmed, proposed, disputed, held, waived): what the ledger reads and the rights checks show.
import * as cq from '../db/queries/contracts';
import * as q from '../db/queries/ledger';

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
