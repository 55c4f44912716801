// The clause 6 penalty ledger: list, totals, propose by hand (6.5 / 6.2.2), confirm, waive,
// dispute, decide, compensate; and the rights events of 6.3 / 6.4 / 6.5.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Actor } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { registry } from '../openapi';
import { idempotencyKeyOf, instantSchema, parseBody, parseQuery } from '../validate';
import { contractIdSchema, fenSchema } from './contracts';
import * as lq from '../../db/queries/ledger';
import { otherCommitmentPenalty } from '../../domain/penalties';
import { changeStatus, compensate, PENALTY_CLAUSES, proposeEntry, totals } from '../../services/ledger';
import { mustFindContract, termsAt } from '../../services/contracts';
import { thresholdStanding } from '../../domain/thresholds';
import { LEDGER_LIST_CSV, sendList } from '../../reports/list-export';

const year = z.coerce.number().int().min(1).max(100);
const ListQuery = z.strictObject({
  contractId: contractIdSchema.optional(),
  year: year.optional(),
  clause: z.enum(PENALTY_CLAUSES).optional(),
  status: z.enum(lq.LEDGER_STATUSES).optional(),
  caseId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const TotalsQuery = z.strictObject({ contractId: contractIdSchema, year: year.optional() });
const RightsQuery = z.strictObject({ contractId: contractIdSchema.optional() });
const Reason = z.string().min(1).max(2000);
const Confirm = z.strictObject({ reason: Reason.optional() });
const WithReason = z.strictObject({ reason: Reason });
const Decide = z.strictObject({ outcome: z.enum(['upheld', 'waived']), reason: Reason });
const Compensate = z.strictObject({ amountFen: fenSchema.optional(), reason: Reason });
const Propose = z.strictObject({
  contractId: contractIdSchema,
  clause: z.enum(['6.5', '6.2.2'], {
    message: 'a hand-proposed penalty is an "other service commitment": clause 6.5 or 6.2.2',
  }),
  rate: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a percent as a decimal string, e.g. "0.05"')
    .optional(),
  fact: z.string().min(1).max(2000),
  occurredAt: instantSchema,
  dueAt: instantSchema.optional(),
  caseId: z.string().min(1).max(200).optional(),
});

const json = (schema: z.ZodTypeAny) => ({ body: { content: { 'application/json': { schema } } } });
for (const [method, path, summary, request] of [
  [
    'get',
    '/ledger',
    'Ledger entries with their current status (filters: contractId, year, clause, status, caseId)',
    { query: ListQuery },
  ],
  [
    'get',
    '/ledger/totals',
    'Totals per contract and contract year: confirmed, proposed, disputed, held and waived apart',
    { query: TotalsQuery },
  ],
  ['get', '/ledger/{id}', 'One entry with its status history', {}],
  [
    'post',
    '/ledger',
    'Propose an "other service commitment" penalty (6.5 with the approver\'s rate, or 6.2.2 per the reading): hospital-approver',
    json(Propose),
  ],
  ['post', '/ledger/{id}/confirm', 'Confirm a proposed entry (hospital-approver)', json(Confirm)],
  ['post', '/ledger/{id}/waive', 'Waive a proposed or held entry with a reason (hospital-approver)', json(WithReason)],
  ['post', '/ledger/{id}/dispute', 'Dispute a proposed entry with a reason (vendor-engineer)', json(WithReason)],
  [
    'post',
    '/ledger/{id}/decide',
    'Decide a dispute: upheld or waived, with a reason (hospital-approver)',
    json(Decide),
  ],
  [
    'post',
    '/ledger/{id}/compensate',
    'Correct a confirmed entry with a compensating (negative) entry (hospital-approver)',
    json(Compensate),
  ],
  ['get', '/rights-events', 'Rights the hospital gained (6.3, 6.4/6.5), each recorded once', { query: RightsQuery }],
] as const) {
  // OpenAPI requires the {id} placeholder declared (schemathesis refused the document without it).
  const params = path.includes('{id}') ? { params: z.object({ id: z.string() }) } : {};
  registry.registerPath({
    method,
    path,
    summary,
    request: { ...request, ...params },
    responses: { 200: { description: 'ok' } },
  });
}

const scopeOf = (a: Actor): string[] | null => (a.contracts.includes('*') ? null : a.contracts);

export function ledgerRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const approver = allow('hospital-approver');

  async function entryFor(req: Request): Promise<lq.EntryRow> {
    const e = await lq.findEntry(pool, req.params.id as string);
    if (!e) throw notFound(`ledger entry ${req.params.id as string}`);
    assertContractAccess(actorOf(req), e.contractId);
    return e;
  }

  async function act(
    req: Request,
    res: Response,
    action: Parameters<typeof changeStatus>[2],
    reason: string | null,
    audit: string,
  ): Promise<void> {
    const e = await entryFor(req);
    auditAs(res, audit, e.id, { contractId: e.contractId, from: e.status, reason });
    // Its notices (a rights event crossing 5 % / 20 %, the decision) are outbox rows of the same transaction.
    const { entry } = await changeStatus(pool, e.id, action, actorOf(req).name, reason, deps.now());
    res.json(entry);
  }

  r.get('/ledger', async (req, res) => {
    const f = parseQuery(ListQuery, req.query);
    const actor = actorOf(req);
    if (f.contractId) assertContractAccess(actor, f.contractId);
    const items = await lq.listEntries(pool, { ...f, contractYear: f.year, scope: scopeOf(actor) });
    sendList(req, res, items, LEDGER_LIST_CSV); // JSON, or CSV on Accept: text/csv
  });

  r.get('/ledger/totals', async (req, res) => {
    const f = parseQuery(TotalsQuery, req.query);
    assertContractAccess(actorOf(req), f.contractId);
    const c = await mustFindContract(pool, f.contractId);
    const sums = await totals(pool, f.contractId, f.year);
    const terms = (await termsAt(pool, f.contractId, deps.now())).terms;
    res.json({ ...sums, amountFen: c.amountFen, thresholds: thresholdStanding(sums.confirmedFen, c.amountFen, terms) });
  });

  r.get('/ledger/:id', async (req, res) => {
    const e = await entryFor(req);
    res.json({ ...e, events: await lq.listStatusEvents(pool, e.id) });
  });

  r.post('/ledger', approver, async (req, res) => {
    const body = parseBody(Propose, req.body);
    const actor = actorOf(req);
    assertContractAccess(actor, body.contractId);
    const occurredMs = Date.parse(body.occurredAt);
    const t = await termsAt(pool, body.contractId, occurredMs);
    const reading = t.terms.penalties.otherCommitmentReading;
    if (body.clause !== reading)
      throw conflict(
        'READING_NOT_SELECTED',
        `terms version ${t.version} prices other service commitments under clause ${reading}, not ${body.clause} (6.2.2/6.5 open reading)`,
        '6.2.2/6.5',
      );
    if (reading === '6.2.2' && body.rate !== undefined)
      throw new HttpError(400, 'INVALID_INPUT', 'rate: clause 6.2.2 is a fixed percentage; no rate is taken', {
        field: 'rate',
        clause: '6.2.2',
      });
    const item = otherCommitmentPenalty(BigInt(t.amountFen), body.rate, reading, t.terms);
    const idem = idempotencyKeyOf(req);
    const key = `manual:${body.contractId}:${idem ?? randomUUID()}`;
    const { entryId, created } = await proposeEntry(
      pool,
      {
        key,
        contractId: body.contractId,
        clause: item.clause,
        termsVersion: t.version,
        caseKind: 'service-commitment',
        caseId: body.caseId ?? `service:${key}`,
        fact: body.fact,
        dueAt: body.dueAt ?? null,
        lateByMs: null,
        amountFen: item.amountFen.toString(),
        basis: item.basis,
        reading: item.reading ?? null,
        occurredAt: body.occurredAt,
      },
      actor.name,
    );
    auditAs(res, 'ledger.propose', entryId, {
      contractId: body.contractId,
      clause: item.clause,
      amountFen: item.amountFen.toString(),
      created,
    });
    res.status(created ? 201 : 200).json(await lq.findEntry(pool, entryId));
  });

  r.post('/ledger/:id/confirm', approver, async (req, res) => {
    const body = parseBody(Confirm, req.body);
    await act(req, res, 'confirm', body.reason ?? null, 'ledger.confirm');
  });
  r.post('/ledger/:id/waive', approver, async (req, res) => {
    await act(req, res, 'waive', parseBody(WithReason, req.body).reason, 'ledger.waive');
  });
  r.post('/ledger/:id/dispute', allow('vendor-engineer'), async (req, res) => {
    await act(req, res, 'dispute', parseBody(WithReason, req.body).reason, 'ledger.dispute');
  });
  r.post('/ledger/:id/decide', approver, async (req, res) => {
    const body = parseBody(Decide, req.body);
    await act(
      req,
      res,
      body.outcome === 'upheld' ? 'decide-upheld' : 'decide-waived',
      body.reason,
      `ledger.decide-${body.outcome}`,
    );
  });
  r.post('/ledger/:id/compensate', approver, async (req, res) => {
    const body = parseBody(Compensate, req.body);
    const e = await entryFor(req);
    const { entry, created } = await compensate(
      pool,
      e.id,
      { ...body, idempotencyKey: idempotencyKeyOf(req) },
      actorOf(req).name,
      deps.now(),
    );
    auditAs(res, 'ledger.compensate', entry.id, { compensates: e.id, amountFen: entry.amountFen, reason: body.reason });
    res.status(created ? 201 : 200).json(entry);
  });

  r.get('/rights-events', async (req, res) => {
    const { contractId } = parseQuery(RightsQuery, req.query);
    const actor = actorOf(req);
    if (contractId) assertContractAccess(actor, contractId);
    res.json({ items: await lq.listRightsEvents(pool, contractId ?? null, scopeOf(actor)) });
  });
  return r;
}
