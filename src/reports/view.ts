// One shape for every report's printable form: the JSON answer carries the figures; this view
// is what the CSV and PDF renderers draw from it (labels in the reader's language from the
// report catalogue, src/i18n/messages/reports-*.ts; money in yuan; instants +08:00 in both).
import { formatCny } from '../domain/money';
import type { Locale } from '../i18n/locale';
import { COLUMN_LABELS, type ColumnLabel } from '../i18n/messages/reports-columns';
import { fill, type Texts, type Values } from '../i18n/report-text';
import type { RecordHead } from './head';

export type Cell = string | number | boolean | null;
export interface Column {
  key: string;
  label: string;
  width?: number;
  align?: 'left' | 'right';
}
export interface Table {
  heading: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  notes?: string[];
}

export interface ReportView {
  /** The language every text of the view is in (Content-Language of the CSV and PDF). */
  language: Locale;
  /** File name stem in that language, and in ASCII for clients that read no filename* (Content-Disposition). */
  file: string;
  asciiFile: string;
  title: string;
  contract: { id: string; name: string; hospital: string; vendor: string };
  period: string;
  generatedAt: string; // +08:00
  /** Heads of the hash-chained record when the page was made (src/reports/head.ts). */
  recordHead: RecordHead | null;
  landscape?: boolean;
  summary: [string, string][];
  /** The first table is the CSV. */
  tables: Table[];
  /** Clause 8 form: the pages are printed once per copy, each with the signature blocks. */
  form?: { copies: string[]; statement: string; signatures: { party: string; lines: string[] }[] };
}

/** A column of a table: its row key and the catalogue header it prints (the key's own by default). */
export type ColumnSpec = ({ key: ColumnLabel; label?: ColumnLabel } | { key: string; label: ColumnLabel }) &
  Omit<Column, 'key' | 'label'>;
export const columnsIn = (locale: Locale, specs: ColumnSpec[]): Column[] =>
  specs.map((s) => ({ ...s, label: COLUMN_LABELS[s.label ?? (s.key as ColumnLabel)][locale] }));

/** A file name stem in the reader's language and its English one as the ASCII fallback. */
export const fileOf = (texts: Texts, locale: Locale, values: Values) => ({
  file: fill(texts[locale], values),
  asciiFile: fill(texts.en, values).replace(/[^\x20-\x7e]|["\\]/g, '_'),
});

/** The words of the printed form, without its rows, for the JSON answer: a client shows the report's own labels. */
export function printedOf(view: ReportView) {
  return {
    title: view.title,
    period: view.period,
    summary: view.summary.map(([label, text]) => ({ label, text })),
    tables: view.tables.map((t) => ({
      heading: t.heading,
      columns: t.columns.map((c) => ({ key: c.key, label: c.label })),
      ...(t.notes ? { notes: t.notes } : {}),
    })),
    ...(view.form ? { form: view.form } : {}),
  };
}

/** Fen string to yuan with two decimals, no currency sign (spreadsheets sum it). */
export const yuan = (fen: string | bigint): string => formatCny(BigInt(fen)).replace('CNY ', '').replace(/,/g, '');
export const minutes = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 6_000) / 10);
