// Validation of contract terms (zod), for the places that write or accept terms: contract
// registration and amendment (services/contracts), the API, tests. Workflows must not import
// this module (eslint): they read stored, already validated terms with mergeTerms (terms.ts).
import { z } from 'zod';
import { ValidationError } from './errors';
import { compareRates, percent } from './money';
import { CLAUSE_6_5_MAX_PERCENT, CLAUSE_6_5_MIN_PERCENT, mergeTerms, type TermsOverrides } from './terms';

const minutes = z.number().int().positive();
const hours = z
  .number()
  .positive()
  .max(24 * 365);
const workingDays = z.number().int().positive().max(366);
const fen = z.string().regex(/^\d+$/, 'must be integer fen as a string');
const pct = z.string().regex(/^\d+(\.\d+)?$/, 'must be a percent as a decimal string, e.g. "0.3"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const termsSchema = z.strictObject({
  faults: z.strictObject({
    // 4.9.4: response deadlines in calendar minutes from the report, per level.
    responseMinutes: z.strictObject({ 1: minutes, 2: minutes, 3: minutes, 4: minutes, 5: minutes }),
    // 4.9.2: levels 1-2 need a fault analysis document; the contract names no deadline.
    analysisDocumentHours: hours,
    onsiteHours: hours, // 4.9.2: engineer on site if still unresolved after 12 h
    replacementHours: hours, // 4.9.2: equal-or-better equipment/software within 24 h
    // 4.9.2 open reading: from which instant the 12 h / 24 h run.
    onsiteClock: z.enum(['report', 'response']),
    // Fractions of each deadline at which a warning is raised, ascending in (0, 1).
    warningFractions: z.array(z.number().gt(0).lt(1)).max(5),
  }),
  recurring: z.strictObject({
    inspection: z.strictObject({ cadence: z.literal('quarterly'), due: z.literal('quarter-last-day') }), // 4.1 / 4.3
    customerCareVisitsPerQuarter: z.number().int().positive().max(13), // 4.1 "定期" (open reading)
    remediationDays: z.number().int().positive().max(365), // 4.6 "promptly" (open reading): days to remediate a high-severity finding
  }),
  goLive: z.strictObject({
    date: isoDate.nullable(), // 6.3 上线期限, when the contract names one
    maxExtensionMonths: z.number().int().min(0).max(1), // 6.3: at most one month, in writing
  }),
  workingDays: z.strictObject({
    rectificationPlan: workingDays, // 6.3
    dongleRemoval: workingDays, // 4.10
    staffNotice: workingDays, // 4.2 / 6.7
  }),
  services: z.strictObject({
    licenceWarnDays: z.number().int().min(0).max(365), // 4.4: warn this many days before a licence lapses
  }),
  penalties: z.strictObject({
    faultServiceFen: fen, // 6.2.1: CNY 1,000 per occurrence
    otherCommitmentReading: z.enum(['6.5', '6.2.2']),
    otherCommitmentFixedPercent: pct, // 6.2.2: 3% per occurrence
    otherCommitmentMinPercent: pct, // 6.5 lower bound
    otherCommitmentMaxPercent: pct, // 6.5 upper bound
    rectificationPerDayPercent: pct, // 6.3: 3‰ per day
    goLivePercentPerPeriod: pct, // 6.3: 5% per 7 days
    goLivePeriodDays: z.number().int().positive(),
    goLiveCounting: z.enum(['completed', 'started']),
    dongleFen: fen, // 6.6: CNY 50,000
    staffChangeFenPerPerson: fen, // 6.7: CNY 1,000 per person per time
  }),
  thresholds: z.strictObject({
    lossPercent: pct, // 6.4 / 6.5: cumulative losses over 5%
    deductionPercent: pct, // 6.3: deductions reaching 20%
    rectificationLateDays: z.number().int().positive(), // 6.3: more than 30 days late
  }),
  // Issue 10: stated earlier times are the stating party's claim, contestable by the other party.
  statedTimes: z.strictObject({
    toleranceSeconds: z.number().int().min(0).max(3_600), // clock tolerance: a time stated this close to now is "now"
    contestHours: hours, // the other party's window to contest a stated earlier time, from its recording
    backdateHours: z.record(
      z.string().regex(/^[A-Za-z.-]{1,40}$/),
      z
        .number()
        .min(0)
        .max(24 * 365),
    ), // per kind of fact; 'default' for the rest
  }),
});

export type ContractTerms = z.infer<typeof termsSchema>;

// The clause a top-level section of the terms enforces, for error messages.
const SECTION_CLAUSE: Record<string, string> = {
  faults: '4.9',
  recurring: '4.1',
  goLive: '6.3',
  workingDays: '4.10',
  services: '4.4',
  penalties: '6',
  thresholds: '6.3',
  statedTimes: '4.9',
};

function fail(field: string, message: string, clause?: string): never {
  throw new ValidationError('INVALID_TERMS', `${field}: ${message}${clause ? ` (clause ${clause})` : ''}`, {
    field,
    clause,
  });
}

/** Defaults overlaid with overrides (at every depth: objects merged, arrays replaced), validated. */
export function resolveTerms(overrides: TermsOverrides = {}): ContractTerms {
  const parsed = termsSchema.safeParse(mergeTerms(overrides));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(terms)';
    fail(field, issue.message, SECTION_CLAUSE[String(issue.path[0])]);
  }
  return checkRanges(parsed.data);
}

function checkRanges(t: ContractTerms): ContractTerms {
  const p = t.penalties;
  const within = (field: string, value: string, lo: string, hi: string, clause: string): void => {
    if (compareRates(percent(value), percent(lo)) < 0 || compareRates(percent(value), percent(hi)) > 0)
      fail(`penalties.${field}`, `${value}% is outside the contract's range ${lo}%..${hi}%`, clause);
  };
  within(
    'otherCommitmentMinPercent',
    p.otherCommitmentMinPercent,
    CLAUSE_6_5_MIN_PERCENT,
    CLAUSE_6_5_MAX_PERCENT,
    '6.5',
  );
  within(
    'otherCommitmentMaxPercent',
    p.otherCommitmentMaxPercent,
    p.otherCommitmentMinPercent,
    CLAUSE_6_5_MAX_PERCENT,
    '6.5',
  );
  for (const [field, clause] of [
    ['otherCommitmentFixedPercent', '6.2.2'],
    ['rectificationPerDayPercent', '6.3'],
    ['goLivePercentPerPeriod', '6.3'],
  ] as const) {
    within(field, p[field], '0', '100', clause);
  }
  for (const field of ['lossPercent', 'deductionPercent'] as const) {
    if (compareRates(percent(t.thresholds[field]), percent('100')) > 0 || percent(t.thresholds[field]).num === 0n)
      fail(`thresholds.${field}`, 'must be above 0% and at most 100%', '6.3');
  }
  const w = t.faults.warningFractions;
  if (w.some((f, i) => i > 0 && f <= w[i - 1]!)) fail('faults.warningFractions', 'must be strictly ascending', '4.9.4');
  return t;
}
