// Onboarding a running contract (issue 10 item 4, s18): a fault's entered act whose time the
// other party contested, and the hospital's approver decided, before the registration (clause
// 6). Its shape (`contest` on a response, on-site arrival, replacement or resolution), its times
// in the live case's vocabulary, the fields a refusal names and the order checks; the rest
// (who may contest, the window, the proposed time) is the live contest's own rules, lived by
// src/workflows/fault/past.ts.
import { z } from 'zod';
import { invalid } from './errors';
import { instantSchema } from './validate';
import type { PastContestEntry } from '../domain/onboarding-faults';
import type { PastContest } from '../workflows/fault/past';
import type { EnteredFact } from './onboarding-fault-facts';

const text = (max: number) => z.string().trim().min(1).max(max);
export const OnboardedContest = z
  .strictObject({
    by: z.enum(['hospital', 'vendor']).describe("the party that contested: the other one than the act's"),
    proposedAt: instantSchema,
    reason: text(2_000),
    contestedAt: instantSchema,
    decision: z
      .strictObject({ outcome: z.enum(['stated', 'contested']), at: instantSchema, reason: text(2_000) })
      .optional()
      .describe('absent: the contest is still open and the approver decides it live'),
  })
  .optional();

const ms = (s: string) => Date.parse(s);
const iso = (n: number) => new Date(n).toISOString();

export const contestOf = (c: PastContestEntry): PastContest => ({
  by: c.by,
  proposedAtMs: ms(c.proposedAt),
  reason: c.reason,
  contestedAtMs: ms(c.contestedAt),
  ...(c.decision
    ? { decision: { outcome: c.decision.outcome, atMs: ms(c.decision.at), reason: c.decision.reason } }
    : {}),
});

const base = (field: string) => `${field.replace(/\.at$/, '')}.contest`;
/** The field of an entered fact's contest (response.at -> response.contest.contestedAt) or of its decision. */
export const contestField = (field: string, part: 'contest' | 'decision') =>
  `${base(field)}.${part === 'contest' ? 'contestedAt' : 'decision.at'}`;

/** The times of an entered fact's contest, for the between-signing-and-now check (clause 3). */
export function contestTimes(g: string, e: EnteredFact): [string, string | undefined][] {
  const c = e.fact.contest;
  if (!c) return [];
  return [
    [`${g}.${contestField(e.field, 'contest')}`, iso(c.contestedAtMs)],
    [`${g}.${base(e.field)}.proposedAt`, iso(c.proposedAtMs)],
    [`${g}.${contestField(e.field, 'decision')}`, c.decision && iso(c.decision.atMs)],
  ];
}

/** A contest follows the act it contests, and the decision its contest (clause 6). */
export function checkEnteredContests(g: string, facts: EnteredFact[]): void {
  for (const e of facts) {
    const c = e.fact.contest;
    if (c && c.contestedAtMs < e.fact.atMs)
      throw invalid(`${g}.${contestField(e.field, 'contest')}`, 'contested after the act it contests', '6');
    if (c?.decision && c.decision.atMs < c.contestedAtMs)
      throw invalid(`${g}.${contestField(e.field, 'decision')}`, 'decided after it was contested', '6');
  }
}
