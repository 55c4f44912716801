// What every case's answer shares (issue 10, issue 15): a calendar day, a time stated for an
// earlier instant with its contest and decision, the answer of a contest, the standing of the
// case's PostgreSQL record, its end and its history. Instants +08:00 (instants.ts).
import { z } from 'zod';
import { instantOut } from '../instants';
import { Fact } from './fault-schemas';

/** A calendar day (Asia/Shanghai), YYYY-MM-DD. */
export const dateOut = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const party = z.enum(['hospital', 'vendor']);

/** A time stated for an earlier instant: the stating party's claim, contestable by the other until contestUntil (issue 10). */
export const StatedTime = z.strictObject({
  factSeq: z.number().int(),
  type: z.string(),
  statedBy: party,
  statedAt: instantOut,
  recordedAt: instantOut,
  contestUntil: instantOut,
  contest: z
    .strictObject({
      by: z.string(),
      party,
      reason: z.string(),
      proposedAt: instantOut,
      at: instantOut,
      factSeq: z.number().int(),
    })
    .optional(),
  decision: z
    .strictObject({
      outcome: z.enum(['stated', 'contested']),
      effectiveAt: instantOut,
      by: z.string(),
      reason: z.string(),
      at: instantOut,
      factSeq: z.number().int(),
    })
    .optional(),
});
export const ContestAnswer = z.object({
  caseId: z.string(),
  stated: StatedTime,
  fact: Fact.describe('the fact the contest or decision recorded'),
});

/** Where an obligation's PostgreSQL record stands, including a close made outside the API (issue 10 item 8). */
export const RecordStanding = z.object({
  status: z.string(),
  awaiting: z.enum(['vendor', 'hospital', 'none']),
  breached: z.boolean(),
  nextDeadlineAt: instantOut.nullable(),
  version: z.number().int(),
  updatedAt: instantOut,
  closed: z.object({ at: instantOut, how: z.string().nullable() }).nullable(),
});
/** A read of an obligation: its state as recorded, and the record's standing. */
export const recorded = <S extends z.ZodObject>(state: S) => state.extend({ record: RecordStanding });

export const Ended = z.object({ at: instantOut, reason: z.string() }).nullable();
export const History = z.array(
  z.object({ at: instantOut, actor: z.string(), action: z.string(), itemId: z.string().optional() }),
);
