// The clause 6 penalty ledger: list, totals, propose by hand (6.5 / 6.2.2), confirm, waive,
// dispute, decide, compensate; and the rights events of 6.3 / 6.4 / 6.5.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Actor } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { idempotencyKeyOf, instantSchema } from '../validate';
import { LedgerEntry, LedgerStatusEvent, LedgerTotals, RightsEvent } from './money-schemas';
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

const Id = z.object({ id: z.string().describe('ledger entry id') });
const entry = (description: string) => ({ description, schema: LedgerEntry });
const routes = {
  list: declareRoute({
    method: 'get',
    path: '/ledger',
    duty: 'read',
    summary: 'Ledger entries with their current status (filters: contractId, year, clause, status, caseId)',
    query: ListQuery,
    responses: { 200: { description: 'entries', schema: z.object({ items: z.array(LedgerEntry) }) } },
  }),
  totals: declareRoute({
    method: 'get',
    path: '/ledger/totals',
    duty: 'read',
    summary: 'Totals per contract and contract year: confirmed, proposed, disputed, held and waived apart',
    query: TotalsQuery,
    responses: { 200: { description: 'totals in fen', schema: LedgerTotals } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/ledger/{id}',
    duty: 'read',
    summary: 'One entry with its status history',
    params: Id,
    responses: {
      200: { description: 'entry and its events', schema: LedgerEntry.extend({ events: z.array(LedgerStatusEvent) }) },
    },
  }),
  propose: declareRoute({
    method: 'post',
    path: '/ledger',
    duty: 'decide',
    summary:
      'Propose an "other service commitment" penalty (6.5 with the approver\'s rate, or 6.2.2 per the reading): hospital-approver',
    body: Propose,
    responses: { 201: entry('proposed'), 200: entry('the entry of this Idempotency-Key, proposed before') },
  }),
  confirm: declareRoute({
    method: 'post',
    path: '/ledger/{id}/confirm',
    duty: 'decide',
    summary: 'Confirm a proposed entry (hospital-approver)',
    params: Id,
    body: Confirm,
    responses: { 200: entry('confirmed') },
  }),
  waive: declareRoute({
    method: 'post',
    path: '/ledger/{id}/waive',
    duty: 'decide',
    summary: 'Waive a proposed or held entry with a reason (hospital-approver)',
    params: Id,
    body: WithReason,
    responses: { 200: entry('waived') },
  }),
  dispute: declareRoute({
    method: 'post',
    path: '/ledger/{id}/dispute',
    duty: 'contest',
    summary: 'Dispute a proposed entry with a reason (vendor-engineer)',
    params: Id,
    body: WithReason,
    responses: { 200: entry('disputed') },
  }),
  decide: declareRoute({
    method: 'post',
    path: '/ledger/{id}/decide',
    duty: 'decide',
    summary: 'Decide a dispute: upheld or waived, with a reason (hospital-approver)',
    params: Id,
    body: Decide,
    responses: { 200: entry('decided') },
  }),
  compensate: declareRoute({
    method: 'post',
    path: '/ledger/{id}/compensate',
    duty: 'decide',
    summary: 'Correct a confirmed entry with a compensating (negative) entry (hospital-approver)',
    params: Id,
    body: Compensate,
    responses: { 201: entry('the compensating entry'), 200: entry('the compensating entry of this Idempotency-Key') },
  }),
  rights: declareRoute({
    method: 'get',
    path: '/rights-events',
    duty: 'read',
    summary: 'Rights the hospital gained (6.3, 6.4/6.5), each recorded once',
    query: RightsQuery,
    responses: { 200: { description: 'rights events', schema: z.object({ items: z.array(RightsEvent) }) } },
  }),
};

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
    res.status(200).json(entry);
  }

  mount(r, routes.list, async (req, res) => {
    const f = routes.list.query(req);
    const actor = actorOf(req);
    if (f.contractId) assertContractAccess(actor, f.contractId);
    const items = await lq.listEntries(pool, { ...f, contractYear: f.year, scope: scopeOf(actor) });
    sendList(req, res, items, LEDGER_LIST_CSV); // JSON, or CSV on Accept: text/csv
  });

  mount(r, routes.totals, async (req, res) => {
    const f = routes.totals.query(req);
    assertContractAccess(actorOf(req), f.contractId);
    const c = await mustFindContract(pool, f.contractId);
    const sums = await totals(pool, f.contractId, f.year);
    const terms = (await termsAt(pool, f.contractId, deps.now())).terms;
    routes.totals.send(res, 200, {
      ...sums,
      amountFen: c.amountFen,
      thresholds: thresholdStanding(sums.confirmedFen, c.amountFen, terms),
    });
  });

  mount(r, routes.one, async (req, res) => {
    const e = await entryFor(req);
    routes.one.send(res, 200, { ...e, events: await lq.listStatusEvents(pool, e.id) });
  });

  mount(r, routes.propose, approver, async (req, res) => {
    const body = routes.propose.body(req);
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
    const proposed = await lq.findEntry(pool, entryId);
    if (!proposed) throw notFound(`ledger entry ${entryId}`);
    routes.propose.send(res, created ? 201 : 200, proposed);
  });

  mount(r, routes.confirm, approver, async (req, res) => {
    const body = routes.confirm.body(req);
    await act(req, res, 'confirm', body.reason ?? null, 'ledger.confirm');
  });
  mount(r, routes.waive, approver, async (req, res) => {
    await act(req, res, 'waive', routes.waive.body(req).reason, 'ledger.waive');
  });
  mount(r, routes.dispute, allow('vendor-engineer'), async (req, res) => {
    await act(req, res, 'dispute', routes.dispute.body(req).reason, 'ledger.dispute');
  });
  mount(r, routes.decide, approver, async (req, res) => {
    const body = routes.decide.body(req);
    await act(
      req,
      res,
      body.outcome === 'upheld' ? 'decide-upheld' : 'decide-waived',
      body.reason,
      `ledger.decide-${body.outcome}`,
    );
  });
  mount(r, routes.compensate, approver, async (req, res) => {
    const body = routes.compensate.body(req);
    const e = await entryFor(req);
    const { entry, created } = await compensate(
      pool,
      e.id,
      { ...body, idempotencyKey: idempotencyKeyOf(req) },
      actorOf(req).name,
      deps.now(),
    );
    auditAs(res, 'ledger.compensate', entry.id, { compensates: e.id, amountFen: entry.amountFen, reason: body.reason });
    routes.compensate.send(res, created ? 201 : 200, entry);
  });

  mount(r, routes.rights, async (req, res) => {
    const { contractId } = routes.rights.query(req);
    const actor = actorOf(req);
    if (contractId) assertContractAccess(actor, contractId);
    routes.rights.send(res, 200, { items: await lq.listRightsEvents(pool, contractId ?? null, scopeOf(actor)) });
  });
  return r;
}
