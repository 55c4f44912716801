// Fault case reads (clause 4.9) from the PostgreSQL record: the list (JSON, or CSV on Accept:
// text/csv) and one case with its timeline, deadlines, ledger penalties and what the caller may
// do now.
import { Router } from 'express';
import { z } from 'zod';
import * as q from '../../db/queries/faults';
import { findTermsVersion } from '../../db/queries/contracts';
import type { LedgerStatus } from '../../db/queries/ledger';
import { permittedFaultActions, permittedLedgerActions } from '../fault-permitted';
import { withClosures } from '../../services/case-closures';
import { inSnapshot } from '../../db/pool';
import { FAULT_LIST_CSV, sendList } from '../../reports/list-export';
import { actorOf, assertContractAccess, canTouchContract } from '../auth';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { answerLocale } from '../language';
import { type BasisTemplate } from '../../i18n/basis';
import { recordTextsIn } from '../../i18n/record-texts';
import { msToInstants } from '../instants';
import { declareRoute, mount } from '../route';
import { ACTION_PATHS } from './fault-action-bodies';
import { CaseParams, contractOf } from './fault-case-ref';
import { FaultCase, FaultCaseRow, withNames } from './fault-schemas';
import { instantSchema } from '../validate';
import { NONE, notFoundOf } from './refusals';

const ListQuery = z.strictObject({
  status: z.enum(['reported', 'responded', 'investigating', 'resolved', 'closed']).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  contractId: z.string().max(64).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/faults',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: 'List fault cases (filters: status, level, breached, contractId, from/to on reportedAt)',
    query: ListQuery,
    responses: { 200: { description: 'cases', schema: z.object({ items: z.array(FaultCaseRow) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/faults/{caseId}',
    localized: true,
    duty: 'read',
    refusals: notFoundOf('fault case'),
    summary: 'One fault case with timeline, deadlines and ledger penalties',
    params: CaseParams,
    responses: { 200: { description: 'case', schema: FaultCase } },
  }),
};

export function faultReadsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();

  mount(r, routes.list, async (req, res) => {
    const actor = actorOf(req);
    const f = routes.list.query(req);
    if (f.contractId && !canTouchContract(actor, f.contractId))
      throw forbidden(`this key may not touch contract ${f.contractId}`);
    const items = await q.listCases(pool, {
      contracts: actor.contracts.includes('*') ? '*' : actor.contracts,
      contractId: f.contractId,
      status: f.status,
      level: f.level,
      breached: f.breached,
      from: f.from ? new Date(f.from) : undefined,
      to: f.to ? new Date(f.to) : undefined,
      limit: f.limit,
      offset: f.offset,
    });
    sendList(req, res, await withClosures(pool, items, (c) => String(c.caseId)), FAULT_LIST_CSV); // JSON, or CSV on Accept: text/csv
  });

  mount(r, routes.one, async (req, res) => {
    const caseId = String(req.params.caseId);
    assertContractAccess(actorOf(req), contractOf(caseId));
    // One snapshot: the case row, its facts and its penalties as one record write committed them
    // (read apart, a write landing between them showed a breach's penalty beside no deadlines).
    const read = await inSnapshot(pool, async (db) => {
      const found = await q.getCase(db, caseId);
      if (!found) return undefined;
      const [row] = await withClosures(db, [found], () => caseId);
      const timeline = await q.caseTimeline(db, caseId);
      const ledger = await q.casePenalties(db, caseId);
      const terms = await findTermsVersion(db, contractOf(caseId), Number(found.termsVersion ?? 1));
      return { found, row, timeline, ledger, terms };
    });
    if (!read) throw notFound(`fault case ${caseId}`);
    const { found, row, timeline, ledger, terms } = read;
    // What this caller may do now (the console shows these and nothing else): src/api/fault-permitted.ts.
    const closed = Boolean((row as { closure?: unknown }).closure);
    // as never: getCase's row is untyped; it is the fault_cases row (CASE_COLUMNS) that RecordedCase names.
    const permittedActions = closed
      ? []
      : permittedFaultActions(actorOf(req), found as never, timeline, terms?.terms, ACTION_PATHS, deps.now());
    const locale = answerLocale(req, res);
    const withActions = ledger.map((e) => ({
      ...recordTextsIn(e as { basis: string; basisTemplate: BasisTemplate | null }, locale),
      permittedActions: permittedLedgerActions(actorOf(req), e as { id: string; status: LedgerStatus }),
    }));
    // deadlines, exclusions and penalties are the workflow's projection (epoch ms), and fact
    // details carry ms too (a breach's dueMs): every instant of the answer at +08:00.
    const { deadlines, exclusions, penalties, ...rest } = row!;
    const named = withNames((deadlines ?? []) as { kind: string }[]);
    // what the workflow wrote (a deadline's reading, note and why it was voided, a withdrawn
    // penalty's reason, a fact's why) in the reader's language (issue 15); typed text as typed
    const written = recordTextsIn({ deadlines: named, exclusions, penalties, timeline }, locale);
    const instants = msToInstants(written) as object;
    res.status(200).json({ ...rest, ...instants, ledger: withActions, permittedActions });
  });

  return r;
}
