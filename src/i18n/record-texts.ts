// A record as the reader reads it (issue 15), the one way for every read: a case record's state,
// a ledger entry, a payment, a fault's deadlines and penalties. The texts the platform wrote into
// it (an onboarded statement, a reading, a fact, a reason, a withdrawal's cause, a deadline's
// note) come back in the reader's language by template (src/i18n/written.ts), wherever they
// nest; a basis renders from its template (420_structured_basis.sql) when it has one and is
// read back by template when it has none (a row written before 420, the dry run's proposals).
// What a person typed (a statement, a description, a dispute's reason) matches no template and
// stays as typed; the stored English, which histories replay, is never rewritten.
import type { Locale } from './locale';
import { localizedBasis, type BasisTemplate } from './basis';
import { writtenIn } from './written';

/** The fields whose text the platform writes (a person's typed text under them matches no template). */
const WRITTEN_FIELDS = new Set([
  'statement',
  'systemCheck',
  'reading',
  'reason',
  'withdrawn',
  'statusReason',
  'cause',
  'fact',
  'note',
  'voided',
  'why',
  'penalty',
  'obligation', // what an onboarding dry run's deadline or unpriced breach is about
  'rule', // the rule a past quarter was judged by (dry run, 4.1/4.3)
  // who did it: a name as typed, or the platform's label of an onboarding entry ('<key> (entered at onboarding)')
  'by',
  'actor',
  'name',
  'action', // a history line's: the fact's code, or the platform's sentence about it (a superseded deadline)
  'releasedBy', // what released a payment: 'signing', or the acceptance of a year (clause 10)
  'addedBy', // who put an engineer on the register (4.2): a key's name, or '<key> (entered at onboarding)'
  'requestedBy', // who requested an engineer change (4.2), likewise
]);

function textsIn(v: unknown, locale: Locale): unknown {
  if (Array.isArray(v)) return v.map((x) => textsIn(x, locale));
  if (!v || typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o))
    out[k] = typeof x === 'string' && WRITTEN_FIELDS.has(k) ? writtenIn(x, locale) : textsIn(x, locale);
  if (typeof o.basis === 'string')
    out.basis = localizedBasis({ basis: o.basis, basisTemplate: o.basisTemplate as BasisTemplate | null }, locale);
  return out;
}

/**
 * The record (any JSON value: a state, a row, a list of them) with its platform-written texts in
 * `locale`. English is the stored text, but a basis with its template renders from it there too.
 */
export const recordTextsIn = <T>(record: T, locale: Locale): T => textsIn(record, locale) as T;
