// PDF of a report: A4, the Chinese font embedded (REPORT_FONT_PATH, subset by pdfkit), on every
// page a header with the contract, the period, the generation time (+08:00) and the record's
// head hash, and a footer with the page number, so each printed page commits to the record.
// The page's own words are the view's language (src/i18n/messages/reports-common.ts); the one
// font draws both, as a report in English still names a Chinese hospital and Chinese facts.
// The page's geometry and its tables: pdf-table.ts.
import PDFDocument from 'pdfkit';
import { PAGE_TEXT } from '../../i18n/messages/reports-common';
import { speaker, type Say } from '../../i18n/report-text';
import { headLines } from '../head';
import type { ReportView } from '../view';
import { drawTable, FOOTER_H, HEADER_H, MARGIN, type Doc } from './pdf-table';

/** "path" or "path#PostScriptName" (a .ttc collection needs the name; WenQuanYi Micro Hei by default). */
function registerFont(doc: Doc, fontPath: string): void {
  const [file, name] = fontPath.split('#') as [string, string | undefined];
  doc.registerFont('cjk', file, name ?? (file.endsWith('.ttc') ? 'WenQuanYiMicroHei' : undefined));
  doc.font('cjk');
}

function drawSummary(doc: Doc, summary: [string, string][]): void {
  for (const [k, v] of summary) {
    const y = doc.y;
    doc.fontSize(9.5).text(k, MARGIN, y, { width: 150 });
    doc.text(v, MARGIN + 155, y, { width: doc.page.width - 2 * MARGIN - 155 });
    doc.y = Math.max(doc.y, y + 13);
  }
}

function drawForm(doc: Doc, view: ReportView, copy: string, say: Say): void {
  const f = view.form!;
  doc.fontSize(9).fillColor('#444444').text(copy, MARGIN, doc.y, { align: 'right' }).fillColor('black');
  doc.fontSize(16).text(view.title, { align: 'center' });
  doc.moveDown(0.5);
  drawSummary(doc, view.summary);
  for (const t of view.tables) drawTable(doc, t, say);
  doc
    .moveDown(0.8)
    .fontSize(9.5)
    .text(f.statement, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(1);
  if (doc.y + 150 > doc.page.height - FOOTER_H) doc.addPage();
  const colW = (doc.page.width - 2 * MARGIN) / f.signatures.length;
  const top = doc.y;
  f.signatures.forEach((s, i) => {
    const x = MARGIN + i * colW;
    doc.fontSize(10.5).text(s.party, x, top, { width: colW - 10 });
    s.lines.forEach((line, j) => doc.fontSize(9.5).text(line, x, top + 22 + j * 26, { width: colW - 10 }));
    doc
      .rect(x + colW - 100, top + 18, 80, 80)
      .lineWidth(0.5)
      .dash(3, { space: 2 })
      .strokeColor('#888888')
      .stroke()
      .undash();
    doc
      .fontSize(7.5)
      .fillColor('#888888')
      .text(say(PAGE_TEXT.seal), x + colW - 100, top + 100, { width: 80, align: 'center' })
      .fillColor('black');
  });
  doc.y = top + 130;
  doc.x = MARGIN;
}

function stamp(doc: Doc, view: ReportView, say: Say): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const w = doc.page.width - 2 * MARGIN;
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // drawing in the footer must not start a new page
    doc.fontSize(12).fillColor('black').text(view.title, MARGIN, 18, { width: w, lineBreak: false });
    doc.fontSize(8).fillColor('#333333');
    doc.text(say(PAGE_TEXT.contractLine, view.contract), MARGIN, 36, { width: w, lineBreak: false });
    doc.text(say(PAGE_TEXT.periodLine, { period: view.period, generatedAt: view.generatedAt }), MARGIN, 47, {
      width: w,
      lineBreak: false,
    });
    headLines(view.recordHead, view.language).forEach((line, j) =>
      doc.fontSize(7).text(say(PAGE_TEXT.headLine, { line }), MARGIN, 58 + j * 10, { width: w, lineBreak: false }),
    );
    doc
      .moveTo(MARGIN, HEADER_H - 6)
      .lineTo(MARGIN + w, HEADER_H - 6)
      .lineWidth(0.5)
      .strokeColor('#666666')
      .stroke();
    doc
      .fontSize(8)
      .fillColor('#333333')
      .text(
        say(PAGE_TEXT.footer, { page: i - range.start + 1, pages: range.count }),
        MARGIN,
        doc.page.height - FOOTER_H + 12,
        {
          width: w,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = keep;
  }
}

export function renderPdf(view: ReportView, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: view.landscape ? 'landscape' : 'portrait',
    bufferPages: true,
    autoFirstPage: true,
    margins: { top: HEADER_H + 4, bottom: FOOTER_H + 4, left: MARGIN, right: MARGIN },
    info: { Title: view.title, Author: 'weibao', Subject: `${view.contract.id} ${view.period}` },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFont(doc, fontPath);
  const say = speaker(view.language);
  if (view.form) {
    view.form.copies.forEach((copy, i) => {
      if (i > 0) doc.addPage();
      drawForm(doc, view, copy, say);
    });
  } else {
    drawSummary(doc, view.summary);
    for (const t of view.tables) drawTable(doc, t, say);
  }
  stamp(doc, view, say);
  doc.end();
  return done;
}
