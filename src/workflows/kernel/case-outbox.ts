// What a kernel case's facts send out with the next record write (case-record.ts): notices for
// the outbox (issue 13) and penalty proposals and withdrawals for the ledger (clause 6). Keys
// come from the case id, so a retried write is a no-op; a proposal withdrawn and judged again
// gets a new key, so the ledger keeps the withdrawn entry as it was.
import type { Fact } from './facts';
import type { Notice, Proposal, Withdrawal } from './record';

export interface OutboxBatch {
  notices: Notice[];
  proposals: Proposal[];
  withdrawals: Withdrawal[];
}

export type CaseOutbox = ReturnType<typeof caseOutbox>;

export function caseOutbox(caseId: string, contractId: string, timeline: readonly Fact[]) {
  const penaltyKeys: string[] = [];
  const keyOf = new Map<string, string>(); // suffix -> its live ledger key
  const withdrawnKeys = new Set<string>();
  let out: OutboxBatch = { notices: [], proposals: [], withdrawals: [] };

  return {
    /** A notice announced by the latest fact, written with it (outbox, issue 13). */
    notice(
      key: string,
      topic: string,
      subject: string,
      body: Record<string, unknown>,
      recipients: Notice['recipients'] = 'both',
    ): void {
      out.notices.push({
        key: `${caseId}:${key}`,
        topic,
        subject,
        body: { caseId, contractId, ...body },
        factSeq: timeline.length,
        recipients,
      });
    },
    /** A penalty proposal (clause 6), keyed by the case id; written with the next record. */
    propose(suffix: string, p: Omit<Proposal, 'key'>): void {
      if (keyOf.has(suffix)) return;
      // A breach judged again after its proposal was withdrawn (a contest decided against the
      // stated time) is a new entry: the ledger keeps the withdrawn one as it was.
      const base = `${caseId}:${suffix}`;
      const key = withdrawnKeys.has(base) ? `${base}@${timeline.length}` : base;
      keyOf.set(suffix, key);
      penaltyKeys.push(key);
      out.proposals.push({ key, ...p });
    },
    /** Withdraws a proposal whose breach a fact superseded (reason cites the fact). */
    withdraw(suffix: string, reason: string): void {
      const key = keyOf.get(suffix);
      if (!key) return;
      keyOf.delete(suffix);
      withdrawnKeys.add(`${caseId}:${suffix}`);
      penaltyKeys.splice(penaltyKeys.indexOf(key), 1);
      out.proposals = out.proposals.filter((p) => p.key !== key);
      out.withdrawals.push({ key, reason });
    },
    /** Something waits to be written even if the projection did not change. */
    pending: (): boolean => out.notices.length > 0 || out.proposals.length > 0 || out.withdrawals.length > 0,
    /** The batch for this write; the next one starts empty. */
    take(): OutboxBatch {
      const batch = out;
      out = { notices: [], proposals: [], withdrawals: [] };
      return batch;
    },
    /** The live proposals' keys (the record removes stored ones beyond them). */
    penaltyKeys: (): string[] => [...penaltyKeys],
  };
}
