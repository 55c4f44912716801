// How a report finds its words (issue 15): every text a report writes (titles, column headers,
// labels, status words, clause captions, period names, totals, footers, file names) is an entry
// of the report catalogue (src/i18n/messages/reports-*.ts) with its zh-CN and en, `{name}`
// marking a value. The reports in src/reports hold no text of their own
// (test/unit/report-texts.test.ts fails on a Chinese literal there).
import type { Locale } from './locale';

/** One text in both languages. */
export type Texts = Record<Locale, string>;
export const tx = (zh: string, en: string): Texts => ({ 'zh-CN': zh, en });

export type Values = Record<string, string | number>;

/** The template with each `{name}` replaced by its value (a missing value keeps its mark, so it shows). */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{([a-zA-Z0-9]+)\}/g, (mark, name: string) =>
    values[name] === undefined ? mark : String(values[name]),
  );
}

/** A report's voice in one language: `t(TEXTS.title, { year })`. */
export type Say = (texts: Texts, values?: Values) => string;
export const speaker =
  (locale: Locale): Say =>
  (texts, values) =>
    fill(texts[locale], values);

/** The text of a word table's entry (statuses, verdicts), or the word itself when the table has none. */
export function word(table: Record<string, Texts>, key: string, locale: Locale): string {
  return table[key]?.[locale] ?? key;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An English template ("the report of {period} ...") as a pattern matching its messages, and its placeholders' names in order. */
export function templatePattern(en: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = en
    .split(/(\{[a-zA-Z0-9]+\})/)
    .map((part) => {
      const m = /^\{([a-zA-Z0-9]+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '([\\s\\S]*?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}
