// One way every report answers: JSON (the figures), CSV or PDF, chosen by ?format= first, then
// by the Accept header; anything else is 406 naming the formats.
import type { Request, Response } from 'express';
import { HttpError } from '../api/errors';
import { renderCsv } from './render/csv';
import { renderPdf } from './render/pdf';
import type { ReportView } from './view';

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

export async function sendReport(
  res: Response,
  format: ReportFormat,
  json: object,
  view: ReportView,
  fontPath: string,
): Promise<void> {
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', 'no-store'); // figures change with every fact
  if (format === 'json') {
    res.json(json);
    return;
  }
  const body = format === 'csv' ? renderCsv(view) : await renderPdf(view, fontPath);
  res.attachment(`${view.slug}.${format}`);
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}
