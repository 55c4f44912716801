// Report 4: the yearly acceptance form of clause 8 (运维验收单), ready to print and sign: the
// year's figures from the O&M record, the conclusion, and the signature and seal blocks of both
// sides, printed as three copies: two for the hospital, one for the vendor.
import type { ContractRow, Db } from '../db/queries/contracts';
import { confirmedThrough } from '../db/queries/reports';
import { omRecordData } from './om-record';
import type { Locale } from '../i18n/locale';
import { FORM_TEXT as T } from '../i18n/messages/reports-acceptance';
import { PAGE_TEXT } from '../i18n/messages/reports-common';
import { speaker } from '../i18n/report-text';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import { fileOf, yuan, type ReportView } from './view';

export async function acceptanceForm(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  recordHead: RecordHead | null,
  locale: Locale,
) {
  const say = speaker(locale);
  const [om, confirmed] = await Promise.all([
    omRecordData(db, c, year, nowMs, { limit: 1 }),
    confirmedThrough(db, c.id, year),
  ]);
  const record = om.acceptanceRecord as null | { passedAt: Date; hospitalSignatory: string; vendorSignatory: string };
  const figures = {
    faults: om.faults.total,
    responseBreached: om.faults.byLevel[0]!.responseBreached,
    inspectionsSubmitted: om.inspections.filter((i) => i.report).length,
    inspections: om.inspections.length,
    careVisits: om.careLogs.filter((l) => l.kind === 'visit').length,
    carePeriodsKept: om.carePeriods.filter((p: { status: string }) => p.status === 'kept').length,
    carePeriods: om.carePeriods.length,
    staffChanges: om.staffChanges.length,
    documents: om.documents.length,
    confirmedDeductionsFen: confirmed.yearFen,
  };
  const generatedAt = shanghaiIso(nowMs);
  const json = {
    report: 'acceptance-form',
    clause: '8',
    contractId: c.id,
    year,
    from: om.from,
    to: om.to,
    generatedAt,
    recordHead,
    figures,
    acceptance: om.acceptance,
    record: record ? { ...record, passedAt: new Date(record.passedAt).toISOString() } : null,
    copies: { hospital: 2, vendor: 1 },
  };
  const conclusion = record ? say(T.passed, { at: shanghaiIso(new Date(record.passedAt).getTime()) }) : say(T.open);
  const period = say(PAGE_TEXT.span, { from: om.from, to: om.to });
  const view: ReportView = {
    language: locale,
    ...fileOf(T.file, locale, { id: c.id, year }),
    title: say(T.title, { year }),
    contract: c,
    period,
    generatedAt,
    recordHead,
    summary: [
      [say(T.contract), `${c.id} ${c.name}`],
      [say(T.hospital), c.hospital],
      [say(T.vendor), c.vendor],
      [say(T.period), period],
      [say(T.faults), say(T.faultsLine, { faults: figures.faults, late: figures.responseBreached })],
      [say(T.inspections), say(T.inspectionsLine, { done: figures.inspectionsSubmitted, all: figures.inspections })],
      [
        say(T.care),
        say(T.careLine, { visits: figures.careVisits, kept: figures.carePeriodsKept, periods: figures.carePeriods }),
      ],
      [say(T.staff), say(T.staffLine, { count: figures.staffChanges })],
      [say(T.documents), say(T.documentsLine, { count: figures.documents })],
      [
        say(T.deductions),
        say(T.deductionsLine, { amount: say(PAGE_TEXT.yuan, { amount: yuan(figures.confirmedDeductionsFen) }) }),
      ],
      [say(T.conclusion), conclusion],
    ],
    tables: [],
    form: {
      copies: T.copies.map((copy) => say(copy)),
      statement: say(T.statement, { year }),
      signatures: [
        {
          party: say(T.hospitalSeal),
          lines: [
            say(T.hospitalSignatory, { name: record?.hospitalSignatory ?? say(T.blank) }),
            say(T.signature),
            say(T.date),
          ],
        },
        {
          party: say(T.vendorSeal),
          lines: [
            say(T.vendorSignatory, { name: record?.vendorSignatory ?? say(T.blank) }),
            say(T.signature),
            say(T.date),
          ],
        },
      ],
    },
  };
  return { json, view };
}
