// Onboarding a running contract (issue 10 item 4): the shape of `onboarding.staff`, the vendor's
// engineer register as it stood at signing (4.2) and the changes made before registration, and
// every time they enter. Checked and started by onboarding-staff.ts.
import { z } from 'zod';
import { dateSchema, instantSchema } from './validate';
import { EngineerBody } from './routes/staff-schemas';
import type { StaffHistory } from '../domain/onboarding-staff';

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
export const OnboardedStaff = z.strictObject({
  /** The register as it stood at signing (what POST /contracts/{id}/staff records live). */
  register: z.array(EngineerBody).min(1).max(50),
  changes: z
    .array(
      z.strictObject({
        requestId: id,
        kind: z.enum(['requested', 'unannounced']),
        requestedAt: instantSchema,
        effectiveDate: dateSchema,
        remove: z.array(id).max(50),
        add: z.array(EngineerBody).max(50),
        reason: z.string().trim().min(1).max(2000),
        decision: z
          .strictObject({ approved: z.boolean(), decidedAt: instantSchema, note: z.string().max(2000).optional() })
          .optional(),
        withdrawnAt: instantSchema.optional(),
      }),
    )
    .max(100)
    .optional(),
});

/** The times of the entered changes, for the between-signing-and-now check of every onboarded fact. */
export const staffTimes = (s: StaffHistory | undefined): [string, string | undefined][] =>
  (s?.changes ?? []).flatMap((ch, i): [string, string | undefined][] => [
    [`onboarding.staff.changes.${i}.requestedAt`, ch.requestedAt],
    [`onboarding.staff.changes.${i}.decision.decidedAt`, ch.decision?.decidedAt],
    [`onboarding.staff.changes.${i}.withdrawnAt`, ch.withdrawnAt],
  ]);
