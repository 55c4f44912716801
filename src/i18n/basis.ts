// A ledger entry's or payment's basis as the platform wrote it (issue 15): a template key of
// src/i18n/messages/ledger-basis.ts and its values, kept on the row (basis_key, basis_params,
// 420_structured_basis.sql) and rendered in the reader's language at read time. The English
// rendering is also stored as `basis`, the text of old rows and of what a person typed.
import { formatCny } from '../domain/money';
import type { Locale } from './locale';
import { BASIS_TEXT, type BasisKey } from './messages/ledger-basis';
import { writtenIn } from './written';
import { fill } from './report-text';

/** The structured basis: values are strings (fen, days, rates, ids) so they travel in JSON and workflow payloads. */
export interface BasisTemplate {
  key: BasisKey;
  params: Record<string, string>;
}

/** Amounts are integer fen in `...Fen` values: CNY 1,000.00 in English, 1,000.00 元 in Chinese. */
function money(fen: string, locale: Locale): string {
  const en = formatCny(BigInt(fen));
  return locale === 'en' ? en : `${en.replace('CNY ', '')} 元`;
}

/** The basis in one language. */
export function renderBasis(b: BasisTemplate, locale: Locale): string {
  const values = Object.fromEntries(
    Object.entries(b.params).map(([name, v]) => [name, name.endsWith('Fen') ? money(v, locale) : v]),
  );
  return fill(BASIS_TEXT[b.key][locale], values);
}

/** A template and its English text, as the domain hands a basis on (`basis` stays the English sentence). */
export const basisOf = (key: BasisKey, params: Record<string, string | number | bigint>) => {
  const basisTemplate: BasisTemplate = {
    key,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  };
  return { basis: renderBasis(basisTemplate, 'en'), basisTemplate };
};

/**
 * What a stored row says in the reader's language: its template when it has one, else its stored
 * text read back by template (a row written before 420, a basis handed on without its template;
 * a typed basis matches none and stays as typed). src/i18n/record-texts.ts applies it to every record.
 */
export function localizedBasis(row: { basis: string; basisTemplate?: BasisTemplate | null }, locale: Locale): string {
  const t = row.basisTemplate;
  return t && t.key in BASIS_TEXT ? renderBasis(t, locale) : writtenIn(row.basis, locale);
}

/** A row's basis_key and basis_params columns as its template (null for old rows and typed bases). */
export const basisTemplateOf = (key: string | null, params: Record<string, string> | null): BasisTemplate | null =>
  key ? { key: key as BasisKey, params: params ?? {} } : null;
