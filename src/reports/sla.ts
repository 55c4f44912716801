// Report 1: SLA compliance of a contract year per fault level (4.9.3) and period (month,
// contract quarter or the contract year): cases, response met and breached (4.9.4), median and
// p90 response time, on-site and replacement met (4.9.2), exclusions claimed and accepted.
import type { ContractRow } from '../db/queries/contracts';
import type { Db } from '../db/queries/contracts';
import { slaRows, type SlaRow } from '../db/queries/reports';
import { extensionsOf } from '../services/contracts';
import type { Locale } from '../i18n/locale';
import { LEVEL_TEXT, PAGE_TEXT } from '../i18n/messages/reports-common';
import { SLA_READINGS, SLA_TEXT } from '../i18n/messages/reports-sla';
import { speaker } from '../i18n/report-text';
import type { RecordHead } from './head';
import { periodName, periodsBy, shanghaiIso, yearWindow, type PeriodKind } from './periods';
import { columnsIn, fileOf, minutes, type ReportView } from './view';

const LEVELS = ['all', 1, 2, 3, 4, 5] as const;
export type SlaLine = Omit<SlaRow, 'periodKey' | 'level'> & {
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  level: (typeof LEVELS)[number];
};

const empty = (): Omit<SlaRow, 'periodKey' | 'level'> => ({
  cases: 0,
  regraded: 0,
  reopened: 0,
  responseMet: 0,
  responseBreached: 0,
  responseOpen: 0,
  medianResponseMs: null,
  p90ResponseMs: null,
  onsiteDue: 0,
  onsiteMet: 0,
  onsiteBreached: 0,
  replacementDue: 0,
  replacementMet: 0,
  replacementBreached: 0,
  exclusionsClaimed: 0,
  exclusionsAccepted: 0,
});

export async function slaReport(
  db: Db,
  c: ContractRow,
  year: number,
  by: PeriodKind,
  nowMs: number,
  recordHead: RecordHead | null,
  locale: Locale,
) {
  const say = speaker(locale);
  const readings = SLA_READINGS.map((r) => say(r));
  const w = yearWindow(Date.parse(c.signedAt), year, by, nowMs, await extensionsOf(db, c.id));
  const found = await slaRows(db, c.id, w.periods, nowMs);
  const lines: SlaLine[] = [];
  for (const p of w.periods) {
    for (const level of LEVELS) {
      const hit = found.find((r) => r.periodKey === p.key && (level === 'all' ? r.level === null : r.level === level));
      const { periodKey: _k, level: _l, ...figures } = hit ?? { periodKey: p.key, level: null, ...empty() };
      lines.push({
        period: p.key,
        periodLabel: periodName(p.of, locale),
        from: shanghaiIso(p.startMs),
        to: shanghaiIso(p.endMs),
        level,
        ...figures,
      });
    }
  }
  const generatedAt = shanghaiIso(nowMs);
  const json = {
    report: 'sla',
    contractId: c.id,
    year,
    by,
    from: shanghaiIso(w.startMs),
    to: shanghaiIso(w.endMs),
    yearComplete: w.complete,
    generatedAt,
    recordHead,
    readings,
    rows: lines,
  };
  const byWord = periodsBy(by, locale);
  const view: ReportView = {
    language: locale,
    ...fileOf(SLA_TEXT.file, locale, { id: c.id, year, by, byWord }),
    title: say(SLA_TEXT.title, { year, by: byWord }),
    contract: c,
    period: say(PAGE_TEXT.span, { from: json.from, to: json.to }) + (w.complete ? '' : say(SLA_TEXT.running)),
    generatedAt,
    recordHead,
    landscape: true,
    summary: [[say(SLA_TEXT.basisLabel), say(SLA_TEXT.basis)]],
    tables: [
      {
        heading: say(SLA_TEXT.heading),
        columns: columnsIn(locale, [
          { key: 'period', width: 1.3 },
          { key: 'level', width: 0.7 },
          { key: 'cases', align: 'right' },
          { key: 'regraded', align: 'right' },
          { key: 'reopened', align: 'right' },
          { key: 'responseMet', align: 'right' },
          { key: 'responseBreached', align: 'right' },
          { key: 'responseOpen', align: 'right' },
          { key: 'medianMin', width: 1.2, align: 'right' },
          { key: 'p90Min', width: 1.2, align: 'right' },
          { key: 'onsiteDue', align: 'right' },
          { key: 'onsiteMet', align: 'right' },
          { key: 'replacementDue', align: 'right' },
          { key: 'replacementMet', align: 'right' },
          { key: 'exclusionsClaimed', align: 'right' },
          { key: 'exclusionsAccepted', align: 'right' },
        ]),
        rows: lines.map((l) => ({
          ...l,
          period: l.periodLabel,
          level: l.level === 'all' ? say(LEVEL_TEXT.all) : say(LEVEL_TEXT.level, { level: l.level }),
          medianMin: minutes(l.medianResponseMs),
          p90Min: minutes(l.p90ResponseMs),
        })),
        notes: readings,
      },
    ],
  };
  return { json, view };
}
