// The tables of the yearly O&M record (om-record.ts; clause 3): the faults by case and per
// level (4.9), inspections (4.3), remediation (4.6), the rectification plan (6.3), care (4.1),
// staff changes (4.2), service requests (4.4-5.4) and the documents with their sha256, headed
// and worded in the reader's language (src/i18n/messages/reports-om.ts).
import type { DocumentKind } from '../db/queries/documents';
import { KIND_RULES } from '../documents/rules';
import { translateValue } from '../i18n/glossary';
import type { Locale } from '../i18n/locale';
import { LEVEL_TEXT, PAGE_TEXT, VERDICT } from '../i18n/messages/reports-common';
import { OM_TEXT as T, SERVICE_STATUS } from '../i18n/messages/reports-om';
import { speaker, word } from '../i18n/report-text';
import type { OmRecord } from './om-record';
import { shanghaiIso } from './periods';
import { columnsIn, type Table } from './view';

export function omTables(data: OmRecord, locale: Locale): Table[] {
  const f = data.faults;
  const say = speaker(locale);
  // A status word the glossary knows is printed in Chinese; English prints the key itself.
  const status = (s: string) => (locale === 'en' ? s : translateValue(s));
  const names = (xs: string[]) => xs.join(say(PAGE_TEXT.list)) || say(PAGE_TEXT.none);
  return [
    {
      heading: say(T.faultsHeading),
      columns: columnsIn(locale, [
        { key: 'caseId', width: 1.6 },
        { key: 'level', width: 0.5 },
        { key: 'title', width: 2.2 },
        { key: 'reportedAt', width: 1.6 },
        { key: 'status', width: 0.8 },
        { key: 'response', width: 0.7 },
        { key: 'notes', width: 1.4 },
      ]),
      rows: f.cases.map((x) => ({
        ...x,
        reportedAt: shanghaiIso(Date.parse(x.reportedAt)),
        status: status(x.status),
        response: x.response ? word(VERDICT, x.response, locale) : null,
        notes: [
          x.regraded ? say(T.regradedNote) : '',
          x.reopened ? say(T.reopenedNote) : '',
          x.exclusion ? say(T.exclusionNote, { status: status(x.exclusion) }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      })),
      notes: [
        say(T.faultsNote, { total: f.total, listed: f.cases.length }) +
          (f.next ? say(T.nextPage, { next: f.next }) : ''),
      ],
    },
    {
      heading: say(T.levelsHeading),
      columns: columnsIn(locale, [
        { key: 'level', width: 0.7 },
        ...(
          [
            'cases',
            'responseMet',
            'responseBreached',
            'responseOpen',
            'onsiteMet',
            'onsiteBreached',
            'replacementMet',
            'replacementBreached',
            'regraded',
            'reopened',
            'exclusionsAccepted',
          ] as const
        ).map((key) => ({ key, align: 'right' as const })),
      ]),
      rows: f.byLevel.map((l) => ({
        ...l,
        level: l.level === 'all' ? say(LEVEL_TEXT.all) : say(LEVEL_TEXT.level, { level: l.level }),
      })),
    },
    {
      heading: say(T.inspectionsHeading),
      columns: columnsIn(locale, [
        { key: 'quarter', width: 0.5 },
        { key: 'status' },
        { key: 'submittedAt', width: 1.5 },
        { key: 'documentRef', width: 2 },
        { key: 'sha256', width: 3 },
      ]),
      rows: data.inspections.map((i) => ({
        quarter: i.quarter,
        status: status(i.status),
        submittedAt: i.submittedAt ? shanghaiIso(new Date(i.submittedAt).getTime()) : null,
        documentRef: i.report?.documentRef ?? null,
        sha256: i.report?.sha256 ?? null,
      })),
    },
    {
      heading: say(T.remediationHeading),
      columns: columnsIn(locale, [
        { key: 'quarter', width: 0.5 },
        { key: 'finding', width: 3 },
        { key: 'deadline', width: 1.5 },
        { key: 'status' },
      ]),
      rows: data.remediation.map((r) => ({ ...r, status: status(r.status) })),
    },
    {
      heading: say(T.planHeading),
      columns: columnsIn(locale, [
        { key: 'itemId', label: 'item' },
        { key: 'description', label: 'content', width: 3 },
        { key: 'dueDate', label: 'plannedDate' },
        { key: 'status' },
        { key: 'daysLate', width: 0.7 },
      ]),
      rows: data.rectificationItems.map((r) => ({ ...r, status: status(r.status) })),
    },
    {
      heading: say(T.careHeading),
      columns: columnsIn(locale, [
        { key: 'occurredAt', label: 'time', width: 1.5 },
        { key: 'kind', label: 'means' },
        { key: 'withWhom' },
        { key: 'topics', label: 'content', width: 2.5 },
      ]),
      rows: data.careLogs.map((l) => ({
        occurredAt: shanghaiIso(new Date(l.occurredAt).getTime()),
        kind: say(l.kind === 'visit' ? T.visit : T.mailing),
        withWhom: l.withWhom,
        topics: (l.topics ?? []).join(say(PAGE_TEXT.list)),
      })),
    },
    {
      heading: say(T.staffHeading),
      columns: columnsIn(locale, [
        { key: 'requestId', label: 'request' },
        { key: 'effectiveDate' },
        { key: 'change', width: 2 },
        { key: 'outcome' },
      ]),
      rows: data.staffChanges.map((s) => ({
        requestId: s.requestId,
        effectiveDate: s.effectiveDate,
        outcome: status(s.outcome),
        change: say(T.staffChange, { removed: names(s.removeIds), added: names(s.addNames) }),
      })),
    },
    {
      heading: say(T.serviceHeading),
      columns: columnsIn(locale, [
        { key: 'requestId', label: 'caseNo' },
        { key: 'clause', width: 0.5 },
        { key: 'title', label: 'content', width: 2.2 },
        { key: 'dueDate', label: 'agreedDate' },
        { key: 'acceptedAt', width: 1.5 },
        { key: 'status' },
        { key: 'breach', width: 1.2 },
      ]),
      rows: data.serviceRequests.map((s) => ({
        requestId: s.requestId,
        clause: s.clause,
        title: s.title,
        dueDate: s.dueDate,
        acceptedAt: s.acceptedDeliveryAt ? shanghaiIso(Date.parse(s.acceptedDeliveryAt)) : null,
        status: word(SERVICE_STATUS, s.status, locale),
        breach:
          s.breach && !s.breach.superseded
            ? say(T.serviceBreach, { clause: s.breach.pricedUnder })
            : say(PAGE_TEXT.none),
      })),
    },
    {
      heading: say(T.documentsHeading),
      columns: columnsIn(locale, [
        { key: 'kindName', label: 'kind', width: 1.2 },
        { key: 'title', width: 1.8 },
        { key: 'version', width: 0.5 },
        { key: 'filename', width: 1.8 },
        { key: 'review', width: 0.7 },
        { key: 'sha256', width: 3.2 },
      ]),
      rows: data.documents.map((d) => ({
        ...d,
        kindName: documentKindName(d.kind, locale),
        review:
          d.review === 'accepted' ? say(T.accepted) : d.review === 'rejected' ? say(T.rejected) : say(PAGE_TEXT.none),
      })),
    },
  ];
}

/** A document kind's name: the Chinese of its rule (src/documents/rules.ts), or its key in words. */
const documentKindName = (kind: string, locale: Locale): string =>
  locale === 'en' ? kind.replace(/-/g, ' ') : (KIND_RULES[kind as DocumentKind]?.zh ?? kind);
