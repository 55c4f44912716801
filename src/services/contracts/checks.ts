// The checks of a new contract (fees, go-live date, terms; clause 3), shared by the registration
// and the onboarding's dry run, and the request hash that recognises a retried request.
import { createHash } from 'node:crypto';
import type * as q from '../../db/queries/contracts';
import { ValidationError } from '../../domain/errors';
import type { ContractTerms, TermsOverrides } from '../../domain/terms';
import { resolveTerms } from '../../domain/terms-schema';

/** A contract as registered: the row's own fields (db/queries/contracts), the go-live date optional, and the terms' overrides. */
export type NewContract = Pick<
  q.ContractRow,
  'id' | 'name' | 'hospital' | 'vendor' | 'signedAt' | 'amountFen' | 'yearlyFees' | 'termYears' | 'timeZone'
> & { goLiveDate?: string | null; terms?: TermsOverrides };

/** A stable hash of a request body, so a retried request is recognised as the same one. */
export function requestHash(body: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(body)))
    .digest('hex');
}

/** resolveTerms names fields relative to the terms; the API names them from the body. */
export function resolveAt(prefix: string, overrides: TermsOverrides): ContractTerms {
  try {
    return resolveTerms(overrides);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new ValidationError(e.code, `${prefix}.${e.message}`, {
        field: `${prefix}.${e.field ?? ''}`,
        clause: e.clause,
      });
    throw e;
  }
}

/** The checks of a new contract (fees, go-live date, terms), shared by the registration and its dry run. */
export function checkContract(c: NewContract): ContractTerms {
  if (c.yearlyFees.length !== c.termYears)
    throw new ValidationError(
      'YEARLY_FEES_MISMATCH',
      `yearlyFees must list one fee per contract year (${c.termYears}), got ${c.yearlyFees.length} (clause 10)`,
      { field: 'yearlyFees', clause: '10' },
    );
  const sum = c.yearlyFees.reduce((a, f) => a + BigInt(f), 0n);
  if (sum !== BigInt(c.amountFen))
    throw new ValidationError(
      'YEARLY_FEES_MISMATCH',
      `yearlyFees sum to ${sum} fen but amountFen is ${c.amountFen} (clause 10)`,
      { field: 'yearlyFees', clause: '10' },
    );
  const overrides: TermsOverrides = { ...(c.terms ?? {}) };
  if (c.goLiveDate) {
    const given = c.terms?.goLive?.date;
    if (given !== undefined && given !== c.goLiveDate)
      throw new ValidationError('GO_LIVE_MISMATCH', 'goLiveDate and terms.goLive.date differ (clause 6.3)', {
        field: 'goLiveDate',
        clause: '6.3',
      });
    overrides.goLive = { ...(c.terms?.goLive ?? {}), date: c.goLiveDate };
  }
  return resolveAt('terms', overrides);
}
