// Reports over HTTP (issue 14): each as JSON, CSV (UTF-8 with BOM) or PDF (A4, Chinese font,
// header with contract, period, generation time +08:00, record head hash, page numbers),
// chosen by ?format= or the Accept header, in zh-CN or en (issue 15: ?lang=, Accept-Language,
// the key's preference, zh-CN). Read-only, scoped to the contract.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, assertContractAccess } from '../auth';
import type { ApiDeps } from '../deps';
import { ErrorBody } from '../openapi';
import { declareRoute, mount } from '../route';
import { contractIdSchema } from './contract-schemas';
import { PenaltyStatement, SlaReport } from './report-schemas';
import { AcceptanceFormReport, OmRecordReport } from './record-report-schemas';
import { mustFindContract } from '../../services/contracts';
import { acceptanceForm } from '../../reports/acceptance-form';
import { recordHead, type RecordHead } from '../../reports/head';
import { FAULT_PAGE } from '../../reports/fault-summary';
import { omRecordReport } from '../../reports/om-record';
import { PERIOD_KINDS } from '../../reports/periods';
import { formatOf, REPORT_FORMATS, reportLocale, sendReport } from '../../reports/respond';
import { slaReport } from '../../reports/sla';
import { penaltyStatement } from '../../reports/statement';
import type { ReportView } from '../../reports/view';
import type { ContractRow, Db } from '../../db/queries/contracts';
import { LOCALES, type Locale } from '../../i18n/locale';
import { CONTRACT_404 } from './refusals';

const year = z.coerce.number().int().min(1).max(100);
const format = z.enum(REPORT_FORMATS).optional();
// A download link cannot set Accept-Language, so the language can be asked in the query too.
const lang = z
  .enum(LOCALES)
  .optional()
  .describe('the language of every text of the report; else Accept-Language, the key’s preference, zh-CN');
const SlaQuery = z.strictObject({ year, by: z.enum(PERIOD_KINDS).default('month'), format, lang });
const YearQuery = z.strictObject({ year, format, lang });
// The O&M record lists the year's cases a page at a time (src/reports/fault-summary.ts): after = the last case number seen.
const OmQuery = YearQuery.extend({
  after: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(FAULT_PAGE.max).optional(),
});

type Built = Promise<{ json: object; view: ReportView }>;
interface Report<Q> {
  summary: string;
  query: z.ZodType<Q>;
  /** The JSON body (report-schemas.ts, record-report-schemas.ts): the response check holds every answer to it. */
  body: z.ZodType;
  build: (db: Db, c: ContractRow, q: Q, nowMs: number, head: RecordHead | null, locale: Locale) => Built;
}
const report = <Q>(r: Report<Q>) => r as Report<unknown>;

// Each report: its query and how it is built. The route, the scope check, the record head and
// the format negotiation (JSON, CSV or PDF: src/reports/respond.ts) are one for all of them.
const REPORTS: Record<string, Report<unknown>> = {
  sla: report({
    summary:
      'SLA compliance of a contract year per level and period (month, contract quarter, year): response met/breached, median and p90, on-site and replacement met, exclusions (4.9)',
    query: SlaQuery,
    body: SlaReport,
    build: (db, c, q, now, head, locale) => slaReport(db, c, q.year, q.by, now, head, locale),
  }),
  'penalty-statement': report({
    summary:
      'The penalty statement of a contract year: every ledger entry by clause, confirmed total, the 5 % / 20 % thresholds and the payment due (6, 10)',
    query: YearQuery,
    body: PenaltyStatement,
    build: (db, c, q, now, head, locale) => penaltyStatement(db, c, q.year, now, head, locale),
  }),
  'om-record': report({
    summary:
      'The yearly O&M record (运维记录): the faults summarised per level with the cases by id and verdict a page at a time (after, limit; faults.next links the next page), inspections and reports, remediation, care visits, staff changes, rectification and their documents (3)',
    query: OmQuery,
    body: OmRecordReport,
    build: (db, c, q, now, head, locale) => omRecordReport(db, c, q.year, now, head, locale, q),
  }),
  'acceptance-form': report({
    summary:
      'The yearly acceptance form of clause 8, ready to print and sign: three copies, two for the hospital and one for the vendor',
    query: YearQuery,
    body: AcceptanceFormReport,
    build: (db, c, q, now, head, locale) => acceptanceForm(db, c, q.year, now, head, locale),
  }),
};
const routes = Object.entries(REPORTS).map(([name, { summary, query, body }]) => ({
  shape: REPORTS[name]!,
  route: declareRoute({
    method: 'get',
    path: `/contracts/{id}/reports/${name}`,
    localized: true,
    duty: 'read',
    summary,
    description:
      'JSON, CSV (UTF-8 with BOM) or PDF, by ?format= or the Accept header. Every text (title, headers, labels, status words, ' +
      'period names, footers, the file name) is in zh-CN or en: ?lang= first, then Accept-Language, then the key’s ' +
      'preference, zh-CN by default; Content-Language names it, and the JSON carries it as `language` with the printed ' +
      'words under `printed`. Instants are Asia/Shanghai (+08:00) and amounts yuan with two decimals in both languages.',
    params: z.object({ id: z.string().describe('contract id') }),
    query: query as z.ZodObject,
    // Read-only: no rule refuses a report; only a contract of another id is not found (a key outside its scope is 403, clause 7).
    refusals: CONTRACT_404,
    responses: {
      200: {
        description: 'the report as JSON (?format=csv, ?format=pdf: text/csv, application/pdf)',
        schema: body,
      },
      406: { description: 'no format of the Accept header is one of json, csv, pdf', schema: ErrorBody },
    },
  }),
}));

const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;

export function reportsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  for (const { shape, route } of routes)
    mount(r, route, allow(...READ), async (req, res) => {
      const q = route.query(req) as { lang?: Locale };
      const fmt = formatOf(req);
      const locale = reportLocale(req, q.lang);
      const id = contractIdSchema.parse(route.params(req).id);
      assertContractAccess(actorOf(req), id);
      const contract = await mustFindContract(pool, id);
      const { json, view } = await shape.build(pool, contract, q, deps.now(), await recordHead(pool), locale);
      await sendReport(res, fmt, json, view, deps.config.REPORT_FONT_PATH);
    });
  return r;
}
