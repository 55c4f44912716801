// Onboarding a running contract (issue 10 item 4): the 6.3 plan items' reviews by the hospital
// and revisions by the vendor (onboarding.rectification.items.N.reviews / .revisions), each at
// its time, and the checks that refuse what the live plan would not take (400 naming the field
// and the clause): a review before the plan, a revision without the rejection it answers or
// before it, anything after an acceptance, an item done before it was accepted.
import { z } from 'zod';
import { invalid } from './errors';
import { dateSchema, instantSchema } from './validate';
import { itemAfterReviews, itemSteps, type PastPlanItem } from '../domain/onboarding-plan-items';

export const ItemReviews = z
  .array(
    z.strictObject({ at: instantSchema, accepted: z.boolean(), note: z.string().trim().min(1).max(2000).optional() }),
  )
  .max(20);
export const ItemRevisions = z
  .array(
    z.strictObject({
      at: instantSchema,
      description: z.string().trim().min(1).max(2000).optional(),
      dueDate: dateSchema.optional(),
    }),
  )
  .max(20);

const ms = (s: string) => Date.parse(s);

/** Every review and revision time, for the between-signing-and-now check (clause 3). */
export const planItemTimes = (items: readonly PastPlanItem[]): [string, string][] =>
  items.flatMap((it, i) =>
    itemSteps(it).map((s): [string, string] => [
      `onboarding.rectification.items.${i}.${s.kind === 'review' ? 'reviews' : 'revisions'}.${s.index}.at`,
      s.kind === 'review' ? s.review.at : s.revision.at,
    ]),
  );

/** 6.3: the reviews and revisions alternate from the plan's delivery; an accepted item only is done. */
export function checkPlanItemReviews(items: readonly PastPlanItem[], planSubmittedAt: string): void {
  for (const [i, it] of items.entries()) {
    const f = `onboarding.rectification.items.${i}`;
    if (it.revisions?.length && !it.reviews)
      throw invalid(`${f}.revisions.0`, 'a revision answers a rejection (reviews)', '6.3');
    let after = ms(planSubmittedAt);
    let expect: 'review' | 'revision' | 'done' = 'review';
    for (const s of itemSteps(it)) {
      const g = `${f}.${s.kind === 'review' ? 'reviews' : 'revisions'}.${s.index}`;
      if (expect === 'done') throw invalid(g, 'an accepted item has no later review or revision', '6.3');
      if (s.kind !== expect)
        throw invalid(
          g,
          s.kind === 'revision'
            ? 'a revision answers a rejection (reviews)'
            : 'a rejected item is reviewed again after its revision',
          '6.3',
        );
      const at = ms(s.kind === 'review' ? s.review.at : s.revision.at);
      if (at < after) throw invalid(`${g}.at`, 'before the plan or the step it follows', '6.3');
      after = at;
      expect = s.kind === 'revision' ? 'review' : s.review.accepted ? 'done' : 'revision';
    }
    const now = itemAfterReviews(it, planSubmittedAt);
    if (it.doneAt && (now.status !== 'open' || ms(it.doneAt) < ms(now.acceptedAt!)))
      throw invalid(`${f}.doneAt`, 'an item is done after the hospital accepted it', '6.3');
  }
}
