// The printed page of report 2, the penalty statement (statement.ts; clauses 6 and 10): its
// summary (the confirmed sums, each threshold reached or its headroom, the payment due) and its
// two tables (every entry, and the sums by clause with the rights they open), in the reader's
// language (src/i18n/messages/reports-statement.ts).
import type { ContractRow } from '../db/queries/contracts';
import type { paymentAmount } from '../domain/payments';
import type { Locale } from '../i18n/locale';
import { LEDGER_STATUS, PAGE_TEXT } from '../i18n/messages/reports-common';
import { STATEMENT_TEXT as T } from '../i18n/messages/reports-statement';
import { speaker, word } from '../i18n/report-text';
import { shanghaiIso } from './periods';
import type { penaltyStatement } from './statement';
import { columnsIn, fileOf, yuan, type ReportView } from './view';

type StatementJson = Awaited<ReturnType<typeof penaltyStatement>>['json'];

/** The statement's page from its JSON; pay: the clause 10 payment the year's pass releases (null in the last year). */
export function statementView(
  c: ContractRow,
  year: number,
  json: StatementJson,
  pay: ReturnType<typeof paymentAmount> | null,
  locale: Locale,
): ReportView {
  const say = speaker(locale);
  const cny = (fen: string | bigint) => say(PAGE_TEXT.yuan, { amount: yuan(fen) });
  return {
    language: locale,
    ...fileOf(T.file, locale, { id: c.id, year }),
    title: say(T.title, { year }),
    contract: c,
    period: say(PAGE_TEXT.span, { from: json.from, to: json.to ?? say(T.untilAccepted) }),
    generatedAt: json.generatedAt,
    recordHead: json.recordHead,
    summary: [
      [say(T.amount), cny(c.amountFen)],
      [say(T.yearConfirmed), cny(json.confirmedYearFen)],
      [say(T.throughConfirmed), say(T.through, { amount: cny(json.confirmedThroughYearFen), year })],
      ...json.thresholds.map((th): [string, string] => [
        say(T.threshold, { clause: th.clause, percent: th.percent }),
        th.reached
          ? say(T.reached, { limit: cny(th.limitFen) })
          : say(T.headroom, { limit: cny(th.limitFen), headroom: cny(th.headroomFen) }),
      ]),
      [
        say(T.paymentLabel),
        pay
          ? say(T.payment, {
              next: year + 1,
              fee: cny(c.yearlyFees[year]!),
              deductions: cny(json.confirmedYearFen),
              due: cny(pay.amountFen),
            }) + (pay.uncoveredFen > 0n ? say(T.uncovered, { uncovered: cny(pay.uncoveredFen) }) : '')
          : say(T.lastYear, { year, deductions: cny(json.confirmedYearFen) }),
      ],
    ],
    tables: [
      {
        heading: say(T.entriesHeading),
        columns: columnsIn(locale, [
          { key: 'clause', width: 0.6 },
          { key: 'id', label: 'entry', width: 1.6 },
          { key: 'caseId', width: 1.4 },
          { key: 'fact', width: 3 },
          { key: 'basis', width: 3 },
          { key: 'occurredAt', width: 1.5 },
          { key: 'amountCny', align: 'right' },
          { key: 'amountFen', align: 'right' },
          { key: 'status' },
          { key: 'statusText', width: 1.1 },
          { key: 'compensates', width: 1.4 },
        ]),
        rows: json.entries.map(({ basisTemplate: _template, ...e }) => ({
          ...e,
          occurredAt: shanghaiIso(Date.parse(e.occurredAt)),
          amountCny: yuan(e.amountFen),
          statusText: word(LEDGER_STATUS, e.status, locale),
        })),
      },
      {
        heading: say(T.byClauseHeading),
        columns: columnsIn(locale, [
          { key: 'clause' },
          { key: 'entries', align: 'right' },
          { key: 'confirmed', label: 'confirmedCny', align: 'right' },
          { key: 'open', label: 'openCny', align: 'right' },
          { key: 'disputed', label: 'disputedCny', align: 'right' },
          { key: 'held', label: 'heldCny', align: 'right' },
          { key: 'waived', label: 'waivedCny', align: 'right' },
        ]),
        rows: json.byClause.map((b) => ({
          clause: b.clause,
          entries: b.entries,
          confirmed: yuan(b.confirmedFen),
          open: yuan(b.openFen),
          disputed: yuan(b.disputedFen),
          held: yuan(b.heldFen),
          waived: yuan(b.waivedFen),
        })),
        notes: [
          say(T.byClauseNote),
          ...json.thresholds.map((th) => say(T.right, { clause: th.clause, description: th.description })),
        ],
      },
    ],
  };
}
