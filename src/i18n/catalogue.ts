// The one catalogue of the platform's error messages (issue 15): each error code with the
// clause it enforces and its sentences in English and Chinese. The code is what clients key
// on; the sentence is for the person reading it. Raising code states the English sentence
// (it is also what the logs and the audit trail read); the error mapper (src/api/errors.ts)
// finds the entry of the same code whose English pattern it matches and writes the Chinese
// sentence with the same values. test/unit/error-catalogue.test.ts checks that every message
// raised in src/ matches an entry, so a new message without its Chinese fails the suite.
import type { Locale } from './locale';
import { EDGE_MESSAGES } from './messages/edge';
import { RECORD_MESSAGES } from './messages/records';
import { CASE_MESSAGES } from './messages/cases';
import { OBLIGATION_MESSAGES } from './messages/obligations';
import { SERVICE_MESSAGES } from './messages/service';
import { translateValue } from './glossary';
import { templatePattern } from './report-text';

export { templatePattern };

/** One sentence of one code: `{name}` marks a value taken from the English and put into the Chinese. */
export interface MessageEntry {
  code: string;
  /** The clause of ../shared/contract/clauses.md the refusal enforces, when one does. */
  clause?: string;
  /** The clause is the case's, passed in by the rule that refuses (a fault action's 4.9.x, a family's own). */
  caseClause?: true;
  en: string;
  zh: string;
}

export const MESSAGES: readonly MessageEntry[] = [
  ...EDGE_MESSAGES,
  ...RECORD_MESSAGES,
  ...CASE_MESSAGES,
  ...OBLIGATION_MESSAGES,
  ...SERVICE_MESSAGES,
];

interface Compiled {
  entry: MessageEntry;
  pattern: RegExp;
  names: string[];
}
const compile = (entry: MessageEntry): Compiled => ({ entry, ...templatePattern(entry.en) });

const BY_CODE = new Map<string, Compiled[]>();
for (const e of MESSAGES) BY_CODE.set(e.code, [...(BY_CODE.get(e.code) ?? []), compile(e)]);

/** The catalogue entry an English message of this code was raised from, with its values. */
export function findMessage(
  code: string,
  english: string,
): { entry: MessageEntry; values: Record<string, string> } | undefined {
  for (const c of BY_CODE.get(code) ?? []) {
    const m = c.pattern.exec(english);
    if (m) return { entry: c.entry, values: Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? ''])) };
  }
  return undefined;
}

/**
 * The message in the reader's language. English is the sentence as raised. Chinese is the
 * entry's sentence with the same values (enumerated words such as statuses and roles put into
 * Chinese too); a message no entry matches stays English rather than being lost.
 */
export function localizeMessage(code: string, english: string, locale: Locale): string {
  if (locale === 'en') return english;
  const found = findMessage(code, english);
  if (found) return zhOf(found);
  // An entered fact a live rule refused (onboarding): `<field>: <the rule's own sentence>`, under whichever code it has.
  const wrapped = /^([A-Za-z0-9_.]+): (.+)$/s.exec(english);
  if (code !== 'INVALID_INPUT' || !wrapped) return english;
  for (const c of BY_CODE.keys()) {
    const inner = findMessage(c, wrapped[2]!);
    if (inner) return `${wrapped[1]}：${zhOf(inner)}`;
  }
  return english;
}

const zhOf = (found: { entry: MessageEntry; values: Record<string, string> }) =>
  found.entry.zh.replace(/\{([a-zA-Z0-9]+)\}/g, (_, name: string) => translateValue(found.values[name] ?? ''));

/** Every code with its clause and first sentence in both languages, for documentation. */
export function errorCodes(): { code: string; clause?: string; en: string; zh: string }[] {
  return [...BY_CODE.values()].map(([c]) => ({
    code: c!.entry.code,
    ...(c!.entry.clause ? { clause: c!.entry.clause } : {}),
    en: c!.entry.en,
    zh: c!.entry.zh,
  }));
}
