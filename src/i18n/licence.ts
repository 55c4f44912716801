// A licence's renewal request (4.4): its title and description are written by the platform when
// the licence is registered (POST /contracts/{id}/licences), in English, which the workflow's
// input keeps (histories replay it, so it is never rewritten). They are read back in the
// reader's language (issue 15) on a licence's record only: a title or description a person typed
// on a raised request stays as typed, whatever it starts with.
import type { Locale } from './locale';
import { fill, templatePattern, tx } from './report-text';

export const LICENCE_TEXT = {
  title: tx('许可证 {name}', 'licence {name}'),
  description: tx(
    '在 {expiresOn} 当日结束、许可证 {name} 失效前为其续期（4.4）',
    'renew licence {name} before it lapses at the end of {expiresOn} (4.4)',
  ),
};

const COMPILED = Object.entries(LICENCE_TEXT).map(([field, texts]) => ({ field, texts, ...templatePattern(texts.en) }));

/** The record (a request as raised, its state, a list item) with a licence's written title and description in `locale`. */
export function licenceTextsIn<T>(record: T, locale: Locale): T {
  const r = record as Record<string, unknown>;
  if (locale === 'en' || r.origin !== 'licence') return record;
  const out: Record<string, unknown> = { ...r };
  for (const c of COMPILED) {
    const m = typeof r[c.field] === 'string' ? c.pattern.exec(r[c.field] as string) : null;
    // the values (a licence's name, a date) are put in as they are: a name is never a word to translate
    if (m) out[c.field] = fill(c.texts[locale], Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? ''])));
  }
  return out as T;
}
