// Report 3: the yearly O&M record (运维记录, clause 3) that the yearly acceptance needs: the
// year's faults, inspections with their reports and remediation (4.3, 4.6), care visits (4.1),
// staff changes (4.2), rectification penalties (6.3), service requests (4.4-5.4, issue 18) and
// the documents filed for them, each at its latest version with its sha256. This is the
// acceptance package with its documents. The faults are a summary per level with the cases by
// id and verdict, a page at a time (fault-summary.ts), so a year of 100,000 cases stays a
// record one can print and submit.
import type { ContractRow, Db } from '../db/queries/contracts';
import * as cy from '../db/queries/cycles';
import {
  omDocuments,
  omRectificationItems,
  omServiceRequests,
  omStaffChanges,
  statementEntries,
} from '../db/queries/reports';
import { contractYearSpan } from '../domain/contract-year';
import { extensionsOf } from '../services/contracts';
import { faultSection } from './fault-summary';
import type { Locale } from '../i18n/locale';
import { recordTextsIn } from '../i18n/record-texts';
import { PAGE_TEXT } from '../i18n/messages/reports-common';
import { OM_TEXT as T } from '../i18n/messages/reports-om';
import { speaker } from '../i18n/report-text';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import { omTables } from './om-record-tables';
import { fileOf, type ReportView } from './view';

interface Remediation {
  id: string;
  finding: string;
  deadline: string;
  status: string;
  resolvedAt?: string;
}
interface Inspection {
  quarter: number;
  status: string;
  submittedAt: Date | null;
  report: { documentRef?: string; sha256?: string } | null;
  remediation: Remediation[] | null;
  history?: unknown;
}
interface CareLog {
  occurredAt: Date;
  kind: string;
  withWhom: string;
  topics: string[] | null;
}
/** The O&M record of contract year `year` as plain JSON (also the acceptance package's content). */
export async function omRecordData(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  page: { after?: number; limit?: number } = {},
) {
  const span = contractYearSpan(Date.parse(c.signedAt), year, await extensionsOf(db, c.id));
  const toMs = span.endMs === null || span.endMs > nowMs ? nowMs : span.endMs;
  const day = (ms: number) => shanghaiIso(ms).slice(0, 10); // Asia/Shanghai calendar date of an instant
  const [
    faults,
    inspections,
    careLogs,
    carePeriods,
    staffChanges,
    ledger,
    documents,
    acceptance,
    record,
    rectificationItems,
    serviceRequests,
  ] = await Promise.all([
    faultSection(db, c.id, year, { fromMs: span.startMs, toMs, asOfMs: nowMs }, page),
    cy.listInspections(db, c.id, year),
    cy.listCareLogs(db, c.id, span.startMs, toMs),
    cy.listCarePeriods(db, c.id),
    omStaffChanges(db, c.id, span.startMs, toMs),
    statementEntries(db, c.id, year),
    omDocuments(db, c.id, year, span.startMs, toMs),
    cy.getAcceptance(db, c.id, year),
    cy.acceptanceRecord(db, c.id, year),
    omRectificationItems(db, c.id, day(span.startMs), day(toMs), year === 1),
    omServiceRequests(db, c.id, span.startMs, toMs),
  ]);
  const remediation = (inspections as Inspection[]).flatMap((i) =>
    (i.remediation ?? []).map((r) => ({ quarter: i.quarter, ...r })),
  );
  return {
    contractId: c.id,
    year,
    from: shanghaiIso(span.startMs),
    to: shanghaiIso(toMs),
    yearComplete: span.endMs !== null && span.endMs <= nowMs,
    faults,
    inspections: (inspections as Inspection[]).map(({ history: _h, ...i }) => i),
    remediation,
    careLogs: careLogs as CareLog[],
    carePeriods: carePeriods.filter((p: { year: number }) => p.year === year),
    staffChanges,
    rectification: ledger.filter((e) => e.caseKind === 'rectification' || e.clause === '6.3'),
    rectificationItems,
    serviceRequests,
    documents,
    acceptance: acceptance
      ? { status: acceptance.status, round: acceptance.round, submittedAt: acceptance.submittedAt }
      : null,
    acceptanceRecord: record ?? null,
  };
}
export type OmRecord = Awaited<ReturnType<typeof omRecordData>>;

export async function omRecordReport(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  recordHead: RecordHead | null,
  locale: Locale,
  page: { after?: number; limit?: number } = {},
) {
  // what the platform wrote into the record (ledger bases and facts, readings, reasons) in the report's language (issue 15)
  const data = recordTextsIn(await omRecordData(db, c, year, nowMs, page), locale);
  const f = data.faults;
  const all = f.byLevel[0]!;
  const generatedAt = shanghaiIso(nowMs);
  const json = { report: 'om-record', generatedAt, recordHead, ...data };
  const inspected = data.inspections.filter((i) => i.report).length;
  const say = speaker(locale);
  const view: ReportView = {
    language: locale,
    ...fileOf(T.file, locale, { id: c.id, year }),
    title: say(T.title, { year }),
    contract: c,
    period: say(PAGE_TEXT.span, { from: data.from, to: data.to }),
    generatedAt,
    recordHead,
    summary: [
      [
        say(T.faults),
        say(T.faultsLine, {
          total: f.total,
          met: all.responseMet,
          late: all.responseBreached,
          open: all.responseOpen,
          regraded: all.regraded,
          reopened: all.reopened,
          excluded: all.exclusionsAccepted,
        }),
      ],
      [say(T.inspections), say(T.inspectionsLine, { done: inspected, all: data.inspections.length })],
      [say(T.care), say(T.careLine, { count: data.careLogs.length })],
      [say(T.staff), say(T.staffLine, { count: data.staffChanges.length })],
      [
        say(T.rectification),
        say(T.rectificationLine, {
          remediation: data.remediation.length,
          items: data.rectificationItems.length,
          entries: data.rectification.length,
        }),
      ],
      [
        say(T.service),
        say(T.serviceLine, {
          count: data.serviceRequests.length,
          late: data.serviceRequests.filter((s) => s.breach && !s.breach.superseded).length,
        }),
      ],
      [say(T.documents), say(T.documentsLine, { count: data.documents.length })],
    ],
    tables: omTables(data, locale),
  };
  return { json, view };
}
