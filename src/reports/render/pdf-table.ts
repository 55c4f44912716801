// A report's PDF page geometry (A4 in points: the header and footer bands, the margin) and its
// tables: each column's text shrunk to fit its width, a grey header row repeated on each new
// page, a row that does not fit starting a new page, and the table's notes below it. Used by
// pdf.ts.
import { PAGE_TEXT } from '../../i18n/messages/reports-common';
import type { Say } from '../../i18n/report-text';
import type { Cell, Table } from '../view';

export type Doc = PDFKit.PDFDocument;
export const HEADER_H = 90;
export const FOOTER_H = 36;
export const MARGIN = 36;

const text = (v: Cell) => (v === null || v === undefined ? '—' : String(v));

/**
 * The font size at which the cell's longest word fits its column, down to 3/4 of the table's:
 * Chinese breaks between any two characters, but an English header ("Replacement met") or
 * status ("confirmed") cut inside a word reads wrong. Longer tokens (ids, instants) still wrap.
 */
function fitting(doc: Doc, s: string, width: number, size: number): number {
  // Chinese runs wrap anywhere, so only the runs of other letters count as words.
  const words = s.match(/[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [];
  const longest = Math.max(0, ...words.map((w) => doc.fontSize(size).widthOfString(w)));
  return longest <= width ? size : Math.max((size * width) / longest, size * 0.75);
}

export function drawTable(doc: Doc, t: Table, say: Say): void {
  const width = doc.page.width - 2 * MARGIN;
  const total = t.columns.reduce((a, c) => a + (c.width ?? 1), 0);
  const widths = t.columns.map((c) => (width * (c.width ?? 1)) / total);
  const size = t.columns.length > 10 ? 7 : 8.5;
  const bottom = () => doc.page.height - FOOTER_H - 6;
  const sizeOf = (s: string, i: number) => fitting(doc, s, widths[i]! - 4, size);
  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((s, i) => doc.fontSize(sizeOf(s, i)).heightOfString(s, { width: widths[i]! - 4 }))) + 4;
  const drawRow = (cells: string[], header: boolean) => {
    const h = rowHeight(cells);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!header)
        drawRow(
          t.columns.map((c) => c.label),
          true,
        );
    }
    const y = doc.y;
    let x = MARGIN;
    if (header) doc.rect(MARGIN, y, width, h).fill('#e8e8e8').fillColor('black');
    cells.forEach((s, i) => {
      doc
        .fontSize(sizeOf(s, i))
        .fillColor('black')
        .text(s, x + 2, y + 2, { width: widths[i]! - 4, align: t.columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  if (doc.y + 40 > bottom()) doc.addPage();
  doc.fontSize(11).text(t.heading, MARGIN, doc.y + 8);
  doc.moveDown(0.3);
  drawRow(
    t.columns.map((c) => c.label),
    true,
  );
  if (t.rows.length === 0) doc.fontSize(size).text(say(PAGE_TEXT.noRows), MARGIN + 2, doc.y + 2);
  for (const r of t.rows)
    drawRow(
      t.columns.map((c) => text(r[c.key] ?? null)),
      false,
    );
  for (const n of t.notes ?? [])
    doc
      .fontSize(7.5)
      .fillColor('#444444')
      .text(n, MARGIN, doc.y + 3, { width })
      .fillColor('black');
}
