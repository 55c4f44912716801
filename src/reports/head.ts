// The heads of the platform's hash-chained record (src/security/record-chain.ts: the audit
// trail and the ledger's status events), printed on every report page so that a page commits
// to the record as it stood when it was made: anyone holding the page can check it against
// GET /audit/verify and the chain's row of that number.
import type { Db } from '../db/queries/contracts';
import { recordHead as chainHeads, type ChainHead } from '../security/record-chain';

export type RecordHead = Record<string, ChainHead>;

export async function recordHead(db: Db): Promise<RecordHead> {
  return chainHeads(db);
}

/** One line per chain for the page header: "audit_log #12 3f…". */
export function headLines(head: RecordHead | null): string[] {
  if (!head || Object.keys(head).length === 0) return ['（本平台尚无哈希链记录）'];
  return Object.values(head).map(
    (h) =>
      `${h.chain === 'audit_log' ? '审计链' : h.chain === 'ledger_status_events' ? '台账链' : h.chain} #${h.seq} ${h.hash}`,
  );
}
