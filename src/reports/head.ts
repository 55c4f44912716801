// The heads of the platform's hash-chained record (src/security/record-chain.ts: the audit
// trail and the ledger's status events), printed on every report page so that a page commits
// to the record as it stood when it was made: anyone holding the page can check it against
// GET /audit/verify and the chain's row of that number.
import type { Db } from '../db/queries/contracts';
import type { Locale } from '../i18n/locale';
import { PAGE_TEXT } from '../i18n/messages/reports-common';
import { speaker } from '../i18n/report-text';
import { recordHead as chainHeads, type ChainHead } from '../security/record-chain';

export type RecordHead = Record<string, ChainHead>;

export async function recordHead(db: Db): Promise<RecordHead> {
  return chainHeads(db);
}

/** One line per chain for the page header: "审计链 #12 3f…" / "audit chain #12 3f…". */
export function headLines(head: RecordHead | null, locale: Locale): string[] {
  const say = speaker(locale);
  if (!head || Object.keys(head).length === 0) return [say(PAGE_TEXT.noChain)];
  const name = (chain: string) =>
    chain === 'audit_log'
      ? say(PAGE_TEXT.auditChain)
      : chain === 'ledger_status_events'
        ? say(PAGE_TEXT.ledgerChain)
        : chain;
  return Object.values(head).map((h) => `${name(h.chain)} #${h.seq} ${h.hash}`);
}
