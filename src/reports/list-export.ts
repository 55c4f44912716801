// Lists exported as CSV (issue 14: "no export": the service desks the hospital knows export every
// list). A client that asks `Accept: text/csv` (and not JSON first) gets the same page the JSON
// list answers, as UTF-8 with a byte-order mark (Excel opens Chinese), CRLF, instants in +08:00,
// money in yuan and fen; anything else gets the JSON list as before. Headers and words follow
// the language as errors do (Accept-Language, the key's preference, zh-CN; issue 15).
import type { Request, Response } from 'express';
import { requestLocale } from '../api/errors';
import type { Locale } from '../i18n/locale';
import { AWAITING, FAULT_STATUS, LEDGER_STATUS, LIST_TEXT, PAGE_TEXT } from '../i18n/messages/reports-common';
import { speaker, word, type Texts } from '../i18n/report-text';
import { renderTableCsv } from './render/csv';
import { shanghaiIso } from './periods';
import { attach } from './respond';
import { columnsIn, fileOf, yuan, type Cell, type ColumnSpec } from './view';

export interface ListCsv<T> {
  file: Texts;
  heading: Texts;
  columns: ColumnSpec[];
  row: (item: T, locale: Locale) => Record<string, Cell>;
}

const instant = (v: unknown): Cell =>
  v === null || v === undefined ? null : shanghaiIso(new Date(v as string).getTime());

export function sendList<T>(req: Request, res: Response, items: T[], csv: ListCsv<T>): void {
  res.setHeader('Vary', 'Accept, Accept-Language');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
    res.json({ items });
    return;
  }
  const locale = requestLocale(req);
  const say = speaker(locale);
  const body = renderTableCsv({
    heading: say(csv.heading),
    columns: columnsIn(locale, csv.columns),
    rows: items.map((item) => csv.row(item, locale)),
  });
  const { file, asciiFile } = fileOf(csv.file, locale, {});
  attach(res, `${file}.csv`, `${asciiFile}.csv`);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Language', locale);
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

/** GET /faults as CSV: one line per case of the page; the status key and its words in the reader's language, as the ledger's. */
export const FAULT_LIST_CSV: ListCsv<Record<string, unknown>> = {
  file: LIST_TEXT.faultsFile,
  heading: LIST_TEXT.faults,
  columns: [
    { key: 'caseId' },
    { key: 'contractId', label: 'contract' },
    { key: 'caseNo' },
    { key: 'level' },
    { key: 'title' },
    { key: 'status' },
    { key: 'statusText' },
    { key: 'breached' },
    { key: 'awaiting' },
    { key: 'reportedAt' },
    { key: 'nextDeadlineAt' },
  ],
  row: (c, locale) => ({
    caseId: c.caseId as string,
    contractId: c.contractId as string,
    caseNo: c.caseNo as number,
    level: c.level as number,
    title: c.title as string,
    status: c.status as string,
    statusText: word(FAULT_STATUS, c.status as string, locale),
    breached: speaker(locale)(c.breached ? PAGE_TEXT.yes : PAGE_TEXT.no),
    awaiting: word(AWAITING, c.awaiting as string, locale),
    reportedAt: instant(c.reportedAt),
    nextDeadlineAt: instant(c.nextDeadlineAt),
  }),
};

/** GET /ledger as CSV: one line per entry of the page, with its current status (clause 6). */
export const LEDGER_LIST_CSV: ListCsv<{
  id: string;
  contractId: string;
  contractYear: number;
  clause: string;
  caseId: string;
  fact: string;
  occurredAt: string;
  amountFen: string;
  status: string;
  statusReason: string | null;
  compensates: string | null;
}> = {
  file: LIST_TEXT.ledgerFile,
  heading: LIST_TEXT.ledger,
  columns: [
    { key: 'id', label: 'entry' },
    { key: 'contractId', label: 'contract' },
    { key: 'contractYear' },
    { key: 'clause' },
    { key: 'caseId' },
    { key: 'fact' },
    { key: 'occurredAt' },
    { key: 'yuan', label: 'amountCny' },
    { key: 'amountFen' },
    { key: 'status' },
    { key: 'statusText' },
    { key: 'compensates' },
  ],
  row: (e, locale) => ({
    id: e.id,
    contractId: e.contractId,
    contractYear: e.contractYear,
    clause: e.clause,
    caseId: e.caseId,
    fact: e.fact,
    occurredAt: instant(e.occurredAt),
    yuan: yuan(e.amountFen),
    amountFen: e.amountFen,
    status: e.status,
    statusText: word(LEDGER_STATUS, e.status, locale),
    compensates: e.compensates,
  }),
};
