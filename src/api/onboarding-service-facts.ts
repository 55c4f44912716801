// Onboarding a running contract (issue 10 item 4): the shape of `onboarding.serviceRequests`,
// service requests (4.5-5.4) raised before the registration and still open, and the entered
// acts they name in the live request's vocabulary (the action, whose act, its time, its
// arguments), each with the field it came from so a refusal names it. Checked, judged and
// started by src/api/onboarding-services.ts.
import { z } from 'zod';
import { dateSchema, instantSchema } from './validate';
import { SERVICE_CLAUSES } from '../workflows/service/messages';
import type { EnteredServiceFact } from '../workflows/service/past';

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().max(2_000).optional();
const party = z.enum(['hospital', 'vendor']);
export const OnboardedServices = z
  .array(
    z.strictObject({
      requestId: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -'),
      clause: z.enum(SERVICE_CLAUSES.filter((c) => c !== '4.4') as [string, ...string[]], {
        message: `clause must be one of ${SERVICE_CLAUSES.filter((c) => c !== '4.4').join(', ')} (a licence is registered at /licences, 4.4)`,
      }),
      origin: z.enum(['raised', 'planned']).default('raised'),
      title: text(200),
      description: text(20_000),
      raisedAt: instantSchema,
      /** Each due date proposed by a party, in order, accepted by the other one at acceptedAt (absent: still open). */
      dueDates: z
        .array(
          z.strictObject({
            at: instantSchema,
            by: party,
            dueDate: dateSchema,
            reason: note,
            acceptedAt: instantSchema.optional(),
          }),
        )
        .max(20)
        .optional(),
      acknowledgedAt: instantSchema.optional(),
      startedAt: instantSchema.optional(),
      /** The vendor's deliveries in order, each with the hospital's review (the last one may await it). */
      deliveries: z
        .array(
          z.strictObject({
            at: instantSchema,
            evidence: z
              .array(
                z.strictObject({
                  documentRef: text(500).describe(
                    "the document's archive reference (the store exists after the registration)",
                  ),
                  sha256: z.string().regex(/^(sha256:)?[a-fA-F0-9]{64}$/, 'must be 64 hex characters'),
                }),
              )
              .min(1)
              .max(50),
            note,
            review: z
              .strictObject({ at: instantSchema, decision: z.enum(['accept', 'send-back']), reason: note })
              .optional(),
          }),
        )
        .max(20)
        .optional(),
      /** 5.4: the vendor's claim that a personalisation is a large change, and the approver's decision. */
      largeChange: z
        .strictObject({
          claimedAt: instantSchema,
          reason: text(2_000),
          decision: z
            .strictObject({
              at: instantSchema,
              decision: z.enum(['agree', 'contest']),
              reason: text(2_000),
              separateTerms: text(5_000).optional(),
            })
            .optional(),
        })
        .optional(),
    }),
  )
  .max(200);
export type PastServiceRequest = z.infer<typeof OnboardedServices>[number];

export interface EnteredServiceAct {
  field: string;
  at: string;
  fact: EnteredServiceFact;
}

const ms = (s: string) => Date.parse(s);
const other = (p: 'hospital' | 'vendor') => (p === 'vendor' ? 'hospital' : 'vendor');

/** The entered acts of a request in the live request's terms, each with the field it came from. */
export function enteredServiceFacts(r: PastServiceRequest): EnteredServiceAct[] {
  const out: EnteredServiceAct[] = [];
  const add = (field: string, at: string, action: EnteredServiceFact['action'], by: 'hospital' | 'vendor', args = {}) =>
    out.push({ field, at, fact: { action, atMs: ms(at), party: by, args } });
  for (const [j, d] of (r.dueDates ?? []).entries()) {
    add(`dueDates.${j}.at`, d.at, 'proposeDueDate', d.by, {
      dueDate: d.dueDate,
      ...(d.reason ? { reason: d.reason } : {}),
    });
    if (d.acceptedAt) add(`dueDates.${j}.acceptedAt`, d.acceptedAt, 'acceptDueDate', other(d.by));
  }
  if (r.acknowledgedAt) add('acknowledgedAt', r.acknowledgedAt, 'acknowledge', 'vendor');
  if (r.startedAt) add('startedAt', r.startedAt, 'startWork', 'vendor');
  for (const [j, d] of (r.deliveries ?? []).entries()) {
    add(`deliveries.${j}.at`, d.at, 'deliver', 'vendor', { evidence: d.evidence, ...(d.note ? { note: d.note } : {}) });
    if (d.review)
      add(`deliveries.${j}.review.at`, d.review.at, 'reviewDelivery', 'hospital', {
        decision: d.review.decision,
        ...(d.review.reason ? { reason: d.review.reason } : {}),
      });
  }
  const x = r.largeChange;
  if (x) {
    add('largeChange.claimedAt', x.claimedAt, 'claimLargeChange', 'vendor', { reason: x.reason });
    if (x.decision)
      add('largeChange.decision.at', x.decision.at, 'decideLargeChange', 'hospital', {
        decision: x.decision.decision,
        reason: x.decision.reason,
        ...(x.decision.separateTerms ? { separateTerms: x.decision.separateTerms } : {}),
      });
  }
  return out;
}

/** Every entered time, for the between-signing-and-now check of every onboarded fact (clause 3). */
export const serviceTimes = (rs: PastServiceRequest[] | undefined): [string, string | undefined][] =>
  (rs ?? []).flatMap((r, i): [string, string | undefined][] => [
    [`onboarding.serviceRequests.${i}.raisedAt`, r.raisedAt],
    ...enteredServiceFacts(r).map((e): [string, string] => [`onboarding.serviceRequests.${i}.${e.field}`, e.at]),
  ]);
