// Onboarding a running contract (issue 10 item 4): the `onboarding.dongle` block (4.10, 6.6), the
// vendor's declaration, the hospital's verification and the restrictions it found, each at its
// time, and the checks that refuse what the live dongle case would not take (400 naming the field
// and the clause). The dongle workflow enters them (dongle-past.ts) and judges them as live.
import { z } from 'zod';
import { invalid } from './errors';
import { instantSchema } from './validate';

const ms = (s: string) => Date.parse(s);
const itemId = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');

/** 4.10 / 6.6: the vendor's declaration, the hospital's verification and the restrictions it found, each at its time. */
export const OnboardedDongle = z.strictObject({
  declaredAt: instantSchema.optional(),
  verifiedAt: instantSchema.optional(),
  findings: z
    .array(
      z.strictObject({
        findingId: itemId,
        foundAt: instantSchema.describe('when the hospital found the restriction (6.6)'),
        description: z.string().trim().min(1).max(2000),
        /** Refused: the 6.6 exception is judged on hospital changes recorded on the platform. */
        relatedChangeId: z.string().max(200).optional(),
      }),
    )
    .max(50)
    .optional(),
});
/** 4.10, 6.6: a verification follows its declaration; each finding once, judged without a hospital change (6.6 exception). */
export function checkOnboardedDongle(d: z.infer<typeof OnboardedDongle>): void {
  if (d.verifiedAt && !d.declaredAt)
    throw invalid('onboarding.dongle.verifiedAt', 'a verification follows a declaration (declaredAt)', '4.10');
  if (d.verifiedAt && ms(d.verifiedAt) < ms(d.declaredAt!))
    throw invalid('onboarding.dongle.verifiedAt', 'verified before it was declared', '4.10');
  const ids = new Set<string>();
  for (const [i, f] of (d.findings ?? []).entries()) {
    if (ids.has(f.findingId))
      throw invalid(`onboarding.dongle.findings.${i}.findingId`, 'finding ids are unique', '6.6');
    ids.add(f.findingId);
    if (f.relatedChangeId !== undefined)
      throw invalid(
        `onboarding.dongle.findings.${i}.relatedChangeId`,
        "the 6.6 exception is judged on the hospital's changes recorded on the platform, which a finding entered at onboarding cannot cite; a restriction the exception covers proposes nothing: leave it out",
        '6.6',
      );
  }
}
