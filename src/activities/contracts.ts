// Contract core activities (issue 3): thin adapters over src/services, idempotent by key.
// Domain errors become non-retryable ApplicationFailures (retrying cannot change a rule).
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../domain/errors';
import { calendarYears, type YearData } from '../services/calendar';
import { recordTermExtension, termsAt } from '../services/contracts';
import { proposeEntry, type ProposeInput } from '../services/ledger';
import { changeStatus, holdCase, waiveCase } from '../services/ledger-status';
import { totals } from '../services/ledger-totals';
import { recordRightsEvent, withdrawRightsEvent } from '../services/rights';
import { inTransaction } from '../db/pool';
import type { ContractTerms } from '../domain/terms';
import type { ActivityDeps } from './deps';

const FAILURE_TYPE = { validation: 'ValidationError', rule: 'RuleViolation', 'not-found': 'NotFound' } as const;

async function nonRetryable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) {
      throw ApplicationFailure.create({
        type: FAILURE_TYPE[e.kind],
        message: e.message,
        nonRetryable: true,
        details: [{ code: e.code, clause: e.clause, field: e.field }],
      });
    }
    throw e;
  }
}

/** JSON form of src/domain/terms.ts ContractTerms (fen and rates are strings already). */
export type ContractTermsJson = ContractTerms;
export interface TermsAtResult {
  contractId: string;
  version: number;
  effectiveAt: string;
  terms: ContractTermsJson;
  amountFen: string;
  signedAt: string;
  termYears: number;
  timeZone: string;
  goLiveDate: string | null;
}
export type { YearData };

const SYSTEM = 'system:workflow';

export function contractCoreActivities(deps: ActivityDeps) {
  const { pool } = deps;
  return {
    /** The terms version in force at atMs (clause 3); NotFound if the contract does not exist. */
    async termsAt(p: { contractId: string; atMs: number }): Promise<TermsAtResult> {
      return nonRetryable(() => termsAt(pool, p.contractId, p.atMs));
    },

    /** Appends a proposed ledger entry (clause 6), idempotent by key; held: true for an open 4.9.2 exclusion claim. */
    async proposePenalty(p: ProposeInput): Promise<{ entryId: string; created: boolean }> {
      return nonRetryable(() => proposeEntry(pool, p, SYSTEM));
    },

    /** 4.9.2: holds the case's proposed entries while an exclusion claim is open, or releases them. */
    async holdCasePenalties(p: { caseId: string; held: boolean; reason: string; actor: string }): Promise<number> {
      return nonRetryable(() => holdCase(pool, p.caseId, p.held, p.reason, p.actor));
    },

    /** 4.9.2: an accepted exclusion waives the case's proposed/held entries. */
    async waiveCasePenalties(p: { caseId: string; reason: string; actor: string }): Promise<number> {
      return nonRetryable(() => waiveCase(pool, p.caseId, p.reason, p.actor));
    },

    async ledgerTotals(p: { contractId: string; contractYear?: number }): Promise<{
      confirmedFen: string;
      proposedFen: string;
      heldFen: string;
      disputedFen: string;
      waivedFen: string;
    }> {
      const { confirmedFen, proposedFen, heldFen, disputedFen, waivedFen } = await totals(
        pool,
        p.contractId,
        p.contractYear,
      );
      return { confirmedFen, proposedFen, heldFen, disputedFen, waivedFen };
    },

    /** Records a rights event once per key with its outbox row (the dispatcher tells the approver and finance). */
    async raiseRightsEvent(p: {
      key: string;
      contractId: string;
      right: string;
      clause: string;
      numbers: Record<string, string | number>;
    }): Promise<{ created: boolean }> {
      const outboxKey = await nonRetryable(() =>
        inTransaction(pool, (tx) => recordRightsEvent(tx, { ...p, source: 'workflow' })),
      );
      return { created: outboxKey !== null };
    },

    /** Withdraws a rights event whose breach a later fact superseded (issue 10), once per key, with its outbox row. */
    async withdrawRightsEvent(p: {
      key: string;
      contractId: string;
      atMs: number;
      cause: string;
      caseId?: string;
    }): Promise<{ withdrawn: boolean }> {
      const outboxKey = await nonRetryable(() => inTransaction(pool, (tx) => withdrawRightsEvent(tx, p)));
      return { withdrawn: outboxKey !== null };
    },

    /** Working-day calendar data (loaded rows override shipped data; unknown years absent). */
    async calendarYears(p: { years: number[] }): Promise<YearData[]> {
      return calendarYears(pool, p.years);
    },

    /** Clause 3: a failed acceptance extends contract year N (untilAt null) until it passes (untilAt = passing date). */
    async recordTermExtension(p: {
      key: string;
      contractId: string;
      contractYear: number;
      untilAt: string | null;
      reason: string;
    }): Promise<{ created: boolean }> {
      return nonRetryable(() => recordTermExtension(pool, { ...p, actor: SYSTEM }));
    },

    /** Confirms a ledger entry from a workflow (e.g. an approver's decision taken in a workflow update). */
    async confirmPenalty(p: { entryId: string; actor: string; reason?: string }): Promise<void> {
      await nonRetryable(() => changeStatus(pool, p.entryId, 'confirm', p.actor, p.reason ?? null, Date.now())); // its notices are outbox rows of the same transaction
    },
  };
}
