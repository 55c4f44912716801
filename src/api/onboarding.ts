// Onboarding a running contract (issue 10 item 4) at POST /contracts: the `onboarding` block of
// the signing obligations' history (each fact with its time), the checks that refuse a fact
// outside the contract's life or out of order (400 naming the field and the clause), and year 1's
// payment entered as made. The dry run (?dryRun=true): onboarding-dry-run.ts.
import { z } from 'zod';
import { HttpError, invalid } from './errors';
import { dateSchema, instantSchema } from './validate';
import { latestGoLiveExtension, goLivePeriodDay } from '../domain/go-live';
import { lateByDaysAtMs } from '../domain/obligations';
import type { ContractTerms } from '../domain/terms';
import type { Pool } from 'pg';
import * as cq from '../db/queries/cycles';
import { acceptanceTimes, AcceptedYears, checkAcceptedYears, checkEnteredPayments } from './onboarding-years';
import { checkOnboardedStaff, checkRegisterAfter } from './onboarding-staff';
import { OnboardedStaff, staffTimes } from './onboarding-staff-facts';
import { checkOnboardedFaults, faultTimes, OnboardedFaults } from './onboarding-faults';
import { checkPastQuarters } from './onboarding-quarters';
import { checkOnboardedServices, OnboardedServices, serviceTimes } from './onboarding-services';
import { OnboardedCare, OnboardedInspections, quarterTimes } from './onboarding-quarter-facts';
import { onboardedExtensions } from '../domain/onboarding-years';
import { checkOnboardedDongle, OnboardedDongle } from './onboarding-dongle';
import { checkPlanItemReviews, ItemReviews, ItemRevisions, planItemTimes } from './onboarding-plan';

const itemId = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
/** 6.3: the one written extension, requested by the vendor and decided by the hospital, each at its time. */
const GoLiveExtension = z.strictObject({
  requestedAt: instantSchema,
  newDate: dateSchema,
  reason: z.string().trim().min(1).max(2000),
  decidedAt: instantSchema,
  approved: z.boolean(),
});
export const Onboarding = z.strictObject({
  dongle: OnboardedDongle.optional(),
  rectification: z
    .strictObject({
      planSubmittedAt: instantSchema,
      items: z
        .array(
          z.strictObject({
            itemId,
            description: z.string().trim().min(1).max(2000),
            dueDate: dateSchema.optional(),
            doneAt: instantSchema.optional(),
            /** 6.3: the hospital's reviews and the vendor's revisions in order (src/api/onboarding-plan.ts). */
            reviews: ItemReviews.optional(),
            revisions: ItemRevisions.optional(),
          }),
        )
        .max(500),
    })
    .optional(),
  goLive: z
    .strictObject({ liveAt: instantSchema.optional(), extension: GoLiveExtension.optional() })
    .refine((g) => g.liveAt !== undefined || g.extension !== undefined, {
      message: 'onboarding.goLive needs liveAt or extension (clause 6.3)',
    })
    .optional(),
  acceptances: AcceptedYears.optional(),
  payments: z
    .array(
      z.strictObject({
        year: z.number().int().min(1).max(10),
        paidAt: instantSchema,
        reference: z.string().trim().min(1).max(200).optional(),
      }),
    )
    .max(10)
    .optional(),
  /** 4.2, 6.7: the engineer register at signing and the changes since (src/api/onboarding-staff.ts). */
  staff: OnboardedStaff.optional(),
  /** 4.9.x: faults reported before registration and still open, each fact at its time (src/api/onboarding-faults.ts). */
  faults: OnboardedFaults.optional(),
  /** 4.1, 4.3: the quarters that ended before the registration, inspection and care (src/api/onboarding-quarters.ts). */
  inspections: OnboardedInspections.optional(),
  care: OnboardedCare.optional(),
  /** 4.5-5.4: service requests raised before registration and still open, each fact at its time (src/api/onboarding-services.ts). */
  serviceRequests: OnboardedServices.optional(),
});
export type OnboardingBlock = z.infer<typeof Onboarding>;

const ms = (s: string) => Date.parse(s);

/**
 * Every onboarded fact lies between the signing and now, in the order the contract gives them;
 * only an admin enters a contract's past (the platform records it on the parties' behalf).
 */
