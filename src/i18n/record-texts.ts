// A case record's state as the reader reads it (issue 15): the texts the workflow wrote into it
// (an onboarded statement, a penalty's reading, basis and withdrawal reason, a fact's detail)
// in the reader's language, wherever the state nests them. Each is read back by template
// (src/i18n/written.ts), so what a person typed (a statement, a description) stays as typed and
// the stored English, which histories replay, is never rewritten.
import type { Locale } from './locale';
import { localizedBasis, type BasisTemplate } from './basis';
import { writtenIn } from './written';

/** The fields whose text the platform writes (a person's typed text under them matches no template). */
const WRITTEN_FIELDS = new Set(['statement', 'systemCheck', 'reading', 'reason', 'withdrawn', 'statusReason', 'cause']);

function textsIn(v: unknown, locale: Locale): unknown {
  if (Array.isArray(v)) return v.map((x) => textsIn(x, locale));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o))
    out[k] = typeof x === 'string' && WRITTEN_FIELDS.has(k) ? writtenIn(x, locale) : textsIn(x, locale);
  // A basis with its template renders from it; one written before templates is read back like the rest.
  if (typeof o.basis === 'string')
    out.basis = o.basisTemplate
      ? localizedBasis({ basis: o.basis, basisTemplate: o.basisTemplate as BasisTemplate }, locale)
      : writtenIn(o.basis, locale);
  return out;
}

/** The record's state with its platform-written texts in `locale` (English: as stored). */
export const recordTextsIn = <T>(state: T, locale: Locale): T =>
  locale === 'en' ? state : (textsIn(state, locale) as T);
