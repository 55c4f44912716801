// Reports over HTTP (issue 14): each as JSON, CSV (UTF-8 with BOM) or PDF (A4, Chinese font,
// header with contract, period, generation time +08:00, record head hash, page numbers),
// chosen by ?format= or the Accept header. Read-only, scoped to the contract.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, allow, assertContractAccess } from '../auth';
import type { ApiDeps } from '../deps';
import { registry } from '../openapi';
import { parseQuery } from '../validate';
import { contractIdSchema } from './contracts';
import { mustFindContract } from '../../services/contracts';
import { acceptanceForm } from '../../reports/acceptance-form';
import { recordHead } from '../../reports/head';
import { omRecordReport } from '../../reports/om-record';
import { PERIOD_KINDS } from '../../reports/periods';
import { formatOf, REPORT_FORMATS, sendReport } from '../../reports/respond';
import { slaReport } from '../../reports/sla';
import { penaltyStatement } from '../../reports/statement';

const year = z.coerce.number().int().min(1).max(100);
const format = z.enum(REPORT_FORMATS).optional();
const SlaQuery = z.strictObject({ year, by: z.enum(PERIOD_KINDS).default('month'), format });
const YearQuery = z.strictObject({ year, format });

const REPORTS = [
  [
    'sla',
    'SLA compliance of a contract year per level and period (month, contract quarter, year): response met/breached, median and p90, on-site and replacement met, exclusions (4.9)',
    SlaQuery,
  ],
  [
    'penalty-statement',
    'The penalty statement of a contract year: every ledger entry by clause, confirmed total, the 5 % / 20 % thresholds and the payment due (6, 10)',
    YearQuery,
  ],
  [
    'om-record',
    'The yearly O&M record (运维记录): faults, inspections and reports, remediation, care visits, staff changes, rectification and their documents (3)',
    YearQuery,
  ],
  [
    'acceptance-form',
    'The yearly acceptance form of clause 8, ready to print and sign: three copies, two for the hospital and one for the vendor',
    YearQuery,
  ],
] as const;
for (const [name, summary, query] of REPORTS) {
  registry.registerPath({
    method: 'get',
    path: `/contracts/{id}/reports/${name}`,
    summary,
    request: { params: z.object({ id: z.string() }), query },
    responses: {
      200: {
        description: 'the report',
        content: {
          'application/json': { schema: z.object({}).passthrough() },
          'text/csv': { schema: z.string() },
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      406: { description: 'no acceptable format' },
    },
  });
}

const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;

export function reportsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const font = deps.config.REPORT_FONT_PATH;
  async function contractOf(req: Request) {
    const id = contractIdSchema.parse(req.params.id);
    assertContractAccess(actorOf(req), id);
    return mustFindContract(pool, id);
  }

  r.get('/contracts/:id/reports/sla', allow(...READ), async (req, res) => {
    const q = parseQuery(SlaQuery, req.query);
    const fmt = formatOf(req);
    const { json, view } = await slaReport(
      pool,
      await contractOf(req),
      q.year,
      q.by,
      deps.now(),
      await recordHead(pool),
    );
    await sendReport(res, fmt, json, view, font);
  });
  r.get('/contracts/:id/reports/penalty-statement', allow(...READ), async (req, res) => {
    const q = parseQuery(YearQuery, req.query);
    const fmt = formatOf(req);
    const { json, view } = await penaltyStatement(
      pool,
      await contractOf(req),
      q.year,
      deps.now(),
      await recordHead(pool),
    );
    await sendReport(res, fmt, json, view, font);
  });
  r.get('/contracts/:id/reports/om-record', allow(...READ), async (req, res) => {
    const q = parseQuery(YearQuery, req.query);
    const fmt = formatOf(req);
    const { json, view } = await omRecordReport(
      pool,
      await contractOf(req),
      q.year,
      deps.now(),
      await recordHead(pool),
    );
    await sendReport(res, fmt, json, view, font);
  });
  r.get('/contracts/:id/reports/acceptance-form', allow(...READ), async (req, res) => {
    const q = parseQuery(YearQuery, req.query);
    const fmt = formatOf(req);
    const { json, view } = await acceptanceForm(
      pool,
      await contractOf(req),
      q.year,
      deps.now(),
      await recordHead(pool),
    );
    await sendReport(res, fmt, json, view, font);
  });
  return r;
}
