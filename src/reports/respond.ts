// One way every report answers: JSON (the figures), CSV or PDF, chosen by ?format= first, then
// by the Accept header; anything else is 406 naming the formats. All three are in one language
// (issue 15): ?lang= first (a download link cannot set a header), then as for errors:
// Accept-Language, the key's preference, zh-CN. Content-Language says which.
import type { Request, Response } from 'express';
import { HttpError, requestLocale } from '../api/errors';
import type { Locale } from '../i18n/locale';
import { renderCsv } from './render/csv';
import { renderPdf } from './render/pdf';
import { printedOf, type ReportView } from './view';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const MEDIA: Record<ReportFormat, string> = { json: 'application/json', csv: 'text/csv', pdf: 'application/pdf' };

export function formatOf(req: Request): ReportFormat {
  const asked = req.query.format;
  if (asked !== undefined) {
    if (typeof asked === 'string' && (REPORT_FORMATS as readonly string[]).includes(asked))
      return asked as ReportFormat;
    throw new HttpError(400, 'INVALID_INPUT', `format: must be one of ${REPORT_FORMATS.join(', ')}`, {
      field: 'format',
    });
  }
  const best = req.accepts([MEDIA.json, MEDIA.csv, MEDIA.pdf]);
  if (!best)
    throw new HttpError(
      406,
      'NOT_ACCEPTABLE',
      `Accept: a report is ${Object.values(MEDIA).join(', ')} (or ?format=json|csv|pdf)`,
      { field: 'accept' },
    );
  return (Object.keys(MEDIA) as ReportFormat[]).find((f) => MEDIA[f] === best)!;
}

/** The report's language: `lang` of the query (checked by the route's schema), else Accept-Language, the key's preference, zh-CN. */
export const reportLocale = (req: Request, lang: Locale | undefined): Locale => lang ?? requestLocale(req);

/**
 * Content-Disposition with the file's name in the reader's language as filename* (RFC 6266,
 * UTF-8) and the English name as the plain filename for clients that read no filename*.
 */
export function attach(res: Response, name: string, ascii: string): void {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`);
}

export async function sendReport(
  res: Response,
  format: ReportFormat,
  json: object,
  view: ReportView,
  fontPath: string,
): Promise<void> {
  res.setHeader('Vary', 'Accept, Accept-Language');
  res.setHeader('Cache-Control', 'no-store'); // figures change with every fact
  res.setHeader('Content-Language', view.language);
  if (format === 'json') {
    // The figures, and the words the printed form gives them in the same language.
    res.json({ ...json, language: view.language, printed: printedOf(view) });
    return;
  }
  const body = format === 'csv' ? renderCsv(view) : await renderPdf(view, fontPath);
  attach(res, `${view.file}.${format}`, `${view.asciiFile}.${format}`);
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}
