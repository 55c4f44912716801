// A contract's request and answer shapes (clause 3): its id and amounts, the term overrides at
// registration and amendment, the contract as the API answers it, and the terms at an instant.
import { z } from 'zod';
import { instantOut } from '../instants';
import { fenOut } from './money-schemas';
import { dateSchema, instantSchema } from '../validate';
import { termsSchema } from '../../domain/terms-schema';
import { Onboarding } from '../onboarding';

export const contractIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . - (no colons: ids appear in workflow ids)');
export const fenSchema = z.string().regex(/^\d{1,18}$/, 'must be non-negative integer fen as a string');
const section = z.record(z.string(), z.unknown()).optional();
/**
 * A contract's term overrides at registration and amendment: every section of the terms
 * (domain/terms-schema.ts), each validated field by field by the domain's resolveTerms (400 naming
 * terms.<field> and the clause). Built from the terms' own sections, so a new section is
 * overridable at once (the 4.4 `services` section was refused as an unknown key).
 */
export const TermsOverridesSchema = z.strictObject(
  Object.fromEntries(Object.keys(termsSchema.shape).map((name) => [name, section])) as Record<
    keyof typeof termsSchema.shape,
    typeof section
  >,
);

export const CreateContract = z.strictObject({
  id: contractIdSchema.optional(),
  name: z.string().min(1).max(200),
  hospital: z.string().min(1).max(200),
  vendor: z.string().min(1).max(200),
  signedAt: instantSchema,
  amountFen: fenSchema.refine((v) => /^\d+$/.test(v) && BigInt(v) > 0n, 'must be positive integer fen'),
  yearlyFees: z.array(fenSchema).min(1).max(10),
  termYears: z.number().int().min(1).max(10).default(3),
  timeZone: z
    .literal('Asia/Shanghai', { message: 'only Asia/Shanghai is supported for now (clauses.md "Calendars and time")' })
    .default('Asia/Shanghai'),
  goLiveDate: dateSchema.nullable().optional(),
  terms: TermsOverridesSchema.optional(),
  onboarding: Onboarding.optional(),
});
const Terms = z.record(z.string(), z.unknown()).describe('the contract terms of this version (src/domain/terms.ts)');
export const Contract = z.object({
  id: z.string(),
  name: z.string(),
  hospital: z.string(),
  vendor: z.string(),
  signedAt: instantOut,
  amountFen: fenOut,
  yearlyFees: z.array(fenOut),
  termYears: z.number().int(),
  timeZone: z.string().describe('Asia/Shanghai'),
  goLiveDate: z.iso.date().nullable(),
  status: z.enum(['active', 'ended']),
  endedAt: instantOut.nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instantOut,
  termsVersion: z.number().int(),
  terms: Terms,
  readings: z
    .array(z.object({ parameter: z.string(), clause: z.string(), value: z.string(), reading: z.string() }))
    .describe(
      "the open readings of the clauses these terms apply; reading in the answer's language (Content-Language)",
    ),
  latestVersion: z.number().int(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      effectiveAt: instantOut,
      terms: Terms,
      reason: z.string().nullable(),
      createdBy: z.string(),
      createdAt: instantOut,
    }),
  ),
  termExtensions: z.array(
    z.object({
      contractYear: z.number().int(),
      untilAt: instantOut.nullable(),
      reason: z.string(),
      recordedAt: instantOut,
    }),
  ),
  termEndsAt: instantOut.nullable(),
  currentContractYear: z.number().int().nullable(),
});
export const TermsAt = z.object({
  contractId: z.string(),
  version: z.number().int(),
  effectiveAt: instantOut,
  terms: Terms,
  amountFen: fenOut,
  signedAt: instantOut,
  termYears: z.number().int(),
  timeZone: z.string().describe('Asia/Shanghai'),
  goLiveDate: z.iso.date().nullable(),
});
