// What a report's PDF shows, read with the toolchain's poppler (pdftotext, pdfinfo, pdftoppm,
// pdffonts): its text, its pages and whether every page renders, its page size and its fonts.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PdfRead {
  text: string;
  pages: number;
  rendered: number;
  pageSize: string;
  fonts: string[];
  allEmbedded: boolean;
}

/**
 * pdftotext of the whole PDF, the number of pages pdftoppm rendered (every page must render),
 * the page size pdfinfo reads and whether every font pdffonts lists is embedded. `dir` is a
 * directory of the test's own; `name` tells this PDF's files apart in it.
 */
export function readPdf(bytes: Buffer, dir: string, name: string): PdfRead {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pageSize = /Page size:\s+(.+)/.exec(info)![1]!.trim();
  execFileSync('pdftoppm', ['-r', '20', '-png', file, path.join(dir, name)]);
  const rendered = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
  // pdffonts: two header lines, then one line per font ending "emb sub uni object ID".
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trimEnd().split('\n').slice(2);
  const allEmbedded = fonts.length > 0 && fonts.every((l) => /\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l));
  return { text, pages, rendered, pageSize, fonts, allEmbedded };
}
