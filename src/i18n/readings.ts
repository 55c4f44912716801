// A reading as a record carries it (a fault's deadline, a ledger entry's penalty, a remediation
// notice): the English sentence of src/i18n/messages/readings.ts with its values, written into
// workflow histories and rows before the Chinese existed. Read back in the reader's language by
// matching the English templates, as the error catalogue reads raised messages (issue 15).
import type { Locale } from './locale';
import { READING_TEXT } from './messages/readings';
import { fill, templatePattern, type Texts } from './report-text';

const COMPILED: { texts: Texts; pattern: RegExp; names: string[] }[] = Object.values(READING_TEXT).map((texts) => ({
  texts,
  ...templatePattern(texts.en),
}));

/** The stored reading in the reader's language; a text no template matches (typed, older) stays as stored. */
export function readingIn<T extends string | null | undefined>(text: T, locale: Locale): T {
  if (!text || locale === 'en') return text;
  for (const c of COMPILED) {
    const m = c.pattern.exec(text);
    if (m) return fill(c.texts[locale], Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? '']))) as T;
  }
  return text;
}
