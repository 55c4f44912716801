// One shape for every report's printable form: the JSON answer carries the figures; this view
// is what the CSV and PDF renderers draw from it (Chinese labels, money in yuan).
import { formatCny } from '../domain/money';
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
  /** File name stem, ASCII. */
  slug: string;
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

/** Fen string to yuan with two decimals, no currency sign (spreadsheets sum it). */
export const yuan = (fen: string | bigint): string => formatCny(BigInt(fen)).replace('CNY ', '').replace(/,/g, '');
export const minutes = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 6_000) / 10);
