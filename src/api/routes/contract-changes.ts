// What changes what is owed, by two persons (issue 12, finding 4; clause 3): a terms amendment
// or the contract's end is proposed by one key (POST .../amendments, POST .../end answer 202
// with the proposal, nothing changes yet) and takes effect when a second key approves it
// (src/security/second-person.ts): a key of the other party or a hospital approver. The new
// terms version or the end, the closed proposal and the audit row share one transaction.
// The proposal is checked when it is made (400/409 at once) and again when it is approved.
// Routes declared in contract-change-routes.ts.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import { afterContractAmended, afterContractEnded, summaryOf } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { answerLocale } from '../language';
import { mount } from '../route';
import type { PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import * as q from '../../db/queries/contracts';
import * as proposals from '../../db/queries/change-proposals';
import { amendContract, amendedTerms, contractView, endContract } from '../../services/contracts';
import { secondPersonRefusal } from '../../security/second-person';
import { contractChangeRoutes as routes } from './contract-change-routes';
import type { TermsOverrides } from '../../domain/terms';

const keyOf = (req: Request): proposals.KeyRef => {
  const a = actorOf(req);
  return { keyId: a.keyId, name: a.name, role: a.role };
};

export function contractChangesRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const contractOf = async (req: Request): Promise<q.ContractRow> => {
    const id = String(req.params.id);
    assertContractAccess(actorOf(req), id);
    const c = await q.findContract(pool, id);
    if (!c) throw notFound(`contract ${id}`);
    return c;
  };
  const open = async (req: Request) => {
    const c = await contractOf(req);
    const p = await proposals.findProposal(pool, c.id, String(req.params.proposalId));
    if (!p) throw notFound(`change proposal ${String(req.params.proposalId)} of contract ${c.id}`);
    if (p.status !== 'proposed')
      throw conflict(
        'PROPOSAL_DECIDED',
        `this proposal was ${p.status} by ${p.decidedBy?.name} at ${p.decidedAt}`,
        '3',
      );
    return { c, p };
  };
  const propose = async (req: Request, res: Response, kind: proposals.ChangeKind, body: object) => {
    const c = await contractOf(req);
    if (c.status === 'ended') throw conflict('CONTRACT_ENDED', `contract ${c.id} has ended (clause 3)`, '3');
    if (kind === 'amendment') await amendedTerms(pool, c, body as { effectiveAt: string; terms: TermsOverrides }); // refused now, not at approval
    const id = `chg_${randomUUID().slice(0, 12)}`;
    auditAs(res, `contract.${kind === 'end' ? 'end' : 'amend'}.propose`, c.id, { proposalId: id, ...body });
    const p = await inTransaction(pool, (tx) =>
      proposals.insertProposal(tx, { id, contractId: c.id, kind, body, by: keyOf(req) }),
    ); // with its audit row
    res.status(202).json({
      proposal: p,
      needs:
        'a second key approves it: POST /contracts/{id}/changes/{proposalId}/approve by a key of the other party or a hospital approver (clause 3)',
    });
  };

  mount(r, routes.amend, async (req, res) => {
    await propose(req, res, 'amendment', routes.amend.body(req));
  });
  mount(r, routes.end, async (req, res) => {
    const body = routes.end.body(req);
    await propose(req, res, 'end', {
      reason: body.reason,
      endedAt: body.endedAt ?? new Date(deps.now()).toISOString(),
    });
  });

  mount(r, routes.list, async (req, res) => {
    const c = await contractOf(req);
    res.json({ items: await proposals.listProposals(pool, c.id) });
  });

  mount(r, routes.approve, async (req, res) => {
    const { note } = routes.approve.body(req);
    const { c, p } = await open(req);
    const me = keyOf(req);
    const refusal = secondPersonRefusal(p.proposedBy, me);
    if (refusal) throw new HttpError(403, 'SECOND_PERSON', refusal, { clause: '3' });
    const closeIt = async (tx: PoolClient) => {
      if (!(await proposals.decideProposal(tx, p.id, 'approved', me, note ?? null)))
        throw conflict('PROPOSAL_DECIDED', 'another decision on this proposal came first', '3');
    };
    const who = { proposalId: p.id, proposedBy: p.proposedBy, approvedBy: me };
    if (p.kind === 'amendment') {
      const a = p.body as { effectiveAt: string; terms: TermsOverrides; reason: string };
      auditAs(res, 'contract.amend', c.id, { ...who, effectiveAt: a.effectiveAt });
      const { version, created } = await amendContract(
        pool,
        c.id,
        a,
        `${p.proposedBy.name} + ${me.name}`,
        `change:${p.id}`,
        closeIt,
      );
      const view = await contractView(pool, (await q.findContract(pool, c.id))!, deps.now(), answerLocale(req, res));
      await afterContractAmended(deps, summaryOf(view));
      res.status(created ? 201 : 200).json({
        version: version.version,
        effectiveAt: version.effectiveAt,
        terms: version.terms,
        reason: version.reason,
        contract: view,
        proposal: await proposals.findProposal(pool, c.id, p.id),
      });
      return;
    }
    const e = p.body as { reason: string; endedAt: string };
    auditAs(res, 'contract.end', c.id, { ...who, reason: e.reason });
    const ended = await endContract(pool, c.id, e.reason, `${p.proposedBy.name} + ${me.name}`, e.endedAt, closeIt);
    const view = await contractView(pool, ended, deps.now(), answerLocale(req, res));
    await afterContractEnded(deps, summaryOf(view));
    res.json({ ...view, proposal: await proposals.findProposal(pool, c.id, p.id) });
  });

  mount(r, routes.reject, async (req, res) => {
    const { reason } = routes.reject.body(req);
    const { c, p } = await open(req);
    const refusal = secondPersonRefusal(p.proposedBy, keyOf(req));
    if (refusal)
      throw new HttpError(403, 'SECOND_PERSON', refusal.replace('approves it', 'decides it'), { clause: '3' });
    auditAs(res, `contract.${p.kind === 'end' ? 'end' : 'amend'}.reject`, c.id, { proposalId: p.id, reason });
    if (!(await inTransaction(pool, (tx) => proposals.decideProposal(tx, p.id, 'rejected', keyOf(req), reason))))
      throw conflict('PROPOSAL_DECIDED', 'another decision on this proposal came first', '3');
    res.json({ proposal: await proposals.findProposal(pool, c.id, p.id) });
  });

  mount(r, routes.withdraw, async (req, res) => {
    const { reason } = routes.withdraw.body(req);
    const { c, p } = await open(req);
    if (p.proposedBy.keyId !== actorOf(req).keyId)
      throw new HttpError(403, 'FORBIDDEN', 'only the key that proposed a change withdraws it (clause 3)', {
        clause: '3',
      });
    auditAs(res, `contract.${p.kind === 'end' ? 'end' : 'amend'}.withdraw`, c.id, { proposalId: p.id, reason });
    if (!(await inTransaction(pool, (tx) => proposals.decideProposal(tx, p.id, 'withdrawn', keyOf(req), reason))))
      throw conflict('PROPOSAL_DECIDED', 'another decision on this proposal came first', '3');
    res.json({ proposal: await proposals.findProposal(pool, c.id, p.id) });
  });
  return r;
}