export function checkOnboarding(
  o: OnboardingBlock,
  c: { id?: string; signedAt: string; termYears: number; goLiveDate?: string | null; amountFen?: string },
  nowMs: number,
  role: string,
  terms: ContractTerms,
): void {
  if (role !== 'admin')
    throw new HttpError(403, 'FORBIDDEN', "only an admin enters a running contract's history (onboarding)");
  const ext = o.goLive?.extension;
  const times: [string, string | undefined][] = [
    ['onboarding.dongle.declaredAt', o.dongle?.declaredAt],
    ['onboarding.dongle.verifiedAt', o.dongle?.verifiedAt],
    ...(o.dongle?.findings ?? []).map((f, i): [string, string] => [
      `onboarding.dongle.findings.${i}.foundAt`,
      f.foundAt,
    ]),
    ['onboarding.rectification.planSubmittedAt', o.rectification?.planSubmittedAt],
    ['onboarding.goLive.liveAt', o.goLive?.liveAt],
    ['onboarding.goLive.extension.requestedAt', ext?.requestedAt],
    ['onboarding.goLive.extension.decidedAt', ext?.decidedAt],
    ...(o.payments ?? []).map((p, i): [string, string | undefined] => [`onboarding.payments.${i}.paidAt`, p.paidAt]),
    ...(o.rectification?.items ?? []).map((it, i): [string, string | undefined] => [
      `onboarding.rectification.items.${i}.doneAt`,
      it.doneAt,
    ]),
    ...planItemTimes(o.rectification?.items ?? []),
    ...acceptanceTimes(o.acceptances),
    ...staffTimes(o.staff),
    ...faultTimes(o.faults),
    ...serviceTimes(o.serviceRequests),
    ...quarterTimes(o),
  ];
  for (const [field, at] of times) {
    if (at === undefined) continue;
    if (ms(at) < ms(c.signedAt) || ms(at) > nowMs)
      throw invalid(field, 'an onboarded fact lies between the signing and now', '3');
  }
  if (o.dongle) checkOnboardedDongle(o.dongle);
  const ids = new Set<string>();
  for (const [i, it] of (o.rectification?.items ?? []).entries()) {
    if (ids.has(it.itemId)) throw invalid(`onboarding.rectification.items.${i}.itemId`, 'item ids are unique', '6.3');
    ids.add(it.itemId);
    if (it.doneAt && ms(it.doneAt) < ms(o.rectification!.planSubmittedAt))
      throw invalid(`onboarding.rectification.items.${i}.doneAt`, 'an item is done after the plan listed it', '6.3');
  }
  if (o.rectification) checkPlanItemReviews(o.rectification.items, o.rectification.planSubmittedAt);
  checkAcceptedYears(o.acceptances ?? [], c, nowMs);
  checkEnteredPayments(o.payments ?? [], o.acceptances ?? [], c);
  if (o.staff) {
    checkOnboardedStaff(o.staff, c.signedAt);
    checkRegisterAfter(o.staff, nowMs);
  }
  if (o.faults) checkOnboardedFaults(o.faults, c.id ?? 'new', terms, nowMs); // the id only names the cases
  if (o.serviceRequests)
    checkOnboardedServices(o.serviceRequests, { id: c.id ?? 'new', amountFen: c.amountFen ?? '0' }, terms, nowMs);
  const shifted = onboardedExtensions(ms(c.signedAt), o.acceptances ?? []); // clause 3: the quarters as the entered years moved them
  checkPastQuarters(o, { signedAtMs: ms(c.signedAt), termYears: c.termYears, nowMs, ext: shifted });
  if (o.goLive && !c.goLiveDate)
    throw invalid('onboarding.goLive', 'the contract names no go-live date (goLiveDate)', '6.3');
  if (ext && c.goLiveDate) checkExtension(ext, c.goLiveDate, o.goLive?.liveAt, terms);
}

/** The live go-live workflow's rules for its one written extension (6.3), on the stated times. */
function checkExtension(
  ext: NonNullable<NonNullable<OnboardingBlock['goLive']>['extension']>,
  goLiveDate: string,
  liveAt: string | undefined,
  terms: ContractTerms,
): void {
  const f = 'onboarding.goLive.extension';
  if (ext.newDate <= goLiveDate) throw invalid(`${f}.newDate`, `the extended date must be after ${goLiveDate}`, '6.3');
  const latest = latestGoLiveExtension(goLiveDate, terms);
  if (ext.newDate > latest) throw invalid(`${f}.newDate`, `go-live may be extended at most to ${latest}`, '6.3');
  if (ms(ext.decidedAt) < ms(ext.requestedAt))
    throw invalid(`${f}.decidedAt`, 'decided before it was requested', '6.3');
  if (liveAt && ms(liveAt) <= ms(ext.requestedAt))
    throw invalid(`${f}.requestedAt`, 'an extension is requested before the system is live', '6.3');
  const firstPeriod = lateByDaysAtMs(
    goLiveDate,
    goLivePeriodDay(1, terms.penalties.goLiveCounting, terms.penalties.goLivePeriodDays),
  );
  if (ms(ext.requestedAt) >= firstPeriod)
    throw invalid(`${f}.requestedAt`, 'a go-live penalty period had already been charged: too late to extend', '6.3');
}

/**
 * Clause 10: year 1's payment entered as made is marked paid at its time, once (a retried
 * registration finds it paid); the hook runs after the year-1 payment request was released.
 * A later year's is released by its acceptance's pass and marked paid there (onboarding-years.ts).
 */
export async function enterOnboardedPayments(pool: Pool, contractId: string, o: OnboardingBlock, by: string) {
  if (!o.payments?.length) return;
  const released = await cq.listPayments(pool, contractId);
  for (const p of o.payments.filter((x) => x.year === 1)) {
    const row = released.find((r: { year: number }) => r.year === p.year);
    if (row)
      await cq.markPaymentPaid(pool, row.id, `${by} (entered at onboarding)`, p.reference ?? null, new Date(p.paidAt));
  }
}
