// Changes to the clause 6 penalty ledger: the approver proposes an "other service commitment"
// penalty by hand (6.5 / 6.2.2), confirms, waives, decides a dispute or compensates; the vendor
// disputes. Each is audited; its notices are outbox rows of the same transaction.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { allow, actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { mount } from '../route';
import { idempotencyKeyOf } from '../validate';
import * as lq from '../../db/queries/ledger';
import { otherCommitmentPenalty } from '../../domain/penalties';
import { proposeEntry } from '../../services/ledger';
import { changeStatus, compensate } from '../../services/ledger-status';
import { termsAt } from '../../services/contracts';
import { entryFor } from './ledger-reads';
import { ledgerRoutes as routes } from './ledger-routes';

export function ledgerActionsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const approver = allow('hospital-approver');

  async function act(
    req: Request,
    res: Response,
    action: Parameters<typeof changeStatus>[2],
    reason: string | null,
    audit: string,
  ): Promise<void> {
    const e = await entryFor(pool, req);
    auditAs(res, audit, e.id, { contractId: e.contractId, from: e.status, reason });
    // Its notices (a rights event crossing 5 % / 20 %, the decision) are outbox rows of the same transaction.
    const { entry } = await changeStatus(pool, e.id, action, actorOf(req).name, reason, deps.now());
    res.status(200).json(recordTextsIn(entry, answerLocale(req, res)));
  }

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
        basisTemplate: item.basisTemplate,
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
    routes.propose.send(res, created ? 201 : 200, recordTextsIn(proposed, answerLocale(req, res)));
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
    const e = await entryFor(pool, req);
    const { entry, created } = await compensate(
      pool,
      e.id,
      { ...body, idempotencyKey: idempotencyKeyOf(req) },
      actorOf(req).name,
      deps.now(),
    );
    auditAs(res, 'ledger.compensate', entry.id, { compensates: e.id, amountFen: entry.amountFen, reason: body.reason });
    routes.compensate.send(res, created ? 201 : 200, recordTextsIn(entry, answerLocale(req, res)));
  });

  return r;
}
