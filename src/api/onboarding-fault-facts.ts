// Onboarding a running contract (issue 10 item 4): the shape of `onboarding.faults`, faults
// reported before the registration and still open (4.9.x), and the entered acts it names in the
// live case's vocabulary (the action, its time, its arguments), each with the field it came
// from (and the round of the case it belongs to: 1, then one more per reopening) so a refusal
// names it; a contest decided before the registration is onboarding-fault-contests.ts. Checked
// and started by src/api/onboarding-faults.ts.
import { z } from 'zod';
import { instantSchema } from './validate';
import type { PastContestEntry, PastFault } from '../domain/onboarding-faults';
import { contestOf, contestTimes, OnboardedContest } from './onboarding-fault-contests';
import { EXCLUSION_CAUSES, FAULT_CHANNELS } from '../workflows/fault/messages';
import type { EnteredFaultFact } from '../workflows/fault/past';

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().max(2_000).optional();
const contest = OnboardedContest;
const onsite = z.strictObject({ at: instantSchema, engineer: text(100), note, contest });
const replacement = z.strictObject({ at: instantSchema, description: text(2_000), note, contest });
const resolution = z.strictObject({ at: instantSchema, summary: text(5_000), contest });
export const OnboardedFaults = z
  .array(
    z.strictObject({
      faultId: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -'),
      level: z.number().int().describe('1-5 (4.9.3)'),
      title: text(200),
      description: z.string().max(10_000).default(''),
      channel: z.enum(FAULT_CHANNELS),
      affectsOperations: z.boolean().default(false), // levels 1-2 always do (4.9.3)
      reporter: text(100),
      reportedAt: instantSchema,
      response: z
        .strictObject({
          at: instantSchema,
          engineer: text(100),
          how: z.enum([...FAULT_CHANNELS, 'onsite']),
          note,
          contest,
        })
        .optional(),
      investigatingAt: instantSchema.optional(),
      onsite: onsite.optional(),
      replacement: replacement.optional(),
      resolution: resolution.optional(),
      analysis: z
        .array(
          z.strictObject({
            at: instantSchema,
            reference: text(500).describe("the document's archive reference (the store exists after the registration)"),
            checksum: z.string().regex(/^(sha256:)?[0-9a-fA-F]{8,128}$/, 'must be a hex digest, e.g. sha256:<hex>'),
            note,
            review: z
              .strictObject({
                at: instantSchema,
                decision: z.enum(['accept', 'reject']),
                reason: text(2_000).optional(),
              })
              .optional(),
          }),
        )
        .max(10)
        .optional(),
      reopenings: z
        .array(
          z.strictObject({
            at: instantSchema,
            reason: text(2_000),
            onsite: onsite.optional(),
            replacement: replacement.optional(),
            resolution: resolution.optional(),
          }),
        )
        .max(10)
        .optional(),
      regrades: z
        .array(z.strictObject({ at: instantSchema, level: z.number().int(), reason: text(2_000) }))
        .max(5)
        .optional(),
      exclusion: z
        .strictObject({
          claimedAt: instantSchema,
          cause: z.enum(EXCLUSION_CAUSES),
          evidence: z.array(text(2_000)).min(1).max(50),
          explanation: text(5_000),
          decision: z
            .strictObject({ at: instantSchema, decision: z.enum(['accept', 'reject']), reason: text(2_000) })
            .optional(),
        })
        .optional(),
    }),
  )
  .max(200);

const ms = (s: string) => Date.parse(s);

export interface EnteredFact {
  field: string;
  at: string;
  /** The case's round the act belongs to: 1 before any reopening, n + 1 after the n-th. */
  round: number;
  fact: EnteredFaultFact;
}

/** The entered acts of a fault in the live case's terms, each with the field it came from. */
export function enteredFacts(f: PastFault): EnteredFact[] {
  const out: EnteredFact[] = [];
  let round = 1;
  const add = (
    field: string,
    at: string,
    action: EnteredFaultFact['action'],
    args: Record<string, unknown>,
    c?: PastContestEntry,
  ) => out.push({ field, at, round, fact: { action, atMs: ms(at), args, ...(c ? { contest: contestOf(c) } : {}) } });
  const withNote = (n: string | undefined) => (n === undefined ? {} : { note: n });
  const work = (g: string, w: Pick<PastFault, 'onsite' | 'replacement' | 'resolution'>) => {
    if (w.onsite)
      add(
        `${g}onsite.at`,
        w.onsite.at,
        'onsiteArrived',
        { engineer: w.onsite.engineer, ...withNote(w.onsite.note) },
        w.onsite.contest,
      );
    if (w.replacement)
      add(
        `${g}replacement.at`,
        w.replacement.at,
        'replacementProvided',
        { description: w.replacement.description, ...withNote(w.replacement.note) },
        w.replacement.contest,
      );
    if (w.resolution)
      add(`${g}resolution.at`, w.resolution.at, 'resolve', { summary: w.resolution.summary }, w.resolution.contest);
  };
  if (f.response)
    add(
      'response.at',
      f.response.at,
      'respond',
      { engineer: f.response.engineer, how: f.response.how, ...withNote(f.response.note) },
      f.response.contest,
    );
  if (f.investigatingAt) add('investigatingAt', f.investigatingAt, 'investigate', {});
  work('', f);
  for (const [j, a] of (f.analysis ?? []).entries()) {
    add(`analysis.${j}.at`, a.at, 'submitAnalysis', {
      reference: a.reference,
      checksum: a.checksum,
      ...withNote(a.note),
    });
    if (a.review)
      add(`analysis.${j}.review.at`, a.review.at, 'reviewAnalysis', {
        decision: a.review.decision,
        ...(a.review.reason ? { reason: a.review.reason } : {}),
      });
  }
  for (const [j, r] of (f.regrades ?? []).entries())
    add(`regrades.${j}.at`, r.at, 'regrade', { level: r.level, reason: r.reason });
  const x = f.exclusion;
  if (x) {
    add('exclusion.claimedAt', x.claimedAt, 'claimExclusion', {
      cause: x.cause,
      evidence: x.evidence,
      explanation: x.explanation,
    });
    if (x.decision)
      add('exclusion.decision.at', x.decision.at, 'decideExclusion', {
        decision: x.decision.decision,
        reason: x.decision.reason,
      });
  }
  // Last: each reopening starts the next round, its acts belong to it (rounds are checked in src/api/onboarding-faults.ts).
  for (const [j, r] of (f.reopenings ?? []).entries()) {
    round = j + 2;
    add(`reopenings.${j}.at`, r.at, 'reopen', { reason: r.reason });
    work(`reopenings.${j}.`, r);
  }
  return out;
}

/** Every entered time, for the between-signing-and-now check of every onboarded fact (clause 3). */
export const faultTimes = (faults: PastFault[] | undefined): [string, string | undefined][] =>
  (faults ?? []).flatMap((f, i): [string, string | undefined][] => [
    [`onboarding.faults.${i}.reportedAt`, f.reportedAt],
    ...enteredFacts(f).flatMap((e): [string, string | undefined][] => [
      [`onboarding.faults.${i}.${e.field}`, e.at],
      ...contestTimes(`onboarding.faults.${i}`, e),
    ]),
  ]);
