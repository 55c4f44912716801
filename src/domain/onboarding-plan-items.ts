// 6.3 plan items entered at onboarding with the hospital's reviews and the vendor's revisions
// (issue 10 item 4), as the live plan takes them: every item of a submitted plan awaits the
// hospital's review; a rejected item is revised by the vendor and reviewed again; only an
// accepted item is binding (its due date charged, its 30-day right judged). An item entered
// without reviews was accepted as listed at the plan's delivery (the shape before reviews).
import type { IsoDate } from './time';

export interface PastItemReview {
  at: string;
  accepted: boolean;
  note?: string;
}
/** A revision of a rejected item: what it changed (the item's other fields stay as they were). */
export interface PastItemRevision {
  at: string;
  description?: string;
  dueDate?: IsoDate;
}
export interface PastPlanItem {
  itemId: string;
  /** As listed in the plan delivered; revisions change it. */
  description: string;
  dueDate?: IsoDate;
  doneAt?: string;
  /** 6.3: the hospital's reviews in order, each rejection but the last followed by a revision. */
  reviews?: PastItemReview[];
  revisions?: PastItemRevision[];
}
export type PastItemStep =
  | { kind: 'review'; index: number; review: PastItemReview }
  | { kind: 'revision'; index: number; revision: PastItemRevision };

/** The item's reviews and revisions in their order: review 0, revision 0, review 1, ... */
export function itemSteps(it: PastPlanItem): PastItemStep[] {
  const out: PastItemStep[] = [];
  const reviews = it.reviews ?? [];
  const revisions = it.revisions ?? [];
  for (let k = 0; k < Math.max(reviews.length, revisions.length); k++) {
    if (reviews[k]) out.push({ kind: 'review', index: k, review: reviews[k]! });
    if (revisions[k]) out.push({ kind: 'revision', index: k, revision: revisions[k]! });
  }
  return out;
}

/** Where the entered reviews and revisions leave the item: its status, current text and due date, and when it was accepted. */
export function itemAfterReviews(
  it: PastPlanItem,
  planSubmittedAt: string,
): { status: 'open' | 'rejected' | 'awaiting-review'; description: string; dueDate?: IsoDate; acceptedAt?: string } {
  let description = it.description;
  let dueDate = it.dueDate;
  if (!it.reviews) return { status: 'open', description, ...(dueDate ? { dueDate } : {}), acceptedAt: planSubmittedAt };
  let status: 'open' | 'rejected' | 'awaiting-review' = 'awaiting-review';
  let acceptedAt: string | undefined;
  for (const s of itemSteps(it)) {
    if (s.kind === 'revision') {
      description = s.revision.description ?? description;
      dueDate = s.revision.dueDate ?? dueDate;
      status = 'awaiting-review';
    } else {
      status = s.review.accepted ? 'open' : 'rejected';
      if (s.review.accepted) acceptedAt = s.review.at;
    }
  }
  return { status, description, ...(dueDate ? { dueDate } : {}), ...(acceptedAt ? { acceptedAt } : {}) };
}
