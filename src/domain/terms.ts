// The contract's terms as data, with the defaults of clauses.md. Terms travel in JSON and
// workflow payloads, so money is a fen string and rates are percent strings ("0.3" = 0.3%
// of the contract amount). Every open reading is a parameter whose clause and applied
// reading are reported by appliedReadings() and cited on each penalty record.
// No zod here: every workflow imports this module, and the workflow sandbox evaluates its
// imports once per workflow run (measured: zod was 3/4 of a fault case's start-up CPU). The
// schema that validates terms lives in terms-schema.ts, used where terms are written.
import type { ContractTerms } from './terms-schema';

export type { ContractTerms } from './terms-schema';

// The contract's bounds for clause 6.5 (0.1‰ .. 0.1% of the contract amount).
export const CLAUSE_6_5_MIN_PERCENT = '0.01';
export const CLAUSE_6_5_MAX_PERCENT = '0.1';

export type FaultLevel = 1 | 2 | 3 | 4 | 5;

export function defaultTerms(): ContractTerms {
  return {
    faults: {
      responseMinutes: { 1: 15, 2: 30, 3: 120, 4: 240, 5: 360 },
      analysisDocumentHours: 24,
      onsiteHours: 12,
      replacementHours: 24,
      onsiteClock: 'report',
      warningFractions: [0.5, 0.8],
    },
    recurring: {
      inspection: { cadence: 'quarterly', due: 'quarter-last-day' },
      customerCareVisitsPerQuarter: 1,
      remediationDays: 30,
    },
    goLive: { date: null, maxExtensionMonths: 1 },
    workingDays: { rectificationPlan: 7, dongleRemoval: 7, staffNotice: 7 },
    // 4.4 (issue 18): how many days before a registered licence lapses the platform warns.
    services: { licenceWarnDays: 30 },
    penalties: {
      faultServiceFen: '100000',
      otherCommitmentReading: '6.5',
      otherCommitmentFixedPercent: '3',
      otherCommitmentMinPercent: CLAUSE_6_5_MIN_PERCENT,
      otherCommitmentMaxPercent: CLAUSE_6_5_MAX_PERCENT,
      rectificationPerDayPercent: '0.3',
      goLivePercentPerPeriod: '5',
      goLivePeriodDays: 7,
      goLiveCounting: 'completed',
      dongleFen: '5000000',
      staffChangeFenPerPerson: '100000',
    },
    thresholds: { lossPercent: '5', deductionPercent: '20', rectificationLateDays: 30 },
    // Issue 10: how far back a party may state when a fact happened, per kind of fact ('default'
    // for kinds not listed), the clock tolerance below which a stated time is just "now", and
    // the other party's window to contest a stated earlier time. Care visits and mailings (4.1)
    // and the signed acceptance form (8) are typically entered days after they happened: a week.
    statedTimes: {
      toleranceSeconds: 120,
      contestHours: 72,
      backdateHours: {
        default: 24,
        careVisit: 168,
        careMailing: 168,
        acceptanceSubmission: 24,
        acceptanceDecision: 168,
      },
    },
  };
}

/** Hours a fact of this kind may be stated back from its recording (issue 10; statedTimes.backdateHours). */
export function backdateHoursOf(t: ContractTerms, kind: string): number {
  const h = t.statedTimes?.backdateHours ?? {};
  return h[kind] ?? h.default ?? 24;
}

/** A partial of the terms at any depth: each object may name only the keys it changes; arrays and values replace. */
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type TermsOverrides = { [K in keyof ContractTerms]?: DeepPartial<ContractTerms[K]> };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `over` laid on `base` at every depth: objects are merged key by key, arrays and other values
 * replace (a list such as faults.warningFractions is given whole), undefined keeps the base.
 * So a contract naming one back-dating window (statedTimes.backdateHours.dongleDeclaration)
 * keeps the defaults of the others (careVisit 168 h), as clauses.md's defaults say.
 */
export function mergeDeep<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeDeep(base[k], v);
  return out as T;
}

/**
 * Defaults overlaid with overrides (at every depth, mergeDeep), NOT validated: for terms that
 * were validated when they were stored (resolveTerms in terms-schema.ts, on every contract
 * registration and amendment). Workflows and the intake path read stored terms through this.
 */
export function mergeTerms(overrides: TermsOverrides = {}): ContractTerms {
  return mergeDeep(defaultTerms(), overrides ?? {});
}
