// CSV of a report's first table: UTF-8 with a byte-order mark so that Excel opens Chinese text
// correctly, CRLF line ends and RFC 4180 quoting.
import type { Cell, ReportView, Table } from '../view';

const BOM = '\uFEFF';

function field(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote what RFC 4180 requires; prefix formulas so that a fact text cannot run in Excel.
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(view: ReportView): Buffer {
  const t = view.tables[0];
  if (!t) return Buffer.from(BOM, 'utf8');
  return renderTableCsv(t);
}

/** One table as CSV (a report's first table, or an exported list: src/reports/list-export.ts). */
export function renderTableCsv(t: Table): Buffer {
  const lines = [t.columns.map((c) => field(c.label)).join(',')];
  for (const row of t.rows) lines.push(t.columns.map((c) => field(row[c.key] ?? null)).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
